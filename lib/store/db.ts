import 'server-only';
import path from 'node:path';
import type { Db } from './connection';
import { setting, type ConfigError } from '../server/config';
import { StoreError, causeText } from './errors';
import { loadMigrations, migrate } from './migrate';
import { openPglite } from './pglite-db';
import { openPostgres } from './postgres-db';

export type { Db } from './connection';

/** Where the store lives. */
export type StoreConfig =
  | { backend: 'pglite'; dataDir: string; migrationsDir: string }
  | { backend: 'postgres'; url: string; migrationsDir: string };

/**
 * Migrations are read at runtime from `<cwd>/lib/store/migrations`. Bundlers rewrite
 * `__dirname` and `import.meta.url`, while `next start`, `next dev`, tsx and vitest all run from
 * the repository root, so the working directory is the one path that holds everywhere.
 */
export function defaultMigrationsDir(cwd: string = process.cwd()): string {
  return path.join(cwd, 'lib', 'store', 'migrations');
}

/**
 * Reads the store configuration: PostgreSQL when DATABASE_URL is set, otherwise PGlite in
 * `$FARVIEW_DATA_DIR/pglite` (FARVIEW_DATA_DIR defaults to `./.farview`).
 */
export function storeConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): StoreConfig {
  const migrationsDir = defaultMigrationsDir(cwd);
  let url: string | undefined;
  try {
    url = setting(env, 'DATABASE_URL');
  } catch (e) {
    throw new StoreError('invalid_input', `DATABASE_URL ${(e as ConfigError).why}`);
  }
  if (url) return { backend: 'postgres', url, migrationsDir };
  const dataRoot = path.resolve(cwd, setting(env, 'FARVIEW_DATA_DIR'));
  return { backend: 'pglite', dataDir: path.join(dataRoot, 'pglite'), migrationsDir };
}

/**
 * Opens a store and brings its schema up to date before returning it. Use getDb() in the
 * app; this is for tools and tests that need their own handle.
 */
export async function openDb(config: StoreConfig): Promise<Db> {
  const migrations = await loadMigrations(config.migrationsDir);
  let db: Db;
  try {
    db = config.backend === 'postgres' ? await openPostgres(config.url) : await openPglite(config.dataDir);
  } catch (err) {
    // Whatever stops the open (no server, bad password, a locked data dir) means "unavailable".
    if (err instanceof StoreError) throw err;
    throw new StoreError('unavailable', `report store unavailable: ${causeText(err)}`, { cause: err });
  }
  try {
    await migrate(db, migrations);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

// One store per process, shared by every route bundle and by dev reloads.
const REGISTRY = Symbol.for('farview.store.registry');
interface Registry {
  opening?: Promise<Db>;
}

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  g[REGISTRY] ??= {};
  return g[REGISTRY];
}

/**
 * The process-wide store, opened (and migrated) on first use from the environment. A failed
 * open is not cached: the next call tries again.
 */
export function getDb(): Promise<Db> {
  const reg = registry();
  if (!reg.opening) {
    const opening = (async () => openDb(storeConfigFromEnv()))();
    reg.opening = opening;
    opening.catch(() => {
      if (reg.opening === opening) reg.opening = undefined;
    });
  }
  return reg.opening;
}

/** Closes the process-wide store if it was opened; the next getDb() opens it again. */
export async function closeDb(): Promise<void> {
  const reg = registry();
  const opening = reg.opening;
  reg.opening = undefined;
  if (!opening) return;
  const db = await opening.catch(() => undefined);
  await db?.close();
}
