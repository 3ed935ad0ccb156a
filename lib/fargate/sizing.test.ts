import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantityError } from './quantity';
import { sizePod, TOO_LARGE_REASON } from './sizing';
import type { ContainerLike, PodSpecLike } from './types';

const Mi = 1024 ** 2;
const Gi = 1024 ** 3;

function pod(requests: Record<string, string | number> | null, limits?: Record<string, string | number>): PodSpecLike {
  const resources: ContainerLike['resources'] = {};
  if (requests) resources.requests = requests;
  if (limits) resources.limits = limits;
  return { containers: [{ name: 'app', resources }] };
}

describe('the seed document’s examples (section 六)', () => {
  // The seed writes "MB"/"GB" and does its arithmetic in MiB ("512MB + 256MB = 768MB", "1750MB + 256MB = 2006MB",
  // "4GB + 256MB = 4352MB"), so it meant Mi/Gi; only its nginx-mixed-fargate manifest literally writes "1750M".
  // Both readings are tested; where they differ (4GB, 8GB) the decimal reading is labelled as such.
  it.each<[string, Record<string, string>, string]>([
    ['0.25 vCPU / 512MB as Mi', { cpu: '0.25', memory: '512Mi' }, '0.25vCPU 1GB'],
    ['0.25 vCPU / 512MB as M', { cpu: '0.25', memory: '512M' }, '0.25vCPU 1GB'],
    ['0.5 vCPU / 1GB as Gi', { cpu: '0.5', memory: '1Gi' }, '0.5vCPU 2GB'],
    ['0.5 vCPU / 1GB as G', { cpu: '0.5', memory: '1G' }, '0.5vCPU 2GB'],
    ['1 vCPU / 1750MB as Mi (2006 MiB)', { cpu: '1', memory: '1750Mi' }, '1vCPU 2GB'],
    ['1 vCPU / 1750M as in the manifest', { cpu: '1', memory: '1750M' }, '1vCPU 2GB'],
    ['1 vCPU / 4GB as Gi (4352 MiB)', { cpu: '1', memory: '4Gi' }, '1vCPU 5GB'],
    ['1 vCPU / 4GB read as decimal 4G (3814.7 + 256 MiB fits 4 GiB)', { cpu: '1', memory: '4G' }, '1vCPU 4GB'],
    ['1 vCPU / 8GB as Gi: memory forces 2 vCPU', { cpu: '1', memory: '8Gi' }, '2vCPU 9GB'],
    ['1 vCPU / 8GB read as decimal 8G (7629.4 + 256 MiB fits 8 GiB)', { cpu: '1', memory: '8G' }, '1vCPU 8GB'],
    ['nginx-fargate-pod: 0.5 CPU / 750M', { cpu: '0.5', memory: '750M' }, '0.5vCPU 1GB'],
    ['section 5: 1 vCPU / 3750MB as Mi', { cpu: '1', memory: '3750Mi' }, '1vCPU 4GB'],
    ['section 5: 1 vCPU / 3750MB as M', { cpu: '1', memory: '3750M' }, '1vCPU 4GB'],
  ])('%s → %s', (_, requests, expected) => {
    expect(sizePod(pod(requests)).capacityProvisioned).toBe(expected);
  });

  it('no requests at all → the default 0.25vCPU 0.5GB', () => {
    const s = sizePod(pod(null));
    expect(s.capacityProvisioned).toBe('0.25vCPU 0.5GB');
    expect(s.effective).toEqual({ cpuMillis: 0, memoryBytes: 0 });
    expect(s.fargateMemoryBytes).toBe(256 * Mi);
  });

  it('spells out the chain for 1 CPU / 1750M: request, +256 MiB, size', () => {
    const s = sizePod(pod({ cpu: '1', memory: '1750M' }));
    expect(s.effective).toEqual({ cpuMillis: 1000, memoryBytes: 1_750_000_000 });
    expect(s.fargateMemoryBytes).toBe(1_750_000_000 + 256 * Mi);
    expect(s.size).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(s.tooLargeReason).toBeNull();
  });
});

