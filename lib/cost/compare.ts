/**
 * Two reports side by side: what changed in each group and why. The change of a group's $/hour is split into
 * three parts that add up to it exactly:
 *   price — the after-lines at the after-prices minus the same lines at the before-prices;
 *   count — more or fewer pods (or nodes, for idle rows), at the before-cost per pod;
 *   size  — the rest at before-prices: bigger or smaller Fargate sizes, larger or smaller EC2 requests.
 * Groups are rebuilt from the reports' lines, so two reports can be compared under any grouping.
 */
import { HOURS_PER_MONTH } from '../fargate/prices';
import { formatBytes, formatCpu } from '../fargate/quantity';
import { groupKey } from './group';
import { fromNano, toNano } from './money';
import { ec2Rate, fargateComputeHourly, formatMoment } from './prices';
import { describeFilters } from './query';
import { reportLines, type CostReport } from './report';
import type { CostLine, GroupBy, PriceInfo } from './types';

export interface Side {
  /** Pods (idle rows: nodes). */
  units: number;
  hourlyUSD: number;
}

export interface GroupChange {
  key: string;
  label: string;
  idle: boolean;
  before: Side | null;
  after: Side | null;
  deltaHourlyUSD: number;
  deltaMonthlyUSD: number;
  /** $/hour; price + count + size = deltaHourlyUSD. */
  effects: { price: number; count: number; size: number };
  reasons: string[];
}

export interface ReportComparison {
  by: GroupBy;
  before: { context: string; at: string; filters: string; prices: PriceInfo | null };
  after: { context: string; at: string; filters: string; prices: PriceInfo | null };
  groups: GroupChange[];
  total: GroupChange;
  /** Rates that differ between the two reports' prices. */
  priceChanges: string[];
  notes: string[];
}

/** A line of the after-report priced at the before-report's rates (same size or share, other price). */
function atPrices(l: CostLine, now: PriceInfo | null, then: PriceInfo | null): number {
  if (!now || !then) return l.hourlyUSD;
  if (l.basis === 'fargate' && l.billed) {
    // Keep the part that is not compute (ephemeral storage) as it is.
    return l.hourlyUSD - fargateComputeHourly(l.billed, now) + fargateComputeHourly(l.billed, then);
  }
  if (l.basis === 'ec2-share' || l.basis === 'ec2-idle') {
    const a = ec2Rate(then, l.instanceType);
    const b = ec2Rate(now, l.instanceType);
    if (a !== null && b !== null && b > 0) return (l.hourlyUSD * a) / b;
  }
  return l.hourlyUSD;
}

const usd = (n: number) => `${n < 0 ? '−' : '+'}$${Math.abs(n).toFixed(4)}/h`;

function sizeText(s: { vcpu: number; memoryGiB: number }): string {
  return `${s.vcpu}vCPU ${s.memoryGiB}GB`;
}

