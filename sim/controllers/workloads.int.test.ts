import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimContext, type SimContext } from '../context';
import { loadScenario } from '../scenarios';
import type { Obj } from '../store';
import { startControllers } from '.';
import { deploymentManifest, nodeOf, phase, podsOf, waitFor } from './test-support/workloads';
import { podTemplateHash } from './workloads';

// Deployments, ReplicaSets and the default (EC2) scheduler on the empty scenario: 2 × t3.xlarge nodes
// already running CoreDNS, aws-node and kube-proxy. Speed 200 makes a 3 s pod start take 15 ms.

let ctx: SimContext;
let controllers: { stop(): void };

beforeEach(() => {
  ctx = createSimContext({ scenario: 'empty', speed: 200, seed: 5 });
  loadScenario('empty', ctx);
  ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
  controllers = startControllers(ctx);
});

afterEach(() => controllers.stop());

const pods = () => ctx.store.list('Pod');
const running = (app: string, n: number) => () => {
  const ps = podsOf(pods(), app);
  return ps.length === n && ps.every((p) => phase(p) === 'Running') && ps;
};
const scheduledCondition = (p: Obj) => ((p.status as { conditions?: { type: string; status: string; message?: string }[] }).conditions ?? []).find((c) => c.type === 'PodScheduled');
const ec2Nodes = () => ctx.store.list('Node').map((n) => n.metadata.name);

