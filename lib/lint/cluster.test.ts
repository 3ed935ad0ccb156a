import { describe, expect, it } from 'vitest';
import type { KubePod } from '../view/kube';
import type { ClusterView, Finding } from '../view/model';
import { loadFixture, viewOf, type FixtureSnapshot } from '../../fixtures/view';
import { yamlNonString } from './cluster';

const EC2_NODE = 'ip-172-31-93-72.ap-southeast-1.compute.internal';

function basePod(f: FixtureSnapshot, name: string): KubePod {
  const p = f.objects.pods?.find((x) => x.metadata.name === name);
  if (!p) throw new Error(`no pod ${name}`);
  return p;
}

/** A new pod cloned from a fixture pod, renamed, with its own uid. */
function clonePod(f: FixtureSnapshot, from: string, name: string, edit: (p: KubePod) => void): KubePod {
  const p = JSON.parse(JSON.stringify(basePod(f, from))) as KubePod;
  p.metadata.name = name;
  p.metadata.uid = `uid-${name}`;
  edit(p);
  f.objects.pods?.push(p);
  return p;
}

function makePending(p: KubePod): void {
  delete p.spec.nodeName;
  p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
  delete p.metadata.labels?.['eks.amazonaws.com/fargate-profile'];
  delete p.metadata.annotations?.CapacityProvisioned;
}

function findingsOf(v: ClusterView, object: string): Finding[] {
  return v.findings.filter((f) => f.object === object);
}