/** "2 × 0.5vCPU 1GB, 1 × 1vCPU 2GB" for the Fargate pods among the lines. */
function sizeMix(lines: readonly CostLine[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.kind === 'pod' && l.billed) counts.set(sizeText(l.billed), (counts.get(sizeText(l.billed)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([s, n]) => `${n} × ${s}`).join(', ');
}

/** Mean request of the EC2 pods (or free capacity of idle lines) as "225m / 70Mi". */
function meanRequest(lines: readonly CostLine[], kind: 'pod' | 'idle'): string | null {
  const l = lines.filter((x) => x.kind === kind && x.placement === 'ec2');
  if (!l.length) return null;
  const cpu = l.reduce((s, x) => s + x.request.cpuMillis, 0) / l.length;
  const mem = l.reduce((s, x) => s + x.request.memoryBytes, 0) / l.length;
  return `${formatCpu(cpu)} / ${formatBytes(Math.round(mem))}`;
}

function change(key: string, label: string, idle: boolean, a: CostLine[], b: CostLine[], pa: PriceInfo | null, pb: PriceInfo | null): GroupChange {
  const units = (ls: CostLine[]) => ls.length;
  const hA = a.reduce((s, l) => s + toNano(l.hourlyUSD), 0);
  const hB = b.reduce((s, l) => s + toNano(l.hourlyUSD), 0);
  const bAtA = b.reduce((s, l) => s + toNano(atPrices(l, pb, pa)), 0);
  const uA = units(a);
  const uB = units(b);
  const price = hB - bAtA;
  const count = uA > 0 ? Math.round(((uB - uA) * hA) / uA) : bAtA;
  const size = bAtA - hA - count;
  const noun = idle ? 'node' : 'pod';
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;

  const reasons: string[] = [];
  if (!a.length) reasons.push(`new: ${plural(uB)} (${usd(fromNano(hB))})`);
  else if (!b.length) reasons.push(`gone: ${plural(uA)} (${usd(-fromNano(hA))})`);
  else if (uA !== uB) reasons.push(`${uB > uA ? 'more' : 'fewer'} ${noun}s: ${uA} → ${uB} (${usd(fromNano(count))})`);
  if (a.length && b.length && Math.abs(size) >= 100) {
    const parts: string[] = [];
    const mixA = sizeMix(a);
    const mixB = sizeMix(b);
    if (mixA !== mixB && (mixA || mixB)) parts.push(`Fargate sizes ${mixA || 'none'} → ${mixB || 'none'}`);
    const reqA = meanRequest(a, idle ? 'idle' : 'pod');
    const reqB = meanRequest(b, idle ? 'idle' : 'pod');
    if (reqA && reqB && reqA !== reqB) parts.push(idle ? `unrequested capacity per node ${reqA} → ${reqB}` : `EC2 requests per pod ${reqA} → ${reqB}`);
    const what = idle ? (size > 0 ? 'more idle capacity' : 'less idle capacity') : size > 0 ? 'bigger sizes or requests' : 'smaller sizes or requests';
    reasons.push(`${what}${parts.length ? `: ${parts.join('; ')}` : ''} (${usd(fromNano(size))})`);
  }
  if (Math.abs(price) >= 100) reasons.push(`price change (${usd(fromNano(price))})`);
  if (!reasons.length) reasons.push('no change');
  const delta = hB - hA;
  return {
    key,
    label,
    idle,
    before: a.length ? { units: uA, hourlyUSD: fromNano(hA) } : null,
    after: b.length ? { units: uB, hourlyUSD: fromNano(hB) } : null,
    deltaHourlyUSD: fromNano(delta),
    deltaMonthlyUSD: fromNano(delta * HOURS_PER_MONTH),
    effects: { price: fromNano(price), count: fromNano(count), size: fromNano(size) },
    reasons,
  };
}

/** The total: the groups' effects summed (exact), with pod and node counts as its reasons. */
function totalChange(rows: readonly GroupChange[], a: readonly CostLine[], b: readonly CostLine[]): GroupChange {
  const sum = (f: (g: GroupChange) => number) => rows.reduce((s, g) => s + toNano(f(g)), 0);
  const hA = a.reduce((s, l) => s + toNano(l.hourlyUSD), 0);
  const hB = b.reduce((s, l) => s + toNano(l.hourlyUSD), 0);
  const pods = (ls: readonly CostLine[]) => ls.filter((l) => l.kind === 'pod').length;
  const nodes = (ls: readonly CostLine[]) => ls.filter((l) => l.kind === 'idle').length;
  const reasons = [`pods ${pods(a)} → ${pods(b)}`];
  if (nodes(a) || nodes(b)) reasons.push(`EC2 nodes ${nodes(a)} → ${nodes(b)}`);
  const delta = hB - hA;
  return {
    key: 'total',
    label: 'Total',
    idle: false,
    before: { units: pods(a), hourlyUSD: fromNano(hA) },
    after: { units: pods(b), hourlyUSD: fromNano(hB) },
    deltaHourlyUSD: fromNano(delta),
    deltaMonthlyUSD: fromNano(delta * HOURS_PER_MONTH),
    effects: { price: fromNano(sum((g) => g.effects.price)), count: fromNano(sum((g) => g.effects.count)), size: fromNano(sum((g) => g.effects.size)) },
    reasons,
  };
}

/** Rates that differ between two price sets, one sentence each. */
export function priceChanges(a: PriceInfo | null, b: PriceInfo | null): string[] {
  if (!a && !b) return [];
  if (!a || !b) return [`prices ${a ? `${a.region} → none` : `none → ${b?.region}`}`];
  const out: string[] = [];
  if (a.region !== b.region) out.push(`region ${a.region} → ${b.region}`);
  if (a.date !== b.date) out.push(`price table read ${a.date} → ${b.date}`);
  if (a.fargateVcpuHour !== b.fargateVcpuHour) out.push(`Fargate per vCPU-hour $${a.fargateVcpuHour} → $${b.fargateVcpuHour}`);
  if (a.fargateGbHour !== b.fargateGbHour) out.push(`Fargate per GB-hour $${a.fargateGbHour} → $${b.fargateGbHour}`);
  for (const t of [...new Set([...Object.keys(a.ec2), ...Object.keys(b.ec2)])].sort()) {
    const x = ec2Rate(a, t);
    const y = ec2Rate(b, t);
    if (x !== null && y !== null && x !== y) out.push(`${t} $${x}/h → $${y}/h`);
  }
  return out;
}

/**
 * What changed from report `a` (before) to report `b` (after), grouped by `by` (default: the after-report's
 * grouping), largest change first.
 */
export function compareReports(a: CostReport, b: CostReport, by: GroupBy = b.query.by): ReportComparison {
  const la = reportLines(a);
  const lb = reportLines(b);
  const groups = new Map<string, { label: string; idle: boolean; a: CostLine[]; b: CostLine[] }>();
  const put = (l: CostLine, side: 'a' | 'b') => {
    const g = groupKey(l, by);
    let e = groups.get(g.key);
    if (!e) groups.set(g.key, (e = { label: g.label, idle: g.idle, a: [], b: [] }));
    e[side].push(l);
  };
  for (const l of la) put(l, 'a');
  for (const l of lb) put(l, 'b');
  const rows = [...groups.entries()]
    .map(([key, g]) => change(key, g.label, g.idle, g.a, g.b, a.prices, b.prices))
    .sort((x, y) => Math.abs(y.deltaHourlyUSD) - Math.abs(x.deltaHourlyUSD) || (x.label < y.label ? -1 : 1));

  const notes: string[] = [];
  if (a.context !== b.context) notes.push(`The reports are of different contexts: ${a.context} and ${b.context}.`);
  const fa = describeFilters(a.query);
  const fb = describeFilters(b.query);
  if (fa !== fb) notes.push(`The reports cover different pods: before ${fa}; after ${fb}.`);
  if (Date.parse(b.at) < Date.parse(a.at)) notes.push('The "after" report is older than the "before" report.');
  return {
    by,
    before: { context: a.context, at: a.at, filters: fa, prices: a.prices },
    after: { context: b.context, at: b.at, filters: fb, prices: b.prices },
    groups: rows,
    total: totalChange(rows, la, lb),
    priceChanges: priceChanges(a.prices, b.prices),
    notes,
  };
}

/** "2026-03-26 12:00:00 UTC → 2026-03-26 13:05:00 UTC (1h05m later)"; under two minutes in seconds. */
export function comparisonSpan(c: ReportComparison): string {
  const ms = Date.parse(c.after.at) - Date.parse(c.before.at);
  const secs = Math.round(Math.abs(ms) / 1000);
  const mins = Math.round(secs / 60);
  const span = secs < 120 ? `${secs}s` : mins < 60 ? `${mins}m` : `${Math.floor(mins / 60)}h${String(mins % 60).padStart(2, '0')}m`;
  return `${formatMoment(c.before.at)} → ${formatMoment(c.after.at)} (${span} ${ms >= 0 ? 'later' : 'earlier'})`;
}
