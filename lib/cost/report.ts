/**
 * A shared cost report: the cost view frozen at one moment — its lines (the pods and idle capacity it
 * covered), prices, query and the summary as shown — stored once and never recomputed, so a link shows the
 * same figures after the cluster changed, after a restart and after a price-table update.
 *
 * Lines are packed as rows of a fixed column list against a string table (about 140 bytes a pod as JSON), so a
 * 10,000-pod view stays under the store's 2 MiB; a larger one is refused and should be narrowed by a filter.
 */
import { rightsizingSchema } from '../usage/schema';
import type { RightsizingResponse } from '../usage/types';
import { z } from 'zod';
import { describeFilters, filterLines, GROUP_BY_LABEL, GROUP_BYS, PLACE_FILTERS } from './query';
import { formatMoment } from './prices';
import { roundUSD } from './money';
import type { CostBasis } from './summary';
import { summarize } from './summary';
import type { CostLine, CostQuery, CostSummary, Ec2Reference, PriceInfo } from './types';

export const REPORT_FORMAT = 'farview-cost-report';
export const REPORT_VERSION = 3;
/** The store's kind for cost reports. */
export const REPORT_KIND = 'cost';

/**
 * The columns of a packed line, in order. Columns marked * hold an index into the report's string table (repeated
 * names cost a few bytes each); `sinceSeconds` is how long before the report's moment billing started.
 */
export const LINE_COLUMNS = [
  'kind*',
  'namespace*',
  'name',
  'workload*',
  'profile*',
  'pool*',
  'node*',
  'instanceType*',
  'placement*',
  'cpuMillis',
  'memoryBytes',
  'billedVcpu',
  'billedMemoryGiB',
  'fargateVcpu',
  'fargateMemoryGiB',
  'hourlyUSD',
  'wasteHourlyUSD',
  'accruedUSD',
  'sinceSeconds',
  'basis*',
  'capacityType*',
  'feeHourlyUSD',
] as const;

type Cell = string | number | null;
export type PackedLine = Cell[];

/** The stored payload. */
export interface CostReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  context: string;
  clusterName: string | null;
  region: string | null;
  /** The moment of every figure (the view's meta.generatedAt). */
  at: string;
  prices: PriceInfo | null;
  reference: Ec2Reference | null;
  query: CostQuery;
  /** The lines the query kept, packed (see LINE_COLUMNS). */
  lines: { columns: string[]; strings: string[]; rows: PackedLine[] };
  summary: CostSummary;
  /** Right-sizing on usage when the report was shared (absent from reports shared before usage was kept). */
  rightsizing?: RightsizingResponse;
}

/** What a report is made from, beyond its basis. */
export interface ReportMeta {
  context: string;
  clusterName: string | null;
  region: string | null;
}

/** Packs lines against a shared string table. */
export function packLines(lines: readonly CostLine[], at: string): { columns: string[]; strings: string[]; rows: PackedLine[] } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (v: string | null): number | null => {
    if (v === null) return null;
    let i = index.get(v);
    if (i === undefined) {
      i = strings.push(v) - 1;
      index.set(v, i);
    }
    return i;
  };
  const atMs = Date.parse(at);
  const rows = lines.map((l): PackedLine => {
    const since = l.since === null ? NaN : Date.parse(l.since);
    return [
      ref(l.kind),
      ref(l.namespace),
      l.name,
      ref(l.workload),
      ref(l.profile),
      ref(l.pool),
      ref(l.node),
      ref(l.instanceType),
      ref(l.placement),
      l.request.cpuMillis,
      l.request.memoryBytes,
      l.billed?.vcpu ?? null,
      l.billed?.memoryGiB ?? null,
      l.fargateSize?.vcpu ?? null,
      l.fargateSize?.memoryGiB ?? null,
      roundUSD(l.hourlyUSD),
      roundUSD(l.wasteHourlyUSD),
      roundUSD(l.accruedUSD),
      Number.isFinite(since) && Number.isFinite(atMs) ? (atMs - since) / 1000 : null,
      ref(l.basis),
      ref(l.capacityType),
      roundUSD(l.feeHourlyUSD),
    ];
  });
  return { columns: [...LINE_COLUMNS], strings, rows };
}

const KINDS = ['pod', 'idle', 'cluster'] as const;
const PLACEMENTS = ['ec2', 'fargate', 'pending', 'other'] as const;
const BASES = ['fargate', 'ec2-share', 'ec2-idle', 'control-plane', 'none'] as const;

class PackError extends Error {}

/**
 * Unpacks report lines. Pods get the id "namespace/name" (the uid is not kept), idle lines "idle:<node>".
 * @throws PackError naming the row and column of a bad cell
 */
