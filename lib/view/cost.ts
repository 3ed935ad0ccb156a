/**
 * Cost arithmetic of the view. Fargate pods cost the list price of the size they are billed for; EC2 pods
 * cost a share of their node. Aggregates are summed in integer nano-dollars so that adding and removing a
 * pod in any order gives exactly the same total as summing from scratch.
 */
import { GIB } from '../fargate/sizes';
import { billedSeconds, costForSeconds } from '../fargate/prices';
import type { FargateSize, RegionPrices, Resources } from '../fargate/types';

// The money primitives live in lib/cost/money.ts; the view's modules still import them from here.
export { fromNano, toNano } from '../cost/money';

/**
 * An EC2 pod's share of its node's price. Half of the node's $/hour is split by CPU requested over the
 * node's allocatable CPU, the other half by memory requested over allocatable memory: an instance is bought
 * for both, and neither alone says who uses it. A pod with no requests gets 0; what no pod requested stays
 * with the node as its idle share (node $/h minus the sum of its pods' shares).
 */
export function ec2ShareHourly(nodeHourlyUSD: number, request: Resources, allocatable: Resources): number {
  const cpuShare = allocatable.cpuMillis > 0 ? Math.min(1, request.cpuMillis / allocatable.cpuMillis) : 0;
  const memShare = allocatable.memoryBytes > 0 ? Math.min(1, request.memoryBytes / allocatable.memoryBytes) : 0;
  return nodeHourlyUSD * (0.5 * cpuShare + 0.5 * memShare);
}

/**
 * $/hour of Fargate capacity billed but not requested: (billed vCPU − requested vCPU) × vCPU price plus
 * (billed GiB − requested GiB) × GB price. The 256 MiB Fargate adds for its own agents is billed and not
 * requested, so it is part of this figure, as is the rounding up to a supported size.
 */
export function fargateWasteHourly(billed: FargateSize, request: Resources, prices: RegionPrices): number {
  const cpu = Math.max(0, billed.vcpu - request.cpuMillis / 1000);
  const mem = Math.max(0, billed.memoryGiB - request.memoryBytes / GIB);
  return cpu * prices.fargateVcpuHour + mem * prices.fargateGbHour;
}

/**
 * Cost accrued from billingStart to now at the pod's current rate. Fargate bills per second with a
 * one-minute minimum (engine's billedSeconds); an EC2 share accrues continuously.
 */
export function accruedUSD(hourlyUSD: number, billingStart: string | null, nowMs: number, fargate: boolean): number {
  if (!billingStart || hourlyUSD === 0) return 0;
  const startMs = Date.parse(billingStart);
  if (!Number.isFinite(startMs) || nowMs < startMs) return 0;
  const seconds = fargate ? billedSeconds(startMs, nowMs) : (nowMs - startMs) / 1000;
  return costForSeconds(hourlyUSD, seconds);
}
