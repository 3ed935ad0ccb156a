/**
 * Karpenter's API as the real kubectl sees it: served where the scenario installed Karpenter (the modern
 * cluster), absent where it did not (the seed), with the CRDs' printer columns and discovery facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimContext } from '../context';
import { loadScenario } from '../scenarios';
import { startTestApi, type TestApi } from './test-support/api-server';

let modern: TestApi;
let seed: TestApi;
const cols = (line: string) => line.trim().split(/\s+/);

beforeAll(async () => {
  const ctx = createSimContext({ scenario: 'modern', seed: 5 });
  loadScenario('modern', ctx);
  modern = await startTestApi({ store: ctx.store, now: ctx.now, addons: ctx.addons });
  const plain = createSimContext({ scenario: 'eksworkshop', seed: 5 });
  loadScenario('eksworkshop', plain);
  seed = await startTestApi({ store: plain.store, now: plain.now, addons: plain.addons });
}, 60_000);
afterAll(async () => {
  await modern?.stop();
  await seed?.stop();
});

describe('kubectl and Karpenter', () => {
  it('get nodepools,nodeclaims prints the CRDs’ columns', async () => {
    const pools = await modern.kubectl(['get', 'nodepools']);
    expect(pools.stderr).toBe('');
    const [header, ...rows] = pools.stdout.trimEnd().split('\n');
    expect(cols(header)).toEqual(['NAME', 'NODECLASS', 'NODES', 'READY', 'AGE']);
    expect(rows.map((r) => cols(r).slice(0, 4))).toEqual([
      ['general', 'default', '3', 'True'],
      ['general-purpose', 'default', '2', 'True'],
      ['spot-arm', 'default', '4', 'True'],
      ['spot-x86', 'default', '2', 'True'],
    ]);
    const claims = await modern.kubectl(['get', 'nodeclaims', '-o', 'wide']);
    const [h, ...cl] = claims.stdout.trimEnd().split('\n');
    expect(cols(h)).toEqual(['NAME', 'TYPE', 'CAPACITY', 'ZONE', 'NODE', 'READY', 'AGE', 'IMAGEID', 'ID', 'NODEPOOL', 'NODECLASS']);
    expect(cl).toHaveLength(11);
    const spot = cl.map(cols).filter((c) => c[9] === 'spot-arm');
    expect(spot.every((c) => c[2] === 'spot' && /^(m6g\.large|c6g\.xlarge)$/.test(c[1]) && /^aws:\/\/\/ap-southeast-1[abc]\/i-0[0-9a-f]{16}$/.test(c[8]))).toBe(true);
    // Each claim names a node that exists.
    const nodes = (await modern.kubectl(['get', 'nodes', '-o', 'name'])).stdout;
    for (const c of cl.map(cols)) expect(nodes).toContain(`node/${c[4]}`);
  });

  it('discovery: no short names, the karpenter category, EC2NodeClass’s ec2nc', async () => {
    const r = await modern.kubectl(['api-resources', '--api-group=karpenter.sh', '-o', 'wide']);
    expect(r.stdout).toMatch(/^nodeclaims\s+karpenter\.sh\/v1\s+false\s+NodeClaim\s+\S*list\S*watch\s+karpenter$/m);
    expect(r.stdout).toMatch(/^nodepools\s+karpenter\.sh\/v1\s+false\s+NodePool\s+\S*list\S*watch\s+karpenter$/m);
    expect((await modern.kubectl(['get', 'ec2nc'])).stdout).toMatch(/^default\s+True\s+/m);
    expect((await modern.kubectl(['get', 'karpenter'])).stdout).toContain('nodepool.karpenter.sh/spot-arm');
  });

  it('a cluster without Karpenter has no such resource type', async () => {
    const r = await seed.kubectl(['get', 'nodepools']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the server doesn\'t have a resource type "nodepools"');
  });
});
