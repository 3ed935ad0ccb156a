import { describe, expect, it } from 'vitest';
import { estimatePod, singleContainerSpec } from './estimate';
import { pricesFor } from './prices';

const Gi = 1024 ** 3;

describe('estimatePod', () => {
  it('the calculator’s e2e case: 1 CPU / 1750M in ap-southeast-1 → 1vCPU 2GB at $0.06162/h', () => {
    const e = estimatePod(singleContainerSpec(1000, 1_750_000_000), pricesFor('ap-southeast-1'));
    expect(e.sizing.capacityProvisioned).toBe('1vCPU 2GB');
    // 1 × 0.05056 + 2 × 0.00553
    expect(e.hourlyUSD).toBeCloseTo(0.06162, 12);
    expect(e.monthlyUSD).toBeCloseTo(44.9826, 9);
    expect(e.storageHourlyUSD).toBe(0);
    expect(e.issues).toEqual([]);
    expect(e.warnings).toEqual([]);
    expect(e.rightSizing.nextSmaller?.capacityProvisioned).toBe('0.5vCPU 2GB');
  });

  it('nothing requested: the default size, and a warning that says so', () => {
    const e = estimatePod(singleContainerSpec(null, null), pricesFor('us-east-1'));
    expect(e.sizing.capacityProvisioned).toBe('0.25vCPU 0.5GB');
    expect(e.warnings).toEqual(['no CPU or memory requests: Fargate gives the smallest size, 0.25vCPU 0.5GB']);
  });

  it('too large: no price, AWS’s reason as an issue', () => {
    const e = estimatePod(singleContainerSpec(17_000, Gi), pricesFor('us-east-1'));
    expect(e.hourlyUSD).toBeNull();
    expect(e.monthlyUSD).toBeNull();
    expect(e.issues[0]).toMatch(/^POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE/);
  });

  it('adds ephemeral storage above 20 GiB where the region has a rate, and warns where it has none', () => {
    const spec = { containers: [{ name: 'a', resources: { requests: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '30Gi' } } }] };
    const east = estimatePod(spec, pricesFor('us-east-1'));
    // 0.25 × 0.04048 + 0.5 × 0.004445 + (30 × 1.1 + 5 − 20 = 18 GiB) × 0.000111
    expect(east.hourlyUSD).toBeCloseTo(0.0123425 + 18 * 0.000111, 12);
    expect(east.storageHourlyUSD).toBeCloseTo(18 * 0.000111, 12);
    const west = estimatePod(spec, pricesFor('eu-west-1'));
    expect(west.storageHourlyUSD).toBeNull();
    // 0.25 × 0.04048 + 0.5 × 0.004445: compute only
    expect(west.hourlyUSD).toBeCloseTo(0.0123425, 12);
    expect(west.warnings).toContain('ephemeral storage billed above the 20 GiB included is not priced: no verified eu-west-1 rate in the price table');
  });
});
