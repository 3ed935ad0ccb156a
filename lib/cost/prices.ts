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
    ...(prices.origin ? { origin: { ...prices.origin, apiInstanceTypes: prices.origin.apiInstanceTypes.filter((t) => t in ec2), problems: [...prices.origin.problems] } } : {}),
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
 * The line that goes with every figure: "List prices ap-southeast-1 (bundled table of 2026-08-21; unverified: ec2)
 * · at 2026-03-26 12:00:00 UTC", or, when AWS answered, "List prices ap-southeast-1 (AWS Price List API at
 * 2026-12-03 10:40 UTC; Spot from EC2 at 10:41 UTC) · at …", with the reason whenever the table stood in for AWS.
 */
export function provenance(p: PriceInfo | null, at: string): string {
  const moment = formatMoment(at);
  if (!p) return `No prices for this cluster's region: costs are $0 · at ${moment}`;
  return `${pricesText(p)} · at ${moment}`;
}

/** "List prices ap-southeast-1 (AWS Price List API at 2026-12-03 10:40 UTC; Spot from EC2 at 10:41 UTC)". */
export function pricesText(p: { region: string; date: string; unverified?: string[]; origin?: PriceInfo['origin'] }): string {
  const o = p.origin;
  const parts: string[] = [];
  if (o?.list === 'api' && o.listAt) parts.push(`AWS Price List API at ${formatMoment(o.listAt).slice(0, 16)} UTC`);
  else parts.push(`bundled table of ${(o?.tableDate ?? p.date).slice(0, 10)}`);
  if (o?.spot === 'api' && o.spotAt) parts.push(`Spot from EC2 at ${formatMoment(o.spotAt).slice(11, 16)} UTC`);
  if (p.unverified?.length) parts.push(`unverified: ${p.unverified.join(', ')}`);
  for (const problem of o?.problems ?? []) parts.push(problem);
  return `List prices ${p.region} (${parts.join('; ')})`;
}

/** An ISO time as "2026-03-26 12:00:00 UTC" (the same for every reader, whatever their time zone). */
export function formatMoment(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
