import { hexOf } from '../aws/ids';
import { k8sTime, type NewObj, type Obj } from '../store';
import type { FargateSize } from '../rules/fargate-sizes';

/**
 * Builders for the Kubernetes objects the simulator's controllers and scenarios write: EC2 and Fargate
 * Nodes (labels, taints and status shaped like real EKS nodes, docs/protocol.md §3), pod status blocks, Events. Values
 * marked "invented" are plausible, not recorded from a real cluster.
 */

export const FARGATE_TAINT = { key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' };
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';
export const PROFILE_LABEL = 'eks.amazonaws.com/fargate-profile';
export const FARGATE_SCHEDULER = 'fargate-scheduler';
export const DEFAULT_SCHEDULER = 'default-scheduler';
export const SYSTEM_NODE_CRITICAL = 2000001000;

// invented: kubelet/OS strings of an EKS 1.28 AL2 node and a Fargate node of the same era.
export const KUBELET_VERSION = 'v1.28.15-eks-c0bc8ca';
const EC2_NODE_INFO = {
  kernelVersion: '5.10.234-225.910.amzn2.x86_64',
  osImage: 'Amazon Linux 2',
  containerRuntimeVersion: 'containerd://1.7.25',
  kubeletVersion: KUBELET_VERSION,
  kubeProxyVersion: KUBELET_VERSION,
  operatingSystem: 'linux',
  architecture: 'amd64',
};

/** EC2-style system UUID (starts with "ec2") derived from a key. */
function ec2Uuid(key: string): string {
  const h = hexOf(key, 32);
  return `ec2${h.slice(3, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function bootId(key: string): string {
  const h = hexOf(key, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** `ip-a-b-c-d` host part of a node name. */
export function ipHost(ip: string): string {
  return `ip-${ip.replace(/\./g, '-')}`;
}

/** The DNS suffix EC2 uses for private names in a region. */
export function dnsSuffix(region: string): string {
  return region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
}

export interface InstanceShape {
  vcpu: number;
  memoryGiB: number;
  maxPods: number;
}

/** Instance types the scenarios use (vCPU, memory and VPC CNI max pods from the EC2/EKS tables). */
export const INSTANCE_SHAPES: Record<string, InstanceShape> = {
  't3.medium': { vcpu: 2, memoryGiB: 4, maxPods: 17 },
  't3.large': { vcpu: 2, memoryGiB: 8, maxPods: 35 },
  't3.xlarge': { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  'm5.large': { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  'm5.xlarge': { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  'm5.2xlarge': { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  'm5.4xlarge': { vcpu: 16, memoryGiB: 64, maxPods: 234 },
  // Max pods with the VPC CNI's ENI limits (amazon-eks-ami eni-max-pods.txt).
  'm6i.large': { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  'c5.large': { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  'c5.xlarge': { vcpu: 4, memoryGiB: 8, maxPods: 58 },
  'c6i.large': { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  'c6a.large': { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  'c6a.xlarge': { vcpu: 4, memoryGiB: 8, maxPods: 58 },
  'm6g.large': { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  'm6g.xlarge': { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  'c6g.large': { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  'c6g.xlarge': { vcpu: 4, memoryGiB: 8, maxPods: 58 },
  'c7g.large': { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  'c7g.xlarge': { vcpu: 4, memoryGiB: 8, maxPods: 58 },
};

/**
 * Capacity and allocatable of an EC2 node. Allocatable follows the EKS AMI bootstrap reservations:
 * memory 255 MiB + 11 MiB per max pod plus a 100 MiB eviction threshold; CPU 6% of the first core,
 * 1% of the second, 0.5% of cores 3–4, 0.25% beyond. Capacity memory is the nominal size less what
 * the kernel keeps (invented ~3%).
 */
export function ec2Resources(instanceType: string): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const shape = INSTANCE_SHAPES[instanceType];
  if (!shape) throw new Error(`unknown instance type ${instanceType}; known: ${Object.keys(INSTANCE_SHAPES).join(', ')}`);
  const memKi = Math.round(shape.memoryGiB * 1024 * 1024 * 0.97);
  const reservedKi = (255 + 11 * shape.maxPods + 100) * 1024;
  let cpuReserved = 0;
  for (let core = 1; core <= shape.vcpu; core++) cpuReserved += core === 1 ? 60 : core === 2 ? 10 : core <= 4 ? 5 : 2.5;
  return {
    capacity: {
      cpu: String(shape.vcpu),
      'ephemeral-storage': '104845292Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memKi}Ki`,
      pods: String(shape.maxPods),
    },
    allocatable: {
      cpu: `${shape.vcpu * 1000 - Math.ceil(cpuReserved)}m`,
      'ephemeral-storage': '95551679124',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memKi - reservedKi}Ki`,
      pods: String(shape.maxPods),
    },
  };
}

function readyConditions(since: string, heartbeat: string) {
  return [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', status: 'True', lastHeartbeatTime: heartbeat, lastTransitionTime: since, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
}

export interface Ec2NodeInput {
  ip: string;
  region: string;
  az: string;
  zoneId: string;
  instanceId: string;
  instanceType: string;
  nodegroup: string;
  amiId: string;
  launchTemplateId: string;
  createdAt: Date;
  now: Date;
  extraLabels?: Record<string, string>;
}

/** A managed-node-group EC2 Node, labelled as EKS labels them (docs/protocol.md §3). */
export function ec2Node(n: Ec2NodeInput): NewObj {
  const name = `${ipHost(n.ip)}.${dnsSuffix(n.region)}`;
  const { capacity, allocatable } = ec2Resources(n.instanceType);
  const created = k8sTime(n.createdAt);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: created,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': n.instanceType,
        'beta.kubernetes.io/os': 'linux',
        'eks.amazonaws.com/capacityType': 'ON_DEMAND',
        'eks.amazonaws.com/nodegroup': n.nodegroup,
        'eks.amazonaws.com/nodegroup-image': n.amiId,
        'eks.amazonaws.com/sourceLaunchTemplateId': n.launchTemplateId,
        'eks.amazonaws.com/sourceLaunchTemplateVersion': '1',
        'failure-domain.beta.kubernetes.io/region': n.region,
        'failure-domain.beta.kubernetes.io/zone': n.az,
        'k8s.io/cloud-provider-aws': hexOf(`cloud-provider/${n.region}`, 32),
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': n.instanceType,
        'topology.k8s.aws/zone-id': n.zoneId,
        'topology.kubernetes.io/region': n.region,
        'topology.kubernetes.io/zone': n.az,
        ...n.extraLabels,
      },
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': n.ip,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { providerID: `aws:///${n.az}/${n.instanceId}` },
    status: {
      capacity,
      allocatable,
      conditions: readyConditions(created, k8sTime(n.now)),
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'InternalDNS', address: name },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hexOf(`machine/${n.instanceId}`, 32),
        systemUUID: ec2Uuid(`system/${n.instanceId}`),
        bootID: bootId(`boot/${n.instanceId}`),
        ...EC2_NODE_INFO,
      },
    },
  };
}

