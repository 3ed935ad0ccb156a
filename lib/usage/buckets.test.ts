import { describe, expect, it } from 'vitest';
import { BucketAccumulator, bucketStartMs } from './buckets';
import type { PodUsage } from './types';

const MI = 1024 * 1024;
const sample = (name: string, timestamp: string, cpuMilli: number, memMi: number, container = 'app'): PodUsage => ({
  namespace: 'shop',
  name,
  timestamp,
  windowSeconds: 15,
  cpuMilli,
  memoryBytes: memMi * MI,
  containers: { [container]: { cpuMilli, memoryBytes: memMi * MI } },
});
const web = () => ({ kind: 'Deployment', name: 'web' });

describe('buckets', () => {
  it('aligns buckets to 5 minutes since the epoch', () => {
    expect(new Date(bucketStartMs(Date.parse('2026-12-03T10:04:59.999Z'))).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(new Date(bucketStartMs(Date.parse('2026-12-03T10:05:00Z'))).toISOString()).toBe('2026-12-03T10:05:00.000Z');
  });

  it('sums the replicas of a workload into one series, keeps maxima, and skips a sample seen twice', () => {
    const acc = new BucketAccumulator();
    expect(acc.add([sample('web-a', '2026-12-03T10:00:15Z', 10, 100), sample('web-b', '2026-12-03T10:00:15Z', 30, 120)], web)).toBe(2);
    // The next poll came before metrics-server's next scrape: the same samples again.
    expect(acc.add([sample('web-a', '2026-12-03T10:00:15Z', 10, 100), sample('web-b', '2026-12-03T10:00:30Z', 50, 90)], web)).toBe(1);
    expect(acc.drain(Date.parse('2026-12-03T10:04:59Z'))).toEqual([]);
    expect(acc.drain(Date.parse('2026-12-03T10:05:00Z'))).toEqual([
      { namespace: 'shop', workloadKind: 'Deployment', workloadName: 'web', container: 'app', start: '2026-12-03T10:00:00.000Z', samples: 3, cpuSumMilli: 90, cpuMaxMilli: 50, memSumBytes: 310 * MI, memMaxBytes: 120 * MI },
    ]);
    expect(acc.size).toBe(0);
  });

  it('files a bare pod under itself, and drains everything on shutdown', () => {
    const acc = new BucketAccumulator();
    acc.add([sample('debug', '2026-12-03T10:07:00Z', 1, 5, 'shell')], () => null);
    const [b] = acc.drain(0, true);
    expect(b).toMatchObject({ workloadKind: 'Pod', workloadName: 'debug', container: 'shell', start: '2026-12-03T10:05:00.000Z', samples: 1 });
  });
});
