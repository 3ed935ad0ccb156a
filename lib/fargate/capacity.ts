/**
 * The `CapacityProvisioned` pod annotation AWS writes on every Fargate pod: "<vcpu>vCPU <memory>GB", for
 * example "0.25vCPU 0.5GB" or "2vCPU 9GB". It is what the pod is billed for. Parsing is defensive: the value
 * comes from the cluster (or from a user who copied the key onto something else), so anything that is not
 * exactly that shape is null, never an exception.
 */
import type { FargateSize } from './types';

// Number spellings AWS uses ("0.25", "1", ".5" tolerated); no sign, no exponent.
const NUM = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const CAPACITY = new RegExp(String.raw`^\s*${NUM}\s*vCPU\s+${NUM}\s*GB\s*$`, 'i');

/**
 * "0.5vCPU 1GB" → { vcpu: 0.5, memoryGiB: 1 }. Unknown formats, zero or absurd values → null.
 * A well-formed size outside the 74 known ones is returned as written: AWS bills what it wrote, and the table
 * has grown before (8 and 16 vCPU arrived in 2022). Use isFargateSize() to tell.
 */
export function parseCapacityProvisioned(s: unknown): FargateSize | null {
  if (typeof s !== 'string' || s.length > 64) return null;
  const m = CAPACITY.exec(s);
  if (!m) return null;
  const vcpu = Number(m[1]);
  const memoryGiB = Number(m[2]);
  if (!(vcpu > 0 && vcpu <= 1024 && memoryGiB > 0 && memoryGiB <= 16384)) return null;
  return { vcpu, memoryGiB };
}

/** The annotation as AWS spells it: "0.25vCPU 0.5GB", "1vCPU 2GB", "2vCPU 9GB" (no trailing zeros). */
export function formatCapacityProvisioned(size: FargateSize): string {
  return `${String(size.vcpu)}vCPU ${String(size.memoryGiB)}GB`;
}
