import { describe, expect, it } from 'vitest';
import type { EksCluster } from '../view/aws';
import { costBasis, summarize } from './summary';
import { DEFAULT_QUERY } from './query';
import { controlPlanePrice } from './control-plane';
import { apse1, handView } from './test-support/hand-view';

const cluster = (versionStatus: string | null): EksCluster => ({
  name: 'eksworkshop',
  arn: null,
  version: '1.28',
  platformVersion: 'eks.1',
  status: 'ACTIVE',
  vpcId: null,
  endpoint: null,
  createdAt: '2026-03-25T12:00:00.000Z',
  supportType: 'EXTENDED',
  versionStatus,
  endOfStandardSupport: '2024-11-26T00:00:00.000Z',
});

// Amazon EKS pricing: $0.10 per cluster-hour in standard support, $0.60 in extended support.
describe('the EKS control plane', () => {
  it('costs $0.10/h in standard support and $0.60/h in extended support', () => {
    expect(controlPlanePrice(cluster('STANDARD_SUPPORT'))).toMatchObject({ hourlyUSD: 0.1, support: 'standard' });
    expect(controlPlanePrice(cluster('EXTENDED_SUPPORT'))).toMatchObject({
      hourlyUSD: 0.6,
      support: 'extended',
      text: 'EKS control plane (1.28, extended support)',
      note: 'EKS control plane: $0.60/h, Kubernetes 1.28 being in extended support (standard support, ended 2024-11-26); upgrading to a version in standard support brings it to $0.10/h.',
    });
    expect(controlPlanePrice(cluster('UNSUPPORTED'))?.hourlyUSD).toBe(0.6);
  });

  it('is the standard price, said to be uncertain, when EKS does not say where the version stands', () => {
    expect(controlPlanePrice(cluster(null))).toMatchObject({ hourlyUSD: 0.1, support: 'unknown' });
    expect(controlPlanePrice(null)).toBeNull();
  });

  it('is its own row in every grouping, counted in the total, and left out (with a note) under a namespace filter', () => {
    const view = handView();
    view.meta.controlPlane = controlPlanePrice(cluster('EXTENDED_SUPPORT'));
    const basis = costBasis(view, apse1());
    for (const by of ['namespace', 'pool', 'capacity', 'pod'] as const) {
      const s = summarize(basis, { ...DEFAULT_QUERY, by });
      expect(s.groups.find((g) => g.key === 'cluster')?.hourlyUSD).toBe(0.6);
      // The hand view's EC2 and Fargate come to 0.39606/h.
      expect(s.total.hourlyUSD).toBeCloseTo(0.39606 + 0.6, 9);
    }
    const shop = summarize(basis, { by: 'namespace', ns: 'shop', place: 'all' });
    expect(shop.groups.some((g) => g.key === 'cluster')).toBe(false);
    expect(shop.notes.some((n) => n.startsWith('The EKS control plane ($0.6000/h) is in no namespace'))).toBe(true);
  });
});
