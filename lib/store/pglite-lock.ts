import 'server-only';
import { promises as fs } from 'node:fs';
import { StoreError } from './errors';

/** A held lock; release() is idempotent. */
export interface DirLock {
  release(): Promise<void>;
}

// Locks held by this process. A lock file naming our own pid that is not in here was left by an
// earlier process that had the same pid (containers restart as pid 1), so it is stale.
const HELD = Symbol.for('farview.store.heldLocks');
function held(): Set<string> {
  const g = globalThis as typeof globalThis & { [HELD]?: Set<string> };
  g[HELD] ??= new Set();
  return g[HELD];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `lockPath` for this process. PGlite is a single-process database and does not stop a
 * second process from opening the same directory (both would write to it and corrupt it), so
 * the store guards it with a pid file. A lock left by a dead process (kill -9, a crash) is
 * taken over.
 */
export async function lockDataDir(lockPath: string, dataDir: string): Promise<DirLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      held().add(lockPath);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          held().delete(lockPath);
          await fs.rm(lockPath, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number.parseInt((await fs.readFile(lockPath, 'utf8').catch(() => '')).trim(), 10);
    const ours = owner === process.pid;
    if ((ours && held().has(lockPath)) || (!ours && owner > 0 && isAlive(owner))) {
      const who = ours ? 'this process already has it open' : `process ${owner} has it open`;
      throw new StoreError(
        'unavailable',
        `report store unavailable: the data directory ${dataDir} is in use (${who}); ` +
          `stop the other Farview, or set FARVIEW_DATA_DIR or DATABASE_URL (remove ${lockPath} if that process is not Farview)`,
      );
    }
    if (!(owner > 0)) {
      // No pid yet: another process may be between creating the file and writing it.
      const age = await fs.stat(lockPath).then((st) => Date.now() - st.mtimeMs, () => Infinity);
      if (age < 5_000) {
        throw new StoreError('unavailable', `report store unavailable: the data directory ${dataDir} is being opened by another process`);
      }
    }
    // Stale (dead owner, or no pid for a while): remove and try again.
    await fs.rm(lockPath, { force: true });
  }
  throw new StoreError('unavailable', `report store unavailable: could not lock ${lockPath}`);
}
