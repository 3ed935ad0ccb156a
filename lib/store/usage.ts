import 'server-only';
/**
 * The usage history (migration 004): buckets written in batches, merged when a bucket is written twice, read for
 * a window, and pruned past retention.
 */
import type { UsageBucket } from '../usage/types';
import { getDb, type Db } from './db';
import { guard } from './errors';
import { isoTime, safeInt, valuesPlaceholders } from './rows';

const WHAT = 'usage history';
/** Rows per INSERT, well under PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 1000;

const seriesKey = (b: Pick<UsageBucket, 'namespace' | 'workloadKind' | 'workloadName' | 'container'>) => [b.namespace, b.workloadKind, b.workloadName, b.container].join('\u0000');

/** Adds buckets to the history, merging with a bucket already stored for the same series and start. */
export async function writeUsageBuckets(context: string, buckets: readonly UsageBucket[], db?: Db): Promise<number> {
  if (!buckets.length) return 0;
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    await store.transaction(async (tx) => {
      // The series ids, new ones created: DO UPDATE (a no-op) so that RETURNING gives the existing rows too.
      const ids = new Map<string, number>();
      const series = [...new Map(buckets.map((b) => [seriesKey(b), b])).values()];
      for (let i = 0; i < series.length; i += BATCH_ROWS) {
        const part = series.slice(i, i + BATCH_ROWS);
        const rows = await tx.query<{ id: unknown; namespace: string; workload_kind: string; workload_name: string; container: string }>(
          `INSERT INTO usage_series (context, namespace, workload_kind, workload_name, container) VALUES ${valuesPlaceholders(part.length, 5)}
           ON CONFLICT (context, namespace, workload_kind, workload_name, container) DO UPDATE SET container = EXCLUDED.container
           RETURNING id, namespace, workload_kind, workload_name, container`,
          part.flatMap((b) => [context, b.namespace, b.workloadKind, b.workloadName, b.container]),
        );
        for (const r of rows) ids.set(seriesKey({ namespace: r.namespace, workloadKind: r.workload_kind, workloadName: r.workload_name, container: r.container }), safeInt(r.id));
      }
      for (let i = 0; i < buckets.length; i += BATCH_ROWS) {
        const part = buckets.slice(i, i + BATCH_ROWS);
        await tx.query(
          `INSERT INTO usage_buckets (series_id, bucket_start, samples, cpu_sum_milli, cpu_max_milli, mem_sum_bytes, mem_max_bytes)
           VALUES ${valuesPlaceholders(part.length, 7)}
           ON CONFLICT (series_id, bucket_start) DO UPDATE SET
             samples = usage_buckets.samples + EXCLUDED.samples,
             cpu_sum_milli = usage_buckets.cpu_sum_milli + EXCLUDED.cpu_sum_milli,
             cpu_max_milli = GREATEST(usage_buckets.cpu_max_milli, EXCLUDED.cpu_max_milli),
             mem_sum_bytes = usage_buckets.mem_sum_bytes + EXCLUDED.mem_sum_bytes,
             mem_max_bytes = GREATEST(usage_buckets.mem_max_bytes, EXCLUDED.mem_max_bytes)`,
          part.flatMap((b) => [ids.get(seriesKey(b)), b.start, b.samples, b.cpuSumMilli, b.cpuMaxMilli, b.memSumBytes, b.memMaxBytes]),
        );
      }
    });
    return buckets.length;
  });
}

interface BucketRow {
  namespace: string;
  workload_kind: string;
  workload_name: string;
  container: string;
  bucket_start: unknown;
  samples: unknown;
  cpu_sum_milli: unknown;
  cpu_max_milli: unknown;
  mem_sum_bytes: unknown;
  mem_max_bytes: unknown;
}

/** The buckets of a context that start in [since, until), optionally of one namespace. */
export async function readUsageBuckets(context: string, window: { since: string; until: string; namespace?: string }, db?: Db): Promise<UsageBucket[]> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const rows = await store.query<BucketRow>(
      `SELECT s.namespace, s.workload_kind, s.workload_name, s.container, b.bucket_start, b.samples, b.cpu_sum_milli, b.cpu_max_milli, b.mem_sum_bytes, b.mem_max_bytes
       FROM usage_series s JOIN usage_buckets b ON b.series_id = s.id
       WHERE s.context = $1 AND b.bucket_start >= $2::timestamptz AND b.bucket_start < $3::timestamptz AND ($4::text IS NULL OR s.namespace = $4::text)
       ORDER BY s.namespace, s.workload_kind, s.workload_name, s.container, b.bucket_start`,
      [context, window.since, window.until, window.namespace ?? null],
    );
    return rows.map((r) => ({
      namespace: r.namespace,
      workloadKind: r.workload_kind,
      workloadName: r.workload_name,
      container: r.container,
      start: isoTime(r.bucket_start),
      samples: Number(r.samples),
      cpuSumMilli: Number(r.cpu_sum_milli),
      cpuMaxMilli: Number(r.cpu_max_milli),
      memSumBytes: Number(r.mem_sum_bytes),
      memMaxBytes: Number(r.mem_max_bytes),
    }));
  });
}

/** Deletes buckets that started before `before` (every context), then series left empty; returns the buckets deleted. */
export async function pruneUsage(before: string, db?: Db): Promise<number> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    return store.transaction(async (tx) => {
      const rows = await tx.query<{ n: unknown }>(`WITH gone AS (DELETE FROM usage_buckets WHERE bucket_start < $1::timestamptz RETURNING 1) SELECT count(*) AS n FROM gone`, [before]);
      await tx.query(`DELETE FROM usage_series s WHERE NOT EXISTS (SELECT 1 FROM usage_buckets b WHERE b.series_id = s.id)`);
      return Number(rows[0]?.n ?? 0);
    });
  });
}

/** Rows and bytes the history takes (the table and its indexes), for the size figures. */
export async function usageSize(db?: Db): Promise<{ rows: number; bytes: number }> {
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [r] = await store.query<{ rows: unknown; bytes: unknown }>(
      `SELECT (SELECT count(*) FROM usage_buckets) AS rows, pg_total_relation_size('usage_buckets') + pg_total_relation_size('usage_series') AS bytes`,
    );
    return { rows: Number(r.rows), bytes: Number(r.bytes) };
  });
}
