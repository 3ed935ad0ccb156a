/**
 * What each simulated container uses, for the simulator's metrics-server. Deterministic: a pure function of the
 * pattern, the container's requests, a per-pod seed and the simulated time, so a test can predict every value
 * metrics-server reports. The value reported with `timestamp` T is the pattern's value at T.
 *
 * The pattern of a pod is its annotation `sim.farview.dev/usage` (set it on a pod template to choose), else
 * the scenario's default: the seed's nginx pods idle at a few millicores and MiB (far below what they request),
 * the scale scenario mixes every pattern.
 */

export const USAGE_ANNOTATION = 'sim.farview.dev/usage';

export const PATTERNS = ['steady', 'daily', 'spiky', 'idle', 'creep'] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface ContainerRequests {
  /** Millicores requested, 0 when none. */
  cpuMilli: number;
  memoryBytes: number;
  /** Memory limit in bytes, 0 when none (the creep pattern climbs to it). */
  memoryLimitBytes: number;
}

export interface UsagePoint {
  cpuMilli: number;
  memoryBytes: number;
}

const MI = 1024 * 1024;
const DAY_MS = 86_400_000;
/** How long a creeping container's memory takes to reach its ceiling, when the kubelet kills it (OOMKilled). */
export const CREEP_CYCLE_MS = 6 * 3_600_000;
/** Without a request a container is given these as its "request" to scale from. */
const NO_REQUEST_CPU = 100;
const NO_REQUEST_MEM = 128 * MI;

/** A number in [0, 1) from a seed and a salt (an integer hash, no state). */
export function unit(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** A stable seed for a pod: its namespace and name hashed (FNV-1a). */
export function podSeed(namespace: string, name: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${namespace}/${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** Whole KiB, as metrics-server's working-set bytes usually are. */
const kib = (bytes: number) => Math.max(1024, Math.round(bytes / 1024) * 1024);

/**
 * Usage of one container at simulated time `tMs`, `startedMs` being when the container started.
 * - steady: 25–45 % of the request, constant.
 * - daily: a sine with a 24 h period between 10 % and 70 % of the CPU request; memory 40 % of the request.
 * - spiky: steady at 10 %, and 3× the CPU request during the first minute of every 10 (from the pod's start).
 * - idle: 1–4 millicores and 3–10 MiB, whatever was requested (the seed's nginx).
 * - creep: CPU 20 %; memory from 10 % of the limit (or request) rising linearly to 100 % over 6 hours, when the
 *   simulated kubelet kills it (OOMKilled, sim/controllers/oom.ts) and it starts again from 10 %.
 */
export function containerUsageAt(pattern: Pattern, req: ContainerRequests, seed: number, tMs: number, startedMs: number): UsagePoint {
  const cpuReq = req.cpuMilli || NO_REQUEST_CPU;
  const memReq = req.memoryBytes || NO_REQUEST_MEM;
  const share = 0.25 + 0.2 * unit(seed, 1);
  switch (pattern) {
    case 'steady':
      return { cpuMilli: cpuReq * share, memoryBytes: kib(memReq * share) };
    case 'daily': {
      const phase = (2 * Math.PI * (((tMs % DAY_MS) + DAY_MS) % DAY_MS)) / DAY_MS;
      return { cpuMilli: cpuReq * (0.4 + 0.3 * Math.sin(phase)), memoryBytes: kib(memReq * 0.4) };
    }
    case 'spiky': {
      const inBurst = Math.max(0, tMs - startedMs) % 600_000 < 60_000;
      return { cpuMilli: cpuReq * (inBurst ? 3 : 0.1), memoryBytes: kib(memReq * 0.3) };
    }
    case 'idle':
      return { cpuMilli: 1 + 3 * unit(seed, 2), memoryBytes: kib((3 + 7 * unit(seed, 3)) * MI) };
    case 'creep': {
      const ceiling = req.memoryLimitBytes || memReq;
      const f = (Math.max(0, tMs - startedMs) % CREEP_CYCLE_MS) / CREEP_CYCLE_MS;
      return { cpuMilli: cpuReq * 0.2, memoryBytes: kib(ceiling * (0.1 + 0.9 * f)) };
    }
  }
}

/** The pattern a pod follows: its annotation when valid, else the scenario's default for it. */
export function patternOf(annotations: Record<string, string> | undefined, scenario: string, seed: number): Pattern {
  const chosen = annotations?.[USAGE_ANNOTATION];
  if (chosen && (PATTERNS as readonly string[]).includes(chosen)) return chosen as Pattern;
  if (scenario === 'eksworkshop') return 'idle';
  if (scenario === 'scale') {
    // A mix as a big cluster has: most workloads steady or idle, some with daily cycles, a few spiky or leaking.
    const u = unit(seed, 7);
    return u < 0.4 ? 'steady' : u < 0.65 ? 'idle' : u < 0.85 ? 'daily' : u < 0.95 ? 'spiky' : 'creep';
  }
  return 'steady';
}

/** Nanocores as metrics-server writes a CPU quantity: "1234567n", or "13m" / "0" when exact. */
export function cpuQuantity(milli: number): string {
  const nano = Math.round(milli * 1e6);
  if (nano === 0) return '0';
  if (nano % 1e6 === 0) return `${nano / 1e6}m`;
  if (nano % 1e3 === 0) return `${nano / 1e3}u`;
  return `${nano}n`;
}

/** Bytes as metrics-server writes memory (binary suffixes when exact): "14520Ki", "12Mi", "1000". */
export function memoryQuantity(bytes: number): string {
  const b = Math.round(bytes);
  if (b === 0) return '0';
  for (const [suffix, size] of [['Gi', 1024 ** 3], ['Mi', MI], ['Ki', 1024]] as const) if (b % size === 0) return `${b / size}${suffix}`;
  return String(b);
}
