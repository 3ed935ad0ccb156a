/**
 * What the ledger's entries cost over a range, as cost lines (lib/cost/types.ts) that the cost table already
 * groups: one per pod (its entries summed), one idle line per EC2 node (the node's cost less its pods' shares) and
 * one for the control plane. A line's accruedUSD is its cost in the range and hourlyUSD its average rate over it,
 * so grouping, totals and exports work unchanged, and the groups add up to the total for every range. Pure.
 */
import type { CostLine, CostGroup, GroupBy } from '../cost/types';
import type { Discounts } from '../cost/discounts';
import { groupLines, totalOf } from '../cost/group';
import type { LedgerEntry, Mover, Range } from './types';

const HOUR_MS = 3_600_000;

/**
 * Dollars an entry costs within [from, to), the entry's open end taken as `asOf`. An entry shorter than its
 * minimum is billed the minimum, the shortfall falling at its end (so that it counts in exactly one range).
 */
export function entryCost(e: LedgerEntry, r: Range, asOf: number): number {
  const end = e.end ?? Math.max(e.start, asOf);
  const overlap = Math.max(0, Math.min(end, r.to) - Math.max(e.start, r.from));
  let usd = (e.rateUSD * overlap) / HOUR_MS;
  if (e.end !== null && e.minimumSeconds > 0) {
    const short = e.minimumSeconds * 1000 - (e.end - e.start);
    if (short > 0 && e.end >= r.from && e.end < r.to) usd += (e.rateUSD * short) / HOUR_MS;
  }
  return usd;
}

interface LineAcc {
  line: CostLine;
  usd: number;
  fee: number;
}

function lineOf(e: LedgerEntry, kind: CostLine['kind']): CostLine {
  const pod = kind === 'pod';
  return {
    kind,
    id: kind === 'idle' ? `idle:${e.name}` : e.subject,
    namespace: pod ? e.namespace : null,
    name: e.name,
    workload: pod ? e.workload : null,
    profile: e.kind === 'fargate' ? e.profile : null,
    pool: e.pool,
    capacityType: e.capacityType,
    node: e.node,
    instanceType: e.instanceType,
    placement: e.kind === 'fargate' ? 'fargate' : e.kind === 'cluster' ? 'other' : 'ec2',
    request: { cpuMillis: 0, memoryBytes: 0 },
    billed: null,
    fargateSize: null,
    hourlyUSD: 0,
    feeHourlyUSD: 0,
    wasteHourlyUSD: 0,
    accruedUSD: 0,
    since: null,
    basis: e.kind === 'fargate' ? 'fargate' : e.kind === 'ec2-pod' ? 'ec2-share' : e.kind === 'ec2-node' ? 'ec2-idle' : 'control-plane',
  };
}

/** The range's cost lines (see the file comment); lines that cost nothing in the range are left out. */
export function rangeLines(entries: readonly LedgerEntry[], r: Range, asOf: number): CostLine[] {
  const hours = (r.to - r.from) / HOUR_MS;
  const pods = new Map<string, LineAcc>();
  const nodes = new Map<string, LineAcc>();
  let cluster: LineAcc | null = null;
  for (const e of entries) {
    const usd = entryCost(e, r, asOf);
    if (usd === 0) continue;
    const fee = e.rateUSD > 0 ? (usd * e.feeUSD) / e.rateUSD : 0;
    if (e.kind === 'cluster') {
      cluster ??= { line: lineOf(e, 'cluster'), usd: 0, fee: 0 };
      cluster.usd += usd;
      continue;
    }
    const into = e.kind === 'ec2-node' ? nodes : pods;
    const key = e.kind === 'ec2-node' ? (e.node ?? e.name) : e.subject;
    let a = into.get(key);
    if (!a) {
      a = { line: lineOf(e, e.kind === 'ec2-node' ? 'idle' : 'pod'), usd: 0, fee: 0 };
      into.set(key, a);
    }
    a.usd += usd;
    a.fee += fee;
  }
  // A node's idle cost is what its pods' shares left of it.
  for (const a of pods.values()) {
    if (a.line.placement !== 'ec2' || !a.line.node) continue;
    const n = nodes.get(a.line.node);
    if (n) {
      n.usd -= a.usd;
      n.fee -= a.fee;
    }
  }
  const out: CostLine[] = [];
  for (const a of [...pods.values(), ...nodes.values(), ...(cluster ? [cluster] : [])]) {
    out.push({ ...a.line, accruedUSD: a.usd, hourlyUSD: hours > 0 ? a.usd / hours : 0, feeHourlyUSD: hours > 0 ? a.fee / hours : 0 });
  }
  return out;
}

/** The range's rows under a grouping, and its total. */
export function rangeGroups(entries: readonly LedgerEntry[], r: Range, asOf: number, by: GroupBy, d: Discounts | null): { groups: CostGroup[]; total: CostGroup } {
  const lines = rangeLines(entries, r, asOf);
  return { groups: groupLines(lines, by, d), total: totalOf(lines, d) };
}

/** The groups whose cost changed most between two ranges (by the size of the change), largest first. */
export function movers(now: readonly CostGroup[], before: readonly CostGroup[], top = 5): Mover[] {
  const was = new Map(before.map((g) => [g.key, g]));
  const out = new Map<string, Mover>();
  for (const g of now) {
    const b = was.get(g.key)?.accruedUSD ?? 0;
    out.set(g.key, { key: g.key, label: g.label, nowUSD: g.accruedUSD, beforeUSD: b, changeUSD: g.accruedUSD - b });
  }
  for (const g of before) if (!out.has(g.key)) out.set(g.key, { key: g.key, label: g.label, nowUSD: 0, beforeUSD: g.accruedUSD, changeUSD: -g.accruedUSD });
  return [...out.values()]
    .filter((m) => Math.abs(m.changeUSD) > 1e-9)
    .sort((a, b) => Math.abs(b.changeUSD) - Math.abs(a.changeUSD) || (a.label < b.label ? -1 : 1))
    .slice(0, top);
}

export interface RangeSeries {
  /** Bucket starts, epoch ms; the last bucket ends at the range's end. */
  t: number[];
  stepMs: number;
  /** The largest groups by cost in the range, then "other" for the rest; dollars per bucket. */
  groups: { key: string; label: string; usd: number[] }[];
}

/** Cost per time bucket of the range, by group: the chart's data. The buckets add up to the range's groups. */
export function rangeSeries(entries: readonly LedgerEntry[], r: Range, asOf: number, by: GroupBy, stepMs: number, top = 8): RangeSeries {
  const { groups } = rangeGroups(entries, r, asOf, by, null);
  const kept = groups.slice(0, top);
  const keptKeys = new Set(kept.map((g) => g.key));
  const t: number[] = [];
  for (let s = r.from; s < r.to; s += stepMs) t.push(s);
  const series = kept.map((g) => ({ key: g.key, label: g.label, usd: new Array<number>(t.length).fill(0) }));
  const other = { key: 'other', label: 'everything else', usd: new Array<number>(t.length).fill(0) };
  const index = new Map(series.map((s, i) => [s.key, i]));
  t.forEach((start, i) => {
    const bucket = { from: start, to: Math.min(r.to, start + stepMs) };
    for (const g of groupLines(rangeLines(entries, bucket, asOf), by, null)) {
      const at = index.get(g.key);
      if (at !== undefined && keptKeys.has(g.key)) series[at].usd[i] += g.accruedUSD;
      else other.usd[i] += g.accruedUSD;
    }
  });
  return { t, stepMs, groups: other.usd.some((v) => v !== 0) ? [...series, other] : series };
}
