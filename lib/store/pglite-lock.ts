import 'server-only';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { StoreError } from './errors';

/** A held lock; release() is idempotent. */
export interface DirLock {
  release(): Promise<void>;
}

/** How often the holder touches its lock file, and how old a touch may be before another host takes over. */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

interface Owner {
  pid: number;
  /** os.hostname() of the holder: a container's own name, so pid 1 of two containers are told apart. */
  host: string | null;
  token: string | null;
}

// Locks held by this process, by path, with the token written into each.
const HELD = Symbol.for('farview.store.heldLocks.v2');
function held(): Map<string, string> {
  const g = globalThis as typeof globalThis & { [HELD]?: Map<string, string> };
  g[HELD] ??= new Map();
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

/** The lock file's owner: JSON {pid, host, token}, or a bare pid as earlier versions wrote it. */
function parseOwner(text: string): Owner {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (typeof o === 'object' && o !== null && typeof o.pid === 'number') return { pid: o.pid, host: typeof o.host === 'string' ? o.host : null, token: typeof o.token === 'string' ? o.token : null };
  } catch {
    // not JSON: a bare pid, or a file being written
  }
  return { pid: Number.parseInt(text.trim(), 10), host: null, token: null };
}

/**
 * Takes `lockPath` for this process. PGlite is a single-process database and does not stop a second process from
 * opening the same directory (both would write to it and corrupt it), so one data directory serves one Farview
 * process: a lock file names the holder (pid, host name, a random token) and the holder touches it every 10 s.
 * On the same host a dead pid, or our own pid that this process does not hold (a restarted container's pid 1),
 * is stale; from another host (a shared volume) only a lock untouched for 30 s is, since its pid means nothing here.
 */
export async function lockDataDir(lockPath: string, dataDir: string): Promise<DirLock> {
  const me = hostname();
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = randomBytes(12).toString('hex');
    try {
      await fs.writeFile(lockPath, `${JSON.stringify({ pid: process.pid, host: me, token })}\n`, { flag: 'wx' });
      held().set(lockPath, token);
      const beat = setInterval(() => {
        const t = new Date();
        fs.utimes(lockPath, t, t).catch(() => undefined);
      }, HEARTBEAT_MS);
      beat.unref();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          clearInterval(beat);
          held().delete(lockPath);
          await fs.rm(lockPath, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = parseOwner(await fs.readFile(lockPath, 'utf8').catch(() => ''));
    const age = await fs.stat(lockPath).then((st) => Date.now() - st.mtimeMs, () => Infinity);
    const inUse = (who: string) =>
      new StoreError(
        'unavailable',
        `report store unavailable: the data directory ${dataDir} is in use (${who}); one data directory serves one Farview: ` +
          `stop the other, or set FARVIEW_DATA_DIR or DATABASE_URL (remove ${lockPath} if that process is not Farview)`,
      );
    if (!(owner.pid > 0)) {
      // No owner yet: another process may be between creating the file and writing it.
      if (age < 5_000) throw new StoreError('unavailable', `report store unavailable: the data directory ${dataDir} is being opened by another process`);
    } else if (owner.host !== null && owner.host !== me) {
      if (age < STALE_AFTER_MS) throw inUse(`process ${owner.pid} on host ${owner.host} has it open`);
    } else if (owner.pid === process.pid) {
      if (held().has(lockPath)) throw inUse('this process already has it open');
    } else if (isAlive(owner.pid)) {
      throw inUse(`process ${owner.pid} has it open`);
    }
    // Stale: remove and try again.
    await fs.rm(lockPath, { force: true });
  }
  throw new StoreError('unavailable', `report store unavailable: could not lock ${lockPath}`);
}
