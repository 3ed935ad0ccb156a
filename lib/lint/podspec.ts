/**
 * Why Fargate would refuse a pod template, and what in it would misbehave there. Messages use EKS's own words
 * where it has them ("Pod not supported on Fargate: …", POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE); sources are in
 * docs/fargate-facts.md §2 and §5.
 */
import { neverOnFargate } from '../fargate/landing';
import { MAX_EPHEMERAL_BYTES } from '../fargate/prices';
import { formatBytes, formatCpu, QuantityError } from '../fargate/quantity';
import { formatCapacityProvisioned } from '../fargate/capacity';
import { FARGATE_SIZES, LARGEST_FARGATE_SIZE, sizeCpuMillis, sizeMemoryBytes } from '../fargate/sizes';
import { sizePod } from '../fargate/sizing';
import type { ContainerLike, PodSizing, PodSpecLike } from '../fargate/types';

const NOT_SUPPORTED = 'Pod not supported on Fargate:';
// Volume types Fargate refuses: hostPath (EKS scheduler message), EBS ("No EBS volumes", fargate.adoc).
const UNSUPPORTED_VOLUMES = ['hostPath', 'awsElasticBlockStore'] as const;
// nvidia.com/gpu, nvidia.com/mig-1g.5gb, amd.com/gpu, aws.amazon.com/neuron, aws.amazon.com/neuroncore, …
const GPU_RESOURCE = /^(nvidia\.com|amd\.com|gpu\.intel\.com)\/|gpu|neuron/i;

function allContainers(spec: PodSpecLike): ContainerLike[] {
  return [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])];
}

function resourceNames(c: ContainerLike): string[] {
  return [...new Set([...Object.keys(c.resources?.requests ?? {}), ...Object.keys(c.resources?.limits ?? {})])];
}

const quoted = (names: string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/**
 * Every reason Fargate would not run this pod: DaemonSet, privileged containers, hostNetwork / hostPort,
 * hostPath or EBS volumes, GPUs and other device-plugin resources, Windows or Arm node selectors, more than
 * 175 GiB of ephemeral storage, and a size above 16 vCPU / 120 GB (POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE).
 * Pass `sizing` when you have it; otherwise the spec is sized here and a bad quantity becomes an issue.
 * @returns one sentence per problem, empty when Fargate would take the pod
 */
export function fargateIssues(spec: PodSpecLike, opts: { kind?: string; sizing?: PodSizing } = {}): string[] {
  const issues: string[] = [];
  if (neverOnFargate(opts.kind)) issues.push("DaemonSets aren't supported on Fargate: run the daemon as a sidecar container in each pod instead");

  const containers = allContainers(spec);
  const privileged = containers.filter((c) => c.securityContext?.privileged === true).map((c) => c.name);
  if (privileged.length) issues.push(`${NOT_SUPPORTED} invalid SecurityContext fields: Privileged (container ${quoted(privileged)})`);

  const fields: string[] = [];
  if (spec.hostNetwork === true) fields.push('HostNetwork');
  if (containers.some((c) => (Array.isArray(c.ports) ? c.ports : []).some((p) => p?.hostPort != null || p?.hostIP != null))) {
    fields.push('port contains HostIP or HostPort');
  }
  if (fields.length) issues.push(`${NOT_SUPPORTED} fields not supported: ${fields.join(', ')}`);

  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    const type = UNSUPPORTED_VOLUMES.find((t) => v?.[t] != null);
    if (type) issues.push(`${NOT_SUPPORTED} volumes not supported: ${v.name} is of an unsupported volume Type (${type})`);
  }

  for (const c of containers) {
    for (const name of resourceNames(c).filter((n) => n.includes('/'))) {
      issues.push(
        GPU_RESOURCE.test(name)
          ? `GPUs and accelerators aren't available on Fargate: container ${JSON.stringify(c.name)} asks for ${name}`
          : `container ${JSON.stringify(c.name)} asks for ${name}, an extended resource Fargate cannot provide (no device plugins)`,
      );
    }
  }

  const selector = spec.nodeSelector ?? {};
  const os = selector['kubernetes.io/os'] ?? selector['beta.kubernetes.io/os'];
  const arch = selector['kubernetes.io/arch'] ?? selector['beta.kubernetes.io/arch'];
  if (os !== undefined && os !== 'linux') issues.push(`nodeSelector kubernetes.io/os=${os}: Fargate on EKS runs Linux pods only`);
  if (arch !== undefined && arch !== 'amd64') issues.push(`nodeSelector kubernetes.io/arch=${arch}: Fargate on EKS runs x86_64 (amd64) pods only`);
  if (os === undefined && !affinityAllows(spec, 'kubernetes.io/os', 'linux')) {
    issues.push('required node affinity on kubernetes.io/os excludes linux: Fargate on EKS runs Linux pods only');
  }
  if (arch === undefined && !affinityAllows(spec, 'kubernetes.io/arch', 'amd64')) {
    issues.push('required node affinity on kubernetes.io/arch excludes amd64: Fargate on EKS runs x86_64 (amd64) pods only');
  }

  let sizing = opts.sizing;
  if (!sizing) {
    try {
      sizing = sizePod(spec);
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      issues.push(e.message);
    }
  }
  if (sizing && !sizing.size) {
    issues.push(
      `${sizing.tooLargeReason ?? 'POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE'} (needs ${formatCpu(sizing.effective.cpuMillis)} vCPU and ` +
        `${formatBytes(sizing.fargateMemoryBytes)} with the 256 MiB overhead; the largest size is ${formatCapacityProvisioned(LARGEST_FARGATE_SIZE)})`,
    );
  }
  if (sizing && sizing.ephemeralStorageBytes > MAX_EPHEMERAL_BYTES) {
    issues.push(`ephemeral-storage request ${formatBytes(sizing.ephemeralStorageBytes)} is above the 175Gi a Fargate pod can have`);
  }
  return issues;
}

