/**
 * Karpenter and EKS Auto Mode capacity: a NodePool (karpenter.sh/v1) with its node class, and the nodes launched
 * for it, each with its NodeClaim and EC2 instance — laid down by the scenarios, launched by the provisioner
 * (karpenter.ts). Labels follow what
 * each launcher writes on a node (a self-managed Karpenter node: karpenter.sh/* and karpenter.k8s.aws/*; an
 * Auto Mode node: eks.amazonaws.com/compute-type=auto, eks.amazonaws.com/instance-* and a node named by its
 * instance id), from recorded nodes of both (docs/protocol.md §8).
 */
import { hexOf } from '../aws/ids';
import type { Instance } from '../aws/state';
import type { SimContext } from '../context';
import type { Ec2NodeRef } from '../scenarios/build';
import { k8sTime } from '../store';
import { ec2Node, INSTANCE_SHAPES, KUBELET_VERSION } from './objects';

export type Launcher = 'karpenter' | 'auto';

export interface PoolInput {
  name: string;
  launcher: Launcher;
  capacityType: 'on-demand' | 'spot';
  arch: 'amd64' | 'arm64';
  /** Instance types the NodePool allows; nodes are launched from the first ones, in turn. */
  instanceTypes: string[];
  nodes: number;
  createdAt: Date;
  /** Optional spec.limits.cpu. */
  cpuLimit?: string;
  weight?: number;
}

const ARM = new Set(['m6g', 'c6g', 'c7g', 'r6g', 'm7g']);

/** The architecture of an instance type, by its family (Graviton families end in g). */
export function archOf(instanceType: string): 'amd64' | 'arm64' {
  return ARM.has(instanceType.split('.')[0]) ? 'arm64' : 'amd64';
}

function instanceLabels(prefix: 'karpenter.k8s.aws' | 'eks.amazonaws.com', type: string): Record<string, string> {
  const [family, size] = type.split('.');
  const shape = INSTANCE_SHAPES[type];
  return {
    [`${prefix}/instance-category`]: family.charAt(0),
    [`${prefix}/instance-family`]: family,
    [`${prefix}/instance-generation`]: family.replace(/\D/g, '').charAt(0),
    [`${prefix}/instance-size`]: size,
    [`${prefix}/instance-cpu`]: String(shape.vcpu),
    [`${prefix}/instance-memory`]: String(shape.memoryGiB * 1024),
    [`${prefix}/instance-hypervisor`]: 'nitro',
  };
}

/** The EC2NodeClass every self-managed Karpenter NodePool here refers to. */
export function ec2NodeClass(ctx: SimContext, createdAt: Date): void {
  const { aws } = ctx;
  ctx.store.create({
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'default', creationTimestamp: k8sTime(createdAt), finalizers: ['karpenter.k8s.aws/termination'] },
    spec: {
      role: `KarpenterNodeRole-${aws.clusterName}`,
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': aws.clusterName } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': aws.clusterName } }],
    },
    status: {
      conditions: ['InstanceProfileReady', 'SubnetsReady', 'SecurityGroupsReady', 'AMIsReady', 'Ready'].map((type) => ({
        type,
        status: 'True',
        reason: type,
        message: '',
        lastTransitionTime: k8sTime(createdAt),
        observedGeneration: 1,
      })),
      subnets: aws.privateSubnets().map((s) => ({ id: s.id, zone: s.az, zoneID: s.azId })),
      instanceProfile: `${aws.clusterName}_${hexOf(`${aws.clusterName}/instance-profile`, 19)}`,
    },
  });
}

/** What a NodePool's nodes share: how they are bought, their architecture, their node class. */
export interface PoolShape {
  name: string;
  launcher: Launcher;
  capacityType: 'on-demand' | 'spot';
  instanceTypes: string[];
}

function nodeClassRefOf(launcher: Launcher) {
  return launcher === 'auto' ? { group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' } : { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' };
}

/**
 * Launches one node of a pool: an EC2 instance in the subnet given, its NodeClaim and its Node, Ready at
 * `createdAt`. `key` names the instance and the claim (stable across runs for the same key).
 * @throws Error when the subnet has no free address
 */
