/**
 * Test helper: a small ClusterView written by hand, with every price worked out from the ap-southeast-1 list
 * prices of docs/fargate-facts.md ($0.05056 per vCPU-hour, $0.00553 per GB-hour, t3.xlarge $0.2112/hour), so
 * the cost tests check our arithmetic against numbers that did not come from it. Not used by the application.
 *
 * One t3.xlarge node (4000m CPU, 16 GiB allocatable, up 10 h) runs coredns (1000m / 4 GiB) and shop/web
 * (2000m / no memory); the seed's four Fargate pods run beside it; shop/batch (8 CPU / 1 GiB) is Pending.
 */
import { pricesFor } from '../../fargate/prices';
import type { RegionPrices } from '../../fargate/types';
import type { ClusterView, FargateSize, NodeView, PodView, Resources } from '../../view/model';

export const AT = '2026-03-26T12:00:00.000Z';
const AT_MS = Date.parse(AT);
export const GI = 1024 ** 3;
export const MI = 1024 ** 2;
const hoursAgo = (h: number) => new Date(AT_MS - h * 3600_000).toISOString();

export const NODE_A = 'ip-10-0-1-10.ap-southeast-1.compute.internal';

/** The region's prices as the engine reads them. */
export function apse1(): RegionPrices {
  return pricesFor('ap-southeast-1');
}

interface PodArgs {
  id: string;
  ns: string;
  name: string;
  workload: string | null;
  placement: PodView['placement'];
  node: string | null;
  request: Resources;
  billed?: FargateSize;
  expected?: FargateSize | null;
  hourly: number;
  waste?: number;
  startedHoursAgo: number | null;
  profile?: string;
}

function pod(a: PodArgs): PodView {
  return {
    id: a.id,
    namespace: a.ns,
    name: a.name,
    placement: a.placement,
    nodeName: a.node,
    profile: a.profile ?? null,
    selectorIndex: a.profile ? 0 : null,
    placementReason: '',
    request: a.request,
    limits: { cpuMillis: null, memoryBytes: null },
    expectedSize: a.expected === undefined ? (a.billed ?? null) : a.expected,
    capacityProvisioned: a.billed ? `${a.billed.vcpu}vCPU ${a.billed.memoryGiB}GB` : null,
    billedSize: a.billed ?? null,
    sizeAgrees: a.billed ? true : null,
    hourlyUSD: a.hourly,
    costBasis: a.placement === 'fargate' ? 'fargate' : a.placement === 'ec2' ? 'ec2-share' : 'none',
    accruedUSD: 0,
    billingStart: a.startedHoursAgo === null ? null : hoursAgo(a.startedHoursAgo),
    wasteHourlyUSD: a.waste ?? 0,
    owner: null,
    workload: a.workload ? { kind: 'Deployment', name: a.workload } : null,
    phase: a.placement === 'pending' ? 'Pending' : 'Running',
    status: a.placement === 'pending' ? 'Pending' : 'Running',
    ready: '1/1',
    restarts: 0,
    createdAt: hoursAgo(a.startedHoursAgo ?? 0.1),
    ip: null,
    qos: null,
    zone: null,
    labels: {},
    findings: [],
  };
}

const HALF_1G = { vcpu: 0.5, memoryGiB: 1 };
const ONE_2G = { vcpu: 1, memoryGiB: 2 };
// 0.5 × 0.05056 + 1 × 0.00553 and 1 × 0.05056 + 2 × 0.00553.
export const HALF_1G_HOURLY = 0.03081;
export const ONE_2G_HOURLY = 0.06162;
// (1 GiB − 750 MB) × 0.00553 and (2 GiB − 1750 MB) × 0.00553: the memory billed but not requested.
export const HALF_1G_WASTE = 0.0016673396217823028;
export const ONE_2G_WASTE = 0.0020471257841587066;

