import { describe, expect, it } from 'vitest';
import { discountOf, DiscountError, effectiveHourlyUSD, parseDiscounts } from './discounts';
import { costBasis, summarize } from './summary';
import { DEFAULT_QUERY } from './query';
import { apse1, handView } from './test-support/hand-view';

describe('your own discounts', () => {
  it('reads fargate, ec2 and per-family rates', () => {
    expect(parseDiscounts('fargate=20%, ec2=28,m6g=35%')).toEqual({ fargate: 0.2, ec2: 0.28, families: { m6g: 0.35 }, text: 'fargate 20 %, ec2 28 %, m6g 35 %' });
    expect(parseDiscounts(undefined)).toBeNull();
    expect(parseDiscounts('  ')).toBeNull();
  });

  it('refuses what is not a rate, naming the part', () => {
    expect(() => parseDiscounts('fargate=120%')).toThrow(new DiscountError('fargate: 120 % must be at least 0 and below 100'));
    expect(() => parseDiscounts('fargate')).toThrow('"fargate" is not name=percent (e.g. fargate=20%)');
    expect(() => parseDiscounts('M6G=1%')).toThrow(/is not name=percent/);
  });

  it('applies to On-Demand EC2 by family and to Fargate; Spot and the control plane stay at list price', () => {
    const d = parseDiscounts('fargate=20%,ec2=28%,m6g=35%');
    const ec2 = { kind: 'pod' as const, placement: 'ec2' as const, capacityType: 'On-Demand', instanceType: 'm5.large' };
    expect(discountOf(ec2, d)).toBe(0.28);
    expect(discountOf({ ...ec2, instanceType: 'm6g.large' }, d)).toBe(0.35);
    expect(discountOf({ ...ec2, capacityType: 'Spot' }, d)).toBe(0);
    expect(discountOf({ ...ec2, placement: 'fargate', capacityType: 'Fargate', instanceType: null }, d)).toBe(0.2);
    expect(discountOf({ ...ec2, kind: 'cluster', placement: 'other' }, d)).toBe(0);
  });

  it('leaves the EKS Auto Mode management fee at list price: Savings Plans do not cover it', () => {
    const d = parseDiscounts('ec2=25%');
    const line = { kind: 'pod' as const, placement: 'ec2' as const, capacityType: 'On-Demand', instanceType: 'c6a.large', hourlyUSD: 0.11, feeHourlyUSD: 0.01 };
    expect(effectiveHourlyUSD(line, d)).toBeCloseTo(0.1 * 0.75 + 0.01, 12);
    expect(effectiveHourlyUSD(line, null)).toBe(0.11);
  });

  it('changes the effective cost and leaves the list cost', () => {
    const plain = summarize(costBasis(handView(), apse1()), DEFAULT_QUERY);
    const view = handView();
    view.meta.discounts = parseDiscounts('fargate=20%,ec2=25%');
    const s = summarize(costBasis(view, apse1()), DEFAULT_QUERY);
    // The hand view: EC2 0.2112/h (one t3.xlarge, On-Demand) and Fargate 0.18486/h.
    expect(s.total.hourlyUSD).toBeCloseTo(plain.total.hourlyUSD, 12);
    expect(s.total.effectiveHourlyUSD).toBeCloseTo(0.2112 * 0.75 + 0.18486 * 0.8, 9);
    expect(plain.total.effectiveHourlyUSD).toBeCloseTo(plain.total.hourlyUSD, 12);
    expect(s.notes).toContain('Effective figures apply your discounts (fargate 20 %, ec2 25 %) to On-Demand EC2 and Fargate; Spot, the control plane and the EKS Auto Mode fee stay at list price.');
  });
});
