/**
 * The vCPU/memory combinations EKS Fargate provisions (EKS user guide, "Understand Fargate Pod configuration
 * details"; docs/fargate-facts.md §1). AWS writes "GB" but behaves as GiB: 3.75Gi + 256Mi lands exactly on 4GB.
 */
import type { FargateSize } from './types';

export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;

/** Fargate adds 256 MB (MiB, see above) to every pod for kubelet, kube-proxy and containerd. */
export const FARGATE_OVERHEAD_BYTES = 256 * MIB;

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

// One row per vCPU value, as the AWS table lists them.
const ROWS: [vcpu: number, memoryGiB: number[]][] = [
  [0.25, [0.5, 1, 2]],
  [0.5, [1, 2, 3, 4]],
  [1, [2, 3, 4, 5, 6, 7, 8]],
  [2, range(4, 16, 1)],
  [4, range(8, 30, 1)],
  [8, range(16, 60, 4)],
  [16, range(32, 120, 8)],
];

/** The 74 sizes, ascending by vCPU then memory. */
export const FARGATE_SIZES: readonly FargateSize[] = Object.freeze(
  ROWS.flatMap(([vcpu, mems]) => mems.map((memoryGiB) => Object.freeze({ vcpu, memoryGiB }))),
);

/** The largest size: a pod needing more than this stays Pending (POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE). */
export const LARGEST_FARGATE_SIZE: FargateSize = FARGATE_SIZES[FARGATE_SIZES.length - 1];

/** CPU of a size in millicores. */
export function sizeCpuMillis(size: FargateSize): number {
  return Math.round(size.vcpu * 1000);
}

/** Memory of a size in bytes. */
export function sizeMemoryBytes(size: FargateSize): number {
  return Math.round(size.memoryGiB * GIB);
}

/**
 * The smallest size that holds both the CPU request and the memory request plus overhead. Fits are inclusive
 * (256Mi + 256Mi lands on 0.5GB), memory may force more vCPU (1 vCPU + 8 GiB + 256 MiB → 2vCPU 9GB).
 * Sizes are scanned in table order, so the first fit has the fewest vCPU and then the least memory, which is
 * also the cheapest fit at any positive price per vCPU and per GB.
 * @param cpuMillis effective CPU request in millicores
 * @param memoryBytesWithOverhead effective memory request plus FARGATE_OVERHEAD_BYTES
 * @returns the size, or null when the pod exceeds 16 vCPU / 120 GB
 * @throws RangeError on negative or non-finite input
 */
export function chooseSize(cpuMillis: number, memoryBytesWithOverhead: number): FargateSize | null {
  if (!(cpuMillis >= 0) || !Number.isFinite(cpuMillis)) throw new RangeError(`cpuMillis must be a finite number ≥ 0, got ${cpuMillis}`);
  if (!(memoryBytesWithOverhead >= 0) || !Number.isFinite(memoryBytesWithOverhead)) {
    throw new RangeError(`memoryBytesWithOverhead must be a finite number ≥ 0, got ${memoryBytesWithOverhead}`);
  }
  for (const size of FARGATE_SIZES) {
    if (cpuMillis <= sizeCpuMillis(size) && memoryBytesWithOverhead <= sizeMemoryBytes(size)) return size;
  }
  return null;
}

/** True when the size is one of the 74 (a CapacityProvisioned AWS wrote might one day not be). */
export function isFargateSize(size: FargateSize): boolean {
  return FARGATE_SIZES.some((s) => s.vcpu === size.vcpu && s.memoryGiB === size.memoryGiB);
}