describe('cluster findings', () => {
  it('warns about DaemonSet pods in a namespace a Fargate profile selects', () => {
    const f = loadFixture('eksworkshop');
    clonePod(f, 'aws-node-x8vq2', 'log-agent-7xk2p', (p) => {
      p.metadata.namespace = 'test2-fargate';
      p.metadata.ownerReferences = [{ kind: 'DaemonSet', name: 'log-agent', controller: true }];
    });
    const v = viewOf(f);
    const pod = v.pods.find((p) => p.name === 'log-agent-7xk2p');
    expect(pod?.placement).toBe('ec2');
    expect(pod?.placementReason).toContain('DaemonSet pods never run on Fargate');
    expect(findingsOf(v, 'Pod/test2-fargate/log-agent-7xk2p')).toEqual([
      expect.objectContaining({ rule: 'fargate-daemonset', severity: 'warning', message: expect.stringContaining('test2-fargate') }),
    ]);
  });

  it.each([
    ['privileged', (p: KubePod) => (p.spec.containers[0].securityContext = { privileged: true }), 'invalid SecurityContext fields: Privileged'],
    ['hostNetwork', (p: KubePod) => (p.spec.hostNetwork = true), 'fields not supported: HostNetwork'],
    ['hostPort', (p: KubePod) => (p.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }]), 'HostIP or HostPort'],
    ['hostPath', (p: KubePod) => p.spec.volumes?.push({ name: 'logs', hostPath: { path: '/var/log' } }), 'logs is of an unsupported volume Type (hostPath)'],
    [
      'GPU',
      (p: KubePod) => (p.spec.containers[0].resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { 'nvidia.com/gpu': '1' } }),
      'GPUs and accelerators',
    ],
  ])('flags a %s pod that a profile would capture', (_what, edit, text) => {
    const f = loadFixture('eksworkshop');
    clonePod(f, 'nginx-fargate-pod-75fcf896d5-2qxz9', 'special-pod', (p) => {
      makePending(p);
      edit(p);
    });
    const v = viewOf(f);
    const pod = v.pods.find((p) => p.name === 'special-pod');
    expect(pod?.placement).toBe('pending');
    expect(pod?.profile).toBe('test2-fargate');
    expect(pod?.placementReason).toContain('matches profile test2-fargate');
    const found = findingsOf(v, 'Pod/test2-fargate/special-pod').filter((x) => x.rule === 'fargate-unsupported');
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].message).toContain(text);
  });

  it('does not flag the same pod when no profile captures it', () => {
    const f = loadFixture('eksworkshop');
    clonePod(f, 'nginx-mixed-ec2-5c68c7c8df-8fmng', 'privileged-ec2', (p) => {
      p.spec.containers[0].securityContext = { privileged: true };
    });
    expect(findingsOf(viewOf(f), 'Pod/test3-mixed/privileged-ec2')).toEqual([]);
  });

  it('flags a CPU limit above the provisioned vCPU', () => {
    const f = loadFixture('eksworkshop');
    basePod(f, 'nginx-fargate-pod-75fcf896d5-wpdjl').spec.containers[0].resources = {
      requests: { cpu: '0.5', memory: '750M' },
      limits: { cpu: '2', memory: '750M' },
    };
    const found = findingsOf(viewOf(f), 'Pod/test2-fargate/nginx-fargate-pod-75fcf896d5-wpdjl');
    expect(found).toContainEqual(expect.objectContaining({ rule: 'cpu-limit-above-size', severity: 'error', message: expect.stringContaining('0.5 vCPU') }));
  });

  it('flags a Pending pod that no profile captures and no EC2 node can hold', () => {
    const f = loadFixture('eksworkshop');
    clonePod(f, 'nginx-ec2nodegroup-7c9d8f6b54-k4w7p', 'too-big', (p) => {
      makePending(p);
      p.spec.containers[0].resources = { requests: { cpu: '6', memory: '1Gi' } };
    });
    clonePod(f, 'nginx-ec2nodegroup-7c9d8f6b54-k4w7p', 'fits', (p) => {
      makePending(p);
      p.spec.containers[0].resources = { requests: { cpu: '1', memory: '1Gi' } };
    });
    const v = viewOf(f);
    expect(findingsOf(v, 'Pod/test1-ec2nodegroup/too-big')).toEqual([
      expect.objectContaining({ rule: 'pending-no-profile-no-room', severity: 'error', message: expect.stringContaining('6000m CPU') }),
    ]);
    expect(v.pods.find((p) => p.name === 'too-big')?.placementReason).toBe(
      'Pending: namespace test1-ec2nodegroup is in no Fargate profile, and no EC2 node has room for 6000m CPU, 1024Mi memory',
    );
    expect(findingsOf(v, 'Pod/test1-ec2nodegroup/fits')).toEqual([]);
    expect(v.totals.pendingPods).toBe(2);
  });

  it('flags instance targets in front of Fargate pods', () => {
    const f = loadFixture('eksworkshop');
    const svc = f.objects.services?.find((s) => s.metadata.name === 'nginx-fargate-pod');
    if (!svc?.metadata.annotations) throw new Error('fixture');
    svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] = 'instance';
    const v = viewOf(f);
    expect(v.services.find((s) => s.name === 'nginx-fargate-pod')?.targetType).toBe('instance');
    expect(findingsOf(v, 'Service/test2-fargate/nginx-fargate-pod')).toEqual([
      expect.objectContaining({ rule: 'instance-target-on-fargate', severity: 'error', message: expect.stringContaining('2 backend pods run on Fargate') }),
    ]);
    // The EC2-only service keeps its ip target type and has nothing to report.
    expect(findingsOf(v, 'Service/test3-mixed/nginx-mixed-ec2')).toEqual([]);
  });

  it('flags profiles with public subnets', () => {
    const f = loadFixture('eksworkshop');
    const s = f.aws.subnets?.find((x) => x.id === 'subnet-031022a6aab9b9e70');
    if (!s) throw new Error('fixture');
    s.public = true;
    const v = viewOf(f);
    expect(findingsOf(v, 'FargateProfile/test2-fargate')).toEqual([
      expect.objectContaining({ rule: 'profile-public-subnet', severity: 'error', message: expect.stringContaining('subnet-031022a6aab9b9e70') }),
    ]);
    expect(v.profiles.find((p) => p.name === 'test3-mixed')?.findings.map((x) => x.rule)).toEqual(['profile-public-subnet']);
  });

  it('flags selector label values that YAML 1.1 does not keep as strings', () => {
    const f = loadFixture('eksworkshop');
    const p = f.aws.eks?.profiles.find((x) => x.name === 'test3-mixed');
    if (!p) throw new Error('fixture');
    p.selectors[0].labels = { runon: 'yes' };
    const found = findingsOf(viewOf(f), 'FargateProfile/test3-mixed');
    expect(found).toEqual([expect.objectContaining({ rule: 'profile-label-not-a-string', severity: 'warning', message: expect.stringContaining('runon: "yes"') })]);
  });

  it('flags a CapacityProvisioned annotation that disagrees with the engine, and bills the annotation', () => {
    const f = loadFixture('eksworkshop');
    const pod = basePod(f, 'nginx-mixed-fargate-747577644f-n2f2x');
    if (!pod.metadata.annotations) throw new Error('fixture');
    pod.metadata.annotations.CapacityProvisioned = '1vCPU 3GB';
    const v = viewOf(f);
    const row = v.pods.find((p) => p.name === 'nginx-mixed-fargate-747577644f-n2f2x');
    expect(row).toMatchObject({ sizeAgrees: false, billedSize: { vcpu: 1, memoryGiB: 3 }, expectedSize: { vcpu: 1, memoryGiB: 2 } });
    expect(row?.hourlyUSD).toBeCloseTo(0.05056 + 3 * 0.00553, 12);
    expect(findingsOf(v, 'Pod/test3-mixed/nginx-mixed-fargate-747577644f-n2f2x')).toEqual([
      expect.objectContaining({ rule: 'capacity-annotation-mismatch', severity: 'warning', message: expect.stringContaining('1vCPU 3GB') }),
    ]);
  });

  it('ignores a CapacityProvisioned annotation on a pod that does not run on Fargate', () => {
    const f = loadFixture('eksworkshop');
    const pod = basePod(f, 'nginx-mixed-ec2-5c68c7c8df-pz7rw');
    pod.metadata.annotations = { CapacityProvisioned: '4vCPU 30GB' };
    const row = viewOf(f).pods.find((p) => p.name === 'nginx-mixed-ec2-5c68c7c8df-pz7rw');
    expect(row).toMatchObject({ placement: 'ec2', capacityProvisioned: null, billedSize: null, costBasis: 'ec2-share' });
  });

  it('turns an unparseable quantity into an error finding without losing the pod', () => {
    const f = loadFixture('eksworkshop');
    clonePod(f, 'nginx-mixed-ec2-5c68c7c8df-pz7rw', 'bad-quantity', (p) => {
      p.spec.containers[0].resources = { requests: { memory: '1.5GB' } };
    });
    const v = viewOf(f);
    const row = v.pods.find((p) => p.name === 'bad-quantity');
    expect(row).toMatchObject({ placement: 'ec2', request: { cpuMillis: 0, memoryBytes: 0 }, expectedSize: null });
    expect(findingsOf(v, 'Pod/test3-mixed/bad-quantity')).toEqual([
      expect.objectContaining({ rule: 'invalid-quantity', severity: 'error', message: expect.stringContaining('"1.5GB" is not a valid quantity') }),
    ]);
  });

  it('reports nothing on an EC2 node whose price is known', () => {
    const v = viewOf(loadFixture('eksworkshop'));
    expect(v.nodes.find((n) => n.name === EC2_NODE)?.findings).toEqual([]);
  });
});

describe('yamlNonString', () => {
  it.each([
    ['yes', 'boolean true'],
    ['Yes', 'boolean true'],
    ['on', 'boolean true'],
    ['true', 'boolean true'],
    ['y', 'boolean true'],
    ['no', 'boolean false'],
    ['OFF', 'boolean false'],
    ['1', 'number'],
    ['0.5', 'number'],
    ['1e3', 'number'],
    ['0755', 'number'],
    ['~', 'null'],
    ['null', 'null'],
  ])('%s → %s', (v, as) => {
    expect(yamlNonString(v)).toBe(as);
  });

  it.each(['fargate', 'ec2', 'v1', 'yes-please', '1a', 'mixed'])('%s stays a string', (v) => {
    expect(yamlNonString(v)).toBeNull();
  });
});
