/**
 * What the view needs to know about a node, read from its labels and status: EC2 or Fargate, node group,
 * instance type, zone, readiness, allocatable and capacity. Pure; quantities that do not parse count as
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

export type ComputeType = 'ec2' | 'fargate' | 'other';

export interface NodeInfo {
  name: string;
  uid: string;
  computeType: ComputeType;
  nodegroup: string | null;
  instanceType: string | null;
  zone: string | null;
  capacityType: string | null;
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

/** The node facts the view uses. */
export function nodeInfo(node: KubeNode): NodeInfo {
  const labels = node.metadata.labels ?? {};
  const problems: string[] = [];
  const computeType = nodeComputeType(node);
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
    instanceType: computeType === 'fargate' ? null : (labels[LABEL_INSTANCE_TYPE] ?? labels[LABEL_INSTANCE_TYPE_BETA] ?? null),
    zone: labels[LABEL_ZONE] ?? labels[LABEL_ZONE_BETA] ?? null,
    capacityType: computeType === 'fargate' ? 'FARGATE' : (labels[LABEL_CAPACITY_TYPE] ?? null),
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
