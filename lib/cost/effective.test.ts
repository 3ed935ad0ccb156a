import { describe, expect, it } from 'vitest';
import { parseDiscounts } from './discounts';
import { clusterEffectiveHourlyUSD, nodeEffectiveHourlyUSD, podEffectiveHourlyUSD } from './effective';
import { totalOf } from './group';
import { costLines } from './lines';
import { handView, NODE_A } from './test-support/hand-view';

// The hand view: one On-Demand t3.xlarge at 0.2112/h with two pods on it, and four Fargate pods.
function discounted(over: { fee?: number } = {}) {
  const view = handView();
  view.meta.discounts = parseDiscounts('fargate=20%,ec2=25%,t3=30%');
  if (over.fee !== undefined) {
    const n = view.nodes.find((x) => x.name === NODE_A);
    if (n) {
      n.poolKind = 'auto';
      n.hourlyUSD += over.fee;
      n.feeHourlyUSD = over.fee;
    }
  }
  return view;
}

describe('what you pay after your discounts, one node, one pod, the cluster', () => {
  it('a node at its family’s rate, a pod at its share of its node, a Fargate pod at the Fargate rate', () => {
    const view = discounted();
    const d = view.meta.discounts ?? null;
    const node = view.nodes.find((n) => n.name === NODE_A);
    expect(node && nodeEffectiveHourlyUSD(node, d)).toBeCloseTo(0.2112 * 0.7, 12);
    const web = view.pods.find((p) => p.name === 'web-1');
    expect(web && podEffectiveHourlyUSD(web, node, d)).toBeCloseTo(0.0528 * 0.7, 12);
    const fp = view.pods.find((p) => p.placement === 'fargate');
    expect(fp && podEffectiveHourlyUSD(fp, undefined, d)).toBeCloseTo((fp?.hourlyUSD ?? 0) * 0.8, 12);
  });

  it('the cluster’s total is what its cost lines add up to, also with an Auto Mode fee no discount reaches', () => {
    for (const view of [discounted(), discounted({ fee: 0.02534 })]) {
      const fromLines = totalOf(costLines(view), view.meta.discounts ?? null).effectiveHourlyUSD;
      expect(clusterEffectiveHourlyUSD(view)).toBeCloseTo(fromLines ?? NaN, 8);
    }
    const withFee = discounted({ fee: 0.02534 });
    const node = withFee.nodes.find((n) => n.name === NODE_A);
    expect(node && nodeEffectiveHourlyUSD(node, withFee.meta.discounts ?? null)).toBeCloseTo(0.2112 * 0.7 + 0.02534, 12);
  });

  it('without discounts, every figure is the list price', () => {
    const view = handView();
    expect(clusterEffectiveHourlyUSD(view)).toBe(view.totals.hourlyUSD);
  });
});
