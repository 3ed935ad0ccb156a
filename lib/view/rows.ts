/**
 * Rows other than pods and services: nodes, namespaces, Fargate profiles, node groups and events. Each is a
 * pure function of its object plus the aggregates the builder keeps for it.
 */
import { wildcardMatch } from '../fargate/profiles';
import { profileFindings, unknownPriceFinding } from '../lint/cluster';
import type { EksFargateProfile, EksNodegroup, Subnet } from './aws';
import { fromNano } from './cost';
import type { KubeEvent, KubeNamespace } from './kube';
import type { EventView, Finding, NamespaceView, NodegroupView, NodeView, ProfileView } from './model';
import type { NodeInfo } from './node-info';

/** Per node: the pods bound to it that still hold their requests. */
export interface NodeAgg {
  pods: number;
  cpuMillis: number;
  memoryBytes: number;
  /** Sum of the Fargate pods' prices on it (a Fargate node costs what its one pod costs). */
  fargateHourlyNano: number;
  /** Profile → number of pods on the node from it. */
  profiles: Map<string, number>;
}

/** An aggregate with nothing in it. */
export function emptyNodeAgg(): NodeAgg {
  return { pods: 0, cpuMillis: 0, memoryBytes: 0, fargateHourlyNano: 0, profiles: new Map() };
}

/** A node's row: its facts, what its pods request, and its price (EC2 list price, or its Fargate pod's). */
export function nodeView(info: NodeInfo, agg: NodeAgg, ec2Hourly: number | null, region: string | null): NodeView {
  const findings: Finding[] = info.problems.map((p) => ({
    rule: 'invalid-quantity',
    severity: 'warning' as const,
    object: `Node/${info.name}`,
    message: `Cannot read ${p}`,
  }));
  if (info.computeType === 'ec2' && ec2Hourly === null) findings.push(unknownPriceFinding(`Node/${info.name}`, info.instanceType, region));
  const profile = [...agg.profiles.entries()].filter(([, n]) => n > 0).map(([p]) => p).sort()[0] ?? null;
  return {
    id: info.uid,
    name: info.name,
    computeType: info.computeType,
    nodegroup: info.nodegroup,
    profile: info.computeType === 'fargate' ? profile : null,
    instanceType: info.instanceType,
    zone: info.zone,
    capacityType: info.capacityType,
    ready: info.ready,
    status: info.status,
    allocatable: info.allocatable,
    requested: { cpuMillis: agg.cpuMillis, memoryBytes: agg.memoryBytes },
    podCount: agg.pods,
    hourlyUSD: info.computeType === 'ec2' ? (ec2Hourly ?? 0) : info.computeType === 'fargate' ? fromNano(agg.fargateHourlyNano) : 0,
    internalIP: info.internalIP,
    kubeletVersion: info.kubeletVersion,
    createdAt: info.createdAt,
    labels: info.labels,
    findings,
  };
}

/** Per namespace: pod counts by placement and the summed cost. */
export interface NamespaceAgg {
  pods: number;
  ec2: number;
  fargate: number;
  pending: number;
  hourlyNano: number;
}

/** An aggregate with nothing in it. */
export function emptyNamespaceAgg(): NamespaceAgg {
  return { pods: 0, ec2: 0, fargate: 0, pending: 0, hourlyNano: 0 };
}

/** A namespace's row: pod counts by placement, summed cost, and the profiles that select it. */
export function namespaceView(
  name: string,
  ns: KubeNamespace | undefined,
  agg: NamespaceAgg,
  profiles: readonly EksFargateProfile[],
): NamespaceView {
  return {
    id: name,
    name,
    status: ns ? (ns.status?.phase ?? 'Active') : 'Unknown',
    podCount: agg.pods,
    ec2Pods: agg.ec2,
    fargatePods: agg.fargate,
    pendingPods: agg.pending,
    hourlyUSD: fromNano(agg.hourlyNano),
    profiles: profiles.filter((p) => p.selectors.some((s) => wildcardMatch(s.namespace, name))).map((p) => p.name),
    createdAt: ns?.metadata.creationTimestamp ?? '',
  };
}

