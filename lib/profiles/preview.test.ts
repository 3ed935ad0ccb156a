import { describe, expect, it } from 'vitest';
import { pricesFor } from '../fargate/prices';
import type { KubePod } from '../view/kube';
import { loadFixture, viewOf } from '../../fixtures/view';
import type { ClusterView } from '../view/model';
import { previewDelete, previewProfile, type PodFactsLookup } from './preview';
import { restartPatch, restartPlan } from './restart';

// ap-southeast-1 Fargate list prices (docs/fargate-facts.md §4).
const VCPU_H = 0.05056;
const GB_H = 0.00553;
// Pods without requests get the smallest size, 0.25 vCPU / 0.5 GB (docs/fargate-facts.md §2 rule 6).
const SMALLEST_H = 0.25 * VCPU_H + 0.5 * GB_H;
// nginx-mixed-fargate (1 CPU, 1750M) was provisioned "1vCPU 2GB" in the seed.
const MIXED_FARGATE_H = 1 * VCPU_H + 2 * GB_H;

const fixture = loadFixture('eksworkshop');
const view = viewOf(fixture);
const prices = pricesFor('ap-southeast-1');
const pods = fixture.objects.pods as KubePod[];
const lookup: PodFactsLookup = (p) => {
  const o = pods.find((x) => x.metadata.uid === p.id);
  return o ? { spec: o.spec, annotations: o.metadata.annotations } : null;
};

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function withProfileStatus(v: ClusterView, name: string, status: string): ClusterView {
  return { ...v, profiles: v.profiles.map((p) => (p.name === name ? { ...p, status } : p)) };
}

