import { describe, expect, it } from 'vitest';
import { compareReports, comparisonSpan, priceChanges } from './compare';
import { buildCostReport } from './report';
import { costBasis } from './summary';
import { apse1, handView } from './test-support/hand-view';
import type { CostQuery } from './types';

const meta = { context: 'eksworkshop', clusterName: 'eksworkshop', region: 'ap-southeast-1' };
const q: CostQuery = { by: 'namespace', ns: null, place: 'all' };

function report(mutate: (v: ReturnType<typeof handView>) => void = () => undefined, prices = apse1()) {
  const v = handView();
  mutate(v);
  return buildCostReport(costBasis(v, prices), q, meta);
}

describe('compare two reports', () => {
  const before = report();

  it('says a group grew because it has more pods', () => {
    const after = report((v) => {
      const p = v.pods.find((x) => x.id === 'p-fp1')!;
      v.pods.push({ ...p, id: 'p-fp3', name: 'nginx-fargate-pod-3' });
    });
    const c = compareReports(before, after);
    const t2 = c.groups.find((g) => g.key === 'ns:test2-fargate')!;
    expect(t2.before).toEqual({ units: 2, hourlyUSD: 0.06162 });
    expect(t2.after).toEqual({ units: 3, hourlyUSD: 0.09243 });
    expect(t2.deltaHourlyUSD).toBeCloseTo(0.03081, 9);
    expect(t2.deltaMonthlyUSD).toBeCloseTo(0.03081 * 730, 6);
    expect(t2.effects).toEqual({ count: 0.03081, size: 0, price: 0 });
    expect(t2.reasons).toEqual(['more pods: 2 → 3 (+$0.0308/h)']);
    expect(c.groups[0]).toBe(t2); // the largest change first
    expect(c.groups.find((g) => g.key === 'ns:shop')!.reasons).toEqual(['no change']);
    expect(c.total.reasons).toEqual(['pods 7 → 8', 'EC2 nodes 1 → 1']);
  });

  it('says a group grew because its pods got bigger sizes', () => {
    const after = report((v) => {
      for (const p of v.pods.filter((x) => x.namespace === 'test3-mixed')) {
        p.billedSize = { vcpu: 2, memoryGiB: 4 };
        p.hourlyUSD = 0.12324; // 2 × 0.05056 + 4 × 0.00553
      }
    });
    const t3 = compareReports(before, after).groups.find((g) => g.key === 'ns:test3-mixed')!;
    // 2 × (0.12324 − 0.06162)
    expect(t3.deltaHourlyUSD).toBeCloseTo(0.12324, 9);
    expect(t3.effects.size).toBeCloseTo(0.12324, 9);
    expect(t3.effects.count).toBe(0);
    expect(t3.reasons).toEqual(['bigger sizes or requests: Fargate sizes 2 × 1vCPU 2GB → 2 × 2vCPU 4GB (+$0.1232/h)']);
  });

  it('separates a price change from everything else', () => {
    // The same pods, priced with us-east-1's Fargate rates ($0.04048 per vCPU-hour, $0.004445 per GB-hour).
    const cheaper = { ...apse1(), fargateVcpuHour: 0.04048, fargateGbHour: 0.004445 };
    const after = report((v) => {
      for (const p of v.pods.filter((x) => x.placement === 'fargate')) {
        const s = p.billedSize!;
        p.hourlyUSD = s.vcpu * 0.04048 + s.memoryGiB * 0.004445;
      }
    }, cheaper);
    const c = compareReports(before, after);
    const t2 = c.groups.find((g) => g.key === 'ns:test2-fargate')!;
    // 2 × (0.5 × 0.04048 + 1 × 0.004445) = 0.04937 against 0.06162: −0.01225/h, all of it price
    expect(t2.deltaHourlyUSD).toBeCloseTo(-0.01225, 9);
    expect(t2.effects.price).toBeCloseTo(-0.01225, 9);
    expect(t2.effects.count).toBe(0);
    expect(t2.effects.size).toBeCloseTo(0, 9);
    expect(t2.reasons).toEqual(['price change (−$0.0123/h)']);
    expect(c.priceChanges).toEqual(['Fargate per vCPU-hour $0.05056 → $0.04048', 'Fargate per GB-hour $0.00553 → $0.004445']);
  });

  it('new and gone groups, idle capacity, and the effects always add up to the change', () => {
    const after = report((v) => {
      v.pods = v.pods.filter((p) => p.namespace !== 'kube-system');
      v.pods.push({ ...v.pods.find((p) => p.id === 'p-web')!, id: 'p-api', namespace: 'api', name: 'api-1', workload: { kind: 'Deployment', name: 'api' } });
    });
    const c = compareReports(before, after);
    expect(c.groups.find((g) => g.key === 'ns:kube-system')!.reasons).toEqual(['gone: 1 pod (−$0.0528/h)']);
    expect(c.groups.find((g) => g.key === 'ns:api')!.reasons).toEqual(['new: 1 pod (+$0.0528/h)']);
    for (const g of [...c.groups, c.total]) {
      const sum = Math.round(g.effects.price * 1e9) + Math.round(g.effects.count * 1e9) + Math.round(g.effects.size * 1e9);
      expect(sum).toBe(Math.round(g.deltaHourlyUSD * 1e9));
    }
  });

  it('regroups both reports under another grouping and notes differing filters', () => {
    const other = buildCostReport(costBasis(handView(), apse1()), { by: 'workload', ns: 'shop', place: 'all' }, meta);
    const c = compareReports(before, other, 'profile');
    expect(c.by).toBe('profile');
    expect(c.notes).toEqual(['The reports cover different pods: before all namespaces; after namespace shop.']);
  });

  it('lists EC2 price changes by instance type', () => {
    const a = { region: 'x', source: 's', date: '2026-01-01', fargateVcpuHour: 1, fargateGbHour: 1, ec2: { 't3.xlarge': 0.1664 }, unverified: [] };
    expect(priceChanges(a, { ...a, date: '2026-08-21', ec2: { 't3.xlarge': 0.2112 } })).toEqual(['price table read 2026-01-01 → 2026-08-21', 't3.xlarge $0.1664/h → $0.2112/h']);
  });
});

describe('comparisonSpan', () => {
  it('says how far apart the two reports are', () => {
    const base = { by: 'namespace' as const, groups: [], total: {} as never, priceChanges: [], notes: [] };
    const side = (at: string) => ({ context: 'c', at, filters: '', prices: null });
    expect(comparisonSpan({ ...base, before: side('2026-03-26T12:00:00Z'), after: side('2026-03-26T12:00:02Z') })).toBe('2026-03-26 12:00:00 UTC → 2026-03-26 12:00:02 UTC (2s later)');
    expect(comparisonSpan({ ...base, before: side('2026-03-26T12:00:00Z'), after: side('2026-03-26T13:05:00Z') })).toBe('2026-03-26 12:00:00 UTC → 2026-03-26 13:05:00 UTC (1h05m later)');
  });
});