describe('recorded cases from docs/fargate-facts.md §2', () => {
  it.each<[string, PodSpecLike, string]>([
    ['3.75Gi + 256Mi is exactly 4 GiB: no bump (2 CPU)', pod({ cpu: '2', memory: '3.75Gi' }), '2vCPU 4GB'],
    ['3.75Gi with 1 CPU stays on 4 GB', pod({ cpu: '1', memory: '3.75Gi' }), '1vCPU 4GB'],
    ['256Mi + 256Mi → 0.5GB exact fit', pod({ cpu: '250m', memory: '256Mi' }), '0.25vCPU 0.5GB'],
    ['768Mi + 256Mi → 1GB exact fit', pod({ cpu: '250m', memory: '768Mi' }), '0.25vCPU 1GB'],
    ['256m is more than 0.25 vCPU', pod({ cpu: '256m', memory: '256Mi' }), '0.5vCPU 1GB'],
    ['stacksimplify-app3: requests 1/2Gi, limits 2/4Gi → sized by requests', pod({ cpu: '1', memory: '2Gi' }, { cpu: '2', memory: '4Gi' }), '1vCPU 3GB'],
    ['EKS workshop manifest 250m/512Mi', pod({ cpu: '250m', memory: '512Mi' }), '0.25vCPU 1GB'],
    ['AWS doc example: 1 vCPU + 8 GB → 2 vCPU / 9 GB', pod({ cpu: 1, memory: '8Gi' }), '2vCPU 9GB'],
  ])('%s → %s', (_, spec, expected) => {
    expect(sizePod(spec).capacityProvisioned).toBe(expected);
  });
});

describe('limits without requests (Kubernetes API defaulting)', () => {
  it('a limits-only container is sized by its limits', () => {
    const s = sizePod(pod(null, { cpu: '1', memory: '2Gi' }));
    expect(s.capacityProvisioned).toBe('1vCPU 3GB');
    expect(s.containers[0].defaultedFromLimits).toBe(true);
    expect(s.containers[0].request).toEqual({ cpuMillis: 1000, memoryBytes: 2 * Gi });
  });

  it('defaults per resource: a CPU request and a memory limit', () => {
    const s = sizePod(pod({ cpu: '500m' }, { memory: '1Gi' }));
    expect(s.containers[0].request).toEqual({ cpuMillis: 500, memoryBytes: Gi });
    expect(s.containers[0].limits).toEqual({ cpuMillis: null, memoryBytes: Gi });
    expect(s.capacityProvisioned).toBe('0.5vCPU 2GB');
  });

  it('a set request is not raised to its limit', () => {
    const s = sizePod(pod({ cpu: '250m', memory: '256Mi' }, { cpu: '2', memory: '4Gi' }));
    expect(s.containers[0].defaultedFromLimits).toBe(false);
    expect(s.capacityProvisioned).toBe('0.25vCPU 0.5GB');
  });
});

