/**
 * One pod → its PodView: where it runs and why, what it requests, what Fargate provisions and bills, what
 * it costs, and what is wrong with it. Also the pod's contribution to the aggregates (node, namespace,
 * profile, totals), so the builder can subtract the old and add the new on every event.
 */
import { parseCapacityProvisioned } from '../fargate/capacity';
import { neverOnFargate } from '../fargate/landing';
import { fargateHourlyUSD } from '../fargate/prices';
import { describeMatch, explainNoMatch, matchProfile, PROFILE_LABEL, wildcardMatch } from '../fargate/profiles';
import type { ProfileMatch } from '../fargate/profiles';
import { sizePod } from '../fargate/sizing';
import { GIB, MIB } from '../fargate/sizes';
import type { FargateSize, PodSizing, RegionPrices, Resources } from '../fargate/types';
import { podClusterFindings } from '../lint/cluster';
import { podSpecFindings } from './pod-lint';
import type { EksFargateProfile } from './aws';
import { ec2ShareHourly, fargateWasteHourly, toNano } from './cost';
import type { KubePod, KubeReplicaSet } from './kube';
import type { Finding, Placement, PodView } from './model';
import { capacityLabel, POOL_KIND_LABEL, type NodeInfo } from './node-info';
import { controllerOf, workloadOf } from './owner';
import { isTerminated, podQos, podStatusColumns } from './pod-status';

export const FARGATE_SCHEDULER = 'fargate-scheduler';
export const CAPACITY_ANNOTATION = 'CapacityProvisioned';

/** What computing a pod needs from the rest of the cluster. */
export interface PodEnv {
  prices: RegionPrices | null;
  /** Fargate profiles as EKS lists them; null while unknown (EKS not polled or failing). */
  profiles: readonly EksFargateProfile[] | null;
  node(name: string): NodeInfo | undefined;
  /** On-demand $/hour of an EC2 node, null when unknown. */
  nodeHourly(name: string): number | null;
  replicaSet(namespace: string, name: string): KubeReplicaSet | undefined;
  /** Whether some schedulable EC2 node has room for this request; null when nodes are unknown. */
  ec2Room(request: Resources): boolean | null;
  /** Profile matching for a namespace and label set (memoized by the builder; see profileMatchFor). */
  profileMatch?(pod: { namespace: string; labels: Record<string, string> }): ProfileMatchInfo;
}

/** What the profiles say about a namespace and label set, whatever pod carries them. */
export interface ProfileMatchInfo {
  /** The ACTIVE profile (and selector) that takes such a pod, or null. */
  match: ProfileMatch | null;
  /** Why none does, when none does. */
  noMatch: string | null;
  /** Profiles with a selector whose namespace pattern matches the namespace. */
  namespaceProfiles: string[];
  /** The selector of each profile (by name) that matches regardless of its status, or -1. */
  selectorOf: Record<string, number>;
}

/** Computes ProfileMatchInfo from scratch; the builder memoizes it per (namespace, labels). */
/** The long-running containers' limits added up, as `kubectl top`'s %CPU/L and %MEM/L divide by; a resource
 * that some container leaves unlimited has no pod limit (null). */
function limitsOf(sizing: PodSizing | null): PodView['limits'] {
  if (!sizing) return { cpuMillis: null, memoryBytes: null };
  let cpu: number | null = 0;
  let mem: number | null = 0;
  for (const c of sizing.containers) {
    if (c.role === 'init') continue;
    cpu = cpu === null || c.limits.cpuMillis === null ? null : cpu + c.limits.cpuMillis;
    mem = mem === null || c.limits.memoryBytes === null ? null : mem + c.limits.memoryBytes;
  }
  return { cpuMillis: cpu, memoryBytes: mem };
}

