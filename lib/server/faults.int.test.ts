import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../../sim/harness';
import type { ClusterSource } from './cluster-source';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';

// Dropped watches every 2 s, 5 % of requests failing with 500, the watch history forgotten every 5 s (so
// resuming watches get 410 and relist), and churn replacing pods meanwhile.
const FAULTS = 'drop-watch=2s,error=0.05,expire=5s';

let sim: Sim;
let source: ClusterSource;

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 11, churn: 8, faults: FAULTS });
  source = sourceFor(sim);
  source.start();
  await source.ready(20_000);
}, 60_000);

afterAll(async () => {
  await source?.stop();
  await sim?.stop();
});

/** Where the simulator says each pod is: Fargate or EC2 by its node's compute type, Pending when unbound. */
function simulatorPods(): string[] {
  const fargateNodes = new Set(
    sim.ctx.store
      .list('Node')
      .filter((n) => n.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'fargate')
      .map((n) => n.metadata.name),
  );
  return sim.ctx.store
    .list('Pod')
    .map((p) => {
      const node = (p.spec as { nodeName?: string }).nodeName;
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      const placement = node ? (fargateNodes.has(node) ? 'fargate' : 'ec2') : phase === 'Succeeded' || phase === 'Failed' ? 'other' : 'pending';
      return `${p.metadata.uid} ${placement}`;
    })
    .sort();
}

function viewPods(): string[] {
  return source
    .snapshot()
    .view.pods.map((p) => `${p.id} ${p.placement}`)
    .sort();
}

describe('with dropped watches, errors and expired history', () => {
  it('converges to the simulator state: same pods, same placements, no duplicates, no ghosts', async () => {
    const initial = new Set(simulatorPods().map((x) => x.split(' ')[0]));
    // Let churn and faults run for a while (bounded), then stop churn and let the view settle.
    // At least 12 s, and up to 25 s until a relist was seen (a busy machine slows the watch's reconnects).
    const end = Date.now() + 12_000;
    const last = Date.now() + 25_000;
    let relists = 0;
    let lastSeen = '';
    for (let i = 0; i < 300 && (Date.now() < end || (relists < 2 && Date.now() < last)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const st = source.statusOf('pods')?.lastSyncAt ?? '';
      if (st !== lastSeen) {
        relists++;
        lastSeen = st;
      }
    }
    sim.ctx.churn = 0;
    const converged = await waitFor(
      'the view to match the simulator',
      () => {
        const want = simulatorPods();
        const got = viewPods();
        return want.length > 0 && JSON.stringify(want) === JSON.stringify(got) ? got : undefined;
      },
      30_000,
      250,
    );
    const ids = converged.map((x) => x.split(' ')[0]);
    expect(new Set(ids).size).toBe(ids.length);
    // Churn did replace pods meanwhile, so the view followed real changes.
    expect(ids.filter((id) => !initial.has(id)).length).toBeGreaterThan(0);
    // The informer did relist after expired history (each list stamps lastSyncAt).
    expect(relists).toBeGreaterThan(1);
    // And the view is internally consistent: totals agree with the rows.
    const { view } = source.snapshot();
    expect(view.totals.fargate.pods).toBe(view.pods.filter((p) => p.placement === 'fargate').length);
    expect(view.totals.ec2.pods).toBe(view.pods.filter((p) => p.placement === 'ec2').length);
    for (const ns of view.namespaces) expect(ns.podCount).toBe(view.pods.filter((p) => p.namespace === ns.name).length);
  }, 60_000);
});