describe('Deployments and ReplicaSets', () => {
  it('creates a ReplicaSet named by the template hash and pods named after it, then reports status', async () => {
    ctx.store.create(deploymentManifest('apps', 'web', { replicas: 3 }));
    const ps = await waitFor('3 running pods', running('web', 3));
    const rss = ctx.store.list('ReplicaSet', 'apps');
    expect(rss).toHaveLength(1);
    const hash = rss[0].metadata.labels?.['pod-template-hash'];
    expect(rss[0].metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: rss[0].metadata.name, controller: true });
      expect(p.status).toMatchObject({ qosClass: 'BestEffort' });
      expect(((p.status as { containerStatuses: { ready: boolean; restartCount: number }[] }).containerStatuses[0])).toMatchObject({ ready: true, restartCount: 0 });
    }
    const dep = await waitFor('status', () => {
      const d = ctx.store.get('Deployment', 'apps', 'web')!;
      return (d.status as { availableReplicas?: number }).availableReplicas === 3 && d;
    });
    expect(dep.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(dep.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    const progressing = (dep.status as { conditions: { type: string; reason: string }[] }).conditions.find((c) => c.type === 'Progressing');
    expect(progressing?.reason).toBe('NewReplicaSetAvailable');
  });

  it('scales up and down', async () => {
    ctx.store.create(deploymentManifest('apps', 'scaler', { replicas: 2 }));
    await waitFor('2 pods', running('scaler', 2));
    ctx.store.mutate('Deployment', 'apps', 'scaler', (d) => ((d.spec as { replicas: number }).replicas = 4));
    await waitFor('4 pods', running('scaler', 4));
    ctx.store.mutate('Deployment', 'apps', 'scaler', (d) => ((d.spec as { replicas: number }).replicas = 1));
    await waitFor('1 pod', running('scaler', 1));
    await waitFor('status replicas 1', () => (ctx.store.get('Deployment', 'apps', 'scaler')!.status as { replicas?: number }).replicas === 1);
  });

  it('rolls out a new ReplicaSet on `kubectl rollout restart` and retires the old one', async () => {
    ctx.store.create(deploymentManifest('apps', 'roll', { replicas: 2 }));
    const old = await waitFor('2 pods', running('roll', 2));
    const oldRs = ctx.store.list('ReplicaSet', 'apps')[0].metadata.name;
    ctx.store.mutate('Deployment', 'apps', 'roll', (d) => {
      const t = (d.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template;
      t.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T15:00:00Z' };
    });
    const fresh = await waitFor('new pods only', () => {
      const ps = running('roll', 2)();
      return ps && ps.every((p) => !old.some((o) => o.metadata.name === p.metadata.name)) && ps;
    });
    const rss = ctx.store.list('ReplicaSet', 'apps');
    expect(rss).toHaveLength(2);
    const newRs = rss.find((r) => r.metadata.name !== oldRs)!;
    expect(newRs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect((rss.find((r) => r.metadata.name === oldRs)!.spec as { replicas: number }).replicas).toBe(0);
    expect(fresh.every((p) => p.metadata.ownerReferences?.[0].name === newRs.metadata.name)).toBe(true);
    const dep = await waitFor('rollout complete', () => {
      const d = ctx.store.get('Deployment', 'apps', 'roll')!;
      const s = d.status as { replicas?: number; updatedReplicas?: number; availableReplicas?: number; observedGeneration?: number };
      return s.replicas === 2 && s.updatedReplicas === 2 && s.availableReplicas === 2 && d;
    });
    expect((dep.status as { observedGeneration: number }).observedGeneration).toBe(dep.metadata.generation);
    expect(dep.metadata.generation).toBe(2);
    expect(dep.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('gives the same template the same hash and a changed template a different one', () => {
    const t = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x', image: 'nginx' }] } };
    expect(podTemplateHash(t)).toBe(podTemplateHash(JSON.parse(JSON.stringify(t))));
    expect(podTemplateHash({ ...t, metadata: { labels: { app: 'x' }, annotations: { a: 'b' } } })).not.toBe(podTemplateHash(t));
  });
});

describe('default scheduler on EC2', () => {
  it('bin-packs: two small pods share the fuller node', async () => {
    ctx.store.create(deploymentManifest('apps', 'small', { replicas: 2, requests: { cpu: '100m', memory: '64Mi' } }));
    const ps = await waitFor('2 pods', running('small', 2));
    expect(nodeOf(ps[0])).toBe(nodeOf(ps[1]));
    expect(ec2Nodes()).toContain(nodeOf(ps[0]));
    const ip = (ps[0].status as { podIP: string }).podIP;
    const hostIP = (ps[0].status as { hostIP: string }).hostIP;
    expect(ip).not.toBe(hostIP);
    expect(ctx.aws.subnetForIp(ip)?.id).toBe(ctx.aws.subnetForIp(hostIP)?.id);
  });

  it('leaves a pod that fits nowhere Pending with the scheduler message, and places it when room appears', async () => {
    // t3.xlarge allocatable is 3920m; the system pods use 250m per node, so one 3-CPU pod fits per node.
    ctx.store.create(deploymentManifest('apps', 'fat', { replicas: 3, requests: { cpu: '3', memory: '1Gi' } }));
    const pending = await waitFor('one pending pod', () => {
      const ps = podsOf(pods(), 'fat');
      const p = ps.find((x) => scheduledCondition(x)?.status === 'False');
      return ps.length === 3 && p;
    });
    expect(scheduledCondition(pending)?.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    const ev = await waitFor('FailedScheduling event', () =>
      ctx.store.list('Event', 'apps').find((e) => e.reason === 'FailedScheduling' && (e.involvedObject as { name: string }).name === pending.metadata.name),
    );
    expect(ev).toMatchObject({ type: 'Warning', message: '0/2 nodes are available: 2 Insufficient cpu.', source: { component: 'default-scheduler' } });
    await waitFor('2 running', () => podsOf(pods(), 'fat').filter((p) => phase(p) === 'Running').length === 2);
    const victim = podsOf(pods(), 'fat').find((p) => phase(p) === 'Running')!;
    ctx.store.delete('Pod', 'apps', victim.metadata.name);
    const placed = await waitFor('pending pod placed', () => {
      const p = ctx.store.get('Pod', 'apps', pending.metadata.name);
      return p && phase(p) === 'Running' && p;
    });
    expect(nodeOf(placed)).toBe(nodeOf(victim));
  });

  it('keeps EC2-only pods off Fargate nodes (the taint) and reports it', async () => {
    ctx.aws.createFargateProfile({ fargateProfileName: 'fp', podExecutionRoleArn: 'arn:aws:iam::133129065110:role/r', selectors: [{ namespace: 'fg' }] }, { initialStatus: 'ACTIVE' });
    ctx.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fg' } });
    ctx.store.create(deploymentManifest('fg', 'f', { replicas: 1 }));
    await waitFor('fargate pod', running('f', 1));
    ctx.store.create(deploymentManifest('apps', 'huge', { replicas: 1, requests: { cpu: '8' } }));
    const p = await waitFor('pending', () => {
      const ps = podsOf(pods(), 'huge');
      return ps.length === 1 && scheduledCondition(ps[0])?.status === 'False' && ps[0];
    });
    expect(scheduledCondition(p)?.message).toBe('0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {eks.amazonaws.com/compute-type: fargate}.');
  });
});
