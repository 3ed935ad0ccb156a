import 'server-only';
import { promises as fs } from 'node:fs';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db } from './connection';
import { PgliteDurability } from './pglite-durability';
import { lockDataDir, type DirLock } from './pglite-lock';

const READ_ONLY = /^\s*SELECT\b/i;

// Inside a transaction: same SQL surface, no durability work until the outer commit.
function transactionDb(tx: Transaction): Db {
  const db: Db = {
    backend: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await tx.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    transaction: (fn) => fn(db),
    async close() {
      throw new Error('close the store, not a transaction');
    },
  };
  return db;
}

class PgliteDb implements Db {
  readonly backend = 'pglite';
  private syncing: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly pg: PGlite,
    private readonly durability: PgliteDurability,
    private readonly lock: DirLock,
  ) {}

  // One sync at a time: each is cheap, and serial marks are easy to reason about.
  private durable(): Promise<void> {
    const next = this.syncing.then(() => this.durability.afterWrite());
    this.syncing = next.catch(() => undefined);
    return next;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pg.query<T>(sql, params);
    // A plain read has nothing to make durable (the next write syncs whatever it logged).
    if (!READ_ONLY.test(sql)) await this.durable();
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
    await this.durable();
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const out = await this.pg.transaction((tx) => fn(transactionDb(tx)));
    await this.durable();
    return out;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.pg.close();
        await this.syncing;
        await this.durability.syncAll();
      } finally {
        await this.lock.release();
      }
    })();
    return this.closing;
  }
}

/**
 * Opens (creating if needed) the PGlite database in `dataDir`, locked to this process.
 * relaxedDurability is off, so queries resolve only after PGlite's own file sync; on Node that
 * is a no-op, and PgliteDurability does the fsyncs instead.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  await fs.mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(`${dataDir}.lock`, dataDir);
  try {
    // Loaded here, not at import time: `next build` and the PostgreSQL path never load the WASM.
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = await PGlite.create(dataDir, { relaxedDurability: false });
    return new PgliteDb(pg, new PgliteDurability(dataDir), lock);
  } catch (err) {
    await lock.release();
    throw err;
  }
}
