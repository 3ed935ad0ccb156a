import { podDemand, type ContainerShape, type Demand, type PodSpecShape } from '../rules/fargate-sizing';
import { bytes, cpuMillis } from '../rules/quantity';
import type { Obj } from '../store';

/**
 * Pure placement rules the schedulers apply: what a pod requests, what a node offers, taints and
 * tolerations, node selectors and required node affinity, and the pod features Fargate refuses.
 */

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** A container as the schedulers read it, as plain JSON. */
export interface ContainerJson extends ContainerShape {
  image?: string;
  securityContext?: { privileged?: boolean };
  ports?: { containerPort?: number; hostPort?: number; hostIP?: string }[];
}

/** The spec the schedulers read, as plain JSON. */
export interface PodSpecJson extends PodSpecShape {
  containers: ContainerJson[];
  initContainers?: ContainerJson[];
  hostNetwork?: boolean;
  volumes?: { name: string; hostPath?: unknown; persistentVolumeClaim?: unknown; [k: string]: unknown }[];
  nodeSelector?: Record<string, string>;
  schedulerName?: string;
  nodeName?: string;
  tolerations?: Toleration[];
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
  priorityClassName?: string;
}

interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function podSpec(pod: Obj): PodSpecJson {
  const spec = (pod.spec ?? {}) as Partial<PodSpecJson>;
  return { ...spec, containers: Array.isArray(spec.containers) ? spec.containers : [] } as PodSpecJson;
}

/**
 * What the scheduler counts for a pod: Kubernetes' effective request (sum of containers, at least the
 * largest init container, plus overhead), the same chain the Fargate sizing uses. Throws SimQuantityError
 * naming the container and field when a quantity is malformed.
 */
export function podRequest(pod: Obj): Demand {
  return podDemand(podSpec(pod));
}

/** Allocatable CPU, memory and pod count of a Node. */
export function nodeAllocatable(node: Obj): { cpuMillis: number; memoryBytes: number; pods: number } {
  const alloc = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}) as Record<string, string>;
  const safe = <T>(fn: () => T, dflt: T) => {
    try {
      return fn();
    } catch {
      return dflt;
    }
  };
  return {
    cpuMillis: alloc.cpu !== undefined ? safe(() => cpuMillis(alloc.cpu), 0) : 0,
    memoryBytes: alloc.memory !== undefined ? safe(() => bytes(alloc.memory), 0) : 0,
    pods: alloc.pods !== undefined ? Number(alloc.pods) || 0 : 110,
  };
}

export function nodeTaints(node: Obj): Taint[] {
  const t = (node.spec as { taints?: Taint[] } | undefined)?.taints;
  return Array.isArray(t) ? t : [];
}

export function nodeReady(node: Obj): boolean {
  const conds = (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** True when one of the tolerations admits the taint (Kubernetes' ToleratesTaint). */
export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    if (t.key !== taint.key) return false;
    return (t.value ?? '') === (taint.value ?? '');
  });
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate, or null. */
export function untoleratedTaint(spec: PodSpecJson, node: Obj): Taint | null {
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  return nodeTaints(node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t)) ?? null;
}

/** nodeSelector plus required node affinity (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
export function matchesNodeSelection(spec: PodSpecJson, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  // Terms are ORed; expressions within a term are ANDed.
  return terms.some((term) =>
    (term.matchExpressions ?? []).every((e) => {
      const have = labels[e.key];
      const values = e.values ?? [];
      switch (e.operator) {
        case 'In': return have !== undefined && values.includes(have);
        case 'NotIn': return have === undefined || !values.includes(have);
        case 'Exists': return have !== undefined;
        case 'DoesNotExist': return have === undefined;
        case 'Gt': return have !== undefined && Number(have) > Number(values[0]);
        case 'Lt': return have !== undefined && Number(have) < Number(values[0]);
        default: return false;
      }
    }),
  );
}

/** True for pods a DaemonSet owns (Fargate never runs them). */
export function isDaemonSetPod(pod: Obj): boolean {
  return (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'DaemonSet');
}

/**
 * Why Fargate refuses a pod, in the fargate-scheduler's words (docs/fargate-facts.md §5), or null when it
 * can run there. Message text after "Pod not supported on Fargate:" follows the recorded messages for
 * privileged containers, host networking/ports and hostPath volumes; the DaemonSet wording is ours.
 */
export function fargateIncompatibility(pod: Obj): string | null {
  const spec = podSpec(pod);
  const parts: string[] = [];
  if (isDaemonSetPod(pod)) parts.push('DaemonSet pods are not supported');
  const fields: string[] = [];
  if (spec.hostNetwork) fields.push('HostNetwork');
  const all = [...spec.containers, ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
  if (all.some((c) => (c.ports ?? []).some((p) => p.hostPort !== undefined || p.hostIP !== undefined))) fields.push('port contains HostIP or HostPort');
  if (fields.length > 0) parts.push(`fields not supported: ${fields.join(', ')}`);
  if (all.some((c) => c.securityContext?.privileged === true)) parts.push('invalid SecurityContext fields: Privileged');
  const badVolumes = (spec.volumes ?? []).filter((v) => v.hostPath !== undefined);
  if (badVolumes.length > 0) parts.push(`volumes not supported: ${badVolumes.map((v) => `${v.name} is of an unsupported volume Type`).join(', ')}`);
  return parts.length > 0 ? `Pod not supported on Fargate: ${parts.join(', ')}` : null;
}

/** Ready condition of a pod. */
export function podReady(pod: Obj): boolean {
  const conds = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Pods that hold node resources: bound and not finished. */
export function podActive(pod: Obj): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}