export function profileMatchFor(pod: { namespace: string; labels: Record<string, string> }, profiles: readonly EksFargateProfile[]): ProfileMatchInfo {
  const list = [...profiles];
  const match = matchProfile(pod, list);
  const selectorOf: Record<string, number> = {};
  for (const p of list) selectorOf[p.name] = matchProfile(pod, [{ ...p, status: 'ACTIVE' }])?.selectorIndex ?? -1;
  return {
    match,
    noMatch: match ? null : explainNoMatch(pod, list),
    namespaceProfiles: list.filter((p) => p.selectors.some((s) => wildcardMatch(s.namespace, pod.namespace))).map((p) => p.name),
    selectorOf,
  };
}

/** What a pod adds to the aggregates. Integers only (millicores, bytes, MiB, nano-dollars). */
export interface PodContribution {
  namespace: string;
  placement: Placement;
  /** spec.nodeName, whatever the phase (zone and placement come from it). */
  nodeName: string | null;
  /** Running or waiting to run: its requests count on its node, and it backs services. */
  active: boolean;
  request: Resources;
  hourlyNano: number;
  /** Fargate pods: the profile and the billed size. */
  fargate: { profile: string | null; vcpuMilli: number; memMiB: number } | null;
  labels: Record<string, string>;
  ip: string | null;
  /** Pending with no profile to capture it: re-checked when EC2 room changes. */
  pendingNoProfile: boolean;
}

export interface PodComputed {
  view: PodView;
  sizing: PodSizing | null;
  contrib: PodContribution;
}

const ZERO: Resources = { cpuMillis: 0, memoryBytes: 0 };

function fmtRequest(r: Resources): string {
  return `${r.cpuMillis}m CPU, ${Math.ceil(r.memoryBytes / MIB)}Mi memory`;
}

function placementOf(pod: KubePod, node: NodeInfo | undefined): Placement {
  const nodeName = pod.spec.nodeName;
  const fargateSignals = pod.spec.schedulerName === FARGATE_SCHEDULER || pod.metadata.labels?.[PROFILE_LABEL] !== undefined;
  if (!nodeName) return isTerminated(pod) ? 'other' : 'pending';
  if (node) return node.computeType;
  if (fargateSignals || nodeName.startsWith('fargate-')) return 'fargate';
  return 'other';
}

function schedulerMessage(pod: KubePod): string | null {
  const c = (pod.status?.conditions ?? []).find((x) => x.type === 'PodScheduled' && x.status === 'False');
  return c?.message ? c.message : null;
}

interface ReasonInput {
  pod: KubePod;
  placement: Placement;
  node: NodeInfo | undefined;
  nodeName: string | null;
  profile: string | null;
  selectorIndex: number | null;
  match: ProfileMatch | null;
  noMatch: string | null;
  ownerKind: string | null;
  pendingNoRoom: boolean | null;
  request: Resources;
  profiles: readonly EksFargateProfile[] | null;
}

/** "EC2 · Karpenter NodePool spot-arm · Spot · m6g.large node ip-10-0-1-2…": the pool and how its node is bought. */
function ec2NodeDesc(nodeName: string | null, node: NodeInfo | undefined): string {
  if (!node?.poolKind || !node.pool) return `EC2 node ${nodeName}`;
  const parts = [`EC2 · ${POOL_KIND_LABEL[node.poolKind]} ${node.pool}`];
  if (node.capacityType) parts.push(capacityLabel(node.capacityType));
  if (node.instanceType) parts.push(node.instanceType);
  return `${parts.join(' · ')} node ${nodeName}`;
}

