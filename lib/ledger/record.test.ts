import { describe, expect, it } from 'vitest';
import { observe, step, type Observation } from './record';
import type { LedgerEntry } from './types';
import { handView } from '../cost/test-support/hand-view';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const M = 60_000;

const pod = (over: Partial<Observation> = {}): Observation => ({
  subject: 'pod:shop/a@0',
  kind: 'fargate',
  name: 'a',
  namespace: 'shop',
  workload: 'Job/a',
  profile: 'fp',
  pool: null,
  capacityType: 'Fargate',
  node: null,
  instanceType: null,
  rateUSD: 0.0123425,
  feeUSD: 0,
  since: T0 + 5 * M,
  ...over,
});

describe('the recorder’s step', () => {
  it('opens a pod that started while recording at its own start, and closes it when it is gone', () => {
    const open = new Map<string, LedgerEntry>();
    const first = step(open, [pod()], T0 + 6 * M, T0, null);
    expect(first.opened).toMatchObject([{ start: T0 + 5 * M, end: null, minimumSeconds: 60, reconstructedUntil: null }]);
    expect(step(open, [pod()], T0 + 7 * M, T0, null)).toEqual({ opened: [], closed: [] });
    const gone = step(open, [], T0 + 8 * M, T0, null);
    expect(gone.closed).toMatchObject([{ start: T0 + 5 * M, end: T0 + 8 * M }]);
    expect(open.size).toBe(0);
  });

  it('fills in, marked, what ran before recording began: from the pod’s start, or from where an earlier run stopped', () => {
    const never = step(new Map(), [pod({ since: T0 - 60 * M })], T0 + M, T0, null);
    expect(never.opened).toMatchObject([{ start: T0 - 60 * M, end: null, reconstructedUntil: T0, minimumSeconds: 60 }]);
    const restarted = step(new Map(), [pod({ since: T0 - 60 * M })], T0 + M, T0, T0 - 10 * M);
    expect(restarted.opened).toMatchObject([{ start: T0 - 10 * M, end: null, reconstructedUntil: T0, minimumSeconds: 0 }]);
  });

  it('a new price closes the entry and opens another at that moment', () => {
    const open = new Map<string, LedgerEntry>();
    step(open, [pod({ kind: 'ec2-node', subject: 'node:n', rateUSD: 0.1 })], T0 + M, T0, null);
    const r = step(open, [pod({ kind: 'ec2-node', subject: 'node:n', rateUSD: 0.03 })], T0 + 2 * M, T0, null);
    expect(r.closed).toMatchObject([{ rateUSD: 0.1, end: T0 + 2 * M }]);
    expect(r.opened).toMatchObject([{ rateUSD: 0.03, start: T0 + 2 * M, end: null }]);
  });

  it('starts a pod’s share of a node no earlier than the node itself', () => {
    const view = handView();
    const node = view.nodes[0];
    const coredns = view.pods.find((p) => p.name === 'coredns-1');
    if (!coredns) throw new Error('fixture');
    node.createdAt = new Date(Date.parse(coredns.billingStart ?? '') + 60_000).toISOString();
    expect(observe(view).find((o) => o.name === 'coredns-1')?.since).toBe(Date.parse(node.createdAt));
  });

  it('observes running pods at their price, EC2 nodes at theirs, and no pending pod', () => {
    const obs = observe(handView());
    expect(obs.filter((o) => o.kind === 'fargate')).toHaveLength(4);
    expect(obs.filter((o) => o.kind === 'ec2-pod').map((o) => o.name).sort()).toEqual(['coredns-1', 'web-1']);
    expect(obs.filter((o) => o.kind === 'ec2-node')).toMatchObject([{ rateUSD: 0.2112, pool: 'nodegroup/managed-ng' }]);
    expect(obs.some((o) => o.name === 'batch-1')).toBe(false);
  });
});
