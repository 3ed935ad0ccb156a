import 'server-only';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Db } from './connection';
import { StoreError, causeText } from './errors';

/** One schema step, read from `NNN_name.sql`. */
export interface Migration {
  version: number;
  /** The file name, e.g. `001_reports.sql`. */
  name: string;
  sql: string;
  /** sha256 of the SQL with line endings normalised, to notice edits to applied files. */
  checksum: string;
}

const FILE_NAME = /^(\d{3,})_[a-z0-9_]+\.sql$/;

// Two-key advisory lock ("farv", 1): every process that migrates takes it, so two replicas
// starting at once against one PostgreSQL apply each migration exactly once.
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(1717662326, 1)';

function unavailable(message: string, cause?: unknown): StoreError {
  return new StoreError('unavailable', `report store unavailable: ${message}`, { cause });
}

/**
 * Reads the migrations in `dir`, sorted by version. Every `.sql` file must be named
 * `NNN_lower_snake.sql` with a unique number.
 */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    throw unavailable(
      `cannot read the migrations in ${dir} (${causeText(err)}); start Farview from the repository root`,
      err,
    );
  }
  const migrations: Migration[] = [];
  for (const name of names.filter((n) => n.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(name);
    if (!match) throw unavailable(`migration file name ${name} is not NNN_lower_snake.sql`);
    const sql = (await fs.readFile(path.join(dir, name), 'utf8')).replace(/\r\n/g, '\n');
    const checksum = createHash('sha256').update(sql).digest('hex');
    migrations.push({ version: Number(match[1]), name, sql, checksum });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw unavailable(`migrations ${migrations[i - 1].name} and ${migrations[i].name} share a number`);
    }
  }
  if (migrations.length === 0) throw unavailable(`no migrations found in ${dir}`);
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction under
 * an advisory lock, and returns the versions it applied (empty when the schema was current).
 * A failing migration rolls everything back and throws. Versions recorded in the database but
 * unknown here (a newer build ran) are left alone so that older replicas keep working.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<number[]> {
  let current: Migration | undefined;
  try {
    return await db.transaction(async (tx) => {
      await tx.query(LOCK_SQL);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const rows = await tx.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations');
      const applied = new Map(rows.map((r) => [Number(r.version), r]));
      const done: number[] = [];
      for (const m of migrations) {
        const row = applied.get(m.version);
        if (row) {
          if (row.checksum !== m.checksum) {
            throw unavailable(
              `migration ${m.name} changed after it was applied (as ${row.name}); add a new migration instead of editing an applied one`,
            );
          }
          continue;
        }
        current = m;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        done.push(m.version);
        current = undefined;
      }
      return done;
    });
  } catch (err) {
    if (err instanceof StoreError) throw err;
    if (current) throw unavailable(`migration ${current.name} failed: ${causeText(err)}`, err);
    throw unavailable(causeText(err), err);
  }
}
