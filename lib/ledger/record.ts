/**
 * The recorder's pure step: what the cluster bills now (from the live view) against the ledger's open entries →
 * the entries to open and to close. A thing first seen since the recording began starts at its own start time
 * (a pod's billing start, a node's creation); one that started before is filled in from what the cluster shows,
 * marked reconstructed, up to the moment recording began. Pure: the time arrives as an argument.
 */
import { feeShare, workloadOfPod } from '../cost/lines';
import { capacityLabel } from '../view/node-info';
import { MINIMUM_BILLED_SECONDS } from '../fargate/prices';
import type { ClusterView } from '../view/model';
import type { LedgerEntry } from './types';

/** One billed thing as the view shows it now. */
export type Observation = Omit<LedgerEntry, 'id' | 'start' | 'end' | 'minimumSeconds' | 'reconstructedUntil'> & { since: number | null };

const ms = (iso: string | null | undefined): number | null => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : null;
};

/**
 * What the view bills: running pods, EC2 nodes and the control plane. Read straight from the rows (with the
 * labels cost lines carry, lib/cost/lines.ts), once a tick over every pod, so kept lean.
 */
export function observe(view: Pick<ClusterView, 'pods' | 'nodes' | 'meta'>): Observation[] {
  const out: Observation[] = [];
  const nodes = new Map(view.nodes.map((n) => [n.name, n]));
  for (const p of view.pods) {
    if (p.hourlyUSD <= 0 || (p.placement !== 'fargate' && p.placement !== 'ec2')) continue;
    const fargate = p.placement === 'fargate';
    const node = !fargate && p.nodeName ? nodes.get(p.nodeName) : undefined;
    const started = ms(p.billingStart);
    // A pod's share of a node starts no earlier than the node: the node's cost is what is billed.
    const nodeSince = node ? ms(node.createdAt) : null;
    out.push({
      subject: `pod:${p.namespace}/${p.name}@${started ?? 0}`,
      kind: fargate ? 'fargate' : 'ec2-pod',
      name: p.name,
      namespace: p.namespace,
      workload: workloadOfPod(p),
      profile: fargate ? p.profile : null,
      pool: node?.poolId ?? null,
      capacityType: fargate ? 'Fargate' : node?.capacityType ? capacityLabel(node.capacityType) : null,
      node: p.nodeName,
      instanceType: node?.instanceType ?? null,
      rateUSD: p.hourlyUSD,
      feeUSD: node ? feeShare(p.hourlyUSD, node) : 0,
      since: started !== null && nodeSince !== null ? Math.max(started, nodeSince) : started,
    });
  }
  for (const n of view.nodes) {
    if (n.computeType !== 'ec2' || n.hourlyUSD <= 0) continue;
    out.push({ subject: `node:${n.name}`, kind: 'ec2-node', name: n.name, namespace: null, workload: null, profile: null, pool: n.poolId, capacityType: n.capacityType ? capacityLabel(n.capacityType) : null, node: n.name, instanceType: n.instanceType, rateUSD: n.hourlyUSD, feeUSD: n.feeHourlyUSD, since: ms(n.createdAt) });
  }
  const cp = view.meta.controlPlane;
  if (cp && cp.hourlyUSD > 0) {
    out.push({ subject: 'cluster', kind: 'cluster', name: cp.text, namespace: null, workload: null, profile: null, pool: null, capacityType: null, node: null, instanceType: null, rateUSD: cp.hourlyUSD, feeUSD: 0, since: ms(cp.since) });
  }
  return out;
}

/** Same price and labels: the open entry goes on. */
function same(e: LedgerEntry, o: Observation): boolean {
  return (
    Math.abs(e.rateUSD - o.rateUSD) < 1e-10 &&
    Math.abs(e.feeUSD - o.feeUSD) < 1e-10 &&
    e.name === o.name &&
    e.namespace === o.namespace &&
    e.workload === o.workload &&
    e.profile === o.profile &&
    e.pool === o.pool &&
    e.capacityType === o.capacityType &&
    e.node === o.node &&
    e.instanceType === o.instanceType
  );
}

function entryOf(o: Observation, start: number, minimumSeconds: number, reconstructedUntil: number | null): LedgerEntry {
  return {
    id: `${o.subject}#${start}`,
    subject: o.subject,
    kind: o.kind,
    name: o.name,
    namespace: o.namespace,
    workload: o.workload,
    profile: o.profile,
    pool: o.pool,
    capacityType: o.capacityType,
    node: o.node,
    instanceType: o.instanceType,
    rateUSD: o.rateUSD,
    feeUSD: o.feeUSD,
    start,
    end: null,
    minimumSeconds,
    reconstructedUntil,
  };
}

export interface StepResult {
  opened: LedgerEntry[];
  closed: LedgerEntry[];
}

/**
 * One recorder tick at `now`. `open` (by subject) is updated in place. `recordingSince` is when this run began
 * recording; `coveredUntil` how far an earlier run recorded (null: never).
 */
export function step(open: Map<string, LedgerEntry>, observed: readonly Observation[], now: number, recordingSince: number, coveredUntil: number | null): StepResult {
  const opened: LedgerEntry[] = [];
  const closed: LedgerEntry[] = [];
  const seen = new Set<string>();
  for (const o of observed) {
    seen.add(o.subject);
    const cur = open.get(o.subject);
    if (cur && same(cur, o)) continue;
    if (cur) {
      closed.push({ ...cur, end: now });
      const next = entryOf(o, now, 0, null);
      open.set(o.subject, next);
      opened.push(next);
      continue;
    }
    const since = Math.min(o.since ?? now, now);
    const minimum = o.kind === 'fargate' ? MINIMUM_BILLED_SECONDS : 0;
    // Kubernetes writes whole seconds: a start within the second before recording began is taken as during it.
    if (since > recordingSince - 1000) {
      const e = entryOf(o, since, minimum, null);
      open.set(o.subject, e);
      opened.push(e);
      continue;
    }
    // Started before this run recorded: what an earlier run did not cover is filled in, up to the moment this run
    // began, and marked; one entry, that goes on live from there.
    const from = Math.min(recordingSince, coveredUntil === null ? since : Math.max(since, coveredUntil));
    const e = entryOf(o, from, from === since ? minimum : 0, from < recordingSince ? recordingSince : null);
    open.set(o.subject, e);
    opened.push(e);
  }
  for (const [subject, e] of open) {
    if (seen.has(subject)) continue;
    open.delete(subject);
    closed.push({ ...e, end: Math.max(e.start, now) });
  }
  return { opened, closed };
}
