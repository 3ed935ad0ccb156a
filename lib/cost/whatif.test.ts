import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../k8s/manifest';
import { apse1 } from './test-support/hand-view';
import { whatIf, type WhatIfContext } from './whatif';

const seed = (f: string) => readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'seed', f), 'utf8');

// The seed's profiles: test2-fargate selects its namespace, test3-mixed its namespace plus runon=fargate.
const ctx: WhatIfContext = {
  profiles: [
    { name: 'test2-fargate', status: 'ACTIVE', selectors: [{ namespace: 'test2-fargate' }] },
    { name: 'test3-mixed', status: 'ACTIVE', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }] },
  ],
  hasEc2Nodes: true,
  prices: apse1(),
  reference: { instanceType: 't3.xlarge', hourlyUSD: 0.2112, allocatable: { cpuMillis: 4000, memoryBytes: 16 * 1024 ** 3 }, nodes: 2 },
  defaultNamespace: 'default',
};

describe('what-if', () => {
  it('places the seed’s Deployments as the seed shows them, with their Fargate sizes and prices', () => {
    const files = ['test1-ec2nodegroup.yaml', 'test2-fargate.yaml', 'test3-mixed-ec2.yaml', 'test3-mixed-fargate.yaml'];
    const templates = files.flatMap((f) => readManifests(seed(f)));
    const { rows, totals } = whatIf(templates, ctx);
    const row = (name: string) => rows.find((r) => r.name === name)!;

    expect(row('nginx-fargate-pod')).toMatchObject({ landing: 'fargate', profile: 'test2-fargate', selectorIndex: 0, capacityProvisioned: '0.5vCPU 1GB', replicas: 2 });
    expect(row('nginx-fargate-pod').reason).toBe('Fargate: profile test2-fargate, selector 1: namespace test2-fargate');
    expect(row('nginx-fargate-pod').fargateHourlyUSD).toBeCloseTo(0.03081, 9);
    expect(row('nginx-mixed-fargate')).toMatchObject({ landing: 'fargate', profile: 'test3-mixed', capacityProvisioned: '1vCPU 2GB' });
    expect(row('nginx-mixed-fargate').fargateHourlyUSD).toBeCloseTo(0.06162, 9);

    // No runon=fargate label: the namespace+label profile does not take it.
    expect(row('nginx-mixed-ec2').landing).toBe('ec2');
    expect(row('nginx-mixed-ec2').reason).toBe('EC2: profile test3-mixed needs label runon=fargate');
    expect(row('nginx-ec2nodegroup').reason).toBe('EC2: namespace test1-ec2nodegroup is in no Fargate profile');
    // No requests: 0.25vCPU 0.5GB on Fargate = 0.25 × 0.05056 + 0.5 × 0.00553 = 0.015405; $0 share of an EC2 node.
    expect(row('nginx-ec2nodegroup').fargateHourlyUSD).toBeCloseTo(0.015405, 9);
    expect(row('nginx-ec2nodegroup').ec2HourlyUSD).toBe(0);

    expect(totals.pods).toBe(8);
    // where they land: 2 × 0.03081 + 2 × 0.06162 on Fargate, $0 shares on EC2
    expect(totals.landedHourlyUSD).toBeCloseTo(0.18486, 9);
    // all on Fargate: as the CLI totals it, 0.24648
    expect(totals.fargateHourlyUSD).toBeCloseTo(0.24648, 9);
  });

  it('lists every reason Fargate would refuse a template its profile selects', () => {
    const [t] = readManifests(`
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: test2-fargate }
spec:
  hostNetwork: true
  containers:
  - name: agent
    image: busybox
    securityContext: { privileged: true }
    resources: { requests: { cpu: "20", memory: 1Gi } }
`);
    const r = whatIf([t], ctx).rows[0];
    expect(r.landing).toBe('refused');
    expect(r.profile).toBe('test2-fargate');
    expect(r.reason).toMatch(/^profile test2-fargate, selector 1: namespace test2-fargate selects it, but Fargate would refuse it \(3 reasons below\): it would stay Pending$/);
    expect(r.issues).toEqual([
      'Pod not supported on Fargate: invalid SecurityContext fields: Privileged (container "agent")',
      'Pod not supported on Fargate: fields not supported: HostNetwork',
      expect.stringMatching(/^POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE/),
    ]);
    expect(r.size).toBeNull();
    expect(r.landedHourlyUSD).toBe(0);
  });

  it('uses the default namespace for templates without one, and DaemonSets never land on Fargate', () => {
    const [ds] = readManifests(`
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: logs }
spec:
  selector: { matchLabels: { app: logs } }
  template:
    metadata: { labels: { app: logs } }
    spec: { containers: [{ name: logs, image: fluent-bit }] }
`);
    const r = whatIf([ds], { ...ctx, defaultNamespace: 'test2-fargate' }).rows[0];
    expect(r.namespace).toBe('test2-fargate');
    expect(r.namespaceDefaulted).toBe(true);
    expect(r.landing).toBe('ec2');
    expect(r.issues[0]).toMatch(/^DaemonSets aren't supported on Fargate/);
  });

  it('only ACTIVE profiles capture pods; without EC2 nodes an unmatched pod stays pending', () => {
    const [t] = readManifests(seed('test2-fargate.yaml'));
    const creating = { ...ctx, profiles: [{ ...ctx.profiles[0], status: 'CREATING' }], hasEc2Nodes: false };
    const r = whatIf([t], creating).rows[0];
    expect(r.landing).toBe('pending');
    expect(r.reason).toBe('Pending: profile test2-fargate would match but is CREATING, not ACTIVE, and the cluster has no EC2 node');
  });
});
