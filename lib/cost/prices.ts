/**
 * The prices a cost figure used, frozen with it, and the price arithmetic the cost view needs beyond the
 * engine's: Fargate compute at a given set of rates, and a provenance line for every figure.
 */
import type { FargateSize, RegionPrices } from '../fargate/types';
import type { PriceInfo } from './types';

/**
 * The rates of a region, with the EC2 prices cut down to the instance types named (a report keeps only what
 * it used, so a later price-table change cannot alter it).
 */
export function priceInfo(prices: RegionPrices, instanceTypes: Iterable<string>): PriceInfo {
  const ec2: Record<string, number> = {};
  for (const t of [...new Set(instanceTypes)].sort()) {
    if (Object.prototype.hasOwnProperty.call(prices.ec2, t)) ec2[t] = prices.ec2[t];
  }
  return {
    region: prices.region,
    source: prices.source,
    date: prices.date,
    fargateVcpuHour: prices.fargateVcpuHour,
    fargateGbHour: prices.fargateGbHour,
    ec2,
    unverified: [...(prices.unverified ?? [])],
  };
}

/** Fargate compute $/hour of a size at these rates (no ephemeral storage). */
export function fargateComputeHourly(size: FargateSize, p: Pick<PriceInfo, 'fargateVcpuHour' | 'fargateGbHour'>): number {
  return size.vcpu * p.fargateVcpuHour + size.memoryGiB * p.fargateGbHour;
}

/** On-demand $/hour of an instance type in these prices, or null. */
export function ec2Rate(p: PriceInfo, instanceType: string | null): number | null {
  if (!instanceType || !Object.prototype.hasOwnProperty.call(p.ec2, instanceType)) return null;
  return p.ec2[instanceType];
}

/**
 * "List prices ap-southeast-1 (read 2026-08-21; EC2 figures unverified) at 2026-03-26 12:00:00 UTC", the line
 * that goes with every figure.
 */
export function provenance(p: PriceInfo | null, at: string): string {
  const moment = formatMoment(at);
  if (!p) return `No prices for this cluster's region: costs are $0 · at ${moment}`;
  const unverified = p.unverified.length ? `; unverified: ${p.unverified.join(', ')}` : '';
  return `List prices ${p.region} (read ${p.date}${unverified}) · at ${moment}`;
}

/** An ISO time as "2026-03-26 12:00:00 UTC" (the same for every reader, whatever their time zone). */
export function formatMoment(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