/** One sentence: where the pod is and why. */
function reasonFor(r: ReasonInput): string {
  const all = [...(r.profiles ?? [])];
  const nodeDesc = ec2NodeDesc(r.nodeName, r.node);
  switch (r.placement) {
    case 'fargate': {
      if (!r.profile) return `Runs on Fargate node ${r.nodeName}`;
      const known = all.some((p) => p.name === r.profile);
      if (known && r.selectorIndex !== null) return `Fargate: ${describeMatch({ profile: r.profile, selectorIndex: r.selectorIndex }, all)}`;
      if (known) return `Fargate: profile ${r.profile} (label ${PROFILE_LABEL}; no selector matches the pod now)`;
      return `Fargate: profile ${r.profile} (label ${PROFILE_LABEL}; EKS does not list this profile${r.profiles ? '' : ' — profiles unknown'})`;
    }
    case 'ec2':
      if (neverOnFargate(r.ownerKind)) return `${nodeDesc}: DaemonSet pods never run on Fargate`;
      if (!r.profiles) return `${nodeDesc}; Fargate profiles unknown`;
      if (r.match) return `${nodeDesc}, although ${describeMatch(r.match, all)} matches it now (created before the profile?)`;
      return `${nodeDesc}: ${r.noMatch}`;
    case 'pending': {
      const sched = schedulerMessage(r.pod);
      if (r.match) return `Pending: matches ${describeMatch(r.match, all)}; waiting for Fargate capacity${sched ? ` (${sched})` : ''}`;
      const why = r.profiles ? (r.noMatch ?? '') : 'Fargate profiles unknown';
      if (r.pendingNoRoom) return `Pending: ${why}, and no EC2 node has room for ${fmtRequest(r.request)}`;
      return `Pending: ${why}${sched ? `; scheduler: ${sched}` : ''}`;
    }
    default:
      if (!r.nodeName) return 'Finished before it was scheduled';
      if (r.node) return `Node ${r.nodeName} is neither EC2 nor Fargate (compute type ${r.node.labels['eks.amazonaws.com/compute-type'] ?? 'unknown'})`;
      return `Node ${r.nodeName} is not known (nodes not visible)`;
  }
}

