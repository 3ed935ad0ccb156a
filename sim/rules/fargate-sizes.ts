/**
 * The vCPU/memory combinations EKS Fargate runs a pod on, written out row by row from the table in the EKS
 * user guide ("Understand Fargate Pod configuration details"). Kept as literal data, apart from the engine's
 * copy, so a slip in either shows up when the cross-check compares them. AWS says "GB"; recorded pods only
 * add up when it is read as GiB (3.75Gi + 256Mi became exactly "4GB").
 */

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** What Fargate adds to every pod's memory for kubelet, kube-proxy and containerd ("256 MB", read as MiB). */
export const K8S_COMPONENTS_BYTES = 256 * MIB;

/** One supported combination: vCPU count and memory in GiB, as the annotation prints them. */
export interface FargateSize {
  vcpu: number;
  memoryGiB: number;
}

// vCPU → every memory value the table allows for it.
const TABLE: Record<string, readonly number[]> = {
  '0.25': [0.5, 1, 2],
  '0.5': [1, 2, 3, 4],
  '1': [2, 3, 4, 5, 6, 7, 8],
  '2': [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
  '4': [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30],
  '8': [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60],
  '16': [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120],
};

/** All 74 combinations. Order carries no meaning here; the sizing rule picks by comparing. */
export const SIM_FARGATE_SIZES: readonly FargateSize[] = Object.freeze(
  Object.entries(TABLE).flatMap(([vcpu, memories]) => memories.map((memoryGiB) => Object.freeze({ vcpu: Number(vcpu), memoryGiB }))),
);

/** `CapacityProvisioned` as AWS writes it: "0.25vCPU 0.5GB", "2vCPU 9GB" (numbers without trailing zeros). */
export function capacityProvisioned(size: FargateSize): string {
  return `${size.vcpu}vCPU ${size.memoryGiB}GB`;
}
