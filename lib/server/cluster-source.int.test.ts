import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateFargateProfileCommand } from '@aws-sdk/client-eks';
import { startSim } from '../../sim/harness';
import { applyDelta } from '../view/delta';
import type { ClusterView, ViewDelta } from '../view/model';
import { awsClients } from './aws';
import type { ClusterSource } from './cluster-source';
import { kubeRequest } from './kube-http';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';

// ap-southeast-1 list prices (docs/fargate-facts.md §4).
const VCPU_H = 0.05056;
const GB_H = 0.00553;

let sim: Sim;
let source: ClusterSource;

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 3 });
  source = sourceFor(sim);
  source.start();
  await source.ready(20_000);
  // AWS is polled separately; wait until the profiles and NLBs are in.
  await waitFor('EKS, ELBv2 and EC2 data', () => ['eks', 'elbv2', 'ec2'].every((id) => source.statusOf(id as 'eks')?.state === 'ok'));
  // The NLBs are described as soon as the services naming them are known (not at the next 15 s poll).
  await waitFor('the four NLBs', () => source.snapshot().view.services.filter((s) => s.lbState === 'active').length === 4, 5_000);
}, 60_000);

afterAll(async () => {
  await source?.stop();
  await sim?.stop();
});

describe('ClusterSource on the simulated eksworkshop cluster', () => {
  it('shows the seed cluster: 12 pods on EC2, 4 on Fargate, two profiles, four NLBs', () => {
    const { view } = source.snapshot();
    expect(view.meta).toMatchObject({ context: 'eksworkshop', clusterName: 'eksworkshop', region: 'ap-southeast-1' });
    expect(view.meta.sources.filter((s) => s.state !== 'ok' && s.state !== 'absent')).toEqual([]);
    expect(view.totals.ec2.pods).toBe(12);
    expect(view.totals.fargate.pods).toBe(4);
    expect(view.totals.ec2.nodes).toBe(2);
    expect(view.totals.fargate.nodes).toBe(4);
    expect(view.profiles.map((p) => [p.name, p.status, p.podCount])).toEqual([
      ['test2-fargate', 'ACTIVE', 2],
      ['test3-mixed', 'ACTIVE', 2],
    ]);
    const mixed = view.pods.filter((p) => p.namespace === 'test3-mixed');
    expect(mixed.filter((p) => p.placement === 'fargate').map((p) => p.capacityProvisioned)).toEqual(['1vCPU 2GB', '1vCPU 2GB']);
    expect(mixed.filter((p) => p.placement === 'fargate').every((p) => Math.abs(p.hourlyUSD - (VCPU_H + 2 * GB_H)) < 1e-12)).toBe(true);
    expect(mixed.filter((p) => p.placement === 'ec2').every((p) => p.placementReason.includes('needs label runon=fargate'))).toBe(true);
    const t2 = view.pods.filter((p) => p.namespace === 'test2-fargate');
    expect(t2.map((p) => [p.placement, p.profile, p.capacityProvisioned, p.sizeAgrees])).toEqual([
      ['fargate', 'test2-fargate', '0.5vCPU 1GB', true],
      ['fargate', 'test2-fargate', '0.5vCPU 1GB', true],
    ]);
    const lbs = view.services.filter((s) => s.type === 'LoadBalancer');
    expect(lbs).toHaveLength(4);
    for (const s of lbs) {
      expect(s.hostname).toMatch(/\.elb\.ap-southeast-1\.amazonaws\.com$/);
      expect(s.lbState).toBe('active');
      expect(s.targetType).toBe('ip');
      expect(s.targets.length).toBe(2);
      expect(s.targets.every((t) => t.podId !== null)).toBe(true);
    }
    expect(view.services.find((s) => s.name === 'nginx-mixed-fargate')?.backends).toEqual({ ec2: 0, fargate: 2, pending: 0 });
    expect(view.nodepools.map((g) => [g.id, g.nodeCount, g.instanceTypes])).toEqual([['nodegroup/managed-ng', 2, ['t3.xlarge']]]);
  });

  it('keeps plain JSON at the boundary: timestamps are ISO strings', () => {
    const pod = source.getPodObject('test3-mixed', source.snapshot().view.pods.find((p) => p.namespace === 'test3-mixed')?.name ?? '');
    expect(typeof pod?.metadata.creationTimestamp).toBe('string');
    expect(pod?.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('moves pods to Fargate after a profile is created and the deployment restarted', async () => {
    const before = source.snapshot();
    let view: ClusterView = before.view;
    const deltas: ViewDelta[] = [];
    const off = source.subscribe((d) => deltas.push(d));
    try {
      const aws = awsClients('ap-southeast-1', sim.awsEnv);
      const t2 = before.view.profiles.find((p) => p.name === 'test2-fargate');
      await aws.eks.send(
        new CreateFargateProfileCommand({
          clusterName: 'eksworkshop',
          fargateProfileName: 'test1-fargate',
          podExecutionRoleArn: t2?.podExecutionRoleArn,
          subnets: t2?.subnets,
          selectors: [{ namespace: 'test1-ec2nodegroup' }],
        }),
      );
      aws.destroy();
      await source.refreshAws();
      await waitFor('the new profile to be ACTIVE', async () => {
        await source.refreshAws();
        return source.snapshot().view.profiles.find((p) => p.name === 'test1-fargate')?.status === 'ACTIVE';
      });
      // kubectl rollout restart: a new template annotation.
      const kc = source.kc;
      if (!kc) throw new Error('no kubeconfig');
      const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() } } } } };
      const res = await kubeRequest(kc, '/apis/apps/v1/namespaces/test1-ec2nodegroup/deployments/nginx-ec2nodegroup', {
        method: 'PATCH',
        body: JSON.stringify(patch),
        contentType: 'application/strategic-merge-patch+json',
      });
      expect(res.status).toBe(200);
      const moved = await waitFor(
        'test1 pods on Fargate',
        () => {
          const pods = source.snapshot().view.pods.filter((p) => p.namespace === 'test1-ec2nodegroup');
          return pods.length === 2 && pods.every((p) => p.placement === 'fargate' && p.status === 'Running') ? pods : undefined;
        },
        30_000,
      );
      for (const p of moved) {
        expect(p.profile).toBe('test1-fargate');
        expect(p.selectorIndex).toBe(0);
        // No requests: the smallest size, 0.25 vCPU and 0.5 GB.
        expect(p.expectedSize).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
        expect(p.capacityProvisioned).toBe('0.25vCPU 0.5GB');
        expect(p.hourlyUSD).toBeCloseTo(0.25 * VCPU_H + 0.5 * GB_H, 12);
      }
      const profile = source.snapshot().view.profiles.find((p) => p.name === 'test1-fargate');
      expect(profile).toMatchObject({ podCount: 2, billedVcpu: 0.5, billedMemoryGiB: 1 });
    } finally {
      off();
    }
    // The deltas received on the way rebuild the same view.
    source.flush();
    for (const d of deltas) if (d.seq > before.seq) view = applyDelta(view, d);
    const now = source.snapshot();
    const strip = (v: ClusterView) => JSON.parse(JSON.stringify({ ...v, meta: { ...v.meta, generatedAt: '' }, pods: v.pods.map((p) => ({ ...p, accruedUSD: 0 })) }));
    expect(deltas.at(-1)?.seq).toBe(now.seq);
    expect(strip(view)).toEqual(strip(now.view));
  }, 60_000);

  it('keeps recent deltas for clients that resume, within a row budget, and skips one too big to keep', async () => {
    // A second source on the same cluster, with a window of 3 rows: its first list (16 pods) is never built as a delta.
    const small = sourceFor(sim, { deltaWindowRows: 3 });
    small.start();
    try {
      await small.ready(20_000);
      await waitFor('the first list', () => small.snapshot().view.pods.length === 16);
      small.flush();
      const first = small.seq;
      expect(first).toBeGreaterThan(0);
      expect(small.deltasSince(0)).toBeNull(); // a client from before the list needs a snapshot
      expect(small.deltasSince(first)).toEqual([]);
      // One labelled pod is one row: kept, and a client at `first` resumes with it.
      const pod = small.snapshot().view.pods.find((p) => p.namespace === 'test2-fargate');
      if (!pod) throw new Error('no pod to label');
      expect(await labelPod(small, pod, 'kept')).toBe(200);
      const resumed = await waitFor('the label as a delta', () => small.deltasSince(first)?.find((d) => d.upsert.pods?.some((p) => p.labels.window === 'kept')));
      expect(resumed.upsert.pods?.map((p) => p.name)).toEqual([pod.name]);
    } finally {
      await small.stop();
    }
  }, 60_000);

  it('gzips a snapshot once per seq, or reuses one younger than the age the caller accepts', async () => {
    const a = await source.snapshotGzip();
    expect(await source.snapshotGzip()).toBe(a);
    const plain = source.snapshotJson();
    expect(plain.seq).toBe(a.seq);
    const text = [...plain.chunks].join('');
    expect(JSON.parse(gunzipSync(a.gzip).toString('utf8'))).toEqual({ ...JSON.parse(text), meta: expect.anything() as unknown, pods: expect.anything() as unknown });
    // The view moves on: an exact caller gets a new snapshot, a tolerant one the old (its seq says which).
    const pod = source.snapshot().view.pods[0];
    expect(await labelPod(source, pod, 'reuse')).toBe(200);
    await waitFor('the label', () => source.snapshot().view.pods.find((p) => p.id === pod.id)?.labels.window === 'reuse');
    expect(await source.snapshotGzip(60_000)).toBe(a);
    const fresh = await source.snapshotGzip();
    expect(fresh.seq).toBeGreaterThan(a.seq);
    expect(gunzipSync(fresh.gzip).toString('utf8')).toContain('"window":"reuse"');
  });
});

async function labelPod(src: ClusterSource, pod: { namespace: string; name: string }, value: string): Promise<number> {
  if (!src.kc) throw new Error('no kubeconfig');
  const res = await kubeRequest(src.kc, `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`, {
    method: 'PATCH',
    body: JSON.stringify({ metadata: { labels: { window: value } } }),
    contentType: 'application/merge-patch+json',
  });
  return res.status;
}
