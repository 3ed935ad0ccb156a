import { describe, expect, it } from 'vitest';
import { pricesFor } from '../fargate/prices';
import type { LivePrices } from '../view/aws';
import { effectivePrices, nodePrice } from './node-price';

const table = pricesFor('ap-southeast-1');
const live = (over: Partial<LivePrices> = {}): LivePrices => ({
  region: 'ap-southeast-1',
  fargate: null,
  onDemand: {},
  autoModeFee: {},
  listAt: null,
  spot: {},
  spotAt: null,
  problems: [],
  ...over,
});

describe('the prices in use', () => {
  it('is the bundled table until AWS answers', () => {
    expect(effectivePrices(table, null)).toBe(table);
  });

  it('takes Fargate rates and On-Demand prices from the Price List, keeps the table for what it did not list, and says so', () => {
    const p = effectivePrices(table, live({ fargate: { vcpuHour: 0.05056, gbHour: 0.00553, ephemeralGbHour: 0.000122 }, onDemand: { 'm6g.large': 0.0963 }, listAt: '2026-12-03T10:40:00.000Z' }));
    expect(p?.fargateEphemeralGbHour).toBe(0.000122);
    expect(p?.ec2['m6g.large']).toBe(0.0963);
    expect(p?.ec2['t3.medium']).toBe(table.ec2['t3.medium']);
    expect(p?.origin).toMatchObject({ list: 'api', listAt: '2026-12-03T10:40:00.000Z', tableDate: '2026-08-21', apiInstanceTypes: ['m6g.large'] });
    // The ephemeral storage rate came from AWS: no longer unverified.
    expect(p?.unverified).not.toContain('fargateEphemeralGbHour');
  });
});

describe('what an EC2 node costs', () => {
  const prices = effectivePrices(
    table,
    live({ onDemand: { 'm6g.large': 0.0963, 'm5.large': 0.12 }, listAt: '2026-12-03T10:40:00.000Z', spot: { 'ap-southeast-1a/m6g.large': 0.0295 }, spotAt: '2026-12-03T10:41:00.000Z' }),
  );

  it('a Spot node costs the Spot price of its zone and type, not On-Demand', () => {
    const p = nodePrice({ instanceType: 'm6g.large', zone: 'ap-southeast-1a', capacityType: 'SPOT' }, prices);
    expect(p).toMatchObject({ hourlyUSD: 0.0295, basis: 'spot', from: 'api' });
    expect(p.text).toBe('Spot price in ap-southeast-1a, EC2 spot price history at 10:41 UTC');
  });

  it('a Spot node whose Spot price is unknown is shown at On-Demand, an upper bound, and says so', () => {
    const p = nodePrice({ instanceType: 'm6g.large', zone: 'ap-southeast-1b', capacityType: 'SPOT' }, prices);
    expect(p).toMatchObject({ hourlyUSD: 0.0963, basis: 'on-demand' });
    expect(p.text).toMatch(/^Spot price unknown for ap-southeast-1b: On-Demand shown, an upper bound; AWS Price List API at 10:40 UTC$/);
  });

  it('an On-Demand node costs its list price, from the API or, where the API listed none, from the table with its date', () => {
    expect(nodePrice({ instanceType: 'm5.large', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND' }, prices)).toMatchObject({ hourlyUSD: 0.12, from: 'api' });
    const t3 = nodePrice({ instanceType: 't3.medium', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND' }, prices);
    expect(t3).toMatchObject({ hourlyUSD: 0.0528, from: 'table', text: 'On-Demand, bundled table of 2026-08-21' });
  });

  it('with the Price List denied, the table is used and the reason is given', () => {
    const denied = effectivePrices(table, live({ problems: ['pricing: AccessDeniedException: not authorized to perform pricing:GetProducts'] }));
    const p = nodePrice({ instanceType: 'm5.large', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND' }, denied);
    expect(p).toMatchObject({ hourlyUSD: 0.12, from: 'table' });
    expect(p.text).toBe('On-Demand, bundled table of 2026-08-21 (pricing: AccessDeniedException: not authorized to perform pricing:GetProducts)');
    expect(denied?.origin?.list).toBe('table');
  });

  it('an unknown type has no price, and reserved capacity is shown at the list price with a word of warning', () => {
    expect(nodePrice({ instanceType: 'x9.huge', zone: null, capacityType: null }, prices).hourlyUSD).toBeNull();
    expect(nodePrice({ instanceType: 'm5.large', zone: null, capacityType: 'CAPACITY_BLOCK' }, prices).text).toMatch(/^reserved capacity shown at the On-Demand list price/);
  });

  it('an EKS Auto Mode node costs its instance plus the management fee the Price List gives its type', () => {
    const withFee = effectivePrices(table, live({ onDemand: { 'c6a.large': 0.0918 }, autoModeFee: { 'c6a.large': 0.01102 }, listAt: '2026-12-03T10:40:00.000Z' }));
    const p = nodePrice({ instanceType: 'c6a.large', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND', poolKind: 'auto' }, withFee);
    expect(p).toMatchObject({ hourlyUSD: 0.10282, feeUSD: 0.01102, from: 'api' });
    expect(p.text).toBe('On-Demand, AWS Price List API at 10:40 UTC; plus the EKS Auto Mode management fee $0.01102/h, AWS Price List API at 10:40 UTC');
    // The same instance in a Karpenter pool pays no fee.
    expect(nodePrice({ instanceType: 'c6a.large', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND', poolKind: 'karpenter' }, withFee)).toMatchObject({ hourlyUSD: 0.0918, feeUSD: 0 });
  });

  it('an Auto Mode node whose fee is not known is priced without it, and says why', () => {
    const listed = nodePrice({ instanceType: 'm5.large', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND', poolKind: 'auto' }, prices);
    expect(listed).toMatchObject({ hourlyUSD: 0.12, feeUSD: 0 });
    expect(listed.text).toMatch(/; EKS Auto Mode management fee not included: the Price List lists none for m5\.large$/);
    const denied = nodePrice({ instanceType: 'm5.large', zone: 'ap-southeast-1a', capacityType: 'ON_DEMAND', poolKind: 'auto' }, effectivePrices(table, live({ problems: ['pricing: AccessDeniedException'] })));
    expect(denied.text).toMatch(/; EKS Auto Mode management fee not included: the Price List did not answer$/);
  });
});
