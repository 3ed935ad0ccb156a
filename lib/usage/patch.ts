/**
 * Copyable changes that apply a recommendation: `kubectl set resources` per container, the strategic-merge patch
 * as YAML, and the `kubectl patch --type strategic` one-liner. Only requests are written: a strategic merge keys
 * containers by name and leaves their limits (and every other field) as they are.
 */
import { stringify } from 'yaml';
import type { ContainerRole, Resources } from '../fargate/types';
import type { Recommended, WorkloadRef } from './recommend';

export interface PatchContainer {
  container: string;
  /** 'container' when omitted; native sidecars ('sidecar') and init containers live under initContainers. */
  role?: ContainerRole;
  requests: Resources;
}

export interface PatchInput extends WorkloadRef {
  containers: PatchContainer[];
}

interface PatchBase {
  workload: WorkloadRef;
  /** The strategic-merge patch, as an object and as YAML (`kubectl patch … --patch-file`). */
  patch: Record<string, unknown>;
  yaml: string;
}

/** The object can be changed in place: the commands run as they are. */
export interface InPlacePatch extends PatchBase {
  kind: 'patch';
  /** One `kubectl set resources` per container. */
  setResources: string[];
  /** `kubectl patch <kind> <name> -n <ns> --type strategic -p '<json>'`. */
  patchCommand: string;
  /** What applying it does (a rollout, for most kinds). */
  note: string;
}

/** The object's pod template cannot be changed in place: its manifest must be changed and the object recreated. */
export interface RecreatePatch extends PatchBase {
  kind: 'recreate';
  reason: string;
  /** Commands that rewrite a manifest offline (`--local`); nothing is sent to the cluster. */
  setResources: string[];
  patchCommand: null;
}

/** A kind kubectl set resources does not handle (a custom resource): the numbers only. */
export interface ManualPatch {
  kind: 'manual';
  workload: WorkloadRef;
  reason: string;
  requests: { container: string; cpu: string; memory: string }[];
}

export type WorkloadPatch = InPlacePatch | RecreatePatch | ManualPatch;

/** kubectl's resource name for each kind whose pod template `kubectl set resources` and `kubectl patch` reach. */
const KUBECTL_KIND: Record<string, string> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  ReplicaSet: 'replicaset',
  ReplicationController: 'replicationcontroller',
  CronJob: 'cronjob',
  Job: 'job',
  Pod: 'pod',
};

/** What applying the change does to the running pods, per kind (Kubernetes workload docs). */
const NOTES: Record<string, string> = {
  Deployment: 'Changing the pod template starts a rollout: the pods are replaced by ones with the new requests.',
  StatefulSet: 'Changing the pod template starts a rolling update (with updateStrategy OnDelete, pods change only when deleted).',
  DaemonSet: 'Changing the pod template starts a rolling update (with updateStrategy OnDelete, pods change only when deleted).',
  ReplicaSet: 'Only pods created from now on get the new requests: the running pods keep theirs until they are deleted.',
  ReplicationController: 'Only pods created from now on get the new requests: the running pods keep theirs until they are deleted.',
  CronJob: 'Jobs the CronJob creates from now on get the new requests; a Job already running keeps its own.',
};

// The names Kubernetes accepts (RFC 1123 label for namespaces and containers, subdomain for object names): checked
// so that nothing in a copyable command needs shell quoting.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function fail(what: string): never {
  throw new RangeError(what);
}