describe('previewProfile on the seed cluster', () => {
  it('a profile for test1-ec2nodegroup captures its two nginx pods from the EC2 nodes at the smallest size', () => {
    const p = previewProfile(view, { name: 'test1-fargate', selectors: [{ namespace: 'test1-ec2nodegroup', labels: {} }] }, { prices, lookup });
    expect(p.captured.map((c) => [c.name, c.from.placement, c.capacityProvisioned, c.issues])).toEqual([
      ['nginx-ec2nodegroup-7c9d8f6b54-c9r2x', 'ec2', '0.25vCPU 0.5GB', []],
      ['nginx-ec2nodegroup-7c9d8f6b54-k4w7p', 'ec2', '0.25vCPU 0.5GB', []],
    ]);
    expect(p.captured[0].from.text).toBe('EC2 node ip-172-31-53-43.ap-southeast-1.compute.internal (node group managed-ng)');
    expect(p.captured.every((c) => close(c.hourlyOnFargateUSD, SMALLEST_H))).toBe(true);
    expect(close(p.cost.capturedOnFargateUSD, 2 * SMALLEST_H)).toBe(true);
    // The EC2 nodes keep running: the cluster pays the Fargate price on top.
    expect(close(p.cost.clusterAfterUSD, view.totals.hourlyUSD + 2 * SMALLEST_H)).toBe(true);
    expect(p.deployments).toEqual([{ namespace: 'test1-ec2nodegroup', name: 'nginx-ec2nodegroup', pods: 2 }]);
    expect(p.blocked).toBe(0);
    expect(p.notes.some((n) => n.startsWith('EC2 nodes keep running'))).toBe(true);
  });

  it('first by name: "a-mixed" takes test3-mixed\'s Fargate pods too, "z-mixed" only the EC2 ones', () => {
    const a = previewProfile(view, { name: 'a-mixed', selectors: [{ namespace: 'test3-mixed', labels: {} }] }, { prices, lookup });
    expect(a.captured.map((c) => [c.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''), c.from.text])).toEqual([
      ['nginx-mixed-ec2', 'EC2 node ip-172-31-93-72.ap-southeast-1.compute.internal (node group managed-ng)'],
      ['nginx-mixed-ec2', 'EC2 node ip-172-31-53-43.ap-southeast-1.compute.internal (node group managed-ng)'],
      ['nginx-mixed-fargate', 'Fargate profile test3-mixed'],
      ['nginx-mixed-fargate', 'Fargate profile test3-mixed'],
    ]);
    const moved = a.captured.filter((c) => c.from.placement === 'fargate');
    expect(moved.map((c) => c.capacityProvisioned)).toEqual(['1vCPU 2GB', '1vCPU 2GB']);
    expect(moved.every((c) => close(c.hourlyOnFargateUSD, MIXED_FARGATE_H) && close(c.hourlyNowUSD, MIXED_FARGATE_H))).toBe(true);
    expect(a.shadowed).toEqual([]);

    const z = previewProfile(view, { name: 'z-mixed', selectors: [{ namespace: 'test3-mixed', labels: {} }] }, { prices, lookup });
    expect(z.captured.map((c) => c.from.placement)).toEqual(['ec2', 'ec2']);
    expect(z.shadowed.map((s) => s.winner)).toEqual(['test3-mixed', 'test3-mixed']);
  });

  it('a profile that is not ACTIVE does not capture: test3-mixed CREATING leaves its pods to a new profile', () => {
    const v = withProfileStatus(view, 'test3-mixed', 'CREATING');
    const z = previewProfile(v, { name: 'z-mixed', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }] }, { prices, lookup });
    expect(z.captured.map((c) => c.from.text)).toEqual(['Fargate profile test3-mixed', 'Fargate profile test3-mixed']);
  });

  it('kube-system: DaemonSet pods are left out, CoreDNS and the load balancer controller are captured', () => {
    const p = previewProfile(view, { name: 'system', selectors: [{ namespace: 'kube-system', labels: {} }] }, { prices, lookup });
    expect(p.excluded.map((e) => e.name).sort()).toEqual(['aws-node-j3m5s', 'aws-node-x8vq2', 'kube-proxy-m2l8d', 'kube-proxy-t6h4k']);
    expect(p.captured.map((c) => c.workload?.name).sort()).toEqual(['aws-load-balancer-controller', 'aws-load-balancer-controller', 'coredns', 'coredns']);
    // coredns: 100m / 70Mi + 256 MiB = 326 MiB → 0.25 vCPU / 0.5 GB.
    expect(p.captured.filter((c) => c.workload?.name === 'coredns').map((c) => c.capacityProvisioned)).toEqual(['0.25vCPU 0.5GB', '0.25vCPU 0.5GB']);
  });

  it('says which pods Fargate would refuse and why, and leaves their Deployment out of the restart list', () => {
    const privileged = structuredClone(pods);
    for (const o of privileged) if (o.metadata.namespace === 'test1-ec2nodegroup') o.spec.containers[0].securityContext = { privileged: true };
    const look: PodFactsLookup = (p) => {
      const o = privileged.find((x) => x.metadata.uid === p.id);
      return o ? { spec: o.spec } : null;
    };
    const p = previewProfile(view, { name: 't1', selectors: [{ namespace: 'test1-ec2nodegroup', labels: {} }] }, { prices, lookup: look });
    expect(p.blocked).toBe(2);
    expect(p.captured[0].issues).toEqual(['Pod not supported on Fargate: invalid SecurityContext fields: Privileged (container "nginx-ec2nodegroup")']);
    expect(p.captured[0].hourlyOnFargateUSD).toBe(0);
    expect(p.deployments).toEqual([]);
  });

  it('flags the CoreDNS compute-type annotation that keeps pods on EC2', () => {
    const look: PodFactsLookup = (p) => {
      const o = pods.find((x) => x.metadata.uid === p.id);
      return o ? { spec: o.spec, annotations: { 'eks.amazonaws.com/compute-type': 'ec2' } } : null;
    };
    const p = previewProfile(view, { name: 'system', selectors: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }] }, { prices, lookup: look });
    expect(p.captured).toHaveLength(2);
    expect(p.captured[0].issues[0]).toMatch(/eks\.amazonaws\.com\/compute-type: ec2 keeps the pod off Fargate/);
  });

  it('replace: pods the new profile no longer selects are displaced to EC2, and their Fargate cost goes away', () => {
    const p = previewProfile(view, { name: 'test3-mixed-2', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'ec2' } }] }, { prices, lookup, replacing: 'test3-mixed' });
    expect(p.replacing).toBe('test3-mixed');
    expect(p.captured).toEqual([]);
    expect(p.displaced.map((d) => [d.nextPlacement, d.next])).toEqual([
      ['ec2', 'EC2 (default scheduler), if a node has room; else Pending'],
      ['ec2', 'EC2 (default scheduler), if a node has room; else Pending'],
    ]);
    expect(close(p.cost.clusterAfterUSD, view.totals.hourlyUSD - 2 * MIXED_FARGATE_H)).toBe(true);

    const same = previewProfile(view, { name: 'test3-mixed-2', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }] }, { prices, lookup, replacing: 'test3-mixed' });
    expect(same.captured.map((c) => c.from.text)).toEqual(['Fargate profile test3-mixed', 'Fargate profile test3-mixed']);
    expect(same.displaced).toEqual([]);
    expect(close(same.cost.clusterAfterUSD, view.totals.hourlyUSD)).toBe(true);
  });

  it('without prices, Fargate costs are 0 and a note says why', () => {
    const p = previewProfile(view, { name: 't1', selectors: [{ namespace: 'test1-ec2nodegroup', labels: {} }] }, { prices: null, lookup });
    expect(p.cost.capturedOnFargateUSD).toBe(0);
    expect(p.notes[0]).toBe('No Fargate prices for region ap-southeast-1: costs on Fargate show as $0.');
  });
});

