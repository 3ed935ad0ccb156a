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
 * Billable ephemeral storage in $/hour: whole GiB above the 20 GiB included, at the region's rate; null when
 * the region has no verified rate and storage above 20 GiB is requested.
 * Basis (docs/fargate-facts.md §3): AWS bills the provisioned amount (requests + 10% + 5 GiB) less the 20 GiB
 * included. This still bills the requested amount above 20 GiB, rounded up to a whole GiB, so it undercounts.
 */
export function ephemeralHourlyUSD(ephemeralStorageBytes: number, prices: RegionPrices): number | null {
  const extraGiB = Math.ceil(Math.max(0, ephemeralStorageBytes - INCLUDED_EPHEMERAL_BYTES) / GIB);
  if (extraGiB === 0) return 0;
  if (prices.fargateEphemeralGbHour == null) return null;
  return extraGiB * prices.fargateEphemeralGbHour;
}

/**
 * List price of one Fargate pod of this size per hour: vCPU × vCPU-hour + GB × GB-hour, plus ephemeral storage
 * above 20 GiB when the region has a rate for it (see ephemeralHourlyUSD for the basis and when it is left out).
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