/** Fargate node name for a pod IP: fargate-ip-a-b-c-d.<region>.compute.internal. */
export function fargateNodeName(ip: string, region: string): string {
  return `fargate-${ipHost(ip)}.${dnsSuffix(region)}`;
}

/**
 * The per-pod Fargate Node (docs/protocol.md §3): compute-type label, the NoSchedule taint,
 * pods: 1 and a providerID carrying the Fargate task id. Its capacity is unrelated to the pod's
 * billed size and usually larger, as AWS documents.
 */
export function fargateNode(ip: string, region: string, az: string, size: FargateSize | null, createdAt: Date, now: Date): NewObj {
  const name = fargateNodeName(ip, region);
  const host = `${ipHost(ip)}.${dnsSuffix(region)}`;
  const vcpu = size ? Math.max(2, 2 ** Math.ceil(Math.log2(size.vcpu))) : 2;
  const memKi = size && size.memoryGiB > 3 ? Math.round((size.memoryGiB + 2) * 1024 * 1024 * 0.96) : 4037540;
  const created = k8sTime(createdAt);
  const task = `${hexOf(`fargate-task/${ip}/${created}`, 10)}-${hexOf(`fargate-task2/${ip}/${created}`, 32)}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: created,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        [COMPUTE_TYPE_LABEL]: 'fargate',
        'failure-domain.beta.kubernetes.io/region': region,
        'failure-domain.beta.kubernetes.io/zone': az,
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': host,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': region,
        'topology.kubernetes.io/zone': az,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { providerID: `aws:///${az}/${task}/${name}`, taints: [{ ...FARGATE_TAINT }] },
    status: {
      capacity: { cpu: String(vcpu), 'ephemeral-storage': '30832548Ki', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: '1' },
      allocatable: { cpu: String(vcpu), 'ephemeral-storage': '28415217208', 'hugepages-2Mi': '0', memory: `${memKi - 102400}Ki`, pods: '1' },
      conditions: readyConditions(created, k8sTime(now)),
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'InternalDNS', address: host },
        { type: 'Hostname', address: host },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hexOf(`machine/${task}`, 32),
        systemUUID: ec2Uuid(`system/${task}`),
        bootID: bootId(`boot/${task}`),
        ...EC2_NODE_INFO,
      },
    },
  };
}

