import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseRange } from '../ledger/range';
import { startSim } from '../../sim/harness';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';
import type { Db } from '../store/db';
import { closeOpenLedgerEntries, ledgerCoveredUntil, pruneLedger, readLedger, setLedgerCoveredUntil, writeLedgerEntries } from '../store/ledger';
import { makeTestStore, type TestStore } from '../store/test-support/backends';
import type { ClusterSource } from './cluster-source';
import { costRangeFor } from './cost-range';

// The cost ledger kept by a live source against the simulator, in a real store (PGlite): a pod that ran and is gone
// still counts, and a restart leaves the past as it was.

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let sim: Sim;
let store: TestStore;
let db: Db;

const ledgerOf = (context: string) => ({
  write: (e: Parameters<typeof writeLedgerEntries>[1]) => writeLedgerEntries(context, e, db),
  coveredUntil: () => ledgerCoveredUntil(context, db),
  setCoveredUntil: (at: number) => setLedgerCoveredUntil(context, at, db),
  closeOpen: (at: number) => closeOpenLedgerEntries(context, at, db),
  prune: (before: number) => pruneLedger(before, db),
});

async function started(): Promise<ClusterSource> {
  const s = sourceFor(sim, { ledger: ledgerOf(sim.ctx.clusterName), ledgerTickMs: 3_600_000 });
  s.start();
  await s.ready(20_000);
  await s.startLedger();
  expect(s.ledgerStatus()?.recordingSince).not.toBeNull();
  return s;
}

const range = (spec: string) => {
  const r = parseRange(spec, Date.now()).range;
  if (!r) throw new Error(spec);
  return r;
};

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', seed: 3 });
  store = await makeTestStore('pglite');
  db = await store.open();
}, 60_000);

afterAll(async () => {
  await db?.close();
  await store?.dispose();
  await sim?.stop();
});

describe('the cost ledger of a live cluster', () => {
  let first: ClusterSource;
  let pastTotal = 0;
  let past: { from: number; to: number };

  it('counts a pod that ran and is gone in the last hour’s cost, at its Fargate price', async () => {
    first = await started();
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({
      namespace: 'test2-fargate',
      body: { metadata: { name: 'report-job-1', labels: { app: 'report' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', resources: { requests: { cpu: '250m', memory: '256Mi' } } }] } },
    });
    const pod = await waitFor('the pod to run on Fargate', () => first.snapshot().view.pods.find((p) => p.name === 'report-job-1' && p.placement === 'fargate' && p.hourlyUSD > 0), 60_000);
    await first.recordCost();
    await core.deleteNamespacedPod({ name: 'report-job-1', namespace: 'test2-fargate', gracePeriodSeconds: 0 });
    await waitFor('the pod to be gone', () => !first.snapshot().view.pods.some((p) => p.name === 'report-job-1'), 30_000);
    await first.recordCost();

    const hour = await costRangeFor(first, range('1h'), { by: 'pod', ns: 'test2-fargate', place: 'all' }, db);
    const row = hour.groups.find((g) => g.label === 'test2-fargate/report-job-1');
    expect(row).toBeDefined();
    // It ran less than a minute here: Fargate bills the one-minute minimum of its size.
    const entries = (await readLedger(sim.ctx.clusterName, { from: Date.now() - 3_600_000, to: Date.now() }, db)).filter((e) => e.name === 'report-job-1');
    expect(entries, JSON.stringify(entries)).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'fargate', rateUSD: pod.hourlyUSD, reconstructedUntil: null, minimumSeconds: 60 });
    const lived = ((entries[0].end ?? 0) - entries[0].start) / 1000;
    expect(row?.accruedUSD).toBeCloseTo((pod.hourlyUSD * Math.max(60, lived)) / 3600, 9);
    // The groups add up to the total, and the chart to the table.
    expect(hour.groups.reduce((s, g) => s + g.accruedUSD, 0)).toBeCloseTo(hour.total.accruedUSD, 9);
    const charted = hour.series.groups.reduce((s, g) => s + g.usd.reduce((a, b) => a + b, 0), 0);
    expect(charted).toBeCloseTo(hour.total.accruedUSD, 9);
  });

  it('after a restart the past ranges cost what they cost before, and the time it was down is marked', async () => {
    await first.recordCost();
    const now = Date.now();
    past = { from: now - 2 * 3_600_000, to: now - 1000 };
    const before = await costRangeFor(first, { ...range('1h'), from: past.from, to: past.to, spec: 'past' }, { by: 'namespace', ns: null, place: 'all' }, db);
    pastTotal = before.total.accruedUSD;
    expect(pastTotal).toBeGreaterThan(0);
    const reached = first.ledgerStatus()?.coveredUntil ?? NaN;
    await first.stop();
    await new Promise((r) => setTimeout(r, 1500));

    const second = await started();
    try {
      await second.recordCost();
      const after = await costRangeFor(second, { ...range('1h'), from: past.from, to: past.to, spec: 'past' }, { by: 'namespace', ns: null, place: 'all' }, db);
      expect(after.total.accruedUSD).toBeCloseTo(pastTotal, 9);
      // The gap between the two runs was filled in from what the cluster still showed, and says so: for each thing
      // still billed, an entry from where the first run reached, filled in up to where the second began.
      const resumed = second.ledgerStatus()?.recordingSince ?? NaN;
      const gap = (await readLedger(sim.ctx.clusterName, { from: reached, to: resumed }, db)).filter((e) => e.start === reached && e.reconstructedUntil === resumed);
      const billedNow = second.snapshot().view.pods.filter((p) => p.hourlyUSD > 0 && (p.placement === 'fargate' || p.placement === 'ec2')).length;
      expect(gap.filter((e) => e.kind === 'fargate' || e.kind === 'ec2-pod')).toHaveLength(billedNow);
      expect(gap.every((e) => e.end === null)).toBe(true);
      const recent = await costRangeFor(second, { ...range('1h'), from: reached, to: resumed, spec: 'gap' }, { by: 'namespace', ns: null, place: 'all' }, db);
      expect(recent.coverage.reconstructedUSD).toBeCloseTo(recent.total.accruedUSD, 9);
    } finally {
      await second.stop();
    }
  });
});
