/**
 * One pod's whole Fargate picture in one call — sizing, price, right-sizing, issues — as the `farview size` CLI
 * and the size calculator show it.
 */
import { fargateIssues, limitWarnings } from '../lint/podspec';
import { ephemeralHourlyUSD, fargateHourlyUSD, HOURS_PER_MONTH } from './prices';
import { rightSize, type RightSizing } from './rightsize';
import { sizePod } from './sizing';
import type { PodSizing, PodSpecLike, RegionPrices } from './types';

export interface PodEstimate {
  sizing: PodSizing;
  rightSizing: RightSizing;
  /** List price per pod per hour, including the ephemeral storage billed above 20 GiB when priced; null when no size fits. */
  hourlyUSD: number | null;
  monthlyUSD: number | null;
  /** The ephemeral storage part of hourlyUSD; null when storage above 20 GiB is requested but the region has no rate. */
  storageHourlyUSD: number | null;
  /** Why Fargate would refuse the pod (empty when it would run). */
  issues: string[];
  /** What would run badly or is unverified. */
  warnings: string[];
}

/**
 * Sizes, prices and lints one pod spec.
 * @throws QuantityError naming the container and field of a bad quantity
 */
export function estimatePod(spec: PodSpecLike, prices: RegionPrices, opts: { kind?: string } = {}): PodEstimate {
  const sizing = sizePod(spec);
  const storageHourlyUSD = ephemeralHourlyUSD(sizing.ephemeralStorageBytes, prices);
  const hourlyUSD = sizing.size ? fargateHourlyUSD(sizing.size, prices, sizing.ephemeralStorageBytes) : null;
  const warnings = limitWarnings(spec, sizing);
  if (storageHourlyUSD === null) {
    warnings.push(`ephemeral storage billed above the 20 GiB included is not priced: no verified ${prices.region} rate in the price table`);
  }
  return {
    sizing,
    rightSizing: rightSize(sizing, prices),
    hourlyUSD,
    monthlyUSD: hourlyUSD === null ? null : hourlyUSD * HOURS_PER_MONTH,
    storageHourlyUSD,
    issues: fargateIssues(spec, { kind: opts.kind, sizing }),
    warnings,
  };
}

/**
 * The spec of a one-container pod requesting exactly this CPU and memory (null = not requested), for sizing a
 * request typed into the calculator.
 */
export function singleContainerSpec(cpuMillis: number | null, memoryBytes: number | null): PodSpecLike {
  const requests: Record<string, string | number> = {};
  if (cpuMillis !== null) requests.cpu = `${cpuMillis}m`;
  if (memoryBytes !== null) requests.memory = memoryBytes;
  return { containers: [{ name: 'app', resources: { requests } }] };
}
