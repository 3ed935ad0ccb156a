/**
 * Pod sizing as EKS Fargate does it (docs/fargate-facts.md §2):
 *   effective = max(sum of long-running containers, largest init container), per dimension;
 *   Fargate must fit effective CPU and effective memory + 256 MiB; the smallest of the 74 sizes that does wins.
 * Requests default from limits when only limits are set (Kubernetes API defaulting); limits above requests
 * do not change the size (the stacksimplify 1 CPU/2Gi pod with 2/4Gi limits got "1vCPU 3GB").
 */
import { formatCapacityProvisioned } from './capacity';
import { parseBytes, parseCpuMillis, QuantityError } from './quantity';
import { chooseSize, FARGATE_OVERHEAD_BYTES } from './sizes';
import type { ContainerLike, ContainerRole, ContainerSizing, PodSizing, PodSpecLike, Resources } from './types';

/** The condition reason and message EKS sets on a pod no Fargate size can hold. */
export const TOO_LARGE_REASON = "POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE: Your pod's cpu/memory requirements exceed the max Fargate configuration";

type QuantityMap = Record<string, string | number> | undefined;

interface ReadContainer {
  sizing: ContainerSizing;
  ephemeralBytes: number;
}

/** The value set for `key`, or undefined when the map or the key is absent (null counts as unset). */
function valueOf(map: QuantityMap, key: string): string | number | undefined {
  if (map == null || typeof map !== 'object' || !Object.prototype.hasOwnProperty.call(map, key)) return undefined;
  return map[key] ?? undefined;
}

function parseAt<T>(parse: (q: string | number) => T, q: string | number, where: string): T {
  try {
    return parse(q);
  } catch (e) {
    if (e instanceof QuantityError) throw e.at(where);
    throw e;
  }
}

/** One resource of one container: the request, or the limit when only the limit is set. */
function requestOf(c: ContainerLike, key: string, parse: (q: string | number) => number, where: string) {
  const requested = valueOf(c.resources?.requests, key);
  const limited = valueOf(c.resources?.limits, key);
  const limit = limited === undefined ? null : parseAt(parse, limited, `${where}: resources.limits.${key}`);
  if (requested !== undefined) return { request: parseAt(parse, requested, `${where}: resources.requests.${key}`), limit, defaulted: false };
  return { request: limit ?? 0, limit, defaulted: limit !== null };
}

function readContainer(c: ContainerLike, role: ContainerRole, index: number): ReadContainer {
  const label = role === 'container' ? 'container' : role === 'sidecar' ? 'sidecar container' : 'init container';
  const where = typeof c.name === 'string' && c.name ? `${label} ${JSON.stringify(c.name)}` : `${label} #${index + 1}`;
  const cpu = requestOf(c, 'cpu', parseCpuMillis, where);
  const memory = requestOf(c, 'memory', parseBytes, where);
  const storage = requestOf(c, 'ephemeral-storage', parseBytes, where);
  return {
    sizing: {
      name: c.name,
      role,
      request: { cpuMillis: cpu.request, memoryBytes: memory.request },
      limits: { cpuMillis: cpu.limit, memoryBytes: memory.limit },
      defaultedFromLimits: cpu.defaulted || memory.defaulted,
    },
    ephemeralBytes: storage.request,
  };
}

const zero = (): Resources => ({ cpuMillis: 0, memoryBytes: 0 });
const add = (a: Resources, b: Resources): Resources => ({ cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes });
const max = (a: Resources, b: Resources): Resources => ({
  cpuMillis: Math.max(a.cpuMillis, b.cpuMillis),
  memoryBytes: Math.max(a.memoryBytes, b.memoryBytes),
});

/** A native sidecar is an init container that keeps running (restartPolicy: Always, Kubernetes 1.28+). */
export function isSidecar(c: ContainerLike): boolean {
  return c.restartPolicy === 'Always';
}

/**
 * Derives the whole sizing chain of a pod spec: each container's request (defaulted from limits), the
 * long-running sum, the largest init requirement, the pod overhead (reported, not added), the effective request,
 * +256 MiB, and the size.
 * Native sidecars follow the Kubernetes formula (counted with the long-running containers, and added to every
 * init container declared after them); Fargate does not document them, so `sidecarsUnverified` says so.
 * @throws QuantityError whose message names the container and the field, e.g.
 *   `container "web": resources.requests.memory: "1.5GB" is not a valid quantity: unknown suffix; …`
 */
export function sizePod(spec: PodSpecLike): PodSizing {
  const containers: ContainerSizing[] = [];
  let longRunning = zero();
  let initMax = zero();
  let sidecarsSoFar = zero();
  let storageLong = 0;
  let storageInit = 0;
  let storageSidecars = 0;
  let sidecarsUnverified = false;

  (Array.isArray(spec.initContainers) ? spec.initContainers : []).forEach((c, i) => {
    const sidecar = isSidecar(c);
    const read = readContainer(c, sidecar ? 'sidecar' : 'init', i);
    containers.push(read.sizing);
    if (sidecar) {
      sidecarsUnverified = true;
      sidecarsSoFar = add(sidecarsSoFar, read.sizing.request);
      longRunning = add(longRunning, read.sizing.request);
      storageSidecars += read.ephemeralBytes;
      storageLong += read.ephemeralBytes;
    } else {
      // A plain init container runs alongside every sidecar started before it.
      initMax = max(initMax, add(read.sizing.request, sidecarsSoFar));
      storageInit = Math.max(storageInit, read.ephemeralBytes + storageSidecars);
    }
  });
  (Array.isArray(spec.containers) ? spec.containers : []).forEach((c, i) => {
    const read = readContainer(c, 'container', i);
    containers.push(read.sizing);
    longRunning = add(longRunning, read.sizing.request);
    storageLong += read.ephemeralBytes;
  });

  const overheadCpu = valueOf(spec.overhead, 'cpu');
  const overheadMemory = valueOf(spec.overhead, 'memory');
  const overhead = {
    cpuMillis: overheadCpu === undefined ? 0 : parseAt(parseCpuMillis, overheadCpu, 'overhead.cpu'),
    memoryBytes: overheadMemory === undefined ? 0 : parseAt(parseBytes, overheadMemory, 'overhead.memory'),
  };
  // AWS's sizing statement names init containers, long-running containers and the 256 MiB, and nothing else: a
  // RuntimeClass overhead (which kube-scheduler adds on EC2 nodes) is read for the warning but not added.
  const effective = max(longRunning, initMax);
  const fargateMemoryBytes = effective.memoryBytes + FARGATE_OVERHEAD_BYTES;
  const size = chooseSize(effective.cpuMillis, fargateMemoryBytes);
  return {
    containers,
    longRunning,
    initMax,
    overhead,
    effective,
    fargateMemoryBytes,
    // Storage follows the same max(long-running, init) rule as CPU and memory: it is what the pod needs at once.
    ephemeralStorageBytes: Math.max(storageLong, storageInit),
    size,
    capacityProvisioned: size ? formatCapacityProvisioned(size) : null,
    tooLargeReason: size ? null : TOO_LARGE_REASON,
    sidecarsUnverified,
  };
}
