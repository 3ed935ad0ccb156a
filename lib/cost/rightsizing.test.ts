import { describe, expect, it } from 'vitest';
import { costBasis, summarize } from './summary';
import { DEFAULT_QUERY } from './query';
import { apse1, handView } from './test-support/hand-view';

describe('right-sizing list', () => {
  const s = summarize(costBasis(handView(), apse1()), DEFAULT_QUERY);

  it('points each Fargate workload at the next size down with its monthly saving, largest first', () => {
    expect(s.rightSizing.map((r) => [r.workload, r.pods])).toEqual([
      ['Deployment/nginx-mixed-fargate', 2],
      ['Deployment/nginx-fargate-pod', 2],
    ]);
    const [mixed, fp] = s.rightSizing;
    // 1 CPU / 1750M on 1vCPU 2GB: 0.5vCPU 2GB holds the memory (1750 MB + 256 MiB = 1924.9 MiB) once 500m of
    // CPU go; it costs 0.5 × 0.05056 + 2 × 0.00553 = 0.03634/h, 0.06162 − 0.03634 = 0.02528/h less per pod.
    expect(mixed.reason).toBe('trim');
    expect(mixed.target).toEqual({ vcpu: 0.5, memoryGiB: 2 });
    expect(mixed.trim).toEqual({ cpuMillis: 500, memoryBytes: 0 });
    expect(mixed.savingHourlyUSD).toBeCloseTo(2 * 0.02528, 9);
    expect(mixed.savingMonthlyUSD).toBeCloseTo(2 * 0.02528 * 730, 6); // $36.9088
    // 2 GiB − (1750 MB + 256 MiB) = 129048192 bytes free for nothing
    expect(mixed.headroom).toEqual({ cpuMillis: 0, memoryBytes: 129_048_192 });

    // 500m / 750M on 0.5vCPU 1GB: 0.25vCPU 1GB (0.01817/h) if CPU drops by 250m: 0.01264/h less per pod,
    // $9.2272/month, $18.4544 for both (the CLI's "saving $9.23/month per pod").
    expect(fp.target).toEqual({ vcpu: 0.25, memoryGiB: 1 });
    expect(fp.trim).toEqual({ cpuMillis: 250, memoryBytes: 0 });
    expect(fp.savingMonthlyUSD).toBeCloseTo(18.4544, 6);
  });

  it('pods billed above what their requests need are listed with no trim', () => {
    const v = handView();
    // The annotation says 2vCPU 4GB, but 500m / 750M needs only 0.5vCPU 1GB (resized after start).
    for (const p of v.pods.filter((x) => x.namespace === 'test2-fargate')) {
      p.billedSize = { vcpu: 2, memoryGiB: 4 };
      p.hourlyUSD = 2 * 0.05056 + 4 * 0.00553; // 0.12324
    }
    const items = summarize(costBasis(v, apse1()), DEFAULT_QUERY).rightSizing;
    const fp = items.find((r) => r.workload === 'Deployment/nginx-fargate-pod')!;
    expect(fp.reason).toBe('billed-above-request');
    expect(fp.target).toEqual({ vcpu: 0.5, memoryGiB: 1 });
    expect(fp.trim).toEqual({ cpuMillis: 0, memoryBytes: 0 });
    // (0.12324 − 0.03081) × 2 pods × 730 h
    expect(fp.savingMonthlyUSD).toBeCloseTo((0.12324 - 0.03081) * 2 * 730, 6);
    expect(items[0]).toBe(fp);
  });

  it('is empty without prices', () => {
    expect(summarize(costBasis(handView(), null), DEFAULT_QUERY).rightSizing).toEqual([]);
  });
});
