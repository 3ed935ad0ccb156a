// Test helpers: a throwaway store on each backend. PGlite lives in a fresh temp directory;
// PostgreSQL (when FARVIEW_TEST_DATABASE_URL is set) gets a fresh schema, selected through the
// connection URL's search_path so that the store's own SQL stays unqualified.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { defaultMigrationsDir, openDb, type Db, type StoreConfig } from '../db';

/** The PostgreSQL the tests may use, or undefined (the tests then skip with a visible reason). */
export const TEST_DATABASE_URL = process.env.FARVIEW_TEST_DATABASE_URL?.trim() || undefined;

/** Why the PostgreSQL tests were skipped, as a test title. */
export const POSTGRES_SKIP_REASON =
  'PostgreSQL backend skipped: FARVIEW_TEST_DATABASE_URL is not set (eval "$(bash scripts/ci-postgres.sh)" to run it)';

if (!TEST_DATABASE_URL) console.warn(POSTGRES_SKIP_REASON);

export type BackendName = 'pglite' | 'postgres';

/** The backends to run in this environment. */
export const BACKENDS: BackendName[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A throwaway store location; open() may be called again after closing (a restart). */
export interface TestStore {
  name: BackendName;
  config: StoreConfig;
  /** Environment that makes getDb() (in this or a child process) open this store. */
  env: Record<string, string>;
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

/** A store in a fresh temp dir (PGlite) or a fresh schema (PostgreSQL). */
export async function makeTestStore(name: BackendName, migrationsDir = defaultMigrationsDir()): Promise<TestStore> {
  if (name === 'pglite') {
    const root = await mkdtemp(path.join(os.tmpdir(), 'farview-store-'));
    await cp(await pgliteTemplate(), path.join(root, 'pglite'), { recursive: true });
    const config: StoreConfig = { backend: 'pglite', dataDir: path.join(root, 'pglite'), migrationsDir };
    return {
      name,
      config,
      env: { FARVIEW_DATA_DIR: root },
      open: () => openDb(config),
      dispose: () => rm(root, { recursive: true, force: true }),
    };
  }
  if (!TEST_DATABASE_URL) throw new Error(POSTGRES_SKIP_REASON);
  const schema = `farview_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const config: StoreConfig = { backend: 'postgres', url: url.toString(), migrationsDir };
  return {
    name,
    config,
    env: { DATABASE_URL: url.toString() },
    open: () => openDb(config),
    dispose: () => admin(`DROP SCHEMA ${schema} CASCADE`),
  };
}

// PGlite's initdb takes several seconds; a copy of one freshly initialised, cleanly closed,
// not yet migrated directory is the same starting point in a fraction of the time. The template
// is kept in the temp dir per PGlite version and published by rename, so parallel test workers
// and later runs share it.
let template: Promise<string> | undefined;
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const manifest = path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json');
    const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
    const target = path.join(os.tmpdir(), `farview-pglite-template-${version}`);
    if (existsSync(path.join(target, 'PG_VERSION'))) return target;
    const building = await mkdtemp(path.join(os.tmpdir(), 'farview-pglite-building-'));
    const pg = await PGlite.create(path.join(building, 'pglite'));
    await pg.close();
    try {
      await rename(path.join(building, 'pglite'), target);
    } catch (err) {
      // Another worker published it first.
      if (!existsSync(path.join(target, 'PG_VERSION'))) throw err;
    } finally {
      await rm(building, { recursive: true, force: true });
    }
    return target;
  })();
  return template;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
