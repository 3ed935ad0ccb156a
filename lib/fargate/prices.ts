/**
 * Prices from the versioned table in prices.json (per region: source, date, Fargate vCPU-hour, GB-hour,
 * ephemeral GB-hour, EC2 On-Demand). List prices only: Savings Plans and enterprise discounts are left to the bill.
 *
 * Billing window (AWS Fargate pricing page): from the start of the image download until the pod terminates,
 * rounded up to the nearest second, for the `CapacityProvisioned` size. Secondary sources add a one-minute
 * minimum that the current page does not show; billedSeconds() applies it and says so.
 */
import table from './prices.json';
import { GIB } from './sizes';
import type { FargateSize, RegionPrices } from './types';

/** Hours in a month as AWS quotes monthly figures (8760 / 12). */
export const HOURS_PER_MONTH = 730 as const;

/** Ephemeral storage every Fargate pod gets without extra charge. */
export const INCLUDED_EPHEMERAL_BYTES = 20 * GIB;
/** The most ephemeral storage a Fargate pod can request. */
export const MAX_EPHEMERAL_BYTES = 175 * GIB;
/** Widely quoted minimum charge per pod; not visible on the current AWS pricing page (docs/fargate-facts.md §4). */
export const MINIMUM_BILLED_SECONDS = 60;

type TableRegion = Omit<RegionPrices, 'region'>;
const REGIONS: Record<string, TableRegion> = table.regions;

export class UnknownRegionError extends Error {
  readonly region: string;

  constructor(region: string) {
    super(`no prices for region ${JSON.stringify(region)}; known regions: ${knownRegions().join(', ')}`);
    this.name = 'UnknownRegionError';
    this.region = region;
  }
}

/** Regions the price table covers, sorted. */
export function knownRegions(): string[] {
  return Object.keys(REGIONS).sort();
}

/** The version of prices.json, for reports that must say which table they used. */
export function priceTableVersion(): number {
  return table.version;
}

/**
 * Prices of one region ("ap-southeast-1"; case and surrounding spaces are forgiven).
 * @throws UnknownRegionError whose message lists the known regions
 */
export function pricesFor(region: string): RegionPrices {
  const key = String(region).trim().toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(REGIONS, key)) throw new UnknownRegionError(String(region));
  const r = REGIONS[key];
  return { region: key, ...r, ec2: { ...r.ec2 }, unverified: [...(r.unverified ?? [])] };
}

/**
 * The ephemeral storage Fargate provisions for a pod whose containers request `requestedBytes` in all:
 * requests + 10 % + 5 GiB (AWS Containers blog, "Amazon EKS Fargate adds support for larger ephemeral volumes"),
 * never less than the 20 GiB every pod gets, never more than the 175 GiB a pod can have (EKS user guide, "Fargate
 * storage"). A pod that requests none gets the plain 20 GiB.
 */
export function provisionedEphemeralBytes(requestedBytes: number): number {
  if (!(requestedBytes > 0)) return INCLUDED_EPHEMERAL_BYTES;
  const formula = requestedBytes * 1.1 + 5 * GIB;
  return Math.min(MAX_EPHEMERAL_BYTES, Math.max(INCLUDED_EPHEMERAL_BYTES, formula));
}

/**
 * Whole GiB of ephemeral storage billed for a pod: what Fargate provisions less the 20 GiB included, rounded up,
 * since What's New (2023-08-02) says the extra storage "is charged in GB increments". The blog's worked example,
 * 2 × 50 GiB provisioned as 115 GiB and billed as 95 GiB, is this rule. Just above the threshold the same rule
 * applies, as no source states another: a 15 GiB request is provisioned as 21.5 GiB and bills 2 GiB.
 */
export function billedEphemeralGiB(requestedBytes: number): number {
  const extra = provisionedEphemeralBytes(requestedBytes) - INCLUDED_EPHEMERAL_BYTES;
  // Whole GiB: the fraction comes from the 10 %, so round away float noise before rounding up.
  return extra <= 0 ? 0 : Math.ceil(Math.round((extra / GIB) * 1e6) / 1e6);
}

/**
 * Billable ephemeral storage in $/hour (billedEphemeralGiB at the region's rate); null when storage is billed but
 * the region has no rate.
 */
export function ephemeralHourlyUSD(ephemeralStorageBytes: number, prices: RegionPrices): number | null {
  const extraGiB = billedEphemeralGiB(ephemeralStorageBytes);
  if (extraGiB === 0) return 0;
  if (prices.fargateEphemeralGbHour == null) return null;
  return extraGiB * prices.fargateEphemeralGbHour;
}

/**
 * List price of one Fargate pod of this size per hour: vCPU × vCPU-hour + GB × GB-hour, plus the ephemeral storage
 * billed above the 20 GiB included when the region has a rate for it (see ephemeralHourlyUSD for the basis and when it is left out).
 */
export function fargateHourlyUSD(size: FargateSize, prices: RegionPrices, ephemeralStorageBytes = 0): number {
  const compute = size.vcpu * prices.fargateVcpuHour + size.memoryGiB * prices.fargateGbHour;
  return compute + (ephemeralHourlyUSD(ephemeralStorageBytes, prices) ?? 0);
}

/** On-demand Linux $/hour of an EC2 instance type, or null when the table has no figure for it. */
export function ec2HourlyUSD(instanceType: string, prices: RegionPrices): number | null {
  return Object.prototype.hasOwnProperty.call(prices.ec2, instanceType) ? prices.ec2[instanceType] : null;
}

/** $/month at 730 hours. */
export function monthlyUSD(hourlyUSD: number): number {
  return hourlyUSD * HOURS_PER_MONTH;
}

/**
 * Seconds Fargate bills for a pod that ran from startMs to endMs: rounded up to the second, at least
 * MINIMUM_BILLED_SECONDS (unverified minimum; pass { minimumSeconds: 0 } to leave it out).
 */
export function billedSeconds(startMs: number, endMs: number, opts: { minimumSeconds?: number } = {}): number {
  const seconds = Math.ceil(Math.max(0, endMs - startMs) / 1000);
  return Math.max(seconds, opts.minimumSeconds ?? MINIMUM_BILLED_SECONDS);
}

/** Cost of `seconds` of a pod priced at hourlyUSD. */
export function costForSeconds(hourlyUSD: number, seconds: number): number {
  return (hourlyUSD * seconds) / 3600;
}