/**
 * Whether the pod's required node affinity lets a node whose `key` label is `value` (and whose other labels are
 * unknown) run it: true when some term has no expression on `key` that `value` fails. No affinity allows all.
 */
function affinityAllows(spec: PodSpecLike, key: string, value: string): boolean {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return true;
  return terms.some((t) =>
    (t.matchExpressions ?? []).every((e) => {
      if (e.key !== key) return true;
      const values = e.values ?? [];
      if (e.operator === 'In') return values.includes(value);
      if (e.operator === 'NotIn') return !values.includes(value);
      if (e.operator === 'DoesNotExist') return false;
      return true; // Exists, Gt, Lt: a node with the label may pass
    }),
  );
}

// A memory quantity in millibytes ("500m") is valid Kubernetes and almost never meant.
const MILLI_MEMORY = /^\d+(\.\d+)?m$/;

/**
 * Things that let a pod schedule but hurt it on Fargate: a CPU limit above the provisioned vCPU (the container
 * fails with a cgroup cpu.cfs_quota_us StartError), a memory limit above the provisioned memory, limits that
 * differ from requests (EKS documents requests = limits), memory written in millibytes, and sizing that is
 * unverified (native sidecars, pod-level resources, pod overhead).
 */
export function limitWarnings(spec: PodSpecLike, sizing: PodSizing): string[] {
  const warnings: string[] = [];
  const size = sizing.size;
  for (const c of sizing.containers) {
    const who = `container ${JSON.stringify(c.name)}`;
    const { cpuMillis, memoryBytes } = c.limits;
    if (size && cpuMillis !== null && cpuMillis > sizeCpuMillis(size)) {
      warnings.push(
        `${who}: CPU limit ${formatCpu(cpuMillis)} is above the ${size.vcpu} vCPU Fargate provisions (${sizing.capacityProvisioned}); ` +
          'the container fails to start (StartError: cpu.cfs_quota_us: invalid argument). Set the limit to at most the request.',
      );
    }
    if (size && memoryBytes !== null && memoryBytes > sizeMemoryBytes(size)) {
      warnings.push(`${who}: memory limit ${formatBytes(memoryBytes)} is above the ${size.memoryGiB}GB Fargate provisions; the pod can never use it`);
    }
    const differs =
      (cpuMillis !== null && cpuMillis !== c.request.cpuMillis) || (memoryBytes !== null && memoryBytes !== c.request.memoryBytes);
    if (differs) {
      warnings.push(`${who}: limits differ from requests; EKS documents requests = limits on Fargate, and only requests size the pod`);
    }
  }
  for (const c of allContainers(spec)) {
    for (const kind of ['requests', 'limits'] as const) {
      const q = c.resources?.[kind]?.memory;
      if (typeof q === 'string' && MILLI_MEMORY.test(q)) {
        warnings.push(`container ${JSON.stringify(c.name)}: memory ${kind} "${q}" means ${q.slice(0, -1)} thousandths of a byte; did you mean "${q.slice(0, -1)}Mi"?`);
      }
    }
  }
  if (sizing.effective.cpuMillis === 0 && sizing.effective.memoryBytes === 0) {
    warnings.push(`no CPU or memory requests: Fargate gives the smallest size, ${formatCapacityProvisioned(FARGATE_SIZES[0])}`);
  }
  if (sizing.sidecarsUnverified) {
    warnings.push('native sidecars (init containers with restartPolicy: Always) are not documented for Fargate: sized with the Kubernetes formula, unverified');
  }
  if (spec.resources && (spec.resources.requests || spec.resources.limits)) {
    warnings.push("pod-level resources (spec.resources) are not documented for Fargate: the size comes from the containers' requests");
  }
  if (sizing.overhead.cpuMillis || sizing.overhead.memoryBytes) {
    warnings.push("pod overhead (spec.overhead, from the RuntimeClass) is not documented for Fargate: the size leaves it out and counts only the containers' requests and the 256 MiB");
  }
  return warnings;
}
