import { describe, expect, it } from 'vitest';
import { createSimContext } from '../context';
import { startControllers } from '../controllers';
import type { Obj } from '../store';
import { loadScenario, SCENARIOS } from '.';

// Expected values come from the seed document (fixtures/seed/README.md) and docs/fargate-facts.md, not
// from running the simulator: pod names, IPs and nodes from its `kubectl get pods -o wide` output,
// service IPs, ports and NLB hostnames from its `kubectl get services` output, and the Fargate sizes
// from its sizing examples (1 vCPU / 1750 MB + 256 MB -> 1vCPU 2GB) and the size table (0.5/750M -> 0.5vCPU 1GB).

const nodeName = (p: Obj) => (p.spec as { nodeName?: string }).nodeName ?? '';
const podIP = (p: Obj) => (p.status as { podIP?: string }).podIP;
const isFargate = (p: Obj) => nodeName(p).startsWith('fargate-');

describe('scenario eksworkshop', () => {
  const ctx = createSimContext({ scenario: 'eksworkshop' });
  loadScenario('eksworkshop', ctx);
  const pods = ctx.store.list('Pod');

  it('has the cluster, region and node group of the seed', () => {
    expect(ctx.clusterName).toBe('eksworkshop');
    expect(ctx.region).toBe('ap-southeast-1');
    expect(ctx.aws.cluster.version).toBe('1.28');
    expect(ctx.aws.cluster.serviceIpv4Cidr).toBe('10.50.0.0/24');
    expect(ctx.aws.cluster.subnetIds).toEqual(['subnet-04a7c6e7e1589c953', 'subnet-031022a6aab9b9e70', 'subnet-0eaf9054aa6daa68e']);
    const ec2Nodes = ctx.store.list('Node').filter((n) => !n.metadata.name.startsWith('fargate-'));
    expect(ec2Nodes.map((n) => n.metadata.name).sort()).toEqual(['ip-172-31-53-43.ap-southeast-1.compute.internal', 'ip-172-31-93-72.ap-southeast-1.compute.internal']);
    for (const n of ec2Nodes) {
      expect(n.metadata.labels).toMatchObject({ 'node.kubernetes.io/instance-type': 't3.xlarge', 'eks.amazonaws.com/nodegroup': 'managed-ng', 'eks.amazonaws.com/capacityType': 'ON_DEMAND', Name: 'managed-ng' });
      expect((n.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
  });

  it('runs 12 pods on EC2 and 4 on Fargate, each Fargate pod on its own node', () => {
    expect(pods).toHaveLength(16);
    expect(pods.filter((p) => !isFargate(p))).toHaveLength(12);
    expect(pods.filter(isFargate)).toHaveLength(4);
    expect(pods.every((p) => (p.status as { phase: string }).phase === 'Running')).toBe(true);
    expect(ctx.store.list('Node')).toHaveLength(6);
    const workloadName = (p: Obj) => {
      const base = p.metadata.name.replace(/-[a-z0-9]{5}$/, '');
      return p.metadata.ownerReferences?.[0].kind === 'ReplicaSet' ? base.replace(/-[a-z0-9]+$/, '') : base;
    };
    const kubeSystem = pods.filter((p) => p.metadata.namespace === 'kube-system').map(workloadName);
    expect(kubeSystem.sort()).toEqual(['aws-load-balancer-controller', 'aws-load-balancer-controller', 'aws-node', 'aws-node', 'coredns', 'coredns', 'kube-proxy', 'kube-proxy'].sort());
    const coredns = pods.filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(coredns.every((p) => p.metadata.annotations?.['eks.amazonaws.com/compute-type'] === 'ec2' && !isFargate(p))).toBe(true);
    const daemons = pods.filter((p) => p.metadata.ownerReferences?.[0].kind === 'DaemonSet');
    expect(daemons).toHaveLength(4);
  });

  it('places the seed pods exactly where the seed shows them', () => {
    const expected: [string, string, string, string][] = [
      ['test2-fargate', 'nginx-fargate-pod-75fcf896d5-2qxz9', '172.31.55.250', 'fargate-ip-172-31-55-250.ap-southeast-1.compute.internal'],
      ['test2-fargate', 'nginx-fargate-pod-75fcf896d5-wpdjl', '172.31.67.70', 'fargate-ip-172-31-67-70.ap-southeast-1.compute.internal'],
      ['test3-mixed', 'nginx-mixed-ec2-5c68c7c8df-8fmng', '172.31.85.129', 'ip-172-31-93-72.ap-southeast-1.compute.internal'],
      ['test3-mixed', 'nginx-mixed-ec2-5c68c7c8df-pz7rw', '172.31.53.255', 'ip-172-31-53-43.ap-southeast-1.compute.internal'],
      ['test3-mixed', 'nginx-mixed-fargate-747577644f-9lnlt', '172.31.61.98', 'fargate-ip-172-31-61-98.ap-southeast-1.compute.internal'],
      ['test3-mixed', 'nginx-mixed-fargate-747577644f-n2f2x', '172.31.84.94', 'fargate-ip-172-31-84-94.ap-southeast-1.compute.internal'],
    ];
    for (const [ns, name, ip, node] of expected) {
      const p = ctx.store.get('Pod', ns, name);
      expect(p, name).toBeDefined();
      expect(podIP(p!)).toBe(ip);
      expect(nodeName(p!)).toBe(node);
    }
    const test1 = pods.filter((p) => p.metadata.namespace === 'test1-ec2nodegroup');
    expect(test1).toHaveLength(2);
    expect(test1.every((p) => !isFargate(p))).toBe(true);
  });

  it('writes the CapacityProvisioned the seed and the size table give', () => {
    for (const p of pods.filter((x) => x.metadata.namespace === 'test2-fargate')) expect(p.metadata.annotations?.CapacityProvisioned).toBe('0.5vCPU 1GB');
    for (const p of pods.filter((x) => x.metadata.labels?.runon === 'fargate')) {
      expect(p.metadata.annotations?.CapacityProvisioned).toBe('1vCPU 2GB');
      expect(p.metadata.labels?.['eks.amazonaws.com/fargate-profile']).toBe('test3-mixed');
    }
  });

  it('backdates pods by hours so accrued cost shows', () => {
    const now = ctx.now().getTime();
    for (const p of pods) {
      const age = (now - Date.parse(p.metadata.creationTimestamp)) / 3600_000;
      expect(age).toBeGreaterThanOrEqual(3);
      expect(age).toBeLessThanOrEqual(13);
    }
    const age = (name: string, ns: string) => (now - Date.parse(ctx.store.get('Pod', ns, name)!.metadata.creationTimestamp)) / 3600_000;
    expect(Math.floor(age('nginx-mixed-ec2-5c68c7c8df-8fmng', 'test3-mixed'))).toBe(11);
    expect(Math.floor(age('nginx-mixed-fargate-747577644f-9lnlt', 'test3-mixed'))).toBe(10);
  });

  it('has both seed Fargate profiles ACTIVE', () => {
    const profiles = ctx.aws.listProfiles();
    expect(profiles.map((p) => [p.name, p.status, p.selectors])).toEqual([
      ['test2-fargate', 'ACTIVE', [{ namespace: 'test2-fargate' }]],
      ['test3-mixed', 'ACTIVE', [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }]],
    ]);
  });

  it('exposes the seed services with their cluster IPs, node ports and NLB hostnames', () => {
    const svc = (ns: string, name: string) => {
      const s = ctx.store.get('Service', ns, name)!;
      const spec = s.spec as { clusterIP: string; ports: { nodePort: number }[]; type: string };
      return [spec.type, spec.clusterIP, spec.ports[0].nodePort, (s.status as { loadBalancer: { ingress?: { hostname: string }[] } }).loadBalancer.ingress?.[0].hostname];
    };
    expect(svc('test3-mixed', 'nginx-mixed-ec2')).toEqual(['LoadBalancer', '10.50.0.17', 31500, 'k8s-test3mix-nginxmix-61febb02e3-ae45b4239866c787.elb.ap-southeast-1.amazonaws.com']);
    expect(svc('test3-mixed', 'nginx-mixed-fargate')).toEqual(['LoadBalancer', '10.50.0.113', 31839, 'k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com']);
    const test1 = svc('test1-ec2nodegroup', 'nginx-ec2nodegroup');
    expect(test1.slice(0, 3)).toEqual(['LoadBalancer', '10.50.0.149', 32097]);
    expect(test1[3]).toMatch(/^k8s-test1ec2-nginxec2-[0-9a-f]{10}-[0-9a-f]{16}\.elb\.ap-southeast-1\.amazonaws\.com$/);
    expect(ctx.store.list('TargetGroupBinding')).toHaveLength(4);
    for (const tg of ctx.aws.targetGroups.values()) {
      expect(tg.targetType).toBe('ip');
      expect(tg.targets).toHaveLength(2);
      expect(tg.targets.every((t) => t.state === 'healthy')).toBe(true);
    }
  });

  it('is already settled: starting the controllers changes nothing', async () => {
    const rv = ctx.store.revision;
    const controllers = startControllers(ctx);
    await new Promise((r) => setTimeout(r, 300));
    controllers.stop();
    expect(ctx.store.revision).toBe(rv);
  });
});

describe('scenario empty', () => {
  it('is the cluster and its node group, with only what EKS runs by itself', () => {
    const ctx = createSimContext({ scenario: 'empty' });
    loadScenario('empty', ctx);
    expect([...ctx.aws.nodegroups.keys()]).toEqual(['managed-ng']);
    expect(ctx.store.list('Node')).toHaveLength(2);
    expect(ctx.aws.listProfiles()).toEqual([]);
    expect(ctx.aws.loadBalancers.size).toBe(0);
    expect(new Set(ctx.store.list('Pod').map((p) => p.metadata.namespace))).toEqual(new Set(['kube-system']));
  });
});

describe('scenario scale', () => {
  it('loads 1,000 EC2 nodes and 10,000 pods, mixed EC2 and Fargate, in well under 10 s', () => {
    // CPU time is what the load costs; wall time also counts whatever else shares the machine, so both are
    // printed and the bound is checked on CPU time.
    const started = performance.now();
    const cpu = process.cpuUsage();
    const ctx = createSimContext({ scenario: 'scale', seed: 42 });
    loadScenario('scale', ctx);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const ms = performance.now() - started;
    console.log(`scale scenario: ${ctx.store.count('Pod')} pods, ${ctx.store.count('Node')} nodes loaded in ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU`);
    expect(cpuMs).toBeLessThan(10_000);
    const pods = ctx.store.list('Pod');
    const workload = pods.filter((p) => p.metadata.namespace !== 'kube-system');
    expect(workload).toHaveLength(10_000);
    const fargate = workload.filter(isFargate).length;
    expect(fargate / workload.length).toBeGreaterThan(0.2);
    expect(fargate / workload.length).toBeLessThan(0.4);
    expect(ctx.store.list('Node').filter((n) => !n.metadata.name.startsWith('fargate-'))).toHaveLength(1000);
    expect(ctx.store.count('Node')).toBe(1000 + fargate);
    expect(new Set(workload.map((p) => p.metadata.namespace)).size).toBe(50);
    expect(ctx.aws.listProfiles()).toHaveLength(10);
    expect(new Set(pods.map(podIP)).size).toBe(pods.length); // every pod has its own address
    expect(pods.every((p) => (p.status as { phase: string }).phase === 'Running')).toBe(true);
  }, 60_000);

  it('is deterministic for a seed', () => {
    const fingerprint = (seed: number) => {
      const ctx = createSimContext({ scenario: 'scale', seed, nodes: 20, pods: 300 });
      loadScenario('scale', ctx);
      return ctx.store.list('Pod').map((p) => `${p.metadata.namespace}/${p.metadata.name} ${podIP(p)} ${nodeName(p)} ${p.metadata.creationTimestamp}`);
    };
    const a = fingerprint(1);
    expect(a).toHaveLength(302);
    // Creation times are relative to the wall clock; compare everything but the time-of-load drift.
    const strip = (xs: string[]) => xs.map((x) => x.split(' ').slice(0, 3).join(' '));
    expect(strip(fingerprint(1))).toEqual(strip(a));
    expect(strip(fingerprint(2))).not.toEqual(strip(a));
  });
});

describe('scenario modern', () => {
  const ctx = createSimContext({ scenario: 'modern', seed: 2 });
  loadScenario('modern', ctx);
  const nodes = new Map(ctx.store.list('Node').map((n) => [n.metadata.name, n]));
  const labelsOf = (name: string) => nodes.get(name)?.metadata.labels ?? {};

  it('mixes a node group, Karpenter On-Demand, Spot x86 and Spot Graviton pools, an Auto Mode pool and Fargate', () => {
    const ec2 = [...nodes.values()].filter((n) => !n.metadata.name.startsWith('fargate-'));
    const pools = ec2.map((n) => n.metadata.labels?.['karpenter.sh/nodepool'] ?? `ng:${n.metadata.labels?.['eks.amazonaws.com/nodegroup']}`);
    expect(pools.sort()).toEqual(['general', 'general', 'general', 'general-purpose', 'general-purpose', 'ng:system', 'ng:system', 'spot-arm', 'spot-arm', 'spot-arm', 'spot-arm', 'spot-x86', 'spot-x86']);
    expect(ctx.store.list('NodePool').map((p) => p.metadata.name).sort()).toEqual(['general', 'general-purpose', 'spot-arm', 'spot-x86']);
    expect(ctx.store.list('NodeClaim')).toHaveLength(11);
    const auto = ec2.filter((n) => n.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'auto');
    expect(auto.every((n) => /^i-0[0-9a-f]{16}$/.test(n.metadata.name))).toBe(true);
    const arm = ec2.filter((n) => n.metadata.labels?.['kubernetes.io/arch'] === 'arm64');
    expect(arm.every((n) => n.metadata.labels?.['karpenter.sh/capacity-type'] === 'spot' && /^(m6g|c6g)\./.test(n.metadata.labels['node.kubernetes.io/instance-type']))).toBe(true);
    expect(ctx.aws.listProfiles().map((p) => p.name)).toEqual(['fp-batch', 'fp-web']);
  });

  it('places every EC2 pod on a node its nodeSelector admits, within the node’s pod limit', () => {
    const pods = ctx.store.list('Pod');
    expect(pods.length).toBeGreaterThan(250);
    const perNode = new Map<string, number>();
    for (const p of pods) {
      const node = nodeName(p);
      if (isFargate(p)) continue;
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
      const selector = (p.spec as { nodeSelector?: Record<string, string> }).nodeSelector ?? {};
      for (const [k, v] of Object.entries(selector)) expect(labelsOf(node)[k]).toBe(v);
    }
    for (const [node, n] of perNode) expect(n).toBeLessThanOrEqual(Number((nodes.get(node)?.status as { allocatable: { pods: string } }).allocatable.pods));
  });
});

describe('loadScenario', () => {
  it('lists the scenarios and refuses unknown names', () => {
    expect(SCENARIOS).toEqual(['eksworkshop', 'empty', 'modern', 'scale']);
    const ctx = createSimContext({ scenario: 'empty' });
    expect(() => loadScenario('prod', ctx)).toThrow('unknown scenario "prod"; known: eksworkshop, empty, modern, scale');
    loadScenario('empty', ctx);
    expect(() => loadScenario('empty', ctx)).toThrow(/needs an empty store/);
  });
});
