import { describe, expect, it } from 'vitest';
import { loadFixture, viewOf } from '../../fixtures/view';
import type { ClusterView, PodView } from './model';

// Prices from docs/fargate-facts.md §4: ap-southeast-1 Fargate $0.05056 per vCPU-hour and $0.00553 per
// GB-hour; t3.xlarge $0.2112 per hour. Node allocatable in the fixture: 3920m CPU, 15186412Ki memory.
const VCPU_H = 0.05056;
const GB_H = 0.00553;
const T3_XLARGE = 0.2112;
const ALLOC_CPU_M = 3920;
const ALLOC_MEM = 15186412 * 1024;
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

const fixture = loadFixture('eksworkshop');
const view = viewOf(fixture);

function pod(v: ClusterView, name: string): PodView {
  const p = v.pods.find((x) => x.name === name);
  if (!p) throw new Error(`no pod ${name}`);
  return p;
}

describe('the seed cluster eksworkshop', () => {
  it('places every pod where the seed shows it', () => {
    const where = Object.fromEntries(view.pods.map((p) => [p.name, p.placement]));
    expect(where['nginx-fargate-pod-75fcf896d5-2qxz9']).toBe('fargate');
    expect(where['nginx-fargate-pod-75fcf896d5-wpdjl']).toBe('fargate');
    expect(where['nginx-mixed-fargate-747577644f-9lnlt']).toBe('fargate');
    expect(where['nginx-mixed-fargate-747577644f-n2f2x']).toBe('fargate');
    expect(where['nginx-mixed-ec2-5c68c7c8df-8fmng']).toBe('ec2');
    expect(where['nginx-mixed-ec2-5c68c7c8df-pz7rw']).toBe('ec2');
    expect(view.pods.filter((p) => p.namespace === 'kube-system').every((p) => p.placement === 'ec2')).toBe(true);
    expect(view.pods.filter((p) => p.namespace === 'test1-ec2nodegroup').every((p) => p.placement === 'ec2')).toBe(true);
    expect(view.totals.ec2.pods).toBe(12);
    expect(view.totals.fargate.pods).toBe(4);
    expect(view.totals.pendingPods).toBe(0);
  });

  it('names the profile and selector that captured each Fargate pod', () => {
    const t2 = pod(view, 'nginx-fargate-pod-75fcf896d5-2qxz9');
    expect(t2.profile).toBe('test2-fargate');
    expect(t2.selectorIndex).toBe(0);
    expect(t2.placementReason).toBe('Fargate: profile test2-fargate, selector 1: namespace test2-fargate');
    const t3 = pod(view, 'nginx-mixed-fargate-747577644f-9lnlt');
    expect(t3.profile).toBe('test3-mixed');
    expect(t3.placementReason).toBe('Fargate: profile test3-mixed, selector 1: namespace test3-mixed, labels runon=fargate');
  });

  it('says why the unlabelled test3 pods stayed on EC2', () => {
    const p = pod(view, 'nginx-mixed-ec2-5c68c7c8df-8fmng');
    expect(p.profile).toBeNull();
    expect(p.placementReason).toContain('node group managed-ng');
    expect(p.placementReason).toContain('profile test3-mixed needs label runon=fargate');
    expect(pod(view, 'nginx-ec2nodegroup-7c9d8f6b54-k4w7p').placementReason).toContain('namespace test1-ec2nodegroup is in no Fargate profile');
  });

  it('shows requested vs provisioned size as the seed records them', () => {
    const t2 = pod(view, 'nginx-fargate-pod-75fcf896d5-2qxz9');
    expect(t2.request).toEqual({ cpuMillis: 500, memoryBytes: 750_000_000 });
    expect(t2.capacityProvisioned).toBe('0.5vCPU 1GB');
    expect(t2.expectedSize).toEqual({ vcpu: 0.5, memoryGiB: 1 });
    expect(t2.billedSize).toEqual({ vcpu: 0.5, memoryGiB: 1 });
    expect(t2.sizeAgrees).toBe(true);
    const t3 = pod(view, 'nginx-mixed-fargate-747577644f-n2f2x');
    expect(t3.expectedSize).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(t3.capacityProvisioned).toBe('1vCPU 2GB');
    expect(t3.sizeAgrees).toBe(true);
    // EC2 pods have no CapacityProvisioned and no billed Fargate size.
    const ec2 = pod(view, 'nginx-mixed-ec2-5c68c7c8df-8fmng');
    expect(ec2.capacityProvisioned).toBeNull();
    expect(ec2.billedSize).toBeNull();
  });

  it('prices Fargate pods at the list price of the billed size', () => {
    const t2 = pod(view, 'nginx-fargate-pod-75fcf896d5-2qxz9');
    expect(t2.costBasis).toBe('fargate');
    expect(t2.hourlyUSD).toBeCloseTo(0.5 * VCPU_H + 1 * GB_H, 12); // 0.03081
    const t3 = pod(view, 'nginx-mixed-fargate-747577644f-9lnlt');
    expect(t3.hourlyUSD).toBeCloseTo(1 * VCPU_H + 2 * GB_H, 12); // 0.06162
    // Waste: billed GiB minus requested GiB (750M and 1750M are decimal bytes), CPU matches exactly.
    expect(t2.wasteHourlyUSD).toBeCloseTo((1 - 750e6 / GIB) * GB_H, 12);
    expect(t3.wasteHourlyUSD).toBeCloseTo((2 - 1750e6 / GIB) * GB_H, 12);
  });

  it('accrues cost from the pod start to generatedAt', () => {
    expect(view.meta.generatedAt).toBe('2026-03-26T12:00:00.000Z');
    // test3 Fargate pods started 02:00:00Z: ten hours at $0.06162.
    expect(pod(view, 'nginx-mixed-fargate-747577644f-9lnlt').accruedUSD).toBeCloseTo(10 * (VCPU_H + 2 * GB_H), 9);
    // test2 started 11:58:49Z: 71 seconds.
    expect(pod(view, 'nginx-fargate-pod-75fcf896d5-2qxz9').accruedUSD).toBeCloseTo(((0.5 * VCPU_H + GB_H) * 71) / 3600, 12);
  });

  it('splits an EC2 node half by CPU share, half by memory share of allocatable', () => {
    const coredns = pod(view, 'coredns-7db6d8ff4d-5hx2m');
    expect(coredns.costBasis).toBe('ec2-share');
    expect(coredns.hourlyUSD).toBeCloseTo(T3_XLARGE * (0.5 * (100 / ALLOC_CPU_M) + 0.5 * ((70 * MIB) / ALLOC_MEM)), 12);
    expect(pod(view, 'kube-proxy-m2l8d').hourlyUSD).toBeCloseTo(T3_XLARGE * 0.5 * (100 / ALLOC_CPU_M), 12);
    expect(pod(view, 'aws-node-x8vq2').hourlyUSD).toBeCloseTo(T3_XLARGE * 0.5 * (25 / ALLOC_CPU_M), 12);
    // No requests: no share; the node keeps it as idle.
    const nginx = pod(view, 'nginx-mixed-ec2-5c68c7c8df-8fmng');
    expect(nginx.hourlyUSD).toBe(0);
    expect(nginx.costBasis).toBe('ec2-share');
  });

  it('adds up the totals', () => {
    expect(view.totals.ec2.nodes).toBe(2);
    expect(view.totals.fargate.nodes).toBe(4);
    expect(view.totals.ec2.hourlyUSD).toBeCloseTo(2 * T3_XLARGE, 9);
    expect(view.totals.ec2.vcpu).toBe(8);
    expect(view.totals.fargate.vcpu).toBe(3);
    expect(view.totals.fargate.memoryGiB).toBe(6);
    expect(view.totals.fargate.hourlyUSD).toBeCloseTo(2 * (0.5 * VCPU_H + GB_H) + 2 * (VCPU_H + 2 * GB_H), 9);
    // The fixture's DescribeCluster says nothing of the version's support: the standard $0.10/h, said to be uncertain.
    expect(view.totals.controlPlaneHourlyUSD).toBe(0.1);
    expect(view.meta.controlPlane?.support).toBe('unknown');
    expect(view.totals.hourlyUSD).toBeCloseTo(view.totals.ec2.hourlyUSD + view.totals.fargate.hourlyUSD + 0.1, 9);
  });

  it('fills nodes, node groups, profiles and namespaces', () => {
    const ec2 = view.nodes.find((n) => n.name === 'ip-172-31-93-72.ap-southeast-1.compute.internal');
    expect(ec2).toMatchObject({ computeType: 'ec2', nodegroup: 'managed-ng', instanceType: 't3.xlarge', zone: 'ap-southeast-1c', ready: true, status: 'Ready' });
    expect(ec2?.podCount).toBe(6);
    expect(ec2?.requested).toEqual({ cpuMillis: 225, memoryBytes: 70 * MIB });
    expect(ec2?.hourlyUSD).toBe(T3_XLARGE);
    const far = view.nodes.find((n) => n.name === 'fargate-ip-172-31-61-98.ap-southeast-1.compute.internal');
    expect(far).toMatchObject({ computeType: 'fargate', profile: 'test3-mixed', capacityType: 'FARGATE', podCount: 1 });
    expect(far?.hourlyUSD).toBeCloseTo(VCPU_H + 2 * GB_H, 12);

    expect(view.nodepools).toEqual([
      expect.objectContaining({ id: 'nodegroup/managed-ng', name: 'managed-ng', kind: 'nodegroup', status: 'ACTIVE', instanceTypes: ['t3.xlarge'], capacityTypes: ['On-Demand'], nodeCount: 2, desired: 2 }),
    ]);
    expect(view.nodepools[0].hourlyUSD).toBeCloseTo(2 * T3_XLARGE, 9);

    const t3 = view.profiles.find((p) => p.name === 'test3-mixed');
    expect(t3).toMatchObject({ status: 'ACTIVE', podCount: 2, billedVcpu: 2, billedMemoryGiB: 4 });
    expect(t3?.selectors).toEqual([{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }]);
    expect(t3?.hourlyUSD).toBeCloseTo(2 * (VCPU_H + 2 * GB_H), 9);

    const ns = view.namespaces.find((n) => n.name === 'test3-mixed');
    expect(ns).toMatchObject({ podCount: 4, ec2Pods: 2, fargatePods: 2, pendingPods: 0, profiles: ['test3-mixed'], status: 'Active' });
    expect(ns?.hourlyUSD).toBeCloseTo(2 * (VCPU_H + 2 * GB_H), 9);
    expect(view.namespaces.find((n) => n.name === 'kube-public')?.podCount).toBe(0);
  });

  it('maps NLB targets to pods and splits backends by placement', () => {
    const svc = view.services.find((s) => s.name === 'nginx-mixed-fargate');
    expect(svc).toMatchObject({
      type: 'LoadBalancer',
      scheme: 'internet-facing',
      targetType: 'ip',
      hostname: 'k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com',
      lbState: 'active',
      healthyTargets: 2,
      unhealthyTargets: 0,
      backends: { ec2: 0, fargate: 2, pending: 0 },
    });
    const ids = new Set(view.pods.filter((p) => p.labels.app === 'nginx-mixed-fargate').map((p) => p.id));
    expect(svc?.targets.map((t) => t.podId).every((id) => id !== null && ids.has(id))).toBe(true);
    expect(svc?.targets.every((t) => t.placement === 'fargate')).toBe(true);
    expect(view.services.find((s) => s.name === 'nginx-mixed-ec2')?.backends).toEqual({ ec2: 2, fargate: 0, pending: 0 });
    expect(view.services.find((s) => s.name === 'kube-dns')).toMatchObject({ type: 'ClusterIP', hostname: null, scheme: null, targetType: null });
  });

  it('reports workloads, status columns and no findings for the healthy seed cluster', () => {
    const p = pod(view, 'nginx-mixed-fargate-747577644f-9lnlt');
    expect(p.owner).toEqual({ kind: 'ReplicaSet', name: 'nginx-mixed-fargate-747577644f' });
    expect(p.workload).toEqual({ kind: 'Deployment', name: 'nginx-mixed-fargate' });
    expect(pod(view, 'aws-node-x8vq2').workload).toEqual({ kind: 'DaemonSet', name: 'aws-node' });
    expect(p).toMatchObject({ status: 'Running', ready: '1/1', restarts: 0, phase: 'Running', ip: '172.31.61.98', zone: 'ap-southeast-1a' });
    expect(view.findings).toEqual([]);
  });

  it('keeps events newest first and names its sources', () => {
    const times = view.events.map((e) => e.lastSeen);
    expect(times).toEqual([...times].sort().reverse());
    expect(view.events[0]).toMatchObject({ reason: 'Started', lastSeen: '2026-03-26T11:58:55Z', object: { kind: 'Pod', name: 'nginx-fargate-pod-75fcf896d5-2qxz9' } });
    expect(view.meta).toMatchObject({ context: 'eksworkshop', clusterName: 'eksworkshop', region: 'ap-southeast-1', kubernetesVersion: 'v1.28.15-eks-aeac579' });
    expect(view.meta.prices).toMatchObject({ region: 'ap-southeast-1', date: '2026-08-21' });
  });
});
