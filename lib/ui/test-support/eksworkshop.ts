/**
 * Test fixture: the seed's `eksworkshop` cluster (ap-southeast-1, two t3.xlarge nodes, profiles
 * test2-fargate and test3-mixed) as a ClusterView, hand-written from the seed document — names, IPs,
 * requests, CapacityProvisioned values and NLB hostnames are the seed's. Used by unit tests only; the
 * app has no demo mode and never imports this.
 */
import { pricesFor } from '../../fargate/prices';
import type { ClusterView, EventView, FargateSize, NodeView, PodView, Resources, ServiceView } from '../../view/model';

export const NOW = Date.parse('2024-05-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3600_000).toISOString();

const MI = 1024 * 1024;
const GI = 1024 * MI;
const VCPU_HOUR = 0.05056;
const GB_HOUR = 0.00553;
const T3_XLARGE = 0.2112;

const fargatePrice = (s: FargateSize) => s.vcpu * VCPU_HOUR + s.memoryGiB * GB_HOUR;

interface PodArgs {
  ns: string;
  name: string;
  placement: PodView['placement'];
  node: string | null;
  ip: string | null;
  request?: Resources;
  limits?: PodView['limits'];
  size?: FargateSize;
  profile?: string;
  labels?: Record<string, string>;
  workload?: string;
  ageHours?: number;
  status?: string;
}

let uid = 0;
const nextId = (prefix: string) => `${prefix}-${(++uid).toString(16).padStart(8, '0')}`;

/** A PodView with the defaults a running pod has; only what differs is passed. */
export function pod(a: PodArgs): PodView {
  const size = a.size ?? null;
  const request = a.request ?? { cpuMillis: 0, memoryBytes: 0 };
  const hourly = a.placement === 'fargate' && size ? fargatePrice(size) : 0;
  const created = hoursAgo(a.ageHours ?? 10);
  const cp = size ? `${size.vcpu}vCPU ${size.memoryGiB}GB` : null;
  return {
    id: nextId('pod'),
    namespace: a.ns,
    name: a.name,
    placement: a.placement,
    nodeName: a.node,
    profile: a.profile ?? null,
    selectorIndex: a.profile ? 0 : null,
    placementReason:
      a.placement === 'fargate'
        ? `profile ${a.profile} selects namespace ${a.ns}`
        : a.placement === 'pending'
          ? 'no node can run it yet'
          : 'no Fargate profile selects it: scheduled on the EC2 node group',
    request,
    limits: a.limits ?? { cpuMillis: null, memoryBytes: null },
    expectedSize: size,
    capacityProvisioned: a.placement === 'fargate' ? cp : null,
    billedSize: a.placement === 'fargate' ? size : null,
    sizeAgrees: a.placement === 'fargate' ? true : null,
    hourlyUSD: hourly,
    costBasis: a.placement === 'fargate' ? 'fargate' : a.placement === 'ec2' ? 'ec2-share' : 'none',
    accruedUSD: hourly * (a.ageHours ?? 10),
    billingStart: created,
    wasteHourlyUSD: 0,
    owner: a.workload ? { kind: 'ReplicaSet', name: a.name.replace(/-[a-z0-9]+$/, '') } : null,
    workload: a.workload ? { kind: 'Deployment', name: a.workload } : null,
    phase: a.status === 'Pending' ? 'Pending' : 'Running',
    status: a.status ?? 'Running',
    ready: a.status === 'Pending' ? '0/1' : '1/1',
    restarts: 0,
    createdAt: created,
    ip: a.ip,
    qos: request.cpuMillis || request.memoryBytes ? 'Burstable' : 'BestEffort',
    zone: 'ap-southeast-1a',
    labels: { ...(a.labels ?? {}), ...(a.profile ? { 'eks.amazonaws.com/fargate-profile': a.profile } : {}) },
    findings: [],
  };
}

const EC2_A = 'ip-172-31-93-72.ap-southeast-1.compute.internal';
const EC2_B = 'ip-172-31-53-43.ap-southeast-1.compute.internal';
const fgNode = (ip: string) => `fargate-ip-${ip.replace(/\./g, '-')}.ap-southeast-1.compute.internal`;

const HALF_1G: FargateSize = { vcpu: 0.5, memoryGiB: 1 };
const ONE_2G: FargateSize = { vcpu: 1, memoryGiB: 2 };

function ec2Node(name: string, ip: string, pods: number): NodeView {
  return {
    id: nextId('node'),
    name,
    computeType: 'ec2',
    nodegroup: 'managed-ng',
    poolId: 'nodegroup/managed-ng',
    poolKind: 'nodegroup',
    pool: 'managed-ng',
    arch: 'amd64',
    priceSource: 'On-Demand, bundled table of 2026-08-21',
    profile: null,
    instanceType: 't3.xlarge',
    zone: 'ap-southeast-1a',
    capacityType: 'ON_DEMAND',
    ready: true,
    status: 'Ready',
    allocatable: { cpuMillis: 3920, memoryBytes: 15 * GI },
    requested: { cpuMillis: 950, memoryBytes: 290 * MI },
    podCount: pods,
    hourlyUSD: T3_XLARGE,
    feeHourlyUSD: 0,
    internalIP: ip,
    kubeletVersion: 'v1.28.5-eks-5e0fdde',
    createdAt: hoursAgo(30),
    labels: { 'eks.amazonaws.com/nodegroup': 'managed-ng', 'node.kubernetes.io/instance-type': 't3.xlarge' },
    findings: [],
  };
}

function fargateNode(ip: string, profile: string, size: FargateSize): NodeView {
  return {
    id: nextId('node'),
    name: fgNode(ip),
    computeType: 'fargate',
    nodegroup: null,
    poolId: null,
    poolKind: null,
    pool: null,
    arch: 'amd64',
    priceSource: null,
    profile,
    instanceType: null,
    zone: 'ap-southeast-1b',
    capacityType: 'FARGATE',
    ready: true,
    status: 'Ready',
    allocatable: { cpuMillis: 2000, memoryBytes: 3.5 * GI },
    requested: { cpuMillis: 0, memoryBytes: 0 },
    podCount: 1,
    hourlyUSD: fargatePrice(size),
    feeHourlyUSD: 0,
    internalIP: ip,
    kubeletVersion: 'v1.28.5-eks-5e0fdde',
    createdAt: hoursAgo(10),
    labels: { 'eks.amazonaws.com/compute-type': 'fargate' },
    findings: [],
  };
}

function nlb(ns: string, name: string, hostname: string, pods: PodView[]): ServiceView {
  const targets = pods.map((p) => ({ id: p.ip ?? '', port: 80, health: 'healthy', reason: null, podId: p.id, placement: p.placement }));
  return {
    id: nextId('svc'),
    namespace: ns,
    name,
    type: 'LoadBalancer',
    clusterIP: '10.50.0.17',
    scheme: 'internet-facing',
    targetType: 'ip',
    hostname,
    ports: [{ name: null, port: 80, targetPort: '80', nodePort: 31500, protocol: 'TCP' }],
    lbState: 'active',
    lbArn: `arn:aws:elasticloadbalancing:ap-southeast-1:111122223333:loadbalancer/net/${name}/0123456789abcdef`,
    targets,
    healthyTargets: targets.length,
    unhealthyTargets: 0,
    backends: {
      ec2: pods.filter((p) => p.placement === 'ec2').length,
      fargate: pods.filter((p) => p.placement === 'fargate').length,
      pending: 0,
    },
    selector: { app: name.replace(/^service-/, '') },
    createdAt: hoursAgo(11),
    findings: [],
  };
}

function event(ns: string, type: string, reason: string, kind: string, name: string, message: string, minutesAgo: number): EventView {
  return {
    id: nextId('ev'),
    namespace: ns,
    type,
    reason,
    message,
    object: { kind, name, namespace: ns },
    count: 1,
    lastSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
    source: kind === 'Pod' ? 'fargate-scheduler' : null,
  };
}

/** The eksworkshop cluster of the seed, at NOW. */
export function eksworkshop(): ClusterView {
  const test1 = [
    pod({ ns: 'test1-ec2nodegroup', name: 'nginx-ec2nodegroup-6d5c7d9b8-4kq2x', placement: 'ec2', node: EC2_A, ip: '172.31.90.11', workload: 'nginx-ec2nodegroup', labels: { app: 'nginx-ec2nodegroup' }, ageHours: 12 }),
    pod({ ns: 'test1-ec2nodegroup', name: 'nginx-ec2nodegroup-6d5c7d9b8-x7bnm', placement: 'ec2', node: EC2_B, ip: '172.31.50.8', workload: 'nginx-ec2nodegroup', labels: { app: 'nginx-ec2nodegroup' }, ageHours: 12 }),
  ];
  const test2Req = { cpuMillis: 500, memoryBytes: 750_000_000 };
  const test2 = [
    pod({ ns: 'test2-fargate', name: 'nginx-fargate-pod-75fcf896d5-2qxz9', placement: 'fargate', node: fgNode('172.31.55.250'), ip: '172.31.55.250', request: test2Req, size: HALF_1G, profile: 'test2-fargate', workload: 'nginx-fargate-pod', labels: { app: 'nginx-fargate-pod' }, ageHours: 0.02 }),
    pod({ ns: 'test2-fargate', name: 'nginx-fargate-pod-75fcf896d5-wpdjl', placement: 'fargate', node: fgNode('172.31.67.70'), ip: '172.31.67.70', request: test2Req, size: HALF_1G, profile: 'test2-fargate', workload: 'nginx-fargate-pod', labels: { app: 'nginx-fargate-pod' }, ageHours: 0.02 }),
  ];
  const test3Ec2 = [
    pod({ ns: 'test3-mixed', name: 'nginx-mixed-ec2-5c68c7c8df-8fmng', placement: 'ec2', node: EC2_A, ip: '172.31.85.129', workload: 'nginx-mixed-ec2', labels: { app: 'nginx-mixed-ec2' }, ageHours: 11 }),
    pod({ ns: 'test3-mixed', name: 'nginx-mixed-ec2-5c68c7c8df-pz7rw', placement: 'ec2', node: EC2_B, ip: '172.31.53.255', workload: 'nginx-mixed-ec2', labels: { app: 'nginx-mixed-ec2' }, ageHours: 11 }),
  ];
  const test3Req = { cpuMillis: 1000, memoryBytes: 1_750_000_000 };
  const test3Fg = [
    pod({ ns: 'test3-mixed', name: 'nginx-mixed-fargate-747577644f-9lnlt', placement: 'fargate', node: fgNode('172.31.61.98'), ip: '172.31.61.98', request: test3Req, size: ONE_2G, profile: 'test3-mixed', workload: 'nginx-mixed-fargate', labels: { app: 'nginx-mixed-fargate', runon: 'fargate' }, ageHours: 10 }),
    pod({ ns: 'test3-mixed', name: 'nginx-mixed-fargate-747577644f-n2f2x', placement: 'fargate', node: fgNode('172.31.84.94'), ip: '172.31.84.94', request: test3Req, size: ONE_2G, profile: 'test3-mixed', workload: 'nginx-mixed-fargate', labels: { app: 'nginx-mixed-fargate', runon: 'fargate' }, ageHours: 10 }),
  ];
  const system = [
    pod({ ns: 'kube-system', name: 'coredns-5b8cc885bc-7k2xd', placement: 'ec2', node: EC2_A, ip: '172.31.91.2', request: { cpuMillis: 100, memoryBytes: 70 * MI }, workload: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ageHours: 30 }),
    pod({ ns: 'kube-system', name: 'coredns-5b8cc885bc-qg8vt', placement: 'ec2', node: EC2_B, ip: '172.31.52.7', request: { cpuMillis: 100, memoryBytes: 70 * MI }, workload: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ageHours: 30 }),
    pod({ ns: 'kube-system', name: 'aws-load-balancer-controller-7b9c6f8d4-hx2lp', placement: 'ec2', node: EC2_A, ip: '172.31.88.40', workload: 'aws-load-balancer-controller', labels: { 'app.kubernetes.io/name': 'aws-load-balancer-controller' }, ageHours: 28 }),
    pod({ ns: 'kube-system', name: 'aws-load-balancer-controller-7b9c6f8d4-m4wzt', placement: 'ec2', node: EC2_B, ip: '172.31.49.3', workload: 'aws-load-balancer-controller', labels: { 'app.kubernetes.io/name': 'aws-load-balancer-controller' }, ageHours: 28 }),
  ];
  const pods = [...test1, ...test2, ...test3Ec2, ...test3Fg, ...system];

  const nodes = [
    ec2Node(EC2_A, '172.31.93.72', 4),
    ec2Node(EC2_B, '172.31.53.43', 4),
    fargateNode('172.31.55.250', 'test2-fargate', HALF_1G),
    fargateNode('172.31.67.70', 'test2-fargate', HALF_1G),
    fargateNode('172.31.61.98', 'test3-mixed', ONE_2G),
    fargateNode('172.31.84.94', 'test3-mixed', ONE_2G),
  ];

  const services = [
    nlb('test1-ec2nodegroup', 'service-nginx-ec2nodegroup', 'k8s-nginxec2-servicen-7d894c50a4-d88e28f7253c4dc2.elb.ap-southeast-1.amazonaws.com', test1),
    nlb('test3-mixed', 'nginx-mixed-ec2', 'k8s-test3mix-nginxmix-61febb02e3-ae45b4239866c787.elb.ap-southeast-1.amazonaws.com', test3Ec2),
    nlb('test3-mixed', 'nginx-mixed-fargate', 'k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com', test3Fg),
  ];

  const fargatePods = [...test2, ...test3Fg];
  const fgHourly = fargatePods.reduce((s, p) => s + p.hourlyUSD, 0);
  const role = 'arn:aws:iam::111122223333:role/eksctl-eksworkshop-cluster-FargatePodExecutionRole';
  const subnets = ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'];

  return {
    meta: {
      context: 'eksworkshop',
      clusterName: 'eksworkshop',
      region: 'ap-southeast-1',
      kubernetesVersion: '1.28',
      prices: pricesFor('ap-southeast-1'),
      controlPlane: null,
      generatedAt: new Date(NOW).toISOString(),
      sources: ['kubeconfig', 'pods', 'nodes', 'services', 'namespaces', 'events', 'targetgroupbindings', 'eks', 'elbv2', 'ec2'].map((id) => ({
        id: id as ClusterView['meta']['sources'][number]['id'],
        state: 'ok' as const,
        message: null,
        lastSyncAt: new Date(NOW - 1000).toISOString(),
      })),
    },
    totals: {
      ec2: { nodes: 2, pods: 8, vcpu: 8, memoryGiB: 32, hourlyUSD: 2 * T3_XLARGE },
      fargate: { nodes: 4, pods: 4, vcpu: 3, memoryGiB: 6, hourlyUSD: fgHourly },
      pendingPods: 0,
      otherPods: 0,
      controlPlaneHourlyUSD: 0,
      hourlyUSD: 2 * T3_XLARGE + fgHourly,
    },
    pods,
    nodes,
    services,
    profiles: [
      {
        id: 'test2-fargate',
        name: 'test2-fargate',
        status: 'ACTIVE',
        selectors: [{ namespace: 'test2-fargate', labels: {} }],
        subnets,
        podExecutionRoleArn: role,
        tags: {},
        createdAt: hoursAgo(20),
        healthIssues: [],
        podCount: 2,
        billedVcpu: 1,
        billedMemoryGiB: 2,
        hourlyUSD: 2 * fargatePrice(HALF_1G),
        findings: [],
      },
      {
        id: 'test3-mixed',
        name: 'test3-mixed',
        status: 'ACTIVE',
        selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }],
        subnets,
        podExecutionRoleArn: role,
        tags: {},
        createdAt: hoursAgo(19),
        healthIssues: [],
        podCount: 2,
        billedVcpu: 2,
        billedMemoryGiB: 4,
        hourlyUSD: 2 * fargatePrice(ONE_2G),
        findings: [],
      },
    ],
    nodepools: [
      {
        id: 'nodegroup/managed-ng',
        name: 'managed-ng',
        kind: 'nodegroup',
        kindLabel: 'Managed node group',
        status: 'ACTIVE',
        instanceTypes: ['t3.xlarge'],
        capacityTypes: ['On-Demand'],
        archs: ['amd64'],
        zones: ['ap-southeast-1a'],
        nodeCount: 2,
        readyNodes: 2,
        requested: { cpuMillis: 1900, memoryBytes: 580 * MI },
        allocatable: { cpuMillis: 7840, memoryBytes: 30 * GI },
        hourlyUSD: 2 * T3_XLARGE,
        desired: 2,
        min: 2,
        max: 4,
        subnets,
        nodeClass: null,
        limits: [],
        disruption: [],
        requirements: [],
        weight: null,
        expireAfter: null,
        nodeClaims: null,
      },
    ],
    namespaces: [
      { id: 'default', name: 'default', status: 'Active', podCount: 0, ec2Pods: 0, fargatePods: 0, pendingPods: 0, hourlyUSD: 0, profiles: [], createdAt: hoursAgo(30) },
      { id: 'kube-system', name: 'kube-system', status: 'Active', podCount: 4, ec2Pods: 4, fargatePods: 0, pendingPods: 0, hourlyUSD: 0, profiles: [], createdAt: hoursAgo(30) },
      { id: 'test1-ec2nodegroup', name: 'test1-ec2nodegroup', status: 'Active', podCount: 2, ec2Pods: 2, fargatePods: 0, pendingPods: 0, hourlyUSD: 0, profiles: [], createdAt: hoursAgo(12) },
      { id: 'test2-fargate', name: 'test2-fargate', status: 'Active', podCount: 2, ec2Pods: 0, fargatePods: 2, pendingPods: 0, hourlyUSD: 2 * fargatePrice(HALF_1G), profiles: ['test2-fargate'], createdAt: hoursAgo(0.05) },
      { id: 'test3-mixed', name: 'test3-mixed', status: 'Active', podCount: 4, ec2Pods: 2, fargatePods: 2, pendingPods: 0, hourlyUSD: 2 * fargatePrice(ONE_2G), profiles: ['test3-mixed'], createdAt: hoursAgo(11) },
    ],
    events: [
      event('test2-fargate', 'Normal', 'Scheduled', 'Pod', test2[0].name, `Successfully assigned test2-fargate/${test2[0].name} to ${test2[0].nodeName}`, 1),
      event('test3-mixed', 'Warning', 'LoggingDisabled', 'Pod', test3Fg[0].name, 'Disabled logging because aws-logging configmap was not found. configmap "aws-logging" not found', 600),
      event('test3-mixed', 'Normal', 'SuccessfullyReconciled', 'Service', 'nginx-mixed-fargate', 'Successfully reconciled', 590),
    ],
    findings: [],
  };
}

/** `n` synthetic pods spread over 50 namespaces, half on Fargate, for scale tests. */
export function manyPods(n: number): PodView[] {
  const out: PodView[] = [];
  for (let i = 0; i < n; i++) {
    const ns = `team-${i % 50}`;
    const fargate = i % 2 === 0;
    out.push(
      pod({
        ns,
        name: `svc-${i % 97}-${i.toString(36)}`,
        placement: fargate ? 'fargate' : 'ec2',
        node: fargate ? fgNode(`10.0.${(i >> 8) & 255}.${i & 255}`) : EC2_A,
        ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
        request: { cpuMillis: 250 * ((i % 4) + 1), memoryBytes: 512 * MI },
        size: fargate ? HALF_1G : undefined,
        profile: fargate ? 'team-profile' : undefined,
        labels: { app: `svc-${i % 97}`, tier: i % 3 === 0 ? 'web' : 'worker' },
        ageHours: (i % 500) / 10,
      }),
    );
  }
  return out;
}
