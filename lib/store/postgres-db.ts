import 'server-only';
import type { Pool, PoolClient } from 'pg';
import type { Db } from './connection';

function clientDb(client: PoolClient): Db {
  const db: Db = {
    backend: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
    transaction: (fn) => fn(db),
    async close() {
      throw new Error('close the store, not a transaction');
    },
  };
  return db;
}

class PostgresDb implements Db {
  readonly backend = 'postgres';
  private closing: Promise<void> | undefined;

  constructor(private readonly pool: Pool) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  // PostgreSQL's COMMIT returns after the WAL is flushed (synchronous_commit is on by default).
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(clientDb(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      // A connection that cannot even roll back is discarded rather than returned to the pool.
      await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}

/** Connects to the PostgreSQL server at `url` and checks that it answers. */
export async function openPostgres(url: string): Promise<Db> {
  // Loaded here, not at import time, so that the PGlite path never loads the driver.
  const pg = await import('pg');
  const PoolClass = pg.Pool ?? pg.default.Pool;
  const pool = new PoolClass({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'farview',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool discards it and the next query opens a fresh one.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresDb(pool);
}