/** CPU as a quantity: whole cores as "2", anything else in millicores ("120m", "1500m"). */
export function cpuQuantity(millis: number): string {
  if (!Number.isInteger(millis) || millis < 0) fail(`CPU must be a whole number of millicores ≥ 0, got ${millis}`);
  return millis > 0 && millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Memory as a quantity in the largest binary unit that holds it exactly ("1Gi", "96Mi", "1000000000"). */
export function memoryQuantity(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 0) fail(`memory must be a whole number of bytes ≥ 0, got ${bytes}`);
  for (const [unit, size] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (bytes > 0 && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

function check(input: PatchInput): void {
  const where = `${input.namespace}/${input.kind}/${input.name}`;
  if (!DNS_LABEL.test(input.namespace)) fail(`${where}: namespace ${JSON.stringify(input.namespace)} is not a valid namespace name`);
  if (!DNS_SUBDOMAIN.test(input.name)) fail(`${where}: name ${JSON.stringify(input.name)} is not a valid object name`);
  if (!Array.isArray(input.containers) || input.containers.length === 0) fail(`${where}: no containers to patch`);
  for (const c of input.containers) {
    if (!DNS_LABEL.test(c.container)) fail(`${where}: container ${JSON.stringify(c.container)} is not a valid container name`);
    if (c.role !== undefined && !['container', 'sidecar', 'init'].includes(c.role)) fail(`${where}: container ${JSON.stringify(c.container)}: unknown role ${JSON.stringify(c.role)}`);
  }
}

const requestsOf = (r: Resources) => ({ cpu: cpuQuantity(r.cpuMillis), memory: memoryQuantity(r.memoryBytes) });

/** The strategic-merge patch: containers (and initContainers) keyed by name, requests only. */
function patchObject(kind: string, containers: readonly PatchContainer[]): Record<string, unknown> {
  const entry = (c: PatchContainer) => ({ name: c.container, resources: { requests: requestsOf(c.requests) } });
  const podSpec: Record<string, unknown> = {};
  const main = containers.filter((c) => (c.role ?? 'container') === 'container');
  const init = containers.filter((c) => (c.role ?? 'container') !== 'container');
  if (main.length) podSpec.containers = main.map(entry);
  if (init.length) podSpec.initContainers = init.map(entry);
  if (kind === 'Pod') return { spec: podSpec };
  const template = { spec: { template: { spec: podSpec } } };
  return kind === 'CronJob' ? { spec: { jobTemplate: template } } : template;
}

const flags = (c: PatchContainer) => {
  const q = requestsOf(c.requests);
  return `-c=${c.container} --requests=cpu=${q.cpu},memory=${q.memory}`;
};

/**
 * The patch for one workload.
 * @throws RangeError naming the workload and the field, on a name Kubernetes would refuse or a request that is
 *   not a whole number of millicores or bytes
 */
export function workloadPatch(input: PatchInput): WorkloadPatch {
  check(input);
  const workload: WorkloadRef = { namespace: input.namespace, kind: input.kind, name: input.name };
  const resource = KUBECTL_KIND[input.kind];
  if (!resource) {
    return {
      kind: 'manual',
      workload,
      reason: `kubectl set resources and strategic merge patches handle only the built-in workload kinds, not ${input.kind}: set these requests in its pod template.`,
      requests: input.containers.map((c) => ({ container: c.container, ...requestsOf(c.requests) })),
    };
  }
  const patch = patchObject(input.kind, input.containers);
  const yaml = stringify(patch);
  const ns = `-n ${input.namespace}`;
  if (input.kind === 'Pod' || input.kind === 'Job') {
    const file = `${input.name}.yaml`;
    return {
      kind: 'recreate',
      workload,
      reason:
        input.kind === 'Pod'
          ? `A bare Pod's resources cannot be changed in place: write its manifest with the new requests and recreate it (kubectl replace --force -f ${file} deletes and creates it).`
          : `A Job's pod template cannot be changed once created (Kubernetes 1.35+ allows it only while the Job is suspended): change its manifest, or the CronJob that creates it, and run it again.`,
      setResources:
        input.kind === 'Pod'
          ? // -c takes one container (name or wildcard): one offline pass per container.
            [`kubectl get pod ${input.name} ${ns} -o yaml | ${input.containers.map((c) => `kubectl set resources -f - --local ${flags(c)} -o yaml`).join(' | ')} > ${file}`]
          : input.containers.map((c) => `kubectl set resources -f ${file} --local ${flags(c)} -o yaml`),
      patch,
      yaml,
      patchCommand: null,
    };
  }
  return {
    kind: 'patch',
    workload,
    setResources: input.containers.map((c) => `kubectl set resources ${resource}/${input.name} ${ns} ${flags(c)}`),
    patch,
    yaml,
    patchCommand: `kubectl patch ${resource} ${input.name} ${ns} --type strategic -p '${JSON.stringify(patch)}'`,
    note: NOTES[input.kind],
  };
}

/**
 * The patch for a recommendation: the containers whose request changes (init containers are never changed),
 * or null when nothing changes.
 */
export function patchForRecommendation(r: Recommended): WorkloadPatch | null {
  const containers = r.containers
    .filter((c) => c.role !== 'init')
    .filter((c) => c.recommended.cpuMillis !== c.current.request.cpuMillis || c.recommended.memoryBytes !== c.current.request.memoryBytes)
    .map((c) => ({ container: c.container, role: c.role, requests: { ...c.recommended } }));
  return containers.length ? workloadPatch({ ...r.workload, containers }) : null;
}
