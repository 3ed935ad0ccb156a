import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimContext, type SimContext } from '../context';
import { loadScenario } from '../scenarios';
import type { Obj } from '../store';
import { startControllers } from '.';
import { phase, waitFor } from './test-support/workloads';

// Karpenter on the modern scenario at speed 200: pods the default scheduler cannot place get a node from the NodePool
// their nodeSelector admits; nodes left empty go away after the pool's consolidateAfter.

let ctx: SimContext;
let controllers: { stop(): void };

beforeEach(() => {
  ctx = createSimContext({ scenario: 'modern', speed: 200, seed: 5 });
  loadScenario('modern', ctx);
  controllers = startControllers(ctx);
});
afterEach(() => controllers.stop());

const poolNodes = (pool: string) => ctx.store.list('Node').filter((n) => n.metadata.labels?.['karpenter.sh/nodepool'] === pool);
const workers = () => ctx.store.list('Pod', 'analytics');
const scale = (ns: string, name: string, replicas: number) =>
  ctx.store.mutate('Deployment', ns, name, (d) => {
    (d.spec as { replicas: number }).replicas = replicas;
  });
const nodeOf = (p: Obj) => (p.spec as { nodeName?: string }).nodeName ?? '';

describe('Karpenter provisioning and consolidation', () => {
  it('launches Spot Graviton nodes for Spot arm64 pods that fit nowhere, and the pods run there', async () => {
    const before = new Set(poolNodes('spot-arm').map((n) => n.metadata.name));
    expect(before.size).toBe(4);
    scale('analytics', 'worker', 200);
    const all = await waitFor('200 running workers', () => {
      const ps = workers();
      return ps.length === 200 && ps.every((p) => phase(p) === 'Running') && ps;
    }, 30_000);
    const added = poolNodes('spot-arm').filter((n) => !before.has(n.metadata.name));
    expect(added.length).toBeGreaterThan(0);
    for (const n of added) {
      expect(n.metadata.labels).toMatchObject({ 'karpenter.sh/capacity-type': 'spot', 'kubernetes.io/arch': 'arm64' });
      expect(['m6g.large', 'c6g.xlarge']).toContain(n.metadata.labels?.['node.kubernetes.io/instance-type']);
    }
    // Every worker runs on a Spot arm64 node, as its nodeSelector asks, new nodes included.
    const armNodes = new Set(poolNodes('spot-arm').map((n) => n.metadata.name));
    expect(all.every((p) => armNodes.has(nodeOf(p)))).toBe(true);
    expect(all.some((p) => added.some((n) => n.metadata.name === nodeOf(p)))).toBe(true);
    // Each new node has its NodeClaim, and the pool's status counts it.
    const claims = ctx.store.list('NodeClaim').filter((c) => c.metadata.labels?.['karpenter.sh/nodepool'] === 'spot-arm');
    expect(claims).toHaveLength(armNodes.size);
    const status = ctx.store.get('NodePool', null, 'spot-arm')?.status as { resources: { nodes: string } };
    expect(Number(status.resources.nodes)).toBe(armNodes.size);
    const nominated = ctx.store.list('Event', 'analytics').filter((e) => (e as unknown as { reason: string }).reason === 'Nominated');
    expect(nominated.length).toBeGreaterThan(0);
  });

  it('removes nodes left empty after the pool’s consolidateAfter, with their claims', async () => {
    scale('analytics', 'worker', 0);
    await waitFor('no spot-arm node left', () => poolNodes('spot-arm').length === 0, 30_000);
    expect(ctx.store.list('NodeClaim').filter((c) => c.metadata.labels?.['karpenter.sh/nodepool'] === 'spot-arm')).toHaveLength(0);
    // The other pools keep their busy nodes; the managed node group is not Karpenter's to remove.
    expect(poolNodes('general')).toHaveLength(3);
    expect(ctx.store.list('Node').filter((n) => n.metadata.labels?.['eks.amazonaws.com/nodegroup'] === 'system')).toHaveLength(2);
  });
});

describe('Spot interruptions', () => {
  it('takes a Spot node away now and then; its pods come back on capacity Karpenter replaces', async () => {
    controllers.stop();
    ctx = createSimContext({ scenario: 'modern', speed: 600, seed: 6, spotInterruptions: 1 });
    loadScenario('modern', ctx);
    const spotBefore = new Set(ctx.store.list('Node').filter((n) => n.metadata.labels?.['karpenter.sh/capacity-type'] === 'spot').map((n) => n.metadata.name));
    controllers = startControllers(ctx);
    await waitFor('a Spot interruption', () => ctx.store.list('Event').some((e) => (e as unknown as { reason: string }).reason === 'SpotInterrupted'), 30_000);
    const gone = [...spotBefore].filter((name) => !ctx.store.get('Node', null, name));
    expect(gone.length).toBeGreaterThan(0);
    // Every worker and cache pod runs again, on a Spot node of its pool.
    await waitFor('the interrupted pods running again', () => {
      const ps = [...ctx.store.list('Pod', 'analytics'), ...ctx.store.list('Pod', 'web').filter((p) => p.metadata.labels?.app === 'cache')];
      return ps.length === 110 && ps.every((p) => phase(p) === 'Running' && !gone.includes(nodeOf(p))) && ps;
    }, 30_000);
  });
});