export function launchNode(ctx: SimContext, p: PoolShape, type: string, subnetId: string, createdAt: Date, key: string): Ec2NodeRef {
  const { aws, store } = ctx;
  const auto = p.launcher === 'auto';
  const nodeClassRef = nodeClassRefOf(p.launcher);
  const subnet = aws.privateSubnets().find((s) => s.id === subnetId);
  if (!subnet) throw new Error(`no private subnet ${subnetId}`);
  const ip = aws.allocateIp(subnet.id, ctx.rng);
  if (!ip) throw new Error(`subnet ${subnet.id} has no free address for a node of NodePool ${p.name}`);
  const instanceId = `i-0${hexOf(`${aws.clusterName}/${p.name}/instance/${key}`, 16)}`;
  const amiId = `ami-${hexOf(`${aws.region}/ami/${auto ? 'bottlerocket' : 'al2023'}/${archOf(type)}`, 17)}`;
  const claimName = `${p.name}-${hexOf(`${p.name}/claim/${key}`, 5).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])}`;
  const instance: Instance = {
    instanceId,
    imageId: amiId,
    instanceType: type,
    az: subnet.az,
    subnetId: subnet.id,
    privateIp: ip,
    privateDnsName: `ip-${ip.replace(/\./g, '-')}.${aws.region}.compute.internal`,
    launchTime: createdAt,
    reservationId: `r-0${hexOf(`${instanceId}/reservation`, 16)}`,
    securityGroupIds: [aws.network.clusterSecurityGroupId],
    tags: {
      Name: `${p.name}/${claimName}`,
      'karpenter.sh/nodepool': p.name,
      'karpenter.sh/nodeclaim': claimName,
      [auto ? 'eks:eks-cluster-name' : 'karpenter.k8s.aws/ec2nodeclass']: auto ? aws.clusterName : 'default',
      [`kubernetes.io/cluster/${aws.clusterName}`]: 'owned',
    },
  };
  aws.addInstance(instance);
  const base = ec2Node({ ip, region: aws.region, az: subnet.az, zoneId: subnet.azId, instanceId, instanceType: type, nodegroup: '', amiId, launchTemplateId: '', createdAt, now: ctx.now() });
  const labels = { ...(base.metadata?.labels ?? {}) };
  for (const k of ['eks.amazonaws.com/nodegroup', 'eks.amazonaws.com/nodegroup-image', 'eks.amazonaws.com/sourceLaunchTemplateId', 'eks.amazonaws.com/sourceLaunchTemplateVersion', 'eks.amazonaws.com/capacityType']) delete labels[k];
  const arch = archOf(type);
  const name = auto ? instanceId : (base.metadata?.name as string);
  Object.assign(labels, {
    'beta.kubernetes.io/arch': arch,
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': name,
    'karpenter.sh/capacity-type': p.capacityType,
    'karpenter.sh/nodepool': p.name,
    'karpenter.sh/registered': 'true',
    'karpenter.sh/initialized': 'true',
    'karpenter.sh/do-not-sync-taints': 'true',
    ...(auto
      ? { 'eks.amazonaws.com/compute-type': 'auto', 'eks.amazonaws.com/nodeclass': 'default', 'app.kubernetes.io/managed-by': 'eks', 'topology.ebs.csi.eks.amazonaws.com/zone': subnet.az, ...instanceLabels('eks.amazonaws.com', type) }
      : { 'karpenter.k8s.aws/ec2nodeclass': 'default', ...instanceLabels('karpenter.k8s.aws', type) }),
  });
  const status = base.status as Record<string, unknown>;
  const nodeInfo = { ...(status.nodeInfo as Record<string, unknown>), architecture: arch, kubeletVersion: KUBELET_VERSION, osImage: auto ? 'Bottlerocket (EKS Auto, Standard) 2025.1.0' : 'Amazon Linux 2023.6.20250115' };
  const addresses = auto ? [{ type: 'InternalIP', address: ip }, { type: 'InternalDNS', address: instance.privateDnsName }, { type: 'Hostname', address: instanceId }] : status.addresses;
  store.create({ ...base, metadata: { ...base.metadata, name, labels }, status: { ...status, nodeInfo, addresses } } as typeof base);
  const { capacity, allocatable } = status as { capacity: Record<string, string>; allocatable: Record<string, string> };
  store.create({
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodeClaim',
    metadata: {
      name: claimName,
      creationTimestamp: k8sTime(createdAt),
      labels: {
        'karpenter.sh/nodepool': p.name,
        'karpenter.sh/capacity-type': p.capacityType,
        'node.kubernetes.io/instance-type': type,
        'topology.kubernetes.io/zone': subnet.az,
        'kubernetes.io/arch': arch,
        'kubernetes.io/os': 'linux',
      },
      annotations: { 'karpenter.sh/nodepool-hash-version': 'v3', 'karpenter.k8s.aws/ec2nodeclass-hash-version': 'v4' },
      finalizers: ['karpenter.sh/termination'],
      ownerReferences: [{ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', name: p.name, uid: hexOf(`${p.name}/uid`, 32), blockOwnerDeletion: true }],
    },
    spec: {
      nodeClassRef,
      expireAfter: '720h',
      requirements: [
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: [p.capacityType] },
        { key: 'node.kubernetes.io/instance-type', operator: 'In', values: p.instanceTypes },
        { key: 'kubernetes.io/arch', operator: 'In', values: [arch] },
      ],
      resources: { requests: { cpu: '100m', pods: '5' } },
    },
    status: {
      nodeName: name,
      providerID: `aws:///${subnet.az}/${instanceId}`,
      imageID: amiId,
      capacity,
      allocatable,
      conditions: ['Launched', 'Registered', 'Initialized', 'Ready'].map((type) => ({ type, status: 'True', reason: type, message: '', lastTransitionTime: k8sTime(createdAt) })),
    },
  });
  return { name, ip, az: subnet.az, subnetId: subnet.id, instanceId };
}

/** A NodePool and its launched nodes (spread over the private subnets in turn); returns the nodes for pod placement. */
export function nodePool(ctx: SimContext, p: PoolInput): Ec2NodeRef[] {
  const subnets = ctx.aws.privateSubnets();
  const refs: Ec2NodeRef[] = [];
  for (let i = 0; i < p.nodes; i++) {
    const type = p.instanceTypes[i % p.instanceTypes.length];
    refs.push(launchNode(ctx, p, type, subnets[i % subnets.length].id, new Date(p.createdAt.getTime() + i * 7 * 60_000), String(i)));
  }
  const requirements = [
    { key: 'kubernetes.io/arch', operator: 'In', values: [p.arch] },
    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: [p.capacityType] },
    { key: 'node.kubernetes.io/instance-type', operator: 'In', values: p.instanceTypes },
  ];
  ctx.store.create({
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: p.name, creationTimestamp: k8sTime(p.createdAt), annotations: { 'karpenter.sh/nodepool-hash': hexOf(`${p.name}/hash`, 16), 'karpenter.sh/nodepool-hash-version': 'v3' } },
    spec: {
      template: { metadata: {}, spec: { nodeClassRef: nodeClassRefOf(p.launcher), requirements, expireAfter: '720h' } },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: p.capacityType === 'spot' ? '1m' : '5m', budgets: [{ nodes: '10%' }] },
      ...(p.cpuLimit ? { limits: { cpu: p.cpuLimit } } : {}),
      ...(p.weight !== undefined ? { weight: p.weight } : {}),
    },
    status: poolStatus(ctx, p.name, p.createdAt),
  });
  return refs;
}

/** A NodePool's status: its nodes' resources as Karpenter sums them, and its conditions. */
export function poolStatus(ctx: SimContext, pool: string, since: Date): Record<string, unknown> {
  let cpu = 0;
  let memoryKi = 0;
  let nodes = 0;
  for (const n of ctx.store.list('Node')) {
    if (n.metadata.labels?.['karpenter.sh/nodepool'] !== pool) continue;
    const cap = (n.status as { capacity?: Record<string, string> }).capacity ?? {};
    cpu += Number(cap.cpu ?? 0);
    memoryKi += Number(String(cap.memory ?? '0').replace(/Ki$/, ''));
    nodes++;
  }
  return {
    resources: { cpu: String(cpu), memory: `${memoryKi}Ki`, nodes: String(nodes), pods: String(nodes * 29) },
    conditions: ['ValidationSucceeded', 'NodeClassReady', 'NodeRegistrationHealthy', 'Ready'].map((type) => ({
      type,
      status: 'True',
      reason: type,
      message: '',
      lastTransitionTime: k8sTime(since),
      observedGeneration: 1,
    })),
  };
}
