/**
 * What a pod's Fargate size leaves on the table: the request it could add for free (the size is rounded up
 * anyway), and the nearest cheaper size with the trim it would take to get there.
 */
import { formatCapacityProvisioned } from './capacity';
import { fargateHourlyUSD, HOURS_PER_MONTH } from './prices';
import { FARGATE_SIZES, GIB, sizeCpuMillis, sizeMemoryBytes } from './sizes';
import type { FargateSize, PodSizing, RegionPrices, Resources } from './types';

export interface RightSizing {
  /** CPU/memory the pod could add to its request at no extra cost. */
  headroom: Resources;
  /** The cheaper size that needs the least trimming, or null when the pod is already on the cheapest it can be. */
  nextSmaller: { size: FargateSize; capacityProvisioned: string; trim: Resources; savingMonthlyUSD: number } | null;
}

/**
 * Headroom and the next size down for a sized pod. "Next size down" is the cheaper size whose trim (the CPU and
 * memory the request must lose to fit) costs least at the region's rates; ties go to the larger saving. So a
 * 1 CPU / 8 GiB pod on 2vCPU 9GB is pointed at 1vCPU 8GB (trim 256 MiB) rather than 2vCPU 8GB (same trim,
 * smaller saving). Pods that fit no size get zero headroom and no hint.
 */
export function rightSize(sizing: PodSizing, prices: RegionPrices): RightSizing {
  const current = sizing.size;
  if (!current) return { headroom: { cpuMillis: 0, memoryBytes: 0 }, nextSmaller: null };
  const need = { cpuMillis: sizing.effective.cpuMillis, memoryBytes: sizing.fargateMemoryBytes };
  const headroom = {
    cpuMillis: Math.max(0, sizeCpuMillis(current) - need.cpuMillis),
    memoryBytes: Math.max(0, sizeMemoryBytes(current) - need.memoryBytes),
  };
  // Storage is the same whatever the size, so compare compute prices only.
  const currentHourly = fargateHourlyUSD(current, prices);
  let best: { size: FargateSize; trim: Resources; trimCost: number; saving: number } | null = null;
  for (const size of FARGATE_SIZES) {
    const saving = currentHourly - fargateHourlyUSD(size, prices);
    if (saving <= 1e-12) continue;
    const trim = {
      cpuMillis: Math.max(0, need.cpuMillis - sizeCpuMillis(size)),
      memoryBytes: Math.max(0, need.memoryBytes - sizeMemoryBytes(size)),
    };
    const trimCost = (trim.cpuMillis / 1000) * prices.fargateVcpuHour + (trim.memoryBytes / GIB) * prices.fargateGbHour;
    if (!best || trimCost < best.trimCost - 1e-15 || (Math.abs(trimCost - best.trimCost) <= 1e-15 && saving > best.saving)) {
      best = { size, trim, trimCost, saving };
    }
  }
  return {
    headroom,
    nextSmaller: best && {
      size: best.size,
      capacityProvisioned: formatCapacityProvisioned(best.size),
      trim: best.trim,
      savingMonthlyUSD: best.saving * HOURS_PER_MONTH,
    },
  };
}
