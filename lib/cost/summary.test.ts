import { describe, expect, it } from 'vitest';
import { costLines } from './lines';
import { costBasis, summarize } from './summary';
import { apse1, AT, handView, HALF_1G_WASTE, NODE_A, ONE_2G_WASTE } from './test-support/hand-view';
import { DEFAULT_QUERY } from './query';
import type { CostGroup } from './types';

// Sums are kept in whole nano-dollars, so each line may round by half a nano-dollar.
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 8);
const byKey = (groups: CostGroup[]) => new Map(groups.map((g) => [g.key, g]));

describe('cost lines', () => {
  it('adds an idle line per EC2 node: node price minus its pods’ shares', () => {
    const lines = costLines(handView());
    const idle = lines.filter((l) => l.kind === 'idle');
    expect(idle).toHaveLength(1);
    // 0.2112 − 0.0528 (coredns) − 0.0528 (web) = 0.1056
    close(idle[0].hourlyUSD, 0.1056);
    expect(idle[0].node).toBe(NODE_A);
    expect(idle[0].pool).toBe('nodegroup/managed-ng');
    expect(idle[0].capacityType).toBe('On-Demand');
    // 4000m − 3000m requested, 16 GiB − 4 GiB
    expect(idle[0].request).toEqual({ cpuMillis: 1000, memoryBytes: 12 * 1024 ** 3 });
  });

  it('recomputes accrued cost at the summary’s moment from each billing start', () => {
    const lines = new Map(costLines(handView()).map((l) => [l.id, l]));
    close(lines.get('p-coredns')!.accruedUSD, 0.0528 * 4); // 4 h on EC2
    close(lines.get('p-web')!.accruedUSD, 0.0528 * 2);
    close(lines.get('p-fp1')!.accruedUSD, 0.03081); // 3600 s on Fargate
    close(lines.get('p-mx1')!.accruedUSD, 0.06162 * 2);
    expect(lines.get('p-batch')!.accruedUSD).toBe(0); // pending: not billed
    // The node ran 10 h at 0.2112 = 2.112; its pods accrued 0.2112 + 0.1056; the rest was idle.
    close(lines.get(`idle:${NODE_A}`)!.accruedUSD, 2.112 - 0.2112 - 0.1056);
  });

  it('a later moment accrues more', () => {
    const later = costLines(handView(), '2026-03-26T13:00:00.000Z');
    close(later.find((l) => l.id === 'p-web')!.accruedUSD, 0.0528 * 3);
  });
});

