import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultMigrationsDir, openDb, type Db } from './db';
import { StoreError } from './errors';
import { loadMigrations, migrate } from './migrate';
import { BACKENDS, makeTestStore, POSTGRES_SKIP_REASON, TEST_DATABASE_URL, type TestStore } from './test-support/backends';

// Opening PGlite takes seconds, and many more on a busy shared machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'farview-migrations-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A migrations folder holding the real migrations plus `extra` files. */
async function migrationsWith(name: string, extra: Record<string, string>): Promise<string> {
  const dir = path.join(scratch, name);
  await cp(defaultMigrationsDir(), dir, { recursive: true });
  for (const [file, sql] of Object.entries(extra)) await writeFile(path.join(dir, file), sql);
  return dir;
}

async function versions(db: Db): Promise<number[]> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => Number(r.version));
}

async function rejection(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

describe('loadMigrations', () => {
  it('reads the shipped migrations in order', async () => {
    const ms = await loadMigrations(defaultMigrationsDir());
    expect(ms.map((m) => [m.version, m.name])).toEqual([
      [1, '001_reports.sql'],
      [2, '002_audit.sql'],
      [3, '003_report_owner.sql'],
      [4, '004_usage.sql'],
      [5, '005_prices.sql'],
      [6, '006_cost_ledger.sql'],
    ]);
    for (const m of ms) expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a missing folder, a badly named file, a shared number and an empty folder', async () => {
    const missing = path.join(scratch, 'nowhere');
    expect((await rejection(loadMigrations(missing))).message).toMatch(
      new RegExp(`^report store unavailable: cannot read the migrations in ${missing} \\(ENOENT`),
    );
    const badName = await migrationsWith('bad-name', { '3-notes.sql': 'SELECT 1;' });
    expect((await rejection(loadMigrations(badName))).message).toBe(
      'report store unavailable: migration file name 3-notes.sql is not NNN_lower_snake.sql',
    );
    const shared = await migrationsWith('shared', { '002_other.sql': 'SELECT 1;' });
    expect((await rejection(loadMigrations(shared))).message).toBe(
      'report store unavailable: migrations 002_audit.sql and 002_other.sql share a number',
    );
    const empty = path.join(scratch, 'empty');
    await cp(defaultMigrationsDir(), empty, { recursive: true, filter: (src) => !src.endsWith('.sql') });
    expect((await rejection(loadMigrations(empty))).message).toBe(`report store unavailable: no migrations found in ${empty}`);
  });
});

if (!TEST_DATABASE_URL) it.skip(POSTGRES_SKIP_REASON, () => undefined);

describe.each(BACKENDS)('migrations on %s', (backend) => {
  const stores: TestStore[] = [];
  async function fresh(): Promise<TestStore> {
    const s = await makeTestStore(backend);
    stores.push(s);
    return s;
  }
  afterAll(async () => {
    for (const s of stores) await s.dispose();
  });

  it('applies each migration once, however often the store is opened', async () => {
    const store = await fresh();
    let db = await store.open();
    expect(await versions(db)).toEqual([1, 2, 3, 4, 5, 6]);
    const firstApplied = await db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version');
    await db.close();

    db = await store.open();
    try {
      expect(await db.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).toEqual(firstApplied);
      expect(await migrate(db, await loadMigrations(defaultMigrationsDir()))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('applies a new migration on the next start', async () => {
    const store = await fresh();
    await (await store.open()).close();
    const dir = await migrationsWith(`${backend}-new`, { '007_notes.sql': 'CREATE TABLE notes (body text NOT NULL);' });
    const db = await openDb({ ...store.config, migrationsDir: dir });
    try {
      expect(await versions(db)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      await db.query(`INSERT INTO notes (body) VALUES ('x')`);
    } finally {
      await db.close();
    }
  });

  it('rolls a failed migration back completely and says which file failed', async () => {
    const store = await fresh();
    const dir = await migrationsWith(`${backend}-bad`, {
      '007_broken.sql': 'CREATE TABLE notes (body text);\nSELECT no_such_function();',
    });
    const err = await rejection(openDb({ ...store.config, migrationsDir: dir }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/^report store unavailable: migration 007_broken\.sql failed: function no_such_function\(\) does not exist/);

    // Nothing of that run stayed: not 001 to 006, not the table 007 created before failing.
    const db = await store.open();
    try {
      expect(await versions(db)).toEqual([1, 2, 3, 4, 5, 6]);
      const [row] = await db.query<{ t: string | null }>(`SELECT to_regclass('notes')::text AS t`);
      expect(row.t).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('refuses to start when an applied migration was edited', async () => {
    const store = await fresh();
    await (await store.open()).close();
    const dir = path.join(scratch, `${backend}-edited`);
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    await writeFile(path.join(dir, '002_audit.sql'), 'CREATE TABLE audit_log (id int);');
    const err = await rejection(openDb({ ...store.config, migrationsDir: dir }));
    expect(err.message).toBe(
      'report store unavailable: migration 002_audit.sql changed after it was applied (as 002_audit.sql); add a new migration instead of editing an applied one',
    );
  });

  if (backend === 'postgres') {
    it('applies each migration exactly once when four servers start at the same moment', async () => {
      const store = await fresh();
      const dbs = await Promise.all(Array.from({ length: 4 }, () => store.open()));
      try {
        expect(await versions(dbs[0])).toEqual([1, 2, 3, 4, 5, 6]);
      } finally {
        await Promise.all(dbs.map((d) => d.close()));
      }
    });
  }
});
