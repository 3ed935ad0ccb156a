import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateFargateProfileCommand, DeleteFargateProfileCommand, DescribeFargateProfileCommand, EKSClient } from '@aws-sdk/client-eks';
import { cidrContains } from '../aws/network';
import { createAwsHandler } from '../aws/server';
import { createSimContext, type SimContext } from '../context';
import { loadScenario } from '../scenarios';
import type { Obj } from '../store';
import { startControllers } from '.';
import { deploymentManifest, nodeOf, phase, podsOf, waitFor } from './test-support/workloads';

// Controllers on a real Store at speed 200 (a 20 s Fargate profile creation takes 100 ms), driven the way
// users drive a cluster: the EKS API over HTTP for profiles, object writes for Deployments.

const ROLE = 'arn:aws:iam::133129065110:role/AmazonEKSFargatePodExecutionRole';

let ctx: SimContext;
let controllers: { stop(): void };
let server: Server;
let eks: EKSClient;

beforeEach(async () => {
  ctx = createSimContext({ scenario: 'empty', speed: 200, seed: 11 });
  loadScenario('empty', ctx);
  controllers = startControllers(ctx);
  server = createServer(createAwsHandler(ctx.aws, { ctx }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  eks = new EKSClient({
    region: 'ap-southeast-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});

afterEach(async () => {
  eks.destroy();
  controllers.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function namespace(name: string): void {
  ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

async function createProfile(name: string, selectors: { namespace: string; labels?: Record<string, string> }[]): Promise<void> {
  const out = await eks.send(new CreateFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: name, podExecutionRoleArn: ROLE, selectors }));
  expect(out.fargateProfile?.status).toBe('CREATING');
  await waitFor(`profile ${name} ACTIVE`, () => ctx.aws.getProfile(name)?.status === 'ACTIVE');
  const described = await eks.send(new DescribeFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: name }));
  expect(described.fargateProfile?.status).toBe('ACTIVE');
}

const pods = () => ctx.store.list('Pod');
const condition = (p: Obj, type: string) => ((p.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] }).conditions ?? []).find((c) => c.type === type);
const eventsFor = (name: string) => ctx.store.list('Event').filter((e) => (e.involvedObject as { name: string }).name === name);

describe('Fargate profile lifecycle and the Fargate scheduler', () => {
  it('a profile created through the EKS API becomes ACTIVE, then a Deployment in its namespace lands on Fargate sized by the engine', async () => {
    await createProfile('batch', [{ namespace: 'batch' }]);
    namespace('batch');
    ctx.store.create(deploymentManifest('batch', 'web', { replicas: 2, requests: { cpu: '0.5', memory: '750M' } }));
    const running = await waitFor('2 Running Fargate pods', () => {
      const ps = podsOf(pods(), 'web');
      return ps.length === 2 && ps.every((p) => phase(p) === 'Running') && ps;
    });
    for (const p of running) {
      // 0.5 vCPU / 750M + 256 MiB = 0.95 GiB -> 0.5vCPU 1GB (docs/fargate-facts.md §1–2; the seed's test2 pods).
      expect(p.metadata.annotations?.CapacityProvisioned).toBe('0.5vCPU 1GB');
      expect(p.metadata.labels?.['eks.amazonaws.com/fargate-profile']).toBe('batch');
      const spec = p.spec as { schedulerName: string; priorityClassName: string; nodeName: string };
      expect(spec.schedulerName).toBe('fargate-scheduler');
      expect(spec.priorityClassName).toBe('system-node-critical');
      const ip = (p.status as { podIP: string; hostIP: string }).podIP;
      expect((p.status as { hostIP: string }).hostIP).toBe(ip);
      expect(spec.nodeName).toBe(`fargate-ip-${ip.replace(/\./g, '-')}.ap-southeast-1.compute.internal`);
      expect(ctx.aws.cluster.subnetIds.some((id) => cidrContains(ctx.aws.subnet(id)!.cidr, ip))).toBe(true);
      const node = ctx.store.get('Node', null, spec.nodeName)!;
      expect(node.metadata.labels?.['eks.amazonaws.com/compute-type']).toBe('fargate');
      expect((node.spec as { taints: unknown[] }).taints).toEqual([{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }]);
      expect((node.status as { capacity: { pods: string } }).capacity.pods).toBe('1');
      expect(eventsFor(p.metadata.name).map((e) => e.reason)).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    }
    const dep = await waitFor('deployment status', () => {
      const d = ctx.store.get('Deployment', 'batch', 'web')!;
      return (d.status as { readyReplicas?: number }).readyReplicas === 2 && d;
    });
    expect(dep.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });

  it('uses the selector labels: only labelled pods of a mixed namespace go to Fargate (1 CPU/1750M -> 1vCPU 2GB)', async () => {
    await createProfile('mixed', [{ namespace: 'mixed', labels: { runon: 'fargate' } }]);
    namespace('mixed');
    ctx.store.create(deploymentManifest('mixed', 'on-ec2', { replicas: 1 }));
    ctx.store.create(deploymentManifest('mixed', 'on-fargate', { replicas: 1, labels: { runon: 'fargate' }, requests: { cpu: '1', memory: '1750M' } }));
    const [ec2Pod] = await waitFor('EC2 pod running', () => {
      const ps = podsOf(pods(), 'on-ec2');
      return ps.length === 1 && phase(ps[0]) === 'Running' && ps;
    });
    const [fargatePod] = await waitFor('Fargate pod running', () => {
      const ps = podsOf(pods(), 'on-fargate');
      return ps.length === 1 && phase(ps[0]) === 'Running' && ps;
    });
    expect(nodeOf(ec2Pod)).toMatch(/^ip-172-31-/);
    expect((ec2Pod.spec as { schedulerName: string }).schedulerName).toBe('default-scheduler');
    expect(ec2Pod.metadata.annotations?.CapacityProvisioned).toBeUndefined();
    expect(nodeOf(fargatePod)).toMatch(/^fargate-ip-172-31-/);
    expect(fargatePod.metadata.annotations?.CapacityProvisioned).toBe('1vCPU 2GB');
  });

  it('leaves pods annotated eks.amazonaws.com/compute-type: ec2 on EC2 even in a Fargate namespace (as CoreDNS is)', async () => {
    await createProfile('everything', [{ namespace: 'kube-system' }]);
    const coredns = ctx.store.get('Deployment', 'kube-system', 'coredns')!;
    ctx.store.mutate('Deployment', 'kube-system', 'coredns', (d) => ((d.spec as { replicas: number }).replicas = 3));
    const third = await waitFor('third CoreDNS pod running', () => {
      const ps = pods().filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
      return ps.length === 3 && ps.every((p) => phase(p) === 'Running') && ps;
    });
    expect(coredns).toBeDefined();
    expect(third.every((p) => !nodeOf(p)?.startsWith('fargate-'))).toBe(true);
  });

  it('pods that existed before the profile became ACTIVE stay where they are', async () => {
    namespace('late');
    ctx.store.create(deploymentManifest('late', 'early', { replicas: 1 }));
    const [before] = await waitFor('pod on EC2', () => {
      const ps = podsOf(pods(), 'early');
      return ps.length === 1 && phase(ps[0]) === 'Running' && ps;
    });
    await createProfile('late', [{ namespace: 'late' }]);
    await new Promise((r) => setTimeout(r, 100));
    const after = ctx.store.get('Pod', 'late', before.metadata.name)!;
    expect(nodeOf(after)).toBe(nodeOf(before));
    expect(nodeOf(after)).not.toMatch(/^fargate-/);
  });

  it('keeps a pod too large for any Fargate size Pending with POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE and an Event', async () => {
    await createProfile('big', [{ namespace: 'big' }]);
    namespace('big');
    ctx.store.create(deploymentManifest('big', 'huge', { replicas: 1, requests: { cpu: '16', memory: '120Gi' } }));
    const [pod] = await waitFor('pending pod with reason', () => {
      const ps = podsOf(pods(), 'huge');
      return ps.length === 1 && condition(ps[0], 'PodScheduled')?.status === 'False' && ps;
    });
    expect(phase(pod)).toBe('Pending');
    expect(condition(pod, 'PodScheduled')).toMatchObject({ reason: 'POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE', message: "Your pod's cpu/memory requirements exceed the max Fargate configuration" });
    const ev = await waitFor('FailedScheduling event', () => eventsFor(pod.metadata.name).find((e) => e.reason === 'FailedScheduling'));
    expect(ev).toMatchObject({ type: 'Warning', source: { component: 'fargate-scheduler' } });
    expect(ctx.store.list('Node').filter((n) => n.metadata.name.startsWith('fargate-'))).toHaveLength(0);
  });

  it('refuses privileged and host-network pods on Fargate with the fargate-scheduler message', async () => {
    await createProfile('strict', [{ namespace: 'strict' }]);
    namespace('strict');
    ctx.store.create(
      deploymentManifest('strict', 'priv', {
        replicas: 1,
        podSpec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36', securityContext: { privileged: true }, ports: [{ containerPort: 80, hostPort: 80 }] }] },
      }),
    );
    const [pod] = await waitFor('pending pod', () => {
      const ps = podsOf(pods(), 'priv');
      return ps.length === 1 && condition(ps[0], 'PodScheduled')?.status === 'False' && ps;
    });
    expect(condition(pod, 'PodScheduled')?.message).toBe(
      'Pod not supported on Fargate: fields not supported: HostNetwork, port contains HostIP or HostPort, invalid SecurityContext fields: Privileged',
    );
    expect((pod.spec as { schedulerName: string }).schedulerName).toBe('fargate-scheduler');
    const ev = await waitFor('event', () => eventsFor(pod.metadata.name).find((e) => e.reason === 'FailedScheduling'));
    expect(ev.message).toContain('Pod not supported on Fargate:');
  });

  it('a deleted Fargate pod takes its node with it, and its ReplicaSet replaces the pod on a new node', async () => {
    await createProfile('gc', [{ namespace: 'gc' }]);
    namespace('gc');
    ctx.store.create(deploymentManifest('gc', 'one', { replicas: 1 }));
    const [pod] = await waitFor('running', () => {
      const ps = podsOf(pods(), 'one');
      return ps.length === 1 && phase(ps[0]) === 'Running' && ps;
    });
    const oldNode = nodeOf(pod)!;
    ctx.store.delete('Pod', 'gc', pod.metadata.name);
    await waitFor('old node gone', () => !ctx.store.get('Node', null, oldNode));
    const [replacement] = await waitFor('replacement running', () => {
      const ps = podsOf(pods(), 'one');
      return ps.length === 1 && ps[0].metadata.name !== pod.metadata.name && phase(ps[0]) === 'Running' && ps;
    });
    expect(nodeOf(replacement)).toMatch(/^fargate-ip-/);
    expect(ctx.store.list('Node').filter((n) => n.metadata.name.startsWith('fargate-'))).toHaveLength(1);
  });

  it('deleting a profile (DELETING, then gone) deletes its pods; the recreated pods land where they now match', async () => {
    await createProfile('temp', [{ namespace: 'temp' }]);
    namespace('temp');
    ctx.store.create(deploymentManifest('temp', 'svc', { replicas: 2 }));
    const before = await waitFor('on Fargate', () => {
      const ps = podsOf(pods(), 'svc');
      return ps.length === 2 && ps.every((p) => phase(p) === 'Running' && nodeOf(p)?.startsWith('fargate-')) && ps;
    });
    const out = await eks.send(new DeleteFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: 'temp' }));
    expect(out.fargateProfile?.status).toBe('DELETING');
    await waitFor('profile gone', () => !ctx.aws.getProfile('temp'));
    const after = await waitFor('replacements on EC2', () => {
      const ps = podsOf(pods(), 'svc');
      return ps.length === 2 && ps.every((p) => phase(p) === 'Running' && !nodeOf(p)?.startsWith('fargate-')) && ps;
    });
    expect(after.map((p) => p.metadata.name)).not.toEqual(expect.arrayContaining(before.map((p) => p.metadata.name)));
    await waitFor('Fargate nodes collected', () => ctx.store.list('Node').every((n) => !n.metadata.name.startsWith('fargate-')));
  });
});
