/**
 * The node pool row: every way EC2 capacity joins the cluster — a managed node group, a Karpenter NodePool, an
 * EKS Auto Mode NodePool, self-managed nodes, hybrid nodes — with the nodes that carry its labels, what their pods
 * request against what they offer, and their price. A node group is described by EKS, a Karpenter or Auto Mode
 * pool by its NodePool object; either may have no node yet.
 */
import type { Resources } from '../../fargate/types';
import type { EksNodegroup } from '../aws';
import { fromNano } from '../cost';
import type { KarpenterRequirement, KubeKarpenterNodePool } from '../kinds/karpenter-nodepools';
import type { NodePoolView } from '../model';
import { capacityLabel, POOL_KIND_LABEL, type PoolKind } from '../node-info';

/** One node's part in its pool, summed by the builder over the pool's nodes when the row is rebuilt. */
export interface PoolNodePart {
  instanceType: string | null;
  capacityType: string | null;
  arch: string | null;
  zone: string | null;
  ready: boolean;
  allocatable: Resources;
  requested: Resources;
  hourlyNano: number;
}

const sortedKeys = (m: Map<string, number>): string[] => [...m.keys()].sort();

function tally(parts: readonly PoolNodePart[], pick: (p: PoolNodePart) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of parts) {
    const v = pick(p);
    if (v) m.set(v, (m.get(v) ?? 0) + 1);
  }
  return m;
}

/** "karpenter.sh/capacity-type In [spot, on-demand]", as kubectl describe writes a requirement. */
export function requirementText(r: KarpenterRequirement): string {
  const values = r.values?.length ? ` [${r.values.join(', ')}]` : '';
  return `${r.key} ${r.operator}${values}${r.minValues ? ` (min ${r.minValues})` : ''}`;
}

function readyOf(np: KubeKarpenterNodePool): string {
  const ready = np.status?.conditions?.find((c) => c.type === 'Ready');
  if (!ready) return 'UNKNOWN';
  return ready.status === 'True' ? 'READY' : `NOT READY${ready.reason ? ` (${ready.reason})` : ''}`;
}

/** The requirement values of one key, e.g. the capacity types a NodePool allows. */
function allowed(np: KubeKarpenterNodePool | undefined, key: string): string[] {
  const r = np?.spec?.template?.spec?.requirements?.find((x) => x.key === key && x.operator === 'In');
  return r?.values ?? [];
}

/**
 * A pool's row.
 * @param nodegroup EKS's description, for a managed node group
 * @param nodePool the NodePool object, for a Karpenter or Auto Mode pool
 * @param nodeClaims how many NodeClaims name the pool
 */
export function nodePoolView(
  kind: PoolKind,
  name: string,
  parts: readonly PoolNodePart[],
  src: { nodegroup?: EksNodegroup; nodePool?: KubeKarpenterNodePool; nodeClaims?: number },
): NodePoolView {
  const ng = src.nodegroup;
  const np = src.nodePool;
  const sum = (pick: (p: PoolNodePart) => number) => parts.reduce((a, p) => a + pick(p), 0);
  const seenTypes = sortedKeys(tally(parts, (p) => p.instanceType));
  const seenCapacity = sortedKeys(tally(parts, (p) => p.capacityType)).map(capacityLabel);
  const allowedCapacity = allowed(np, 'karpenter.sh/capacity-type').map((c) => (c === 'on-demand' ? 'On-Demand' : c === 'spot' ? 'Spot' : c));
  const limits = np?.spec?.limits;
  const disruption = np?.spec?.disruption;
  return {
    id: `${kind}/${name}`,
    name,
    kind,
    kindLabel: POOL_KIND_LABEL[kind],
    status: ng?.status ?? (np ? readyOf(np) : parts.length ? 'ACTIVE' : 'UNKNOWN'),
    instanceTypes: ng?.instanceTypes.length ? ng.instanceTypes : seenTypes,
    capacityTypes: seenCapacity.length ? seenCapacity : ng?.capacityType ? [capacityLabel(ng.capacityType)] : allowedCapacity,
    archs: sortedKeys(tally(parts, (p) => p.arch)),
    zones: sortedKeys(tally(parts, (p) => p.zone)),
    nodeCount: parts.length,
    readyNodes: parts.filter((p) => p.ready).length,
    requested: { cpuMillis: sum((p) => p.requested.cpuMillis), memoryBytes: sum((p) => p.requested.memoryBytes) },
    allocatable: { cpuMillis: sum((p) => p.allocatable.cpuMillis), memoryBytes: sum((p) => p.allocatable.memoryBytes) },
    hourlyUSD: fromNano(sum((p) => p.hourlyNano)),
    desired: ng?.desired ?? null,
    min: ng?.min ?? null,
    max: ng?.max ?? null,
    subnets: ng?.subnets ?? [],
    nodeClass: np?.spec?.template?.spec?.nodeClassRef?.name ?? null,
    limits: limits ? Object.entries(limits).map(([k, v]) => `${k} ${String(v)}`) : [],
    disruption: disruption
      ? [
          disruption.consolidationPolicy ? `consolidate ${disruption.consolidationPolicy}` : null,
          disruption.consolidateAfter ? `after ${disruption.consolidateAfter}` : null,
          ...(disruption.budgets ?? []).map((b) => `budget ${b.nodes ?? '—'}${b.schedule ? ` at ${b.schedule} for ${b.duration ?? '—'}` : ''}${b.reasons?.length ? ` (${b.reasons.join(', ')})` : ''}`),
        ].filter((x): x is string => x !== null)
      : [],
    requirements: (np?.spec?.template?.spec?.requirements ?? []).map(requirementText),
    weight: np?.spec?.weight ?? null,
    expireAfter: np?.spec?.template?.spec?.expireAfter ?? null,
    nodeClaims: src.nodeClaims ?? null,
  };
}
