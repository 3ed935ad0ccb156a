/**
 * The usage figures of the benchmark: what one metrics-server poll costs the server (read, parse, bucket), how
 * many rows the history writes per minute, and the store's size after one simulated day of 5-minute buckets
 * (written the way the recorder writes them: one batch per closed bucket), on a PGlite store of its own.
 */
import path from 'node:path';
import { defaultMigrationsDir, openDb } from '../lib/store/db';
import { usageSize, writeUsageBuckets } from '../lib/store/usage';
import { BucketAccumulator, BUCKET_SECONDS } from '../lib/usage/buckets';
import { parsePodMetrics } from '../lib/usage/parse';
import type { ClusterView } from '../lib/view/model';
import type { KubeClient } from './kube';

export interface UsageFigures {
  /** Pods in the poll. */
  pods: number;
  /** Wall and CPU time of one poll's parse and bucketing (the HTTP read excluded). */
  pollParseMs: number;
  pollCpuMs: number;
  pollBytes: number;
  /** Workload containers: one history row per 5 minutes each. */
  series: number;
  rowsPerMinute: number;
  /** One simulated day: rows, bytes on disk (table and index), and the time the writes took in all. */
  dayRows: number;
  dayBytes: number;
  dayWriteMs: number;
}

const DAY_BUCKETS = 86_400 / BUCKET_SECONDS;

export async function usagePhase(kube: KubeClient, view: ClusterView, dataDir: string): Promise<UsageFigures> {
  const r = await kube.request('GET', '/apis/metrics.k8s.io/v1beta1/pods', undefined, 'application/json', 60_000);
  if (r.status !== 200) throw new Error(`metrics-server: HTTP ${r.status}: ${r.text.slice(0, 200)}`);
  const workloads = new Map(view.pods.map((p) => [`${p.namespace}/${p.name}`, p.workload]));
  const acc = new BucketAccumulator();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const parsed = parsePodMetrics(JSON.parse(r.text));
  acc.add(parsed.items, (ns, name) => workloads.get(`${ns}/${name}`) ?? null);
  const pollParseMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const one = acc.drain(0, true);

  const db = await openDb({ backend: 'pglite', dataDir: path.join(dataDir, 'pglite'), migrationsDir: defaultMigrationsDir() });
  try {
    const start = Date.parse('2026-01-01T00:00:00Z');
    let writeMs = 0;
    for (let i = 0; i < DAY_BUCKETS; i++) {
      const at = new Date(start + i * BUCKET_SECONDS * 1000).toISOString();
      const batch = one.map((b) => ({ ...b, start: at }));
      const w0 = performance.now();
      await writeUsageBuckets('bench', batch, db);
      writeMs += performance.now() - w0;
    }
    const size = await usageSize(db);
    return {
      pods: parsed.items.length,
      pollParseMs,
      pollCpuMs: (cpu.user + cpu.system) / 1000,
      pollBytes: r.text.length,
      series: one.length,
      rowsPerMinute: one.length / (BUCKET_SECONDS / 60),
      dayRows: size.rows,
      dayBytes: size.bytes,
      dayWriteMs: writeMs,
    };
  } finally {
    await db.close();
  }
}