describe('init containers and native sidecars', () => {
  const c = (name: string, cpu: string, memory: string, restartPolicy?: string): ContainerLike => ({
    name,
    resources: { requests: { cpu, memory } },
    ...(restartPolicy ? { restartPolicy } : {}),
  });

  it('long-running containers add up; the largest init container competes per dimension', () => {
    // containers 500m/512Mi + 250m/256Mi = 750m/768Mi; init 1000m/128Mi → effective 1000m/768Mi
    const s = sizePod({ initContainers: [c('init', '1', '128Mi')], containers: [c('a', '500m', '512Mi'), c('b', '250m', '256Mi')] });
    expect(s.longRunning).toEqual({ cpuMillis: 750, memoryBytes: 768 * Mi });
    expect(s.initMax).toEqual({ cpuMillis: 1000, memoryBytes: 128 * Mi });
    expect(s.effective).toEqual({ cpuMillis: 1000, memoryBytes: 768 * Mi });
    expect(s.capacityProvisioned).toBe('1vCPU 2GB');
    expect(s.sidecarsUnverified).toBe(false);
  });

  it('a memory-hungry init container sets the memory', () => {
    // init 100m/2Gi vs containers 250m/256Mi → 250m / 2Gi + 256Mi → 0.25 vCPU tops at 2 GB → 0.5vCPU 3GB
    const s = sizePod({ initContainers: [c('migrate', '100m', '2Gi')], containers: [c('app', '250m', '256Mi')] });
    expect(s.effective).toEqual({ cpuMillis: 250, memoryBytes: 2 * Gi });
    expect(s.capacityProvisioned).toBe('0.5vCPU 3GB');
  });

  it('several init containers: the largest of them, not their sum', () => {
    const s = sizePod({ initContainers: [c('i1', '1', '1Gi'), c('i2', '1', '1Gi')], containers: [c('app', '100m', '100Mi')] });
    expect(s.initMax).toEqual({ cpuMillis: 1000, memoryBytes: Gi });
  });

  it('a sidecar declared before an init container runs alongside it (Kubernetes formula)', () => {
    // sidecar 200m/512Mi, then init 300m/1.5Gi, app 100m/256Mi:
    // long-running = 300m/768Mi; init = 300m/1.5Gi + 200m/512Mi = 500m/2Gi → effective 500m/2Gi → 2.25 GiB → 0.5vCPU 3GB
    const s = sizePod({
      initContainers: [c('proxy', '200m', '512Mi', 'Always'), c('migrate', '300m', '1.5Gi')],
      containers: [c('app', '100m', '256Mi')],
    });
    expect(s.containers.map((x) => x.role)).toEqual(['sidecar', 'init', 'container']);
    expect(s.longRunning).toEqual({ cpuMillis: 300, memoryBytes: 768 * Mi });
    expect(s.initMax).toEqual({ cpuMillis: 500, memoryBytes: 2 * Gi });
    expect(s.capacityProvisioned).toBe('0.5vCPU 3GB');
    expect(s.sidecarsUnverified).toBe(true);
  });

  it('a sidecar declared after the init container does not add to it', () => {
    // init 300m/1.5Gi alone; long-running 300m/768Mi → effective 300m/1.5Gi → 1.75 GiB → 0.5vCPU 2GB
    const s = sizePod({
      initContainers: [c('migrate', '300m', '1.5Gi'), c('proxy', '200m', '512Mi', 'Always')],
      containers: [c('app', '100m', '256Mi')],
    });
    expect(s.initMax).toEqual({ cpuMillis: 300, memoryBytes: 1.5 * Gi });
    expect(s.capacityProvisioned).toBe('0.5vCPU 2GB');
  });
});

describe('pod overhead and ephemeral storage', () => {
  it('reads spec.overhead but does not add it: AWS names no overhead but the 256 MiB', () => {
    // 250m/512Mi + 256Mi = 768Mi → 0.25vCPU 1GB, whatever the RuntimeClass overhead
    const s = sizePod({ ...pod({ cpu: '250m', memory: '512Mi' }), overhead: { cpu: '250m', memory: '120Mi' } });
    expect(s.overhead).toEqual({ cpuMillis: 250, memoryBytes: 120 * Mi });
    expect(s.effective).toEqual({ cpuMillis: 250, memoryBytes: 512 * Mi });
    expect(s.capacityProvisioned).toBe('0.25vCPU 1GB');
  });

  it('sums long-running ephemeral storage and compares it with init containers', () => {
    const s = sizePod({
      initContainers: [{ name: 'fetch', resources: { requests: { 'ephemeral-storage': '50Gi' } } }],
      containers: [
        { name: 'a', resources: { requests: { 'ephemeral-storage': '30Gi' } } },
        { name: 'b', resources: { limits: { 'ephemeral-storage': '10Gi' } } },
      ],
    });
    expect(s.ephemeralStorageBytes).toBe(50 * Gi);
    expect(sizePod({ containers: [{ name: 'a', resources: { requests: { 'ephemeral-storage': '30Gi' } } }, { name: 'b', resources: { requests: { 'ephemeral-storage': '10Gi' } } }] }).ephemeralStorageBytes).toBe(40 * Gi);
    expect(sizePod(pod(null)).ephemeralStorageBytes).toBe(0);
  });
});

