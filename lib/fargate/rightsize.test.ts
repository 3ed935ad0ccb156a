import { describe, expect, it } from 'vitest';
import { pricesFor } from './prices';
import { rightSize } from './rightsize';
import { sizePod } from './sizing';

const Mi = 1024 ** 2;

const sized = (cpu: string, memory?: string) =>
  sizePod({ containers: [{ name: 'app', resources: { requests: memory ? { cpu, memory } : { cpu } } }] });

describe('rightSize', () => {
  it('1 CPU / 1750M on 1vCPU 2GB (ap-southeast-1): 123 MiB free; 0.5vCPU 2GB if CPU drops by 500m', () => {
    const r = rightSize(sized('1', '1750M'), pricesFor('ap-southeast-1'));
    // 2 GiB − (1750 000 000 + 256 MiB) = 2147483648 − 2018435456
    expect(r.headroom).toEqual({ cpuMillis: 0, memoryBytes: 129_048_192 });
    expect(r.nextSmaller?.capacityProvisioned).toBe('0.5vCPU 2GB');
    expect(r.nextSmaller?.size).toEqual({ vcpu: 0.5, memoryGiB: 2 });
    expect(r.nextSmaller?.trim).toEqual({ cpuMillis: 500, memoryBytes: 0 });
    // (0.06162 − (0.5 × 0.05056 + 2 × 0.00553)) × 730 = 0.02528 × 730
    expect(r.nextSmaller?.savingMonthlyUSD).toBeCloseTo(18.4544, 8);
  });

  it('1 CPU / 8Gi on 2vCPU 9GB (us-east-1): a whole vCPU free; 1vCPU 8GB if memory drops by 256 MiB', () => {
    const r = rightSize(sized('1', '8Gi'), pricesFor('us-east-1'));
    expect(r.headroom).toEqual({ cpuMillis: 1000, memoryBytes: 768 * Mi });
    expect(r.nextSmaller?.capacityProvisioned).toBe('1vCPU 8GB');
    expect(r.nextSmaller?.trim).toEqual({ cpuMillis: 0, memoryBytes: 256 * Mi });
    // (2 × 0.04048 + 9 × 0.004445) − (0.04048 + 8 × 0.004445) = 0.04048 + 0.004445 = 0.044925 per hour
    expect(r.nextSmaller?.savingMonthlyUSD).toBeCloseTo(0.044925 * 730, 8);
  });

  it('an exact fit has no headroom; the next size down costs a whole vCPU', () => {
    const r = rightSize(sized('2', '3.75Gi'), pricesFor('us-east-1'));
    expect(r.headroom).toEqual({ cpuMillis: 0, memoryBytes: 0 });
    expect(r.nextSmaller?.capacityProvisioned).toBe('1vCPU 4GB');
    expect(r.nextSmaller?.trim).toEqual({ cpuMillis: 1000, memoryBytes: 0 });
    expect(r.nextSmaller?.savingMonthlyUSD).toBeCloseTo(0.04048 * 730, 8);
  });

  it('the smallest size has nowhere to go', () => {
    const r = rightSize(sized('100m'), pricesFor('us-east-1'));
    expect(r.headroom).toEqual({ cpuMillis: 150, memoryBytes: 256 * Mi });
    expect(r.nextSmaller).toBeNull();
  });

  it('a pod too large for Fargate gets no headroom and no hint', () => {
    expect(rightSize(sized('20', '1Gi'), pricesFor('us-east-1'))).toEqual({ headroom: { cpuMillis: 0, memoryBytes: 0 }, nextSmaller: null });
  });
});