describe('summarize', () => {
  const basis = costBasis(handView(), apse1());

  it('groups by namespace with idle capacity as its own row, and the rows add up to the cluster total', () => {
    const s = summarize(basis, DEFAULT_QUERY);
    const g = byKey(s.groups);
    close(g.get('ns:kube-system')!.hourlyUSD, 0.0528);
    close(g.get('ns:shop')!.hourlyUSD, 0.0528);
    expect(g.get('ns:shop')!.pendingPods).toBe(1);
    close(g.get('ns:test2-fargate')!.hourlyUSD, 2 * 0.03081);
    close(g.get('ns:test3-mixed')!.hourlyUSD, 2 * 0.06162);
    expect(g.get('idle')!.idle).toBe(true);
    close(g.get('idle')!.hourlyUSD, 0.1056);
    // 0.2112 for the node + 2 × 0.03081 + 2 × 0.06162 = 0.39606/h; × 730 = 289.1238/month
    close(s.total.hourlyUSD, 0.39606);
    close(s.total.monthlyUSD, 289.1238);
    expect(s.groups.reduce((n, x) => n + Math.round(x.hourlyUSD * 1e9), 0)).toBe(Math.round(s.total.hourlyUSD * 1e9));
    expect(s.total.pods).toBe(7);
    expect(s.at).toBe(AT);
    expect(s.prices?.region).toBe('ap-southeast-1');
    expect(s.prices?.ec2).toEqual({ 't3.xlarge': 0.2112 });
  });

  it('shows Fargate requested vs billed: the waste is billed capacity nobody requested', () => {
    const s = summarize(basis, DEFAULT_QUERY);
    const t2 = byKey(s.groups).get('ns:test2-fargate')!;
    close(t2.fargateHourlyUSD, 0.06162);
    close(t2.wasteHourlyUSD, 2 * HALF_1G_WASTE);
    close(t2.fargateRequestedHourlyUSD, 0.06162 - 2 * HALF_1G_WASTE);
    expect(t2.billedVcpu).toBe(1);
    expect(t2.billedMemoryGiB).toBe(2);
    close(s.total.wasteHourlyUSD, 2 * HALF_1G_WASTE + 2 * ONE_2G_WASTE);
  });

  it('groups by workload, profile, node group and pod', () => {
    const wl = byKey(summarize(basis, { ...DEFAULT_QUERY, by: 'workload' }).groups);
    expect(wl.get('wl:test2-fargate/Deployment/nginx-fargate-pod')!.pods).toBe(2);
    close(wl.get('wl:test3-mixed/Deployment/nginx-mixed-fargate')!.hourlyUSD, 0.12324);

    const fp = byKey(summarize(basis, { ...DEFAULT_QUERY, by: 'profile' }).groups);
    close(fp.get('fp:test2-fargate')!.hourlyUSD, 0.06162);
    close(fp.get('fp:test3-mixed')!.hourlyUSD, 0.12324);
    close(fp.get('side:ec2')!.hourlyUSD, 0.1056); // coredns + web shares
    expect(fp.get('side:pending')!.pods).toBe(1);

    const np = byKey(summarize(basis, { ...DEFAULT_QUERY, by: 'pool' }).groups);
    close(np.get('np:nodegroup/managed-ng')!.hourlyUSD, 0.1056);
    close(np.get('idle:np:nodegroup/managed-ng')!.hourlyUSD, 0.1056);
    close(np.get('side:fargate')!.hourlyUSD, 0.18486);

    // By capacity type: the EC2 On-Demand pods, the node's idle part, and Fargate, adding up to the cluster.
    const cap = byKey(summarize(basis, { ...DEFAULT_QUERY, by: 'capacity' }).groups);
    close(cap.get('cap:On-Demand')!.hourlyUSD, 0.1056);
    close(cap.get('idle:cap:On-Demand')!.hourlyUSD, 0.1056);
    close(cap.get('side:fargate')!.hourlyUSD, 0.18486);

    const pods = summarize(basis, { ...DEFAULT_QUERY, by: 'pod' });
    expect(pods.groups).toHaveLength(8); // 7 pods + the node's idle row
    expect(pods.groups[0].label).toBe(`${NODE_A} — idle capacity`); // the most expensive row first
  });

  it('a namespace filter leaves idle capacity out and says so', () => {
    const s = summarize(basis, { by: 'namespace', ns: 'shop', place: 'all' });
    expect(s.groups.map((g) => g.key)).toEqual(['ns:shop']);
    close(s.total.hourlyUSD, 0.0528);
    expect(s.notes.join(' ')).toMatch(/Idle EC2 capacity \(\$0\.1056\/h\) belongs to no namespace/);
    expect(s.notes.join(' ')).toMatch(/1 pending pod costs nothing until scheduled/);
  });

  it('the Fargate filter keeps only Fargate pods', () => {
    const s = summarize(basis, { by: 'namespace', ns: null, place: 'fargate' });
    close(s.total.hourlyUSD, 0.18486);
    expect(s.total.ec2Pods).toBe(0);
  });

  it('keeps long groupings readable: the cheapest rows become one, and the rows still add up', () => {
    const v = handView();
    const fp = v.pods.find((p) => p.id === 'p-fp1')!;
    for (let i = 0; i < 600; i++) v.pods.push({ ...fp, id: `extra-${i}`, name: `extra-${i}`, hourlyUSD: 0.03081 + i * 1e-6 });
    const s = summarize(costBasis(v, apse1()), { by: 'pod', ns: null, place: 'all' });
    expect(s.groups).toHaveLength(500);
    expect(s.omitted.groups).toBe(608 - 499);
    const more = s.groups[499];
    expect(more.key).toBe('more');
    expect(more.label).toBe('109 more pods (the cheapest; every pod is in the CSV)');
    expect(more.pods).toBe(109);
    expect(s.groups.reduce((n, g) => n + Math.round(g.hourlyUSD * 1e9), 0)).toBe(Math.round(s.total.hourlyUSD * 1e9));
    expect(s.otherSide.length).toBeLessThanOrEqual(200);
  });

  it('names unpriced nodes and regions without prices', () => {
    const v = handView();
    v.nodes[0] = { ...v.nodes[0], instanceType: 'x9.huge', hourlyUSD: 0 };
    const b = costBasis(v, apse1());
    expect(b.notes.join(' ')).toMatch(/1 EC2 node has no price \(x9\.huge not in the ap-southeast-1 table\)/);
    expect(costBasis(handView(), null).notes.join(' ')).toMatch(/No price table for region ap-southeast-1/);
  });
});
