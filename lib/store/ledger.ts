import 'server-only';
/**
 * The cost ledger's rows (migration 006): entries written in batches (an entry written again, closed now, replaces
 * its open self), read for a range, closed at a restart, and pruned past retention; and how far each context's
 * recording reached.
 */
import type { EntryKind, LedgerEntry } from '../ledger/types';
import { getDb, type Db } from './db';
import { guard } from './errors';
import { isoTime, valuesPlaceholders } from './rows';

const WHAT = 'cost ledger';
/** Rows per INSERT: 18 parameters each, well under PostgreSQL's 65,535; fewer, larger statements cost PGlite less. */
const BATCH_ROWS = 2000;
const COLUMNS = ['context', 'id', 'subject', 'kind', 'name', 'namespace', 'workload', 'profile', 'pool', 'capacity_type', 'node', 'instance_type', 'rate_usd', 'fee_usd', 'start_at', 'end_at', 'minimum_seconds', 'reconstructed_until'] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Writes entries; one already stored under its id is replaced (an open entry becoming closed). */
export async function writeLedgerEntries(context: string, entries: readonly LedgerEntry[], db?: Db): Promise<number> {
  if (!entries.length) return 0;
  // The last write of an id in a batch wins; one INSERT may not name a row twice.
  const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    await store.transaction(async (tx) => {
      for (let i = 0; i < unique.length; i += BATCH_ROWS) {
        const part = unique.slice(i, i + BATCH_ROWS);
        await tx.query(
          `INSERT INTO cost_entries (${COLUMNS.join(', ')}) VALUES ${valuesPlaceholders(part.length, COLUMNS.length)}
           ON CONFLICT (context, id) DO UPDATE SET end_at = EXCLUDED.end_at`,
          part.flatMap((e) => [context, e.id, e.subject, e.kind, e.name, e.namespace, e.workload, e.profile, e.pool, e.capacityType, e.node, e.instanceType, e.rateUSD, e.feeUSD, iso(e.start), iso(e.end), e.minimumSeconds, iso(e.reconstructedUntil)]),
        );
      }
    });
    return unique.length;
  });
}

interface EntryRow {
  id: string;
  subject: string;
  kind: string;
  name: string;
  namespace: string | null;
  workload: string | null;
  profile: string | null;
  pool: string | null;
  capacity_type: string | null;
  node: string | null;
  instance_type: string | null;
  rate_usd: unknown;
  fee_usd: unknown;
  start_at: unknown;
  end_at: unknown;
  minimum_seconds: unknown;
  reconstructed_until: unknown;
}

/** The entries of a context that overlap [from, to) (epoch ms), or end in it. */
export async function readLedger(context: string, range: { from: number; to: number }, db?: Db): Promise<LedgerEntry[]> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const rows = await store.query<EntryRow>(
      `SELECT ${COLUMNS.slice(1).join(', ')} FROM cost_entries
       WHERE context = $1 AND start_at < $3::timestamptz AND (end_at IS NULL OR end_at >= $2::timestamptz)`,
      [context, iso(range.from), iso(range.to)],
    );
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      kind: r.kind as EntryKind,
      name: r.name,
      namespace: r.namespace,
      workload: r.workload,
      profile: r.profile,
      pool: r.pool,
      capacityType: r.capacity_type,
      node: r.node,
      instanceType: r.instance_type,
      rateUSD: Number(r.rate_usd),
      feeUSD: Number(r.fee_usd),
      start: Date.parse(isoTime(r.start_at)),
      end: r.end_at === null || r.end_at === undefined ? null : Date.parse(isoTime(r.end_at)),
      minimumSeconds: Number(r.minimum_seconds),
      reconstructedUntil: r.reconstructed_until === null || r.reconstructed_until === undefined ? null : Date.parse(isoTime(r.reconstructed_until)),
    }));
  });
}

/** How far the context's recording reached (epoch ms), or null when it never recorded. */
export async function ledgerCoveredUntil(context: string, db?: Db): Promise<number | null> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [row] = await store.query<{ covered_until: unknown }>('SELECT covered_until FROM ledger_state WHERE context = $1', [context]);
    return row ? Date.parse(isoTime(row.covered_until)) : null;
  });
}

/** Records how far the recording reached. */
export async function setLedgerCoveredUntil(context: string, at: number, db?: Db): Promise<void> {
  await guard(WHAT, async () => {
    const store = db ?? (await getDb());
    await store.query(
      `INSERT INTO ledger_state (context, covered_until) VALUES ($1, $2::timestamptz)
       ON CONFLICT (context) DO UPDATE SET covered_until = GREATEST(ledger_state.covered_until, EXCLUDED.covered_until)`,
      [context, iso(at)],
    );
  });
}

/** Closes the entries a stopped run left open at the moment its recording reached; returns how many. */
export async function closeOpenLedgerEntries(context: string, at: number, db?: Db): Promise<number> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const rows = await store.query<{ n: unknown }>(
      `WITH closed AS (UPDATE cost_entries SET end_at = GREATEST(start_at, $2::timestamptz) WHERE context = $1 AND end_at IS NULL RETURNING 1) SELECT count(*) AS n FROM closed`,
      [context, iso(at)],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** Deletes entries that ended before `before` (every context); returns how many. */
export async function pruneLedger(before: number, db?: Db): Promise<number> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const rows = await store.query<{ n: unknown }>(`WITH gone AS (DELETE FROM cost_entries WHERE end_at < $1::timestamptz RETURNING 1) SELECT count(*) AS n FROM gone`, [iso(before)]);
    return Number(rows[0]?.n ?? 0);
  });
}

/** Rows and bytes the ledger takes (table and indexes), for the size figures. */
export async function ledgerSize(db?: Db): Promise<{ rows: number; bytes: number }> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [r] = await store.query<{ rows: unknown; bytes: unknown }>(`SELECT (SELECT count(*) FROM cost_entries) AS rows, pg_total_relation_size('cost_entries') AS bytes`);
    return { rows: Number(r.rows), bytes: Number(r.bytes) };
  });
}