describe('previewDelete', () => {
  it('lists the pods EKS deletes with the profile and where their replacements land', () => {
    const d = previewDelete(view, 'test2-fargate');
    expect(d.status).toBe('ACTIVE');
    expect(d.pods.map((p) => [p.name, p.nextPlacement])).toEqual([
      ['nginx-fargate-pod-75fcf896d5-2qxz9', 'ec2'],
      ['nginx-fargate-pod-75fcf896d5-wpdjl', 'ec2'],
    ]);
    // nginx-fargate-pod: 0.5 CPU / 750M, provisioned "0.5vCPU 1GB" (seed).
    expect(close(d.hourlyUSD, 2 * (0.5 * VCPU_H + 1 * GB_H))).toBe(true);
  });

  it('sends them to another matching profile when there is one', () => {
    const v: ClusterView = {
      ...view,
      profiles: [...view.profiles, { ...view.profiles[0], id: 'zz-all', name: 'zz-all', selectors: [{ namespace: '*', labels: {} }] }],
    };
    expect(previewDelete(v, 'test2-fargate').pods.map((p) => p.next)).toEqual(['Fargate profile zz-all (selector 1)', 'Fargate profile zz-all (selector 1)']);
  });
});

describe('restartPlan', () => {
  it('needs the profile ACTIVE, then lists the Deployments whose pods it now takes', () => {
    const withNew: ClusterView = {
      ...view,
      profiles: [...view.profiles, { ...view.profiles[0], id: 'test1-fargate', name: 'test1-fargate', status: 'CREATING', selectors: [{ namespace: 'test1-ec2nodegroup', labels: {} }] }],
    };
    expect(restartPlan(withNew, 'test1-fargate').blocked).toBe('profile test1-fargate is CREATING: pods move onto it only once it is ACTIVE');
    const active = withProfileStatus(withNew, 'test1-fargate', 'ACTIVE');
    const plan = restartPlan(active, 'test1-fargate');
    expect(plan.blocked).toBeNull();
    expect(plan.targets.map((t) => [t.namespace, t.name, t.pods.length])).toEqual([['test1-ec2nodegroup', 'nginx-ec2nodegroup', 2]]);
    expect(restartPlan(active, 'nope').blocked).toBe('there is no Fargate profile nope in this cluster');
  });

  it('does not restart what already runs on the profile', () => {
    expect(restartPlan(view, 'test2-fargate').targets).toEqual([]);
  });

  it('stamps the pod template like kubectl rollout restart', () => {
    expect(restartPatch('2026-03-26T12:00:00.000Z')).toEqual({
      spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-03-26T12:00:00.000Z' } } } },
    });
  });
});
