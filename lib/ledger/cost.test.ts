import { describe, expect, it } from 'vitest';
import { entryCost, movers, rangeGroups, rangeLines, rangeSeries } from './cost';
import { ledgerEntry, SMALL_FARGATE, T0 } from './test-support/entries';
import type { LedgerEntry } from './types';

const S = 1000;
const H = 3_600_000;
const entry = ledgerEntry;

const all = { from: T0 - H, to: T0 + 24 * H };

describe('what the ledger says a thing cost', () => {
  it('a Fargate pod that lived 90 s costs 90 s of its size', () => {
    expect(entryCost(entry({ end: T0 + 90 * S }), all, T0 + H)).toBeCloseTo((SMALL_FARGATE * 90) / 3600, 12);
  });

  it('one that lived 20 s costs the one-minute minimum, counted where it ended', () => {
    const e = entry({ end: T0 + 20 * S });
    expect(entryCost(e, all, T0 + H)).toBeCloseTo((SMALL_FARGATE * 60) / 3600, 12);
    // Split at its 10th second: the minimum's shortfall falls in the part that holds the end, the sum is the same.
    const before = entryCost(e, { from: all.from, to: T0 + 10 * S }, T0 + H);
    const after = entryCost(e, { from: T0 + 10 * S, to: all.to }, T0 + H);
    expect(before).toBeCloseTo((SMALL_FARGATE * 10) / 3600, 12);
    expect(before + after).toBeCloseTo((SMALL_FARGATE * 60) / 3600, 12);
  });

  it('an EC2 node’s cost over a range is its price times its life in the range; an open entry runs to now', () => {
    const node = entry({ kind: 'ec2-node', subject: 'node:n1', name: 'n1', node: 'n1', rateUSD: 0.1664, start: T0 + 2 * H, end: T0 + 5 * H, minimumSeconds: 0 });
    expect(entryCost(node, { from: T0 + 3 * H, to: T0 + 10 * H }, T0 + 20 * H)).toBeCloseTo(0.1664 * 2, 12);
    expect(entryCost({ ...node, end: null }, { from: T0 + 3 * H, to: T0 + 10 * H }, T0 + 4 * H)).toBeCloseTo(0.1664, 12);
  });

  it('a node’s idle cost is what its pods’ shares leave, and the groups add up to the total for every range', () => {
    const entries: LedgerEntry[] = [
      entry({ id: 'n', kind: 'ec2-node', subject: 'node:n1', name: 'n1', node: 'n1', pool: 'karpenter/general', capacityType: 'On-Demand', rateUSD: 0.1664, start: T0, minimumSeconds: 0, namespace: null, workload: null, profile: null }),
      entry({ id: 'w', kind: 'ec2-pod', subject: 'pod:shop/web', name: 'web', node: 'n1', pool: 'karpenter/general', capacityType: 'On-Demand', rateUSD: 0.0416, start: T0 + H, end: T0 + 3 * H, minimumSeconds: 0, workload: 'Deployment/web', profile: null }),
      entry({ id: 'j', end: T0 + 20 * S }),
      entry({ id: 'f', subject: 'pod:team/api', name: 'api', namespace: 'team', workload: 'Deployment/api', start: T0 + 30 * 60 * S }),
      entry({ id: 'c', kind: 'cluster', subject: 'cluster', name: 'EKS control plane', rateUSD: 0.1, start: T0 - 10 * H, minimumSeconds: 0, namespace: null, workload: null, profile: null }),
    ];
    const asOf = T0 + 4 * H;
    const lines = rangeLines(entries, { from: T0, to: asOf }, asOf);
    const idle = lines.find((l) => l.kind === 'idle');
    expect(idle?.accruedUSD).toBeCloseTo(0.1664 * 4 - 0.0416 * 2, 12);
    for (const r of [{ from: T0, to: asOf }, { from: T0 + 90 * 60 * S, to: T0 + 2 * H }, { from: T0 - H, to: T0 + 10 * S }]) {
      for (const by of ['namespace', 'workload', 'profile', 'pool', 'capacity', 'pod'] as const) {
        const { groups, total } = rangeGroups(entries, r, asOf, by, null);
        expect(groups.reduce((s, g) => s + Math.round(g.accruedUSD * 1e9), 0)).toBe(Math.round(total.accruedUSD * 1e9));
      }
    }
    // The finished Job still counts in the range it ran in.
    expect(rangeGroups(entries, { from: T0, to: T0 + H }, asOf, 'workload', null).groups.map((g) => g.label)).toContain('shop/Job/a');
  });

  it('the chart’s buckets add up to the range’s groups', () => {
    const entries = [entry({ end: T0 + 2.5 * H }), entry({ id: 'b', subject: 'pod:team/b', name: 'b', namespace: 'team', start: T0 + H })];
    const r = { from: T0, to: T0 + 4 * H };
    const s = rangeSeries(entries, r, T0 + 4 * H, 'namespace', H);
    expect(s.t).toEqual([T0, T0 + H, T0 + 2 * H, T0 + 3 * H]);
    const { groups } = rangeGroups(entries, r, T0 + 4 * H, 'namespace', null);
    for (const g of groups) {
      const sum = s.groups.find((x) => x.key === g.key)?.usd.reduce((a, b) => a + b, 0) ?? 0;
      expect(sum).toBeCloseTo(g.accruedUSD, 9);
    }
  });

  it('the top movers against the previous period: what grew, what is new and what went, largest change first', () => {
    // shop runs both hours; team only the second; old only the first.
    const entries = [
      entry({ id: 's', start: T0 }),
      entry({ id: 't', subject: 'pod:team/b', name: 'b', namespace: 'team', start: T0 + H, rateUSD: 0.5 }),
      entry({ id: 'o', subject: 'pod:old/c', name: 'c', namespace: 'old', start: T0, end: T0 + H, rateUSD: 0.1 }),
    ];
    const asOf = T0 + 2 * H;
    const now = rangeGroups(entries, { from: T0 + H, to: T0 + 2 * H }, asOf, 'namespace', null).groups;
    const before = rangeGroups(entries, { from: T0, to: T0 + H }, asOf, 'namespace', null).groups;
    const m = movers(now, before);
    expect(m.map((x) => [x.label, Number(x.changeUSD.toFixed(6))])).toEqual([
      ['team', 0.5],
      ['old', -0.1],
    ]);
    expect(m[0]).toMatchObject({ nowUSD: expect.closeTo(0.5, 9), beforeUSD: 0 });
  });
});