/** Computes the PodView of one pod. Pure: time enters only later, when accruedUSD is stamped. */
export function computePod(pod: KubePod, env: PodEnv): PodComputed {
  const meta = pod.metadata;
  const namespace = meta.namespace ?? '';
  const labels = meta.labels ?? {};
  const nodeName = pod.spec.nodeName || null;
  const node = nodeName ? env.node(nodeName) : undefined;
  const placement = placementOf(pod, node);
  const terminated = isTerminated(pod);
  const podRef = { namespace, labels };
  const profiles = env.profiles ?? [];
  const object = `Pod/${namespace}/${meta.name}`;

  let sizing: PodSizing | null = null;
  let sizingError: string | null = null;
  try {
    sizing = sizePod(pod.spec);
  } catch (e) {
    sizingError = e instanceof Error ? e.message : String(e);
  }
  const request = sizing ? sizing.effective : ZERO;
  const expectedSize = sizing ? sizing.size : null;

  // Which profile holds (or would take) the pod, and why.
  let profile: string | null = null;
  let selectorIndex: number | null = null;
  let match: ProfileMatch | null = null;
  let noMatch: string | null = null;
  const ownerKind = controllerOf(meta.ownerReferences)?.kind ?? null;
  const info = env.profileMatch ? env.profileMatch(podRef) : profileMatchFor(podRef, profiles);
  if (placement === 'fargate') {
    profile = labels[PROFILE_LABEL] ?? null;
    // The selector that matches now, whatever the profile's status (the pod already runs there).
    const idx = profile !== null ? info.selectorOf[profile] : undefined;
    selectorIndex = idx !== undefined && idx >= 0 ? idx : null;
  } else if (env.profiles && !neverOnFargate(ownerKind)) {
    match = info.match;
    if (match && placement === 'pending') {
      profile = match.profile;
      selectorIndex = match.selectorIndex;
    }
    if (!match) noMatch = info.noMatch;
  }

  let pendingNoRoom: boolean | null = null;
  if (placement === 'pending' && !match && env.profiles !== null) pendingNoRoom = env.ec2Room(request) === false;

  const placementReason = reasonFor({ pod, placement, node, nodeName, profile, selectorIndex, match, noMatch, ownerKind, pendingNoRoom, request, profiles: env.profiles });

  // Size and cost.
  const annotation = meta.annotations?.[CAPACITY_ANNOTATION] ?? null;
  const capacityProvisioned = placement === 'fargate' ? annotation : null;
  const annotationSize = capacityProvisioned ? parseCapacityProvisioned(capacityProvisioned) : null;
  let billedSize: FargateSize | null = null;
  let sizeAgrees: boolean | null = null;
  let hourlyUSD = 0;
  let wasteHourlyUSD = 0;
  let costBasis: PodView['costBasis'] = 'none';
  if (placement === 'fargate') {
    billedSize = annotationSize ?? expectedSize;
    if (annotationSize && expectedSize) {
      sizeAgrees = annotationSize.vcpu === expectedSize.vcpu && annotationSize.memoryGiB === expectedSize.memoryGiB;
    }
    if (billedSize && env.prices) {
      // Billed until the pod object is deleted, even after its containers exit.
      hourlyUSD = fargateHourlyUSD(billedSize, env.prices, sizing?.ephemeralStorageBytes ?? 0);
      wasteHourlyUSD = fargateWasteHourly(billedSize, request, env.prices);
      costBasis = 'fargate';
    }
  } else if (placement === 'ec2' && nodeName && node) {
    const nodeHourly = env.nodeHourly(nodeName);
    if (nodeHourly !== null) {
      costBasis = 'ec2-share';
      // A finished pod no longer holds its requests on the node.
      hourlyUSD = terminated ? 0 : ec2ShareHourly(nodeHourly, request, node.allocatable);
    }
  }

  const cols = podStatusColumns(pod);
  const findings: Finding[] = [
    ...podSpecFindings(pod, object, { sizing, ownerKind, placement, matchedProfile: placement === 'fargate' ? profile : (match?.profile ?? null), billedSize }),
    ...podClusterFindings({
      object,
      namespace,
      ownerKind,
      placement,
      sizing,
      sizingError,
      namespaceProfiles: info.namespaceProfiles,
      capacityProvisioned,
      annotationSize,
      expectedSize,
      pendingNoRoom,
      noMatchReason: noMatch,
    }),
  ];

  const billingStart = placement === 'pending' ? null : (pod.status?.startTime ?? meta.creationTimestamp ?? null);
  const view: PodView = {
    id: meta.uid,
    namespace,
    name: meta.name,
    placement,
    nodeName,
    profile,
    selectorIndex,
    placementReason,
    request,
    limits: limitsOf(sizing),
    expectedSize,
    capacityProvisioned,
    billedSize,
    sizeAgrees,
    hourlyUSD,
    costBasis,
    accruedUSD: 0,
    billingStart,
    wasteHourlyUSD,
    owner: controllerOf(meta.ownerReferences),
    workload: workloadFor(pod, env),
    phase: pod.status?.phase ?? 'Unknown',
    status: cols.status,
    ready: cols.ready,
    restarts: cols.restarts,
    createdAt: meta.creationTimestamp ?? '',
    ip: pod.status?.podIP || null,
    qos: podQos(pod),
    zone: node?.zone ?? null,
    labels,
    findings,
  };

  const contrib: PodContribution = {
    namespace,
    placement,
    nodeName,
    active: !terminated,
    request: terminated ? ZERO : request,
    hourlyNano: toNano(hourlyUSD),
    fargate:
      placement === 'fargate'
        ? { profile, vcpuMilli: billedSize ? Math.round(billedSize.vcpu * 1000) : 0, memMiB: billedSize ? Math.round((billedSize.memoryGiB * GIB) / MIB) : 0 }
        : null,
    labels,
    ip: view.ip,
    pendingNoProfile: placement === 'pending' && !match,
  };
  return { view, sizing, contrib };
}

function workloadFor(pod: KubePod, env: PodEnv) {
  const owner = controllerOf(pod.metadata.ownerReferences);
  const rs = owner?.kind === 'ReplicaSet' ? env.replicaSet(pod.metadata.namespace ?? '', owner.name) : undefined;
  return workloadOf(pod, rs);
}
