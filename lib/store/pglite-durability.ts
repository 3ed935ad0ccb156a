import 'server-only';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/*
 * Why this file exists. PGlite runs PostgreSQL in WebAssembly with `-F` (fsync off), and the
 * Emscripten NODEFS layer it writes through has no fsync at all. A commit therefore reaches the
 * operating system (a synchronous write) before the query resolves, which survives a crash of
 * our process, but nothing forces it onto the disk, so a power cut or kernel crash could lose
 * it. We narrow that gap from Node: after a write we fsync the WAL segments touched since the
 * previous sync (the commit record is then on disk and replayed on the next start), and when
 * PostgreSQL has written a checkpoint (pg_control changed) or the database closes, we fsync the
 * whole data directory, because after a checkpoint recovery starts from the data files. What
 * stays open is the moment between a checkpoint and our sync of it; PostgreSQL proper
 * (DATABASE_URL) has no such gap.
 */

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

// PostgreSQL removes and recycles files (old WAL, temp files) while we walk: a file that has
// vanished needs no sync.
async function fsyncPath(p: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(p, 'r');
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncTree(dir: string): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    if (isMissing(err)) return [];
    throw err;
  });
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await fsyncTree(p);
    else if (e.isFile()) await fsyncPath(p);
  }
  await fsyncPath(dir);
}

/** Makes what PGlite wrote to `dataDir` durable; see the note at the top of this file. */
export class PgliteDurability {
  private readonly walDir: string;
  private readonly controlFile: string;
  // Newest WAL mtime already synced; segments at or after it are synced again (cheap when clean).
  private walMark = 0;
  private controlMark = -1;

  constructor(private readonly dataDir: string) {
    this.walDir = path.join(dataDir, 'pg_wal');
    this.controlFile = path.join(dataDir, 'global', 'pg_control');
  }

  /** Called after every statement outside a transaction and after every commit. */
  async afterWrite(): Promise<void> {
    const control = (await fs.stat(this.controlFile)).mtimeMs;
    if (control !== this.controlMark) {
      await this.syncAll();
      this.controlMark = control;
      return;
    }
    let newest = this.walMark;
    let synced = false;
    for (const name of await fs.readdir(this.walDir)) {
      if (!WAL_SEGMENT.test(name)) continue;
      const p = path.join(this.walDir, name);
      const mtime = await fs.stat(p).then(
        (st) => st.mtimeMs,
        (err: unknown) => {
          if (isMissing(err)) return -1;
          throw err;
        },
      );
      if (mtime < this.walMark) continue;
      await fsyncPath(p);
      synced = true;
      newest = Math.max(newest, mtime);
    }
    // A new segment is only durable once its directory entry is.
    if (synced) await fsyncPath(this.walDir);
    this.walMark = newest;
  }

  /** Fsyncs every file of the data directory (after a checkpoint and at close). */
  async syncAll(): Promise<void> {
    const started = Date.now();
    await fsyncTree(this.dataDir);
    this.walMark = Math.max(this.walMark, started - 1);
  }
}