/** The hand-written view described above, at AT. */
export function handView(): ClusterView {
  const fp = { cpuMillis: 500, memoryBytes: 750_000_000 };
  const mixed = { cpuMillis: 1000, memoryBytes: 1_750_000_000 };
  const pods: PodView[] = [
    // 0.2112 × (½ × 1000/4000 + ½ × 4/16) = $0.0528/h, for 4 h.
    pod({ id: 'p-coredns', ns: 'kube-system', name: 'coredns-1', workload: 'coredns', placement: 'ec2', node: NODE_A, request: { cpuMillis: 1000, memoryBytes: 4 * GI }, hourly: 0.0528, startedHoursAgo: 4, expected: { vcpu: 1, memoryGiB: 5 } }),
    // 0.2112 × (½ × 2000/4000 + 0) = $0.0528/h, for 2 h.
    pod({ id: 'p-web', ns: 'shop', name: 'web-1', workload: 'web', placement: 'ec2', node: NODE_A, request: { cpuMillis: 2000, memoryBytes: 0 }, hourly: 0.0528, startedHoursAgo: 2, expected: { vcpu: 2, memoryGiB: 4 } }),
    pod({ id: 'p-batch', ns: 'shop', name: 'batch-1', workload: 'batch', placement: 'pending', node: null, request: { cpuMillis: 8000, memoryBytes: GI }, hourly: 0, startedHoursAgo: null, expected: { vcpu: 8, memoryGiB: 16 } }),
    pod({ id: 'p-fp1', ns: 'test2-fargate', name: 'nginx-fargate-pod-1', workload: 'nginx-fargate-pod', placement: 'fargate', node: 'fargate-ip-1', request: fp, billed: HALF_1G, hourly: HALF_1G_HOURLY, waste: HALF_1G_WASTE, startedHoursAgo: 1, profile: 'test2-fargate' }),
    pod({ id: 'p-fp2', ns: 'test2-fargate', name: 'nginx-fargate-pod-2', workload: 'nginx-fargate-pod', placement: 'fargate', node: 'fargate-ip-2', request: fp, billed: HALF_1G, hourly: HALF_1G_HOURLY, waste: HALF_1G_WASTE, startedHoursAgo: 1, profile: 'test2-fargate' }),
    pod({ id: 'p-mx1', ns: 'test3-mixed', name: 'nginx-mixed-fargate-1', workload: 'nginx-mixed-fargate', placement: 'fargate', node: 'fargate-ip-3', request: mixed, billed: ONE_2G, hourly: ONE_2G_HOURLY, waste: ONE_2G_WASTE, startedHoursAgo: 2, profile: 'test3-mixed' }),
    pod({ id: 'p-mx2', ns: 'test3-mixed', name: 'nginx-mixed-fargate-2', workload: 'nginx-mixed-fargate', placement: 'fargate', node: 'fargate-ip-4', request: mixed, billed: ONE_2G, hourly: ONE_2G_HOURLY, waste: ONE_2G_WASTE, startedHoursAgo: 2, profile: 'test3-mixed' }),
  ];
  const nodeA: NodeView = {
    id: 'n-a',
    name: NODE_A,
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
    allocatable: { cpuMillis: 4000, memoryBytes: 16 * GI },
    requested: { cpuMillis: 3000, memoryBytes: 4 * GI },
    podCount: 2,
    hourlyUSD: 0.2112,
    feeHourlyUSD: 0,
    internalIP: '10.0.1.10',
    kubeletVersion: null,
    createdAt: hoursAgo(10),
    labels: {},
    findings: [],
  };
  return {
    meta: {
      context: 'eksworkshop',
      clusterName: 'eksworkshop',
      region: 'ap-southeast-1',
      kubernetesVersion: null,
      prices: pricesFor('ap-southeast-1'),
      controlPlane: null,
      generatedAt: AT,
      sources: [],
    },
    totals: {
      ec2: { nodes: 1, pods: 2, vcpu: 4, memoryGiB: 16, hourlyUSD: 0.2112 },
      fargate: { nodes: 4, pods: 4, vcpu: 3, memoryGiB: 6, hourlyUSD: 0.18486 },
      pendingPods: 1,
      otherPods: 0,
      controlPlaneHourlyUSD: 0,
      hourlyUSD: 0.39606,
    },
    pods,
    nodes: [nodeA],
    services: [],
    profiles: [],
    nodepools: [],
    namespaces: [],
    events: [],
    findings: [],
  };
}