interface ContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

function containersOf(pod: Obj): ContainerSpec[] {
  const spec = (pod.spec ?? {}) as { containers?: ContainerSpec[] };
  return Array.isArray(spec.containers) ? spec.containers : [];
}

/** Kubernetes QoS class: Guaranteed when every container's requests equal its limits for cpu and memory. */
export function qosClass(pod: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = containersOf(pod);
  let any = false;
  let guaranteed = cs.length > 0;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (guaranteed) return 'Guaranteed';
  return any ? 'Burstable' : 'BestEffort';
}

const imageIds = new Map<string, string>();

/** A digest-pinned image reference, the same for every pod of an image (cached: scale runs ask 10,000 times). */
function imageIdOf(image: string): string {
  let id = imageIds.get(image);
  if (!id) {
    const repo = image.split('@')[0].replace(/:[^/:]+$/, '');
    id = `${repo}@sha256:${hexOf(`image/${image}`, 64)}`;
    if (imageIds.size < 10_000) imageIds.set(image, id);
  }
  return id;
}

/** A Running, Ready pod status (what the kubelet reports once every container started). */
export function runningStatus(pod: Obj, opts: { hostIP: string; podIP: string; startedAt: Date; scheduledAt?: Date; ready?: boolean; restartCount?: number }): Record<string, unknown> {
  const started = k8sTime(opts.startedAt);
  const scheduled = k8sTime(opts.scheduledAt ?? opts.startedAt);
  const ready = opts.ready ?? true;
  return {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: scheduled },
      { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started, ...(ready ? {} : { reason: 'ContainersNotReady' }) },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: started, ...(ready ? {} : { reason: 'ContainersNotReady' }) },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: scheduled },
    ],
    hostIP: opts.hostIP,
    hostIPs: [{ ip: opts.hostIP }],
    podIP: opts.podIP,
    podIPs: [{ ip: opts.podIP }],
    startTime: scheduled,
    containerStatuses: containersOf(pod).map((c) => ({
      name: c.name,
      state: { running: { startedAt: started } },
      lastState: {},
      ready,
      restartCount: opts.restartCount ?? 0,
      image: c.image ?? '',
      imageID: imageIdOf(c.image ?? 'unknown'),
      containerID: `containerd://${hexOf(`container/${pod.metadata.namespace}/${pod.metadata.name}/${pod.metadata.uid}/${started}/${c.name}`, 64)}`,
      started: true,
    })),
    qosClass: qosClass(pod),
  };
}

/** Status of a pod bound to a node whose containers are still being created. */
export function creatingStatus(pod: Obj, opts: { hostIP: string; podIP: string; scheduledAt: Date }): Record<string, unknown> {
  const at = k8sTime(opts.scheduledAt);
  return {
    phase: 'Pending',
    conditions: [
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: at, reason: 'ContainersNotReady', message: `containers with unready status: [${containersOf(pod).map((c) => c.name).join(' ')}]` },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: at, reason: 'ContainersNotReady', message: `containers with unready status: [${containersOf(pod).map((c) => c.name).join(' ')}]` },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    ],
    hostIP: opts.hostIP,
    hostIPs: [{ ip: opts.hostIP }],
    podIP: opts.podIP,
    podIPs: [{ ip: opts.podIP }],
    startTime: at,
    containerStatuses: containersOf(pod).map((c) => ({
      name: c.name,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image ?? '',
      imageID: '',
      started: false,
    })),
    qosClass: qosClass(pod),
  };
}

/** Status of a pod no node can take: Pending with PodScheduled=False. */
export function unschedulableStatus(pod: Obj, reason: string, message: string, at: Date): Record<string, unknown> {
  return {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: k8sTime(at), reason, message }],
    qosClass: qosClass(pod),
  };
}
