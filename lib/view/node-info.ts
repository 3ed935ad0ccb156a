/**
 * What the view needs to know about a node, read from its labels and status: EC2 or Fargate, the pool that
 * launched it (managed node group, Karpenter NodePool, EKS Auto Mode, self-managed, hybrid), capacity type,
 * architecture, instance type, zone, readiness, allocatable and capacity. Pure; quantities that do not parse count as
 * zero and are reported in `problems` instead of throwing.
 */
import { parseBytes, parseCpuMillis } from '../fargate/quantity';
import type { Resources } from '../fargate/types';
import type { KubeNode } from './kube';

export const LABEL_COMPUTE_TYPE = 'eks.amazonaws.com/compute-type';
export const LABEL_NODEGROUP = 'eks.amazonaws.com/nodegroup';
export const LABEL_CAPACITY_TYPE = 'eks.amazonaws.com/capacityType';
export const LABEL_INSTANCE_TYPE = 'node.kubernetes.io/instance-type';
export const LABEL_INSTANCE_TYPE_BETA = 'beta.kubernetes.io/instance-type';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
export const LABEL_KARPENTER_NODEPOOL = 'karpenter.sh/nodepool';
export const LABEL_KARPENTER_CAPACITY_TYPE = 'karpenter.sh/capacity-type';
export const LABEL_ARCH = 'kubernetes.io/arch';
export const LABEL_ARCH_BETA = 'beta.kubernetes.io/arch';
/** eksctl's label on the nodes of its self-managed (unmanaged) node groups. */
export const LABEL_EKSCTL_NODEGROUP = 'alpha.eksctl.io/nodegroup-name';

export type ComputeType = 'ec2' | 'fargate' | 'other';

/**
 * What launched a node: an EKS managed node group, a Karpenter NodePool, EKS Auto Mode (Karpenter run by EKS, its
 * NodePools in the same API), an Auto Scaling group of the user's own (self-managed), or a hybrid node.
 */
export type PoolKind = 'nodegroup' | 'karpenter' | 'auto' | 'self-managed' | 'hybrid';

/**
 * How a node is bought, in AWS's own words: ON_DEMAND, SPOT, CAPACITY_BLOCK (EKS node group label) or RESERVED
 * (Karpenter's capacity-reservation launches), FARGATE for Fargate nodes.
 */
export type CapacityType = 'ON_DEMAND' | 'SPOT' | 'CAPACITY_BLOCK' | 'RESERVED' | 'FARGATE';

const KARPENTER_CAPACITY: Record<string, CapacityType> = { 'on-demand': 'ON_DEMAND', spot: 'SPOT', reserved: 'RESERVED' };
const EKS_CAPACITY: Record<string, CapacityType> = { ON_DEMAND: 'ON_DEMAND', SPOT: 'SPOT', CAPACITY_BLOCK: 'CAPACITY_BLOCK' };

/** "On-Demand", "Spot", "Capacity Block", "Reserved", "Fargate". */
export function capacityLabel(c: string | null): string {
  switch (c) {
    case 'ON_DEMAND':
      return 'On-Demand';
    case 'SPOT':
      return 'Spot';
    case 'CAPACITY_BLOCK':
      return 'Capacity Block';
    case 'RESERVED':
      return 'Reserved';
    case 'FARGATE':
      return 'Fargate';
    default:
      return c ?? '—';
  }
}

/** "Managed node group", "Karpenter NodePool", … */
export const POOL_KIND_LABEL: Record<PoolKind, string> = {
  nodegroup: 'Managed node group',
  karpenter: 'Karpenter NodePool',
  auto: 'EKS Auto Mode NodePool',
  'self-managed': 'Self-managed',
  hybrid: 'Hybrid nodes',
};

/** The pool row id of a node's pool: "karpenter/spot-general". */
export function poolId(kind: PoolKind, name: string): string {
  return `${kind}/${name}`;
}

export interface NodeInfo {
  name: string;
  uid: string;
  computeType: ComputeType;
  nodegroup: string | null;
  /** The pool that launched it; null for Fargate nodes (their pools are the Fargate profiles). */
  poolKind: PoolKind | null;
  pool: string | null;
  instanceType: string | null;
  zone: string | null;
  capacityType: CapacityType | null;
  /** amd64, arm64 (Graviton), from kubernetes.io/arch. */
  arch: string | null;
  ready: boolean;
  /** Ready, NotReady or Unknown, plus ",SchedulingDisabled" when cordoned (as kubectl prints it). */
  status: string;
  schedulable: boolean;
  allocatable: Resources;
  capacity: Resources;
  allocatablePods: number | null;
  internalIP: string | null;
  kubeletVersion: string | null;
  createdAt: string;
  labels: Record<string, string>;
  problems: string[];
}

/**
 * EC2 or Fargate from the node's labels and name. Fargate nodes carry compute-type=fargate (and are named
 * fargate-ip-…); EKS Auto Mode nodes (compute-type=auto) are EC2 instances; hybrid nodes are neither.
 */