/** Per profile: the Fargate pods it captured and their billed sizes. */
export interface ProfileAgg {
  pods: number;
  vcpuMilli: number;
  memMiB: number;
  hourlyNano: number;
}

/** An aggregate with nothing in it. */
export function emptyProfileAgg(): ProfileAgg {
  return { pods: 0, vcpuMilli: 0, memMiB: 0, hourlyNano: 0 };
}

/** A Fargate profile's row: what EKS says about it, the pods it captured and what they are billed. */
export function profileView(p: EksFargateProfile, agg: ProfileAgg, subnets: readonly Subnet[] | null): ProfileView {
  const publicSubnets = subnets ? new Map(subnets.map((s) => [s.id, s.public])) : null;
  return {
    id: p.name,
    name: p.name,
    status: p.status,
    selectors: p.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels ?? {} })),
    subnets: p.subnets,
    podExecutionRoleArn: p.podExecutionRoleArn,
    tags: p.tags,
    createdAt: p.createdAt,
    healthIssues: p.healthIssues,
    podCount: agg.pods,
    billedVcpu: agg.vcpuMilli / 1000,
    billedMemoryGiB: agg.memMiB / 1024,
    hourlyUSD: fromNano(agg.hourlyNano),
    findings: profileFindings({ object: `FargateProfile/${p.name}`, selectors: p.selectors, subnets: p.subnets, publicSubnets }),
  };
}

/** Per node group: its nodes (by the eks.amazonaws.com/nodegroup label) and their summed price. */
export interface NodegroupAgg {
  nodes: number;
  hourlyNano: number;
  instanceTypes: Map<string, number>;
}

/** An aggregate with nothing in it. */
export function emptyNodegroupAgg(): NodegroupAgg {
  return { nodes: 0, hourlyNano: 0, instanceTypes: new Map() };
}

/** A node group's row: EKS's description (when known) and the nodes that carry its label. */
export function nodegroupView(name: string, ng: EksNodegroup | undefined, agg: NodegroupAgg): NodegroupView {
  const seenTypes = [...agg.instanceTypes.entries()].filter(([, n]) => n > 0).map(([t]) => t).sort();
  return {
    id: name,
    name,
    status: ng?.status ?? 'UNKNOWN',
    instanceTypes: ng?.instanceTypes.length ? ng.instanceTypes : seenTypes,
    capacityType: ng?.capacityType ?? null,
    desired: ng?.desired ?? null,
    min: ng?.min ?? null,
    max: ng?.max ?? null,
    subnets: ng?.subnets ?? [],
    nodeCount: agg.nodes,
    hourlyUSD: fromNano(agg.hourlyNano),
  };
}

/** When the event last happened, as the newest of the timestamps Kubernetes may fill. */
export function eventLastSeen(ev: KubeEvent): string | null {
  return ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp ?? ev.metadata.creationTimestamp ?? null;
}

/** An event's row. */
export function eventView(ev: KubeEvent): EventView {
  const io = ev.involvedObject ?? {};
  return {
    id: ev.metadata.uid,
    namespace: ev.metadata.namespace ?? '',
    type: ev.type ?? 'Normal',
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    object: { kind: io.kind ?? '', name: io.name ?? '', namespace: io.namespace ?? null },
    count: ev.series?.count ?? ev.count ?? 1,
    lastSeen: eventLastSeen(ev),
    source: ev.reportingComponent || ev.source?.component || null,
  };
}

function timeOf(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : -Infinity;
}

/** Newest first; events without a time last; ties by id so the order is total. */
export function compareEvents(a: EventView, b: EventView): number {
  const ta = timeOf(a.lastSeen);
  const tb = timeOf(b.lastSeen);
  if (ta !== tb) return tb > ta ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
