import { describe, expect, it } from 'vitest';
import {
  billedSeconds,
  costForSeconds,
  ec2HourlyUSD,
  billedEphemeralGiB,
  ephemeralHourlyUSD,
  provisionedEphemeralBytes,
  fargateHourlyUSD,
  HOURS_PER_MONTH,
  knownRegions,
  monthlyUSD,
  pricesFor,
  UnknownRegionError,
} from './prices';
import table from './prices.json';

const Gi = 1024 ** 3;

describe('the price table', () => {
  it('covers the regions of docs/fargate-facts.md §4', () => {
    expect(knownRegions()).toEqual(['ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'sa-east-1', 'us-east-1', 'us-west-2']);
  });

  // The figures of the facts table, per region: vCPU-hour, GB-hour, ephemeral GB-hour (null = unverified).
  it.each<[string, number, number, number | null]>([
    ['us-east-1', 0.04048, 0.004445, 0.000111],
    ['us-west-2', 0.04048, 0.004445, 0.000111],
    ['eu-west-1', 0.04048, 0.004445, null],
    ['ap-southeast-1', 0.05056, 0.00553, null],
    ['ap-northeast-1', 0.05056, 0.00553, 0.000133],
    ['eu-central-1', 0.04656, 0.00511, null],
    ['eu-west-2', 0.04656, 0.00511, 0.000129],
    ['ap-south-1', 0.04256, 0.00467, null],
    ['sa-east-1', 0.0696, 0.00765, null],
  ])('%s: Fargate %f / vCPU-h, %f / GB-h, storage %s', (region, vcpu, gb, storage) => {
    const p = pricesFor(region);
    expect(p.region).toBe(region);
    expect(p.fargateVcpuHour).toBe(vcpu);
    expect(p.fargateGbHour).toBe(gb);
    expect(p.fargateEphemeralGbHour).toBe(storage);
    expect(p.source.length).toBeGreaterThan(20);
    expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each<[string, string, number | null]>([
    ['us-east-1', 't3.medium', 0.0416],
    ['us-east-1', 't3.large', 0.0832],
    ['us-east-1', 't3.xlarge', 0.1664],
    ['us-east-1', 'm5.large', 0.096],
    ['us-east-1', 'm5.xlarge', 0.192],
    ['us-east-1', 'm6i.large', 0.096],
    ['us-east-1', 'c5.large', 0.085],
    ['ap-southeast-1', 't3.xlarge', 0.2112], // the seed cluster's node type
    ['ap-southeast-1', 'm5.large', 0.12],
    ['ap-southeast-1', 'c5.large', null], // tables conflict: left out
    ['eu-west-1', 't3.medium', 0.0456],
    ['eu-west-1', 'm5.xlarge', 0.214],
    ['eu-west-1', 'm6i.large', null],
    ['ap-northeast-1', 't3.xlarge', 0.2176],
    ['ap-northeast-1', 'c5.large', 0.107],
    ['us-west-2', 'm5.xlarge', 0.192],
    ['eu-central-1', 't3.medium', 0.048],
    ['ap-south-1', 'm5.large', 0.101],
    ['sa-east-1', 'm5.large', 0.153],
    ['us-east-1', 'x9.mega', null],
    ['us-east-1', 'constructor', null],
  ])('EC2 %s %s → %s', (region, type, price) => {
    expect(ec2HourlyUSD(type, pricesFor(region))).toBe(price);
  });

  it('marks unverified figures', () => {
    for (const r of ['ap-south-1', 'sa-east-1']) expect(pricesFor(r).unverified).toEqual(['fargateVcpuHour', 'fargateGbHour', 'ec2']);
    expect(pricesFor('eu-central-1').unverified).toEqual(['ec2']);
    expect(pricesFor('us-east-1').unverified).toEqual([]);
    expect(pricesFor('ap-southeast-1').unverified).toContain('ec2');
    expect(pricesFor('ap-southeast-1').notes).toMatch(/unverified/);
    expect(pricesFor('ap-northeast-1').notes).toMatch(/extrapolated/);
    expect(pricesFor('eu-west-2').unverified).toContain('fargateVcpuHour');
  });

  it('every region in prices.json has a source, an ISO date and positive rates', () => {
    expect(table.version).toBeGreaterThanOrEqual(1);
    for (const [region, r] of Object.entries(table.regions)) {
      expect(r.source, region).toBeTruthy();
      expect(Number.isNaN(Date.parse(r.date)), region).toBe(false);
      expect(r.fargateVcpuHour, region).toBeGreaterThan(0);
      expect(r.fargateGbHour, region).toBeGreaterThan(0);
      for (const v of Object.values(r.ec2 as Record<string, number>)) expect(v).toBeGreaterThan(0);
    }
  });

  it('hands out copies: editing one does not change the table', () => {
    const p = pricesFor('us-east-1');
    p.ec2['t3.medium'] = 99;
    expect(pricesFor('us-east-1').ec2['t3.medium']).toBe(0.0416);
  });
});

describe('regions', () => {
  it('forgives case and spaces', () => {
    expect(pricesFor(' AP-SOUTHEAST-1 ').region).toBe('ap-southeast-1');
  });

  it('refuses an unknown region and lists the known ones', () => {
    let err: unknown;
    try {
      pricesFor('eu-north-1');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnknownRegionError);
    expect((err as UnknownRegionError).region).toBe('eu-north-1');
    expect((err as Error).message).toBe(
      'no prices for region "eu-north-1"; known regions: ap-northeast-1, ap-south-1, ap-southeast-1, eu-central-1, eu-west-1, eu-west-2, sa-east-1, us-east-1, us-west-2',
    );
    expect(() => pricesFor('__proto__')).toThrow(UnknownRegionError);
    expect(() => pricesFor('')).toThrow(UnknownRegionError);
  });
});

describe('fargateHourlyUSD (hand-computed from the table)', () => {
  it.each<[string, number, number, number]>([
    // 0.25 × 0.04048 + 0.5 × 0.004445 = 0.01012 + 0.0022225
    ['us-east-1', 0.25, 0.5, 0.0123425],
    // 0.5 × 0.04048 + 1 × 0.004445 = 0.02024 + 0.004445
    ['us-east-1', 0.5, 1, 0.024685],
    // the seed's nginx-mixed-fargate: 1 × 0.05056 + 2 × 0.00553 = 0.06162
    ['ap-southeast-1', 1, 2, 0.06162],
    // the seed's nginx-fargate-pod: 0.5 × 0.05056 + 1 × 0.00553 = 0.03081
    ['ap-southeast-1', 0.5, 1, 0.03081],
    // eks-node-viewer#194 list price: 0.25 × 0.04656 + 1 × 0.00511 = 0.01675
    ['eu-central-1', 0.25, 1, 0.01675],
    // OpenCost PR #3478 example: 0.25 × 0.05056 + 1 × 0.00553 = 0.01817
    ['ap-northeast-1', 0.25, 1, 0.01817],
    // 2 × 0.04048 + 9 × 0.004445 = 0.08096 + 0.040005
    ['us-east-1', 2, 9, 0.120965],
  ])('%s %f vCPU %f GB → $%f/h', (region, vcpu, memoryGiB, expected) => {
    expect(fargateHourlyUSD({ vcpu, memoryGiB }, pricesFor(region))).toBeCloseTo(expected, 10);
  });

  it('matches the us-west-2 estimate goldens: 0.25 vCPU × 730 h = $7.39, 0.5 GB × 730 h = $1.62', () => {
    const p = pricesFor('us-west-2');
    expect(Math.round(0.25 * p.fargateVcpuHour * HOURS_PER_MONTH * 100) / 100).toBe(7.39);
    expect(Math.round(0.5 * p.fargateGbHour * HOURS_PER_MONTH * 100) / 100).toBe(1.62);
  });

  it('a month is 730 hours', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(monthlyUSD(0.06162)).toBeCloseTo(44.9826, 10);
  });
});

describe('ephemeral storage', () => {
  const east = pricesFor('us-east-1');
  // Provisioned = requests + 10 % + 5 GiB, at least 20 GiB, at most 175 GiB; billed = provisioned − 20 GiB in whole
  // GiB (AWS blog: 2 × 50 GiB → 115 GiB provisioned, 95 GiB billed).
  it.each<[string, number, number, number]>([
    ['none: the plain 20 GiB', 0, 20 * Gi, 0],
    ['10 GiB: 16 GiB by the formula, so 20 GiB and nothing billed', 10 * Gi, 20 * Gi, 0],
    ['the blog example, 100 GiB: 115 GiB provisioned, 95 GiB billed', 100 * Gi, 115 * Gi, 95],
    ['15 GiB: 21.5 GiB provisioned, 2 GiB billed', 15 * Gi, 21.5 * Gi, 2],
    ['30 GiB: 38 GiB provisioned, 18 GiB billed', 30 * Gi, 38 * Gi, 18],
    ['170 GiB: capped at 175 GiB, 155 GiB billed', 170 * Gi, 175 * Gi, 155],
  ])('%s', (_, requested, provisioned, billed) => {
    expect(provisionedEphemeralBytes(requested)).toBeCloseTo(provisioned, 0);
    expect(billedEphemeralGiB(requested)).toBe(billed);
    expect(ephemeralHourlyUSD(requested, east)).toBeCloseTo(billed * 0.000111, 12);
  });

  it('is added to the compute price', () => {
    expect(fargateHourlyUSD({ vcpu: 0.25, memoryGiB: 0.5 }, east, 30 * Gi)).toBeCloseTo(0.0123425 + 18 * 0.000111, 12);
  });

  it('is null where the region has no verified rate, and the compute price stands alone', () => {
    const west = pricesFor('eu-west-1');
    expect(ephemeralHourlyUSD(30 * Gi, west)).toBeNull();
    expect(ephemeralHourlyUSD(10 * Gi, west)).toBe(0);
    expect(fargateHourlyUSD({ vcpu: 0.5, memoryGiB: 1 }, west, 30 * Gi)).toBeCloseTo(0.024685, 12);
  });
});

describe('per-second billing', () => {
  it('rounds up to the second with a one-minute minimum', () => {
    expect(billedSeconds(0, 500)).toBe(60);
    expect(billedSeconds(0, 61_200)).toBe(62);
    expect(billedSeconds(1000, 1000 + 3_600_000)).toBe(3600);
    expect(billedSeconds(0, 200, { minimumSeconds: 0 })).toBe(1);
    expect(billedSeconds(5000, 0, { minimumSeconds: 0 })).toBe(0);
  });

  it('prices seconds at the hourly rate', () => {
    expect(costForSeconds(0.06162, 3600)).toBeCloseTo(0.06162, 12);
    expect(costForSeconds(0.06162, 60)).toBeCloseTo(0.06162 / 60, 12);
  });
});
