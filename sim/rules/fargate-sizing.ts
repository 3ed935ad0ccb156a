/**
 * How the simulated EKS turns a pod spec into a Fargate size, from the EKS user guide's sizing rules:
 * - a container without a request for a resource is requested at its limit (Kubernetes API defaulting);
 *   a limit above the request does not count;
 * - init containers run one at a time, so the largest one counts; long-running containers run together, so
 *   they add up; the pod needs the larger of the two, CPU and memory each on their own;
 * - init containers with restartPolicy: Always (native sidecars) keep running: they count with the long-running
 *   containers and alongside every init container started after them, as the Kubernetes scheduler counts them
 *   (Fargate does not document them);
 * - Fargate adds 256 MiB of memory and runs the pod on the smallest supported combination holding both; the
 *   guide names nothing else, so a RuntimeClass's spec.overhead does not change the Fargate size.
 * The EC2 scheduler uses the same request plus spec.overhead, as kube-scheduler adds it on a node.
 */
import { SimQuantityError, bytes, cpuMillis } from './quantity';
import { capacityProvisioned, GIB, K8S_COMPONENTS_BYTES, SIM_FARGATE_SIZES, type FargateSize } from './fargate-sizes';

/** The parts of a container the rules read, as the API server stores them (plain JSON). */
export interface ContainerShape {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** The parts of a pod spec the rules read. */
export interface PodSpecShape {
  containers?: ContainerShape[];
  initContainers?: ContainerShape[];
  overhead?: Record<string, unknown>;
}

export interface Demand {
  cpuMillis: number;
  memoryBytes: number;
}

export interface FargateFit {
  /** What Kubernetes counts as the pod's request. */
  request: Demand;
  /** request.memoryBytes plus the 256 MiB for Fargate's own Kubernetes components. */
  memoryWithComponents: number;
  /** The smallest supported combination that holds the pod; null when none does. */
  size: FargateSize | null;
  /** The annotation AWS writes for that size; null when none fits. */
  capacityProvisioned: string | null;
}

type Parse = (q: unknown) => number;

/** A map entry that is really there (a null value reads as unset, as the API server drops it). */
function entry(map: unknown, key: string): unknown {
  if (typeof map !== 'object' || map === null || !Object.prototype.hasOwnProperty.call(map, key)) return undefined;
  return (map as Record<string, unknown>)[key] ?? undefined;
}

function parseAt(parse: Parse, value: unknown, where: string): number {
  try {
    return parse(value);
  } catch (e) {
    throw e instanceof SimQuantityError ? e.located(where) : e;
  }
}

/** One resource of one container: its request, else its limit, else nothing. The limit is checked first. */
function demandOf(c: ContainerShape, key: string, parse: Parse, where: string): number {
  const limit = entry(c.resources?.limits, key);
  const limitValue = limit === undefined ? undefined : parseAt(parse, limit, `${where}: resources.limits.${key}`);
  const request = entry(c.resources?.requests, key);
  if (request !== undefined) return parseAt(parse, request, `${where}: resources.requests.${key}`);
  return limitValue ?? 0;
}

function containerDemand(c: ContainerShape, kind: string, index: number): Demand {
  const where = typeof c.name === 'string' && c.name !== '' ? `${kind} ${JSON.stringify(c.name)}` : `${kind} #${index + 1}`;
  const cpu = demandOf(c, 'cpu', cpuMillis, where);
  const memory = demandOf(c, 'memory', bytes, where);
  // Not part of the size, but a malformed value makes the pod unschedulable all the same.
  demandOf(c, 'ephemeral-storage', bytes, where);
  return { cpuMillis: cpu, memoryBytes: memory };
}

const list = (v: unknown): ContainerShape[] => (Array.isArray(v) ? (v as ContainerShape[]) : []);

/**
 * The pod's request as Kubernetes counts it (see the header); Fargate's sizing leaves out the overhead.
 * @throws SimQuantityError naming the container and field of a malformed quantity
 */
export function podDemand(spec: PodSpecShape, opts: { withOverhead?: boolean } = {}): Demand {
  let cpuSidecars = 0;
  let memSidecars = 0;
  let cpuInitPeak = 0;
  let memInitPeak = 0;
  list(spec.initContainers).forEach((c, i) => {
    const sidecar = c.restartPolicy === 'Always';
    const d = containerDemand(c, sidecar ? 'sidecar container' : 'init container', i);
    if (sidecar) {
      cpuSidecars += d.cpuMillis;
      memSidecars += d.memoryBytes;
    } else {
      cpuInitPeak = Math.max(cpuInitPeak, d.cpuMillis + cpuSidecars);
      memInitPeak = Math.max(memInitPeak, d.memoryBytes + memSidecars);
    }
  });
  let cpuLong = cpuSidecars;
  let memLong = memSidecars;
  list(spec.containers).forEach((c, i) => {
    const d = containerDemand(c, 'container', i);
    cpuLong += d.cpuMillis;
    memLong += d.memoryBytes;
  });
  const overheadCpu = entry(spec.overhead, 'cpu');
  const overheadMem = entry(spec.overhead, 'memory');
  // Read even when left out: a malformed overhead makes the pod unschedulable all the same.
  const cpuOver = overheadCpu === undefined ? 0 : parseAt(cpuMillis, overheadCpu, 'overhead.cpu');
  const memOver = overheadMem === undefined ? 0 : parseAt(bytes, overheadMem, 'overhead.memory');
  const add = opts.withOverhead !== false;
  return {
    cpuMillis: Math.max(cpuLong, cpuInitPeak) + (add ? cpuOver : 0),
    memoryBytes: Math.max(memLong, memInitPeak) + (add ? memOver : 0),
  };
}

/** The smallest supported combination with at least this CPU and memory (fewest vCPU first, then least memory). */
export function smallestSizeFor(cpu: number, memoryWithComponents: number): FargateSize | null {
  let best: FargateSize | null = null;
  for (const s of SIM_FARGATE_SIZES) {
    if (s.vcpu * 1000 < cpu || s.memoryGiB * GIB < memoryWithComponents) continue;
    if (!best || s.vcpu < best.vcpu || (s.vcpu === best.vcpu && s.memoryGiB < best.memoryGiB)) best = s;
  }
  return best;
}

/**
 * Where Fargate would run this pod and what it writes in `CapacityProvisioned`.
 * @throws SimQuantityError naming the container and field of a malformed quantity
 */
export function fargateFit(spec: PodSpecShape): FargateFit {
  const request = podDemand(spec, { withOverhead: false });
  const memoryWithComponents = request.memoryBytes + K8S_COMPONENTS_BYTES;
  const size = smallestSizeFor(request.cpuMillis, memoryWithComponents);
  return { request, memoryWithComponents, size, capacityProvisioned: size ? capacityProvisioned(size) : null };
}
