/**
 * Cost lines → table rows, by namespace, workload, Fargate profile, node pool, capacity type or pod. Idle EC2
 * capacity is never spread over the groups: it gets rows of its own (one in total, per node pool, per capacity
 * type, or per node), so the rows add up to the cluster's bill and the unrequested part stays visible.
 */
import { HOURS_PER_MONTH } from '../fargate/prices';
import { fromNano, toNano } from './money';
import { effectiveHourlyUSD, type Discounts } from './discounts';
import type { CostGroup, CostLine, GroupBy } from './types';

/** The row a line belongs to under a grouping. */
export function groupKey(l: CostLine, by: GroupBy): { key: string; label: string; idle: boolean } {
  // The control plane belongs to no group of any grouping: its own row, always.
  if (l.kind === 'cluster') return { key: 'cluster', label: l.name, idle: false };
  if (l.kind === 'idle') {
    if (by === 'pool') {
      const pool = l.pool ?? 'EC2 in no known pool';
      return { key: `idle:np:${pool}`, label: `${pool} — idle capacity`, idle: true };
    }
    if (by === 'capacity') {
      const cap = l.capacityType ?? 'capacity type unknown';
      return { key: `idle:cap:${cap}`, label: `EC2 ${cap} — idle capacity`, idle: true };
    }
    if (by === 'pod') return { key: `idle:node:${l.name}`, label: `${l.name} — idle capacity`, idle: true };
    return { key: 'idle', label: 'Idle EC2 capacity (requested by no pod)', idle: true };
  }
  const ns = l.namespace ?? '';
  switch (by) {
    case 'namespace':
      return { key: `ns:${ns}`, label: ns, idle: false };
    case 'workload': {
      const w = l.workload ?? `Pod/${l.name}`;
      return { key: `wl:${ns}/${w}`, label: `${ns}/${w}`, idle: false };
    }
    case 'profile':
      if (l.placement === 'fargate') {
        const p = l.profile ?? 'Fargate, profile unknown';
        return { key: `fp:${p}`, label: p, idle: false };
      }
      return sideKey(l);
    case 'pool':
      if (l.placement === 'ec2') {
        const pool = l.pool ?? 'EC2 in no known pool';
        return { key: `np:${pool}`, label: pool, idle: false };
      }
      return sideKey(l);
    case 'capacity':
      if (l.placement === 'ec2') {
        const cap = l.capacityType ?? 'capacity type unknown';
        return { key: `cap:${cap}`, label: `EC2 ${cap}`, idle: false };
      }
      return sideKey(l);
    case 'pod':
      return { key: `pod:${ns}/${l.name}`, label: `${ns}/${l.name}`, idle: false };
  }
}

// Pods that have no profile (or no node pool) in this grouping: one row per side.
function sideKey(l: CostLine): { key: string; label: string; idle: boolean } {
  switch (l.placement) {
    case 'ec2':
      return { key: 'side:ec2', label: 'EC2 (no Fargate profile)', idle: false };
    case 'fargate':
      return { key: 'side:fargate', label: 'Fargate', idle: false };
    case 'pending':
      return { key: 'side:pending', label: 'Pending (not running)', idle: false };
    default:
      return { key: 'side:other', label: 'Other nodes', idle: false };
  }
}

interface Acc {
  key: string;
  label: string;
  idle: boolean;
  pods: number;
  ec2Pods: number;
  fargatePods: number;
  pendingPods: number;
  hourly: number;
  effective: number;
  accrued: number;
  ec2: number;
  idleNano: number;
  fargate: number;
  waste: number;
  vcpuMilli: number;
  memMiB: number;
}

function emptyAcc(key: string, label: string, idle: boolean): Acc {
  return { key, label, idle, pods: 0, ec2Pods: 0, fargatePods: 0, pendingPods: 0, hourly: 0, effective: 0, accrued: 0, ec2: 0, idleNano: 0, fargate: 0, waste: 0, vcpuMilli: 0, memMiB: 0 };
}