describe('too large for Fargate', () => {
  it.each<[string, PodSpecLike]>([
    ['17 vCPU', pod({ cpu: '17', memory: '1Gi' })],
    ['16001m', pod({ cpu: '16001m' })],
    ['120Gi (plus 256 MiB is over 120 GB)', pod({ cpu: '1', memory: '120Gi' })],
    ['two containers of 10 vCPU', { containers: [{ name: 'a', resources: { requests: { cpu: '10' } } }, { name: 'b', resources: { requests: { cpu: '10' } } }] }],
  ])('%s → null with AWS’s reason', (_, spec) => {
    const s = sizePod(spec);
    expect(s.size).toBeNull();
    expect(s.capacityProvisioned).toBeNull();
    expect(s.tooLargeReason).toBe(TOO_LARGE_REASON);
    expect(s.tooLargeReason).toContain('POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE');
    expect(s.tooLargeReason).toContain("Your pod's cpu/memory requirements exceed the max Fargate configuration");
  });

  it('119.75Gi + 256Mi is exactly 120 GiB and fits the largest size', () => {
    expect(sizePod(pod({ cpu: '16', memory: '119.75Gi' })).capacityProvisioned).toBe('16vCPU 120GB');
  });
});

describe('bad quantities name the container and the field', () => {
  it.each<[string, PodSpecLike, RegExp]>([
    ['request', pod({ cpu: '1', memory: '1.5GB' }), /^container "app": resources\.requests\.memory: "1\.5GB" is not a valid quantity/],
    ['limit', pod({ cpu: '1' }, { cpu: 'two' }), /^container "app": resources\.limits\.cpu: "two"/],
    ['init container', { initContainers: [{ name: 'setup', resources: { requests: { cpu: '1 core' } } }], containers: [{ name: 'app' }] }, /^init container "setup": resources\.requests\.cpu: "1 core"/],
    ['sidecar', { initContainers: [{ name: 'proxy', restartPolicy: 'Always', resources: { limits: { memory: '-1Gi' } } }], containers: [{ name: 'app' }] }, /^sidecar container "proxy": resources\.limits\.memory: "-1Gi".*negative/],
    ['ephemeral storage', pod({ 'ephemeral-storage': '20GB' }), /^container "app": resources\.requests\.ephemeral-storage: "20GB"/],
    ['overhead', { containers: [{ name: 'app' }], overhead: { memory: 'lots' } }, /^overhead\.memory: "lots"/],
  ])('%s', (_, spec, message) => {
    expect(() => sizePod(spec)).toThrow(QuantityError);
    expect(() => sizePod(spec)).toThrow(message);
  });
});

describe('sizing properties', () => {
  const quantityCpu = fc.integer({ min: 0, max: 6000 });
  const quantityMem = fc.integer({ min: 0, max: 24 * 1024 }); // MiB
  const container = fc.record({ cpu: quantityCpu, mem: quantityMem });

  it('the size holds the effective request + 256 MiB, and effective covers every container', () => {
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 4 }), fc.array(container, { maxLength: 3 }), (cs, inits) => {
        const toSpec = (x: { cpu: number; mem: number }, name: string): ContainerLike => ({
          name,
          resources: { requests: { cpu: `${x.cpu}m`, memory: `${x.mem}Mi` } },
        });
        const s = sizePod({ containers: cs.map((x, i) => toSpec(x, `c${i}`)), initContainers: inits.map((x, i) => toSpec(x, `i${i}`)) });
        const sumCpu = cs.reduce((a, x) => a + x.cpu, 0);
        const sumMem = cs.reduce((a, x) => a + x.mem, 0) * Mi;
        const maxInitCpu = Math.max(0, ...inits.map((x) => x.cpu));
        const maxInitMem = Math.max(0, ...inits.map((x) => x.mem)) * Mi;
        if (s.effective.cpuMillis !== Math.max(sumCpu, maxInitCpu)) return false;
        if (s.effective.memoryBytes !== Math.max(sumMem, maxInitMem)) return false;
        if (s.fargateMemoryBytes !== s.effective.memoryBytes + 256 * Mi) return false;
        if (!s.size) return s.effective.cpuMillis > 16000 || s.fargateMemoryBytes > 120 * Gi;
        return s.effective.cpuMillis <= s.size.vcpu * 1000 && s.fargateMemoryBytes <= s.size.memoryGiB * Gi;
      }),
      { numRuns: 500 },
    );
  });
});