function unpackLines(packed: CostReport['lines'], at: string): CostLine[] {
  const atMs = Date.parse(at);
  return packed.rows.map((row, r) => {
    const where = (c: number) => `lines.rows[${r}][${c}]`;
    const str = (c: number): string | null => {
      const v = row[c];
      if (v === null) return null;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= packed.strings.length) throw new PackError(`${where(c)}: expected an index into lines.strings, got ${JSON.stringify(v)}`);
      return packed.strings[v];
    };
    const oneOf = <T extends string>(c: number, allowed: readonly T[]): T => {
      const v = str(c);
      if (v === null || !(allowed as readonly string[]).includes(v)) throw new PackError(`${where(c)}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
      return v as T;
    };
    const num = (c: number): number => {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new PackError(`${where(c)}: expected a number, got ${JSON.stringify(v)}`);
      return v;
    };
    const nnum = (c: number): number | null => (row[c] === null ? null : num(c));
    if (row.length !== LINE_COLUMNS.length) throw new PackError(`lines.rows[${r}]: expected ${LINE_COLUMNS.length} cells, got ${row.length}`);
    const kind = oneOf(0, KINDS);
    const namespace = str(1);
    const name = row[2];
    if (typeof name !== 'string') throw new PackError(`${where(2)}: expected a name, got ${JSON.stringify(name)}`);
    const [bv, bm, fv, fm] = [nnum(11), nnum(12), nnum(13), nnum(14)];
    const since = nnum(18);
    return {
      kind,
      id: kind === 'idle' ? `idle:${name}` : kind === 'cluster' ? 'cluster:control-plane' : `${namespace}/${name}`,
      namespace,
      name,
      workload: str(3),
      profile: str(4),
      pool: str(5),
      node: str(6),
      instanceType: str(7),
      placement: oneOf(8, PLACEMENTS),
      request: { cpuMillis: num(9), memoryBytes: num(10) },
      billed: bv !== null && bm !== null ? { vcpu: bv, memoryGiB: bm } : null,
      fargateSize: fv !== null && fm !== null ? { vcpu: fv, memoryGiB: fm } : null,
      hourlyUSD: num(15),
      wasteHourlyUSD: num(16),
      accruedUSD: num(17),
      since: since === null || !Number.isFinite(atMs) ? null : new Date(atMs - since * 1000).toISOString(),
      basis: oneOf(19, BASES),
      capacityType: str(20),
      feeHourlyUSD: num(21),
    };
  });
}

const str = z.string();
const nstr = z.string().nullable();
const num = z.number().finite();
const nnum = z.number().finite().nullable();
const cell = z.union([z.string(), z.number(), z.null()]);

const resources = z.object({ cpuMillis: num, memoryBytes: num });
const size = z.object({ vcpu: num, memoryGiB: num });
const priceInfo = z.object({
  region: str,
  source: str,
  date: str,
  fargateVcpuHour: num,
  fargateGbHour: num,
  ec2: z.record(z.string(), num),
  unverified: z.array(str),
  origin: z
    .object({
      list: z.enum(['api', 'table']),
      listAt: nstr,
      tableDate: nstr,
      apiInstanceTypes: z.array(str),
      spot: z.enum(['api', 'none']),
      spotAt: nstr,
      problems: z.array(str),
    })
    .optional(),
});
const reference = z.object({ instanceType: str, hourlyUSD: num, allocatable: resources, nodes: num });
const query = z.object({ by: z.enum(GROUP_BYS), ns: nstr, place: z.enum(PLACE_FILTERS) });
const group = z.object({
  key: str,
  label: str,
  idle: z.boolean(),
  pods: num,
  ec2Pods: num,
  fargatePods: num,
  pendingPods: num,
  hourlyUSD: num,
  effectiveHourlyUSD: num.optional(),
  monthlyUSD: num,
  accruedUSD: num,
  ec2HourlyUSD: num,
  idleHourlyUSD: num,
  fargateHourlyUSD: num,
  fargateRequestedHourlyUSD: num,
  wasteHourlyUSD: num,
  billedVcpu: num,
  billedMemoryGiB: num,
});
const summary = z.object({
  query,
  at: str,
  prices: priceInfo.nullable(),
  discounts: z.object({ fargate: num, ec2: num, families: z.record(z.string(), num), text: str }).nullable().optional(),
  groups: z.array(group),
  total: group,
  rightSizing: z.array(
    z.object({
      workload: str,
      namespace: str,
      pods: num,
      request: resources,
      billed: size,
      target: size,
      reason: z.enum(['billed-above-request', 'trim']),
      trim: resources,
      headroom: resources,
      savingHourlyUSD: num,
      savingMonthlyUSD: num,
    }),
  ),
  otherSide: z.array(
    z.object({
      workload: str,
      namespace: str,
      pods: num,
      ec2Pods: num,
      fargatePods: num,
      nowHourlyUSD: num,
      fargateHourlyUSD: nnum,
      ec2HourlyUSD: nnum,
      notes: z.array(str),
    }),
  ),
  otherSideMethod: z.object({ fargate: str, ec2: str, reference: reference.nullable() }),
  notes: z.array(str),
  omitted: z.object({ groups: num, rightSizing: num, otherSide: num }),
});
const reportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  context: str,
  clusterName: nstr,
  region: nstr,
  at: str,
  prices: priceInfo.nullable(),
  reference: reference.nullable(),
  query,
  lines: z.object({ columns: z.array(str), strings: z.array(str), rows: z.array(z.array(cell)) }),
  summary,
  rightsizing: rightsizingSchema.optional(),
});

/** Freezes a basis under a query into a report payload: the summary as shown and the lines it covered. */
export function buildCostReport(basis: CostBasis, q: CostQuery, meta: ReportMeta): CostReport {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    context: meta.context,
    clusterName: meta.clusterName,
    region: meta.region,
    at: basis.at,
    prices: basis.prices,
    reference: basis.reference,
    query: { ...q },
    lines: packLines(filterLines(basis.lines, q), basis.at),
    summary: summarize(basis, q),
  };
}

/** A report's lines, unpacked (parseCostReport has checked every cell). */
export function reportLines(r: CostReport): CostLine[] {
  return unpackLines(r.lines, r.at);
}

/** A title for the report list: "eksworkshop cost by namespace, all namespaces — 2026-03-26 12:00:00 UTC". */
export function reportTitle(r: Pick<CostReport, 'context' | 'query' | 'at'>): string {
  return `${r.context} cost by ${GROUP_BY_LABEL[r.query.by].toLowerCase()}, ${describeFilters(r.query)} — ${formatMoment(r.at)}`.slice(0, 200);
}

type Json = Record<string, unknown>;

/**
 * A report of format version 1, shared before node groups became node pools, in version 2's shape: its
 * `nodegroup` column becomes the pool ("nodegroup/<name>"), its lines get an unknown capacity type, and grouping
 * by node group becomes grouping by node pool. The figures are untouched. Anything else passes through.
 */
function upgradeV1(payload: unknown): unknown {
  const p = payload as Json | null;
  if (!p || typeof p !== 'object' || p.version !== 1) return payload;
  const lines = p.lines as { columns?: unknown; strings?: unknown; rows?: unknown } | undefined;
  const columns = Array.isArray(lines?.columns) ? [...(lines.columns as unknown[])] : null;
  const strings = Array.isArray(lines?.strings) ? [...(lines.strings as unknown[])] : null;
  const rows = Array.isArray(lines?.rows) ? (lines.rows as unknown[]) : null;
  if (!columns || !strings || !rows || columns[5] !== 'nodegroup*') return payload;
  columns[5] = 'pool*';
  columns.push('capacityType*');
  const poolIndex = new Map<number, number>();
  const upRows = rows.map((row) => {
    if (!Array.isArray(row)) return row;
    const out = [...(row as unknown[])];
    const ng = out[5];
    if (typeof ng === 'number' && typeof strings[ng] === 'string') {
      let i = poolIndex.get(ng);
      if (i === undefined) {
        i = strings.push(`nodegroup/${strings[ng] as string}`) - 1;
        poolIndex.set(ng, i);
      }
      out[5] = i;
    }
    out.push(null);
    return out;
  });
  const by = (q: unknown) => (q && typeof q === 'object' && (q as Json).by === 'nodegroup' ? { ...(q as Json), by: 'pool' } : q);
  const summary = p.summary && typeof p.summary === 'object' ? { ...(p.summary as Json), query: by((p.summary as Json).query) } : p.summary;
  return { ...p, version: 2, query: by(p.query), summary, lines: { ...lines, columns, strings, rows: upRows } };
}

/**
 * A report of format version 2, shared before the EKS Auto Mode fee was priced, in version 3's shape: each line
 * gets a fee of 0, which is what it held (its figures include no fee).
 */
function upgradeV2(payload: unknown): unknown {
  const p = payload as Json | null;
  if (!p || typeof p !== 'object' || p.version !== 2) return payload;
  const lines = p.lines as { columns?: unknown; rows?: unknown } | undefined;
  if (!Array.isArray(lines?.columns) || !Array.isArray(lines.rows)) return payload;
  const rows = (lines.rows as unknown[]).map((row) => (Array.isArray(row) ? [...(row as unknown[]), 0] : row));
  return { ...p, version: 3, lines: { ...lines, columns: [...(lines.columns as unknown[]), 'feeHourlyUSD'], rows } };
}

/**
 * Reads a stored payload back, checking every field (payloads of versions 1 and 2 are upgraded first).
 * @returns the report, or a message naming the first field that is wrong
 */
export function parseCostReport(payload: unknown): { ok: true; report: CostReport } | { ok: false; error: string } {
  const r = reportSchema.safeParse(upgradeV2(upgradeV1(payload)));
  if (r.success) {
    if (r.data.lines.columns.join(',') !== LINE_COLUMNS.join(',')) {
      return { ok: false, error: `lines.columns: expected ${LINE_COLUMNS.join(',')}` };
    }
    const report = r.data as CostReport;
    try {
      unpackLines(report.lines, report.at);
    } catch (e) {
      if (e instanceof PackError) return { ok: false, error: e.message };
      throw e;
    }
    return { ok: true, report };
  }
  const issue = r.error.issues[0];
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return { ok: false, error: `${where || 'payload'}: ${issue.message}` };
}
