/**
 * A simulated day of usage history: the simulator runs at 2,880× (a day in 30 s), the server polls its
 * metrics-server and keeps 5-minute buckets in a real store, and the buckets give the p95 and peak of the
 * simulator's own curve. The expected values are worked by hand from the pattern the simulator documents
 * (sim/usage/patterns.ts, "daily": CPU = request × (0.4 + 0.3 sin(2π t / 24 h)), memory 40 % of the request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../../sim/harness';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';
import { makeTestStore, type TestStore } from '../store/test-support/backends';
import type { Db } from '../store/db';
import { readUsageBuckets, usageSize, writeUsageBuckets, pruneUsage } from '../store/usage';
import { nearestRank, recommendAll, DEFAULT_RULE } from '../usage/recommend';
import { workloadInputs } from '../usage/workloads';
import type { ClusterSource } from './cluster-source';

const SPEED = 2880;
const DAY_MS = 86_400_000;
const MI = 1024 * 1024;

let sim: Sim;
let store: TestStore;
let db: Db;
let source: ClusterSource;
let startedAt: number;

beforeAll(async () => {
  store = await makeTestStore('pglite');
  db = await store.open();
  sim = await startSim({ scenario: 'eksworkshop', speed: SPEED, seed: 3 });
  const node = sim.ctx.store.list('Node').find((n) => !n.metadata.name.startsWith('fargate-'))!;
  const t = sim.ctx.now().toISOString();
  // A bare pod on an EC2 node that follows the daily cycle, far above what it needs at night.
  sim.ctx.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'daily-web', namespace: 'default', creationTimestamp: t, annotations: { 'sim.farview.dev/usage': 'daily' } },
    spec: { nodeName: node.metadata.name, containers: [{ name: 'web', image: 'nginx:1.25', resources: { requests: { cpu: '500m', memory: '512Mi' } } }] },
    status: { phase: 'Running', startTime: t, containerStatuses: [{ name: 'web', ready: true, restartCount: 0, image: 'nginx:1.25', state: { running: { startedAt: t } } }] },
  });
  source = sourceFor(sim, { metricsPollMs: 100, usageHistory: { write: (b) => writeUsageBuckets(sim.ctx.clusterName, b, db), prune: (before) => pruneUsage(before, db) } });
  source.start();
  await source.ready(15_000);
  // metrics-server's clock runs SPEED times faster than the wall clock: the samples' own times tell the day.
  startedAt = Date.parse(await waitFor('a first sample', () => source.historyState()?.latestSample ?? undefined));
}, 120_000);

const latest = () => Date.parse(source.historyState()?.latestSample ?? '') || 0;

afterAll(async () => {
  await source?.stop();
  await sim?.stop();
  await db?.close();
  await store?.dispose();
});

describe('a simulated day of usage history', () => {
  it('stores buckets whose p95 and peak are those of the simulated curve', async () => {
    await waitFor('a simulated day', () => latest() - startedAt > DAY_MS + 600_000, 90_000, 500);
    await source.flushHistory();
    const state = source.historyState()!;
    expect(state.problem).toBeNull();
    expect(state.dropped).toBe(0);
    const until = new Date(latest() + 300_000).toISOString();
    const buckets = (await readUsageBuckets(sim.ctx.clusterName, { since: new Date(startedAt - 300_000).toISOString(), until, namespace: 'default' }, db)).filter(
      (b) => b.workloadName === 'daily-web',
    );
    expect(buckets.every((b) => b.workloadKind === 'Pod' && b.container === 'web')).toBe(true);
    // A poll every 100 ms is 288 simulated seconds: about one sample per 5-minute bucket, ~290 in a day.
    expect(buckets.length).toBeGreaterThan(200);
    const day = buckets;
    const means = day.map((b) => b.cpuSumMilli / b.samples);
    // Peak of 500m × (0.4 + 0.3 sin): 350m. p95 of a sine over whole periods: sin(0.45π) = 0.98769 → 348.15m.
    expect(Math.max(...day.map((b) => b.cpuMaxMilli))).toBeGreaterThan(350 * 0.995);
    expect(Math.max(...day.map((b) => b.cpuMaxMilli))).toBeLessThanOrEqual(350 + 1e-6);
    expect(nearestRank(means, 0.95)).toBeGreaterThan(348.15 * 0.98);
    expect(nearestRank(means, 0.95)).toBeLessThan(348.15 * 1.02);
    // Memory: 40 % of 512 MiB in whole KiB = 209,715 KiB.
    expect(Math.max(...day.map((b) => b.memMaxBytes))).toBe(209_715 * 1024);
    const size = await usageSize(db);
    expect(size.rows).toBeGreaterThanOrEqual(buckets.length);
  }, 120_000);

  it('recommends requests for the cycling pod from that day, and none for a workload with too little history', async () => {
    const { view } = source.snapshot();
    const inputs = workloadInputs(view.pods.filter((p) => p.namespace === 'default'), (ns, name) => source.podSizing(ns, name)?.containers ?? null, (ns, name) => source.getPodObject(ns, name));
    const until = new Date(latest() + 300_000).toISOString();
    const since = new Date(startedAt - 300_000).toISOString();
    const buckets = await readUsageBuckets(sim.ctx.clusterName, { since, until }, db);
    const rule = { ...DEFAULT_RULE, minSamples: 96 };
    const [rec] = recommendAll(inputs, buckets, { window: { since, until }, prices: null, rule });
    expect(rec.workload).toEqual({ namespace: 'default', kind: 'Pod', name: 'daily-web' });
    expect(rec.kind).toBe('recommendation');
    if (rec.kind !== 'recommendation') return;
    const [c] = rec.containers;
    // p95 × 1.15 rounded up to 5m: ~348m × 1.15 = ~400m; memory peak 204.8 MiB × 1.2 → 248 MiB (4 MiB steps).
    expect(c.recommended.cpuMillis).toBeGreaterThanOrEqual(390);
    expect(c.recommended.cpuMillis).toBeLessThanOrEqual(410);
    expect(c.recommended.memoryBytes).toBe(248 * MI);
    expect(c.evidence?.samples).toBe(c.evidence?.buckets);
    // The same history, asked to cover two days, is not enough.
    const strict = recommendAll(inputs, buckets, { window: { since, until }, prices: null, rule: { ...rule, minSpanHours: 48 } });
    expect(strict[0].kind).toBe('insufficient');
  }, 60_000);
});
