/**
 * `farview size`: every pod template of the inputs, sized, priced and linted by the engine, as one report.
 * The report is plain data; table.ts and JSON.stringify print it.
 */
import { estimatePod } from '../lib/fargate/estimate';
import { pricesFor, priceTableVersion } from '../lib/fargate/prices';
import { formatBytes, formatCpu, QuantityError } from '../lib/fargate/quantity';
import { ManifestError, readManifests, type PodTemplate } from '../lib/k8s/manifest';
import type { RegionPrices, Resources } from '../lib/fargate/types';
import type { Input } from './inputs';

export type RegionFrom = '--region' | 'AWS_REGION' | 'default';

export interface PodRow {
  file: string;
  document: number;
  kind: string;
  namespace: string | null;
  name: string;
  replicas: number;
  /** The effective request (with pod overhead), before Fargate's 256 MiB. */
  request: { cpu: string; memory: string; cpuMillis: number; memoryBytes: number };
  /** Memory Fargate must fit: request + 256 MiB. */
  fargateMemoryBytes: number;
  capacityProvisioned: string | null;
  vcpu: number | null;
  memoryGiB: number | null;
  hourlyUSD: number | null;
  monthlyUSD: number | null;
  totalHourlyUSD: number | null;
  totalMonthlyUSD: number | null;
  ephemeralStorageBytes: number;
  headroom: Resources;
  nextSmaller: { capacityProvisioned: string; trim: Resources; savingMonthlyUSD: number } | null;
  fargateIssues: string[];
  warnings: string[];
}

export interface SizeReport {
  region: string;
  regionFrom: RegionFrom;
  prices: { source: string; date: string; table: string; notes: string | null; unverified: string[] };
  pods: PodRow[];
  total: { pods: number; hourlyUSD: number; monthlyUSD: number; unpriced: number };
}

/** Money in JSON without floating-point dust (0.061620000000000004 → 0.06162). */
const usd = (n: number): number => Math.round(n * 1e8) / 1e8;

/** Picks the region: the flag, else AWS_REGION, else us-east-1. */
export function chooseRegion(flag: string | null, env: NodeJS.ProcessEnv): { region: string; from: RegionFrom } {
  if (flag) return { region: flag, from: '--region' };
  const fromEnv = env.AWS_REGION?.trim();
  if (fromEnv) return { region: fromEnv, from: 'AWS_REGION' };
  return { region: 'us-east-1', from: 'default' };
}

function row(input: Input, t: PodTemplate, prices: RegionPrices): PodRow {
  const e = estimatePod(t.spec, prices, { kind: t.kind });
  const { sizing } = e;
  const next = e.rightSizing.nextSmaller;
  return {
    file: input.name,
    document: t.document,
    kind: t.kind,
    namespace: t.namespace,
    name: t.name,
    replicas: t.replicas,
    request: {
      cpu: formatCpu(sizing.effective.cpuMillis),
      memory: formatBytes(sizing.effective.memoryBytes),
      cpuMillis: sizing.effective.cpuMillis,
      memoryBytes: sizing.effective.memoryBytes,
    },
    fargateMemoryBytes: sizing.fargateMemoryBytes,
    capacityProvisioned: sizing.capacityProvisioned,
    vcpu: sizing.size?.vcpu ?? null,
    memoryGiB: sizing.size?.memoryGiB ?? null,
    hourlyUSD: e.hourlyUSD === null ? null : usd(e.hourlyUSD),
    monthlyUSD: e.monthlyUSD === null ? null : usd(e.monthlyUSD),
    totalHourlyUSD: e.hourlyUSD === null ? null : usd(e.hourlyUSD * t.replicas),
    totalMonthlyUSD: e.monthlyUSD === null ? null : usd(e.monthlyUSD * t.replicas),
    ephemeralStorageBytes: sizing.ephemeralStorageBytes,
    headroom: e.rightSizing.headroom,
    nextSmaller: next && { capacityProvisioned: next.capacityProvisioned, trim: next.trim, savingMonthlyUSD: usd(next.savingMonthlyUSD) },
    fargateIssues: e.issues,
    warnings: [...t.warnings, ...e.warnings],
  };
}

/**
 * Builds the report for already-read inputs.
 * @throws UnknownRegionError, or ManifestError / QuantityError prefixed with the input's name
 */
export function sizeReport(inputs: Input[], region: { region: string; from: RegionFrom }): SizeReport {
  const prices = pricesFor(region.region);
  const pods: PodRow[] = [];
  for (const input of inputs) {
    let templates: PodTemplate[];
    try {
      templates = readManifests(input.text);
    } catch (e) {
      if (e instanceof ManifestError) throw new ManifestError(e.document, e.field, `${input.name}: ${e.message}`);
      throw e;
    }
    for (const t of templates) {
      try {
        pods.push(row(input, t, prices));
      } catch (e) {
        // The manifest reader validates quantities first, so this only guards against a gap between the two.
        if (e instanceof QuantityError) throw new QuantityError(e.quantity, e.reason, `${input.name}: document ${t.document} (${t.kind} ${t.name})`);
        throw e;
      }
    }
  }
  const priced = pods.filter((p) => p.totalHourlyUSD !== null);
  const hourly = priced.reduce((sum, p) => sum + (p.totalHourlyUSD ?? 0), 0);
  return {
    region: prices.region,
    regionFrom: region.from,
    prices: {
      source: prices.source,
      date: prices.date,
      table: `lib/fargate/prices.json v${priceTableVersion()}`,
      notes: prices.notes ?? null,
      unverified: prices.unverified ?? [],
    },
    pods,
    total: {
      pods: pods.reduce((n, p) => n + p.replicas, 0),
      hourlyUSD: usd(hourly),
      monthlyUSD: usd(priced.reduce((sum, p) => sum + (p.totalMonthlyUSD ?? 0), 0)),
      unpriced: pods.length - priced.length,
    },
  };
}
