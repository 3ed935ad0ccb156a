/**
 * CSV export (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled). Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a
 * leading apostrophe; numbers are written as numbers. Every row carries the moment and the prices it used, so
 * a row copied elsewhere still says what it is.
 */
import { roundUSD } from './money';
import { formatMoment } from './prices';
import type { CostGroup, CostLine, CostSummary, PriceInfo } from './types';

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field. */
export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: the header, then the rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function provenanceCells(at: string, p: PriceInfo | null): CsvCell[] {
  return [formatMoment(at), p?.region ?? '', p?.date ?? ''];
}

const PROVENANCE_HEADER = ['at', 'price_region', 'prices_read'];

/** The grouped rows of a summary (and its total) as CSV. */
export function groupsCsv(s: CostSummary): string {
  const header = [
    s.query.by,
    'idle',
    'pods',
    'ec2_pods',
    'fargate_pods',
    'pending_pods',
    'usd_per_hour',
    'usd_per_month',
    'usd_accrued',
    'ec2_share_usd_per_hour',
    'ec2_idle_usd_per_hour',
    'fargate_usd_per_hour',
    'fargate_requested_usd_per_hour',
    'fargate_waste_usd_per_hour',
    'fargate_billed_vcpu',
    'fargate_billed_gib',
    ...PROVENANCE_HEADER,
  ];
  const row = (g: CostGroup): CsvCell[] => [
    g.label,
    g.idle,
    g.pods,
    g.ec2Pods,
    g.fargatePods,
    g.pendingPods,
    roundUSD(g.hourlyUSD),
    roundUSD(g.monthlyUSD),
    roundUSD(g.accruedUSD),
    roundUSD(g.ec2HourlyUSD),
    roundUSD(g.idleHourlyUSD),
    roundUSD(g.fargateHourlyUSD),
    roundUSD(g.fargateRequestedHourlyUSD),
    roundUSD(g.wasteHourlyUSD),
    g.billedVcpu,
    g.billedMemoryGiB,
    ...provenanceCells(s.at, s.prices),
  ];
  return toCsv(header, [...s.groups.map(row), row(s.total)]);
}

/** Every line (pods and idle node capacity) as CSV. */
export function linesCsv(lines: readonly CostLine[], at: string, prices: PriceInfo | null): string {
  const header = [
    'kind',
    'namespace',
    'name',
    'workload',
    'placement',
    'profile',
    'node_pool',
    'capacity_type',
    'node',
    'instance_type',
    'request_cpu_millis',
    'request_memory_bytes',
    'billed_vcpu',
    'billed_gib',
    'usd_per_hour',
    'fargate_waste_usd_per_hour',
    'usd_accrued',
    'since',
    'basis',
    ...PROVENANCE_HEADER,
  ];
  return toCsv(
    header,
    lines.map((l) => [
      l.kind,
      l.namespace,
      l.name,
      l.workload,
      l.placement,
      l.profile,
      l.pool,
      l.capacityType,
      l.node,
      l.instanceType,
      l.request.cpuMillis,
      l.request.memoryBytes,
      l.billed?.vcpu,
      l.billed?.memoryGiB,
      roundUSD(l.hourlyUSD),
      roundUSD(l.wasteHourlyUSD),
      roundUSD(l.accruedUSD),
      l.since,
      l.basis,
      ...provenanceCells(at, prices),
    ]),
  );
}

/** A time range's rows (from the cost ledger) and its total as CSV, each row with the range it covers. */
export function rangeGroupsCsv(r: { range: { from: string; to: string }; groups: readonly CostGroup[]; total: CostGroup }, by: string): string {
  const header = [by, 'idle', 'pods', 'cost_usd', 'average_usd_per_hour', 'from', 'to'];
  const row = (g: CostGroup): CsvCell[] => [g.label, g.idle, g.pods, roundUSD(g.accruedUSD), roundUSD(g.hourlyUSD), r.range.from, r.range.to];
  return toCsv(header, [...r.groups.map(row), row(r.total)]);
}