export function nodeComputeType(node: KubeNode): ComputeType {
  const labels = node.metadata.labels ?? {};
  const ct = labels[LABEL_COMPUTE_TYPE];
  if (ct === 'fargate' || node.metadata.name.startsWith('fargate-')) return 'fargate';
  if (ct === 'hybrid') return 'other';
  if (ct === 'auto' || ct === 'ec2') return 'ec2';
  // An ordinary node with an instance type or an EC2 provider id is an EC2 instance.
  if (labels[LABEL_INSTANCE_TYPE] || labels[LABEL_INSTANCE_TYPE_BETA]) return 'ec2';
  if ((node.spec?.providerID ?? '').startsWith('aws:')) return 'ec2';
  return 'other';
}

function readResources(list: Record<string, string> | undefined, what: string, problems: string[]): Resources {
  let cpuMillis = 0;
  let memoryBytes = 0;
  try {
    if (list?.cpu !== undefined) cpuMillis = parseCpuMillis(list.cpu);
  } catch (e) {
    problems.push(`${what}.cpu: ${(e as Error).message}`);
  }
  try {
    if (list?.memory !== undefined) memoryBytes = parseBytes(list.memory);
  } catch (e) {
    problems.push(`${what}.memory: ${(e as Error).message}`);
  }
  return { cpuMillis, memoryBytes };
}

/**
 * The pool of a node from the labels each launcher writes: compute-type=auto (Auto Mode, with its NodePool in
 * karpenter.sh/nodepool), karpenter.sh/nodepool (Karpenter), eks.amazonaws.com/nodegroup (managed node group),
 * compute-type=hybrid; any other EC2 node is self-managed, named by eksctl's label when it has one.
 */
export function nodePool(labels: Record<string, string>, computeType: ComputeType): { kind: PoolKind; name: string } | null {
  const ct = labels[LABEL_COMPUTE_TYPE];
  if (computeType === 'fargate') return null;
  if (ct === 'hybrid') return { kind: 'hybrid', name: 'hybrid' };
  if (ct === 'auto') return { kind: 'auto', name: labels[LABEL_KARPENTER_NODEPOOL] ?? 'auto' };
  if (labels[LABEL_KARPENTER_NODEPOOL]) return { kind: 'karpenter', name: labels[LABEL_KARPENTER_NODEPOOL] };
  if (labels[LABEL_NODEGROUP]) return { kind: 'nodegroup', name: labels[LABEL_NODEGROUP] };
  if (computeType === 'ec2') return { kind: 'self-managed', name: labels[LABEL_EKSCTL_NODEGROUP] ?? 'self-managed' };
  return null;
}

/** The capacity type a node's labels state, Karpenter's label first (Auto Mode writes it too). */
export function nodeCapacityType(labels: Record<string, string>, computeType: ComputeType): CapacityType | null {
  if (computeType === 'fargate') return 'FARGATE';
  return KARPENTER_CAPACITY[labels[LABEL_KARPENTER_CAPACITY_TYPE] ?? ''] ?? EKS_CAPACITY[labels[LABEL_CAPACITY_TYPE] ?? ''] ?? null;
}

/** The node facts the view uses. */
export function nodeInfo(node: KubeNode): NodeInfo {
  const labels = node.metadata.labels ?? {};
  const problems: string[] = [];
  const computeType = nodeComputeType(node);
  const pool = nodePool(labels, computeType);
  const readyCond = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const readyState = readyCond?.status === 'True' ? 'Ready' : readyCond?.status === 'False' ? 'NotReady' : 'Unknown';
  const unschedulable = node.spec?.unschedulable === true;
  const podsRaw = node.status?.allocatable?.pods;
  const allocatablePods = podsRaw !== undefined && /^\d+$/.test(String(podsRaw)) ? Number(podsRaw) : null;
  return {
    name: node.metadata.name,
    uid: node.metadata.uid,
    computeType,
    nodegroup: labels[LABEL_NODEGROUP] ?? null,
    poolKind: pool?.kind ?? null,
    pool: pool?.name ?? null,
    instanceType: computeType === 'fargate' ? null : (labels[LABEL_INSTANCE_TYPE] ?? labels[LABEL_INSTANCE_TYPE_BETA] ?? null),
    zone: labels[LABEL_ZONE] ?? labels[LABEL_ZONE_BETA] ?? null,
    capacityType: nodeCapacityType(labels, computeType),
    arch: labels[LABEL_ARCH] ?? labels[LABEL_ARCH_BETA] ?? null,
    ready: readyState === 'Ready',
    status: unschedulable ? `${readyState},SchedulingDisabled` : readyState,
    schedulable: !unschedulable,
    allocatable: readResources(node.status?.allocatable, 'status.allocatable', problems),
    capacity: readResources(node.status?.capacity ?? node.status?.allocatable, 'status.capacity', problems),
    allocatablePods,
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? null,
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion ?? null,
    createdAt: node.metadata.creationTimestamp ?? '',
    labels,
    problems,
  };
}