function add(a: Acc, l: CostLine, d: Discounts | null): void {
  const h = toNano(l.hourlyUSD);
  a.hourly += h;
  a.effective += toNano(effectiveHourlyUSD(l, d));
  a.accrued += toNano(l.accruedUSD);
  if (l.kind === 'cluster') return;
  if (l.kind === 'idle') {
    a.idleNano += h;
    return;
  }
  a.pods++;
  if (l.placement === 'ec2') {
    a.ec2Pods++;
    a.ec2 += h;
  } else if (l.placement === 'fargate') {
    a.fargatePods++;
    a.fargate += h;
    a.waste += toNano(l.wasteHourlyUSD);
    if (l.billed) {
      a.vcpuMilli += Math.round(l.billed.vcpu * 1000);
      a.memMiB += Math.round(l.billed.memoryGiB * 1024);
    }
  } else if (l.placement === 'pending') a.pendingPods++;
}

function finish(a: Acc): CostGroup {
  return {
    key: a.key,
    label: a.label,
    idle: a.idle,
    pods: a.pods,
    ec2Pods: a.ec2Pods,
    fargatePods: a.fargatePods,
    pendingPods: a.pendingPods,
    hourlyUSD: fromNano(a.hourly),
    effectiveHourlyUSD: fromNano(a.effective),
    monthlyUSD: fromNano(a.hourly * HOURS_PER_MONTH),
    accruedUSD: fromNano(a.accrued),
    ec2HourlyUSD: fromNano(a.ec2),
    idleHourlyUSD: fromNano(a.idleNano),
    fargateHourlyUSD: fromNano(a.fargate),
    fargateRequestedHourlyUSD: fromNano(a.fargate - a.waste),
    wasteHourlyUSD: fromNano(a.waste),
    billedVcpu: a.vcpuMilli / 1000,
    billedMemoryGiB: a.memMiB / 1024,
  };
}

/**
 * The rows of a grouping, most expensive first (ties by label); idle rows sort among the others by cost.
 * Sums are exact (nano-dollars), so the rows add up to `totalOf(lines)`.
 */
export function groupLines(lines: readonly CostLine[], by: GroupBy, d: Discounts | null = null): CostGroup[] {
  const accs = new Map<string, Acc>();
  for (const l of lines) {
    const g = groupKey(l, by);
    let a = accs.get(g.key);
    if (!a) accs.set(g.key, (a = emptyAcc(g.key, g.label, g.idle)));
    add(a, l, d);
  }
  return [...accs.values()].map(finish).sort((x, y) => y.hourlyUSD - x.hourlyUSD || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
}

/** All lines as one row, keyed "total". */
export function totalOf(lines: readonly CostLine[], d: Discounts | null = null): CostGroup {
  const a = emptyAcc('total', 'Total', false);
  for (const l of lines) add(a, l, d);
  return finish(a);
}


/** Several rows as one (exact sums), e.g. the long tail of a grouping with thousands of rows. */
export function mergeGroups(key: string, label: string, groups: readonly CostGroup[]): CostGroup {
  const n = (f: (g: CostGroup) => number) => groups.reduce((s, g) => s + toNano(f(g)), 0);
  const hourly = n((g) => g.hourlyUSD);
  return {
    key,
    label,
    idle: groups.length > 0 && groups.every((g) => g.idle),
    pods: groups.reduce((s, g) => s + g.pods, 0),
    ec2Pods: groups.reduce((s, g) => s + g.ec2Pods, 0),
    fargatePods: groups.reduce((s, g) => s + g.fargatePods, 0),
    pendingPods: groups.reduce((s, g) => s + g.pendingPods, 0),
    hourlyUSD: fromNano(hourly),
    effectiveHourlyUSD: fromNano(n((g) => g.effectiveHourlyUSD ?? g.hourlyUSD)),
    monthlyUSD: fromNano(hourly * HOURS_PER_MONTH),
    accruedUSD: fromNano(n((g) => g.accruedUSD)),
    ec2HourlyUSD: fromNano(n((g) => g.ec2HourlyUSD)),
    idleHourlyUSD: fromNano(n((g) => g.idleHourlyUSD)),
    fargateHourlyUSD: fromNano(n((g) => g.fargateHourlyUSD)),
    fargateRequestedHourlyUSD: fromNano(n((g) => g.fargateRequestedHourlyUSD)),
    wasteHourlyUSD: fromNano(n((g) => g.wasteHourlyUSD)),
    billedVcpu: groups.reduce((s, g) => s + Math.round(g.billedVcpu * 1000), 0) / 1000,
    billedMemoryGiB: groups.reduce((s, g) => s + Math.round(g.billedMemoryGiB * 1024), 0) / 1024,
  };
}
