/**
 * Right-sizing on evidence, with every expected number worked by hand: percentiles counted on the bucket means,
 * Fargate sizes read off AWS's table (docs/fargate-facts.md §1, +256 MiB per §2.4), prices from §4 (us-east-1:
 * $0.04048 per vCPU-hour, $0.004445 per GB-hour), 730 hours a month.
 */
import { describe, expect, it } from 'vitest';
import type { PriceInfo } from '../cost/types';
import type { PodView } from '../view/model';
import {
  containersFromSizing,
  groupWorkloads,
  nearestRank,
  recommendAll,
  recommendWorkload,
  RIGHTSIZING_RULE,
  type ContainerResources,
  type Insufficient,
  type Recommendation,
  type Recommended,
  type WorkloadInput,
} from './recommend';
import type { UsageBucket } from './types';

const MI = 1024 ** 2;
const GI = 1024 ** 3;
const SINCE = '2026-11-25T00:00:00.000Z';
const UNTIL = '2026-11-26T00:00:00.000Z';
const WINDOW = { since: SINCE, until: UNTIL };
const USE1: PriceInfo = { region: 'us-east-1', source: 'docs/fargate-facts.md §4', date: '2026-08-21', fargateVcpuHour: 0.04048, fargateGbHour: 0.004445, ec2: {}, unverified: [] };

interface Shape {
  cpuMean: number;
  cpuMax: number;
  memMean: number;
  memMax: number;
}

/** `count` 5-minute buckets from `from`, `samples` each, bucket i shaped by `shape(i)`. */
function series(ns: string, kind: string, name: string, container: string, count: number, samples: number, shape: (i: number) => Shape, from = SINCE): UsageBucket[] {
  const t0 = Date.parse(from);
  return Array.from({ length: count }, (_, i) => {
    const s = shape(i);
    return {
      namespace: ns,
      workloadKind: kind,
      workloadName: name,
      container,
      start: new Date(t0 + i * 300_000).toISOString(),
      samples,
      cpuSumMilli: s.cpuMean * samples,
      cpuMaxMilli: s.cpuMax,
      memSumBytes: s.memMean * samples,
      memMaxBytes: s.memMax,
    };
  });
}

const container = (name: string, cpuMillis: number, memoryBytes: number, limits: ContainerResources['limits'] = { cpuMillis: null, memoryBytes: null }): ContainerResources => ({
  container: name,
  request: { cpuMillis, memoryBytes },
  limits,
});

const workload = (over: Partial<WorkloadInput> & Pick<WorkloadInput, 'name' | 'containers'>): WorkloadInput => ({
  namespace: 'shop',
  kind: 'Deployment',
  placement: 'fargate',
  replicas: 1,
  restarts: 0,
  oomKills: 0,
  ...over,
});

function ok(r: Recommendation): Recommended {
  if (r.kind !== 'recommendation') throw new Error(`expected a recommendation, got: ${r.message}`);
  return r;
}

// 288 buckets (24 h) of 10 samples: 267 at a 40m mean, 20 at 100m, one at 300m (its max 450m). Nearest rank p95:
// ceil(0.95 × 288) = 274th smallest, which falls among the twenty 100m buckets (positions 268–287).
// Memory: every bucket peaks at 60 MiB except one at 80 MiB; means are 50 MiB, 70 MiB in the peak bucket.
const webShape = (i: number): Shape => {
  if (i === 100) return { cpuMean: 300, cpuMax: 450, memMean: 70 * MI, memMax: 80 * MI };
  if (i >= 200 && i < 220) return { cpuMean: 100, cpuMax: 130, memMean: 50 * MI, memMax: 60 * MI };
  return { cpuMean: 40, cpuMax: 55, memMean: 50 * MI, memMax: 60 * MI };
};
const webBuckets = series('shop', 'Deployment', 'web', 'nginx', 288, 10, webShape);

describe('the rule', () => {
  it('is one sentence naming every threshold', () => {
    expect(RIGHTSIZING_RULE).toBe(
      'CPU request = p95 of the 5-minute mean CPU × 1.15, rounded up to 5m (at least 10m); memory request = the peak memory × 1.2, ' +
        'rounded up to 4Mi (at least 32Mi), never below the peak, and not lowered after OOM kills; neither above the container\'s limit. ' +
        'Nothing is recommended with less than 24 h of history or fewer than 288 samples.',
    );
  });

  it('nearest-rank percentile: the smallest value with at least p of the values at or below it', () => {
    expect(nearestRank([5, 1, 4, 2, 3], 0.95)).toBe(5); // ceil(4.75) = 5th
    expect(nearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 0.95)).toBe(19); // ceil(19) = 19th
    expect(nearestRank([], 0.95)).toBe(0);
  });
});

describe('a Fargate workload far below its request', () => {
  const r = ok(recommendWorkload(workload({ name: 'web', replicas: 3, containers: [container('nginx', 500, 512 * MI)] }), webBuckets, { window: WINDOW, prices: USE1 }));

  it('shows its evidence: window, buckets, samples, p95 and peak', () => {
    expect(r.window).toEqual(WINDOW);
    expect(r.containers[0].evidence).toEqual({
      start: SINCE,
      end: UNTIL, // last bucket starts 23:55 and ends at midnight
      spanHours: 24,
      buckets: 288,
      samples: 2880,
      cpuP95Millis: 100,
      cpuPeakMillis: 450,
      memoryP95Bytes: 50 * MI,
      memoryPeakBytes: 80 * MI,
      cpuAtLimitBuckets: 0,
    });
  });

  it('recommends p95 × 1.15 and peak × 1.2, rounded up', () => {
    // 100m × 1.15 = 115m (already a multiple of 5m); 80 MiB × 1.2 = 96 MiB (a multiple of 4 MiB).
    expect(r.containers[0].recommended).toEqual({ cpuMillis: 115, memoryBytes: 96 * MI });
    expect(r.changed).toBe(true);
    expect(r.underRequested).toBe(false);
    expect(r.risk).toEqual({ restarts: 0, oomKills: 0, cpuAtLimitBuckets: 0, messages: [] });
    expect(r.ec2).toBeNull();
  });

  it('prices the Fargate size before and after', () => {
    // Now 500m / 512Mi: 512 + 256 = 768 MiB, and 500m needs the 0.5 vCPU row, whose smallest is 1 GB.
    // After 115m / 96Mi: 96 + 256 = 352 MiB ≤ 0.5 GB, 115m ≤ 0.25 vCPU: 0.25 vCPU / 0.5 GB.
    // 0.5 × 0.04048 + 1 × 0.004445 = 0.024685 $/h; 0.25 × 0.04048 + 0.5 × 0.004445 = 0.0123425 $/h.
    const f = r.fargate!;
    expect(f.now).toEqual({ size: { vcpu: 0.5, memoryGiB: 1 }, capacityProvisioned: '0.5vCPU 1GB', hourlyUSD: expect.closeTo(0.024685, 12) });
    expect(f.after).toEqual({ size: { vcpu: 0.25, memoryGiB: 0.5 }, capacityProvisioned: '0.25vCPU 0.5GB', hourlyUSD: expect.closeTo(0.0123425, 12) });
    expect(f.savingHourlyUSD).toBeCloseTo(0.0123425, 9);
    // 0.0123425 × 3 replicas × 730 h = 27.030075
    expect(f.savingMonthlyUSD).toBeCloseTo(27.030075, 6);
  });

  it('prices from the size AWS bills now when the caller knows it', () => {
    const billed = ok(
      recommendWorkload(workload({ name: 'web', billedSize: { vcpu: 1, memoryGiB: 2 }, containers: [container('nginx', 500, 512 * MI)] }), webBuckets, { window: WINDOW, prices: USE1 }),
    );
    // 1 × 0.04048 + 2 × 0.004445 = 0.04937 $/h now; 0.04937 − 0.0123425 = 0.0370275 $/h less.
    expect(billed.fargate!.now.capacityProvisioned).toBe('1vCPU 2GB');
    expect(billed.fargate!.savingHourlyUSD).toBeCloseTo(0.0370275, 9);
  });

  it('without prices still gives the sizes, and no money', () => {
    const f = ok(recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] }), webBuckets, { window: WINDOW, prices: null })).fargate!;
    expect(f.after.size).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
    expect([f.now.hourlyUSD, f.savingHourlyUSD, f.savingMonthlyUSD]).toEqual([null, null, null]);
  });
});

describe('Fargate sizes from the AWS table', () => {
  // Constant usage: 215m mean, 425 MiB peak. 215 × 1.15 = 247.25 → 250m; 425 × 1.2 = 510 MiB → 512 MiB.
  const apiBuckets = series('shop', 'Deployment', 'api', 'app', 288, 10, () => ({ cpuMean: 215, cpuMax: 260, memMean: 400 * MI, memMax: 425 * MI }));

  it('1 vCPU / 2 GiB is billed 1 vCPU 3 GB (the 256 MiB), 250m / 512Mi is billed 0.25 vCPU 1 GB', () => {
    const r = ok(recommendWorkload(workload({ name: 'api', replicas: 2, containers: [container('app', 1000, 2 * GI)] }), apiBuckets, { window: WINDOW, prices: USE1 }));
    expect(r.containers[0].recommended).toEqual({ cpuMillis: 250, memoryBytes: 512 * MI });
    // 2 GiB + 256 MiB > 2 GB, so the 1 vCPU row's next size, 3 GB; 512 + 256 = 768 MiB > 0.5 GB, so 0.25 vCPU 1 GB.
    expect(r.fargate!.now.capacityProvisioned).toBe('1vCPU 3GB');
    expect(r.fargate!.after.capacityProvisioned).toBe('0.25vCPU 1GB');
    // (0.04048 + 3 × 0.004445) − (0.25 × 0.04048 + 0.004445) = 0.053815 − 0.014565 = 0.03925 $/h; × 2 × 730 = 57.305
    expect(r.fargate!.savingHourlyUSD).toBeCloseTo(0.03925, 9);
    expect(r.fargate!.savingMonthlyUSD).toBeCloseTo(57.305, 6);
  });

  it('sums the containers and keeps an init container as it is', () => {
    const side = series('shop', 'Deployment', 'api', 'proxy', 288, 10, () => ({ cpuMean: 20, cpuMax: 30, memMean: 40 * MI, memMax: 50 * MI }));
    const r = ok(
      recommendWorkload(
        workload({
          name: 'api',
          containers: [{ ...container('migrate', 1500, 256 * MI), role: 'init' }, container('app', 1000, 2 * GI), container('proxy', 100, 128 * MI)],
        }),
        [...apiBuckets, ...side],
        { window: WINDOW, prices: USE1 },
      ),
    );
    // proxy: 20 × 1.15 = 23 → 25m; 50 MiB × 1.2 = 60 MiB. Long-running 275m / 572 MiB, init 1500m / 256 MiB:
    // the pod needs 1500m and 572 + 256 = 828 MiB, so 2 vCPU (1.5 > 1), whose smallest is 4 GB.
    expect(r.containers.map((c) => [c.container, c.role, c.recommended])).toEqual([
      ['migrate', 'init', { cpuMillis: 1500, memoryBytes: 256 * MI }],
      ['app', 'container', { cpuMillis: 250, memoryBytes: 512 * MI }],
      ['proxy', 'container', { cpuMillis: 25, memoryBytes: 60 * MI }],
    ]);
    expect(r.containers[0].evidence).toBeNull();
    // Now: 1500m init, 1100m / 2176 MiB long-running → 1500m, 2432 MiB → 2 vCPU 4 GB too.
    expect(r.fargate!.now.capacityProvisioned).toBe('2vCPU 4GB');
    expect(r.fargate!.after.capacityProvisioned).toBe('2vCPU 4GB');
    expect(r.fargate!.savingMonthlyUSD).toBe(0);
  });
});

describe('too little history', () => {
  it('23 hours: says so and recommends nothing', () => {
    const short = series('shop', 'Deployment', 'web', 'nginx', 276, 10, webShape); // 276 × 5 min = 23 h
    const r = recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] }), short, { window: WINDOW, prices: USE1 }) as Insufficient;
    expect(r.kind).toBe('insufficient');
    expect(r.have).toEqual({ container: 'nginx', spanHours: 23, samples: 2760 });
    expect(r.need).toEqual({ spanHours: 24, samples: 288 });
    expect(r.message).toBe('Not enough history to recommend: container nginx has 23 h and 2760 samples; at least 24 h and 288 samples are needed.');
    expect(r).not.toHaveProperty('containers');
    expect(r).not.toHaveProperty('fargate');
  });

  it('a full day with too few samples, or a container with no history at all', () => {
    const sparse = series('shop', 'Deployment', 'web', 'nginx', 288, 1, webShape);
    const few = recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] }), sparse, { window: WINDOW, prices: USE1, rule: { minSamples: 1000 } });
    expect(few).toMatchObject({ kind: 'insufficient', have: { spanHours: 24, samples: 288 }, need: { spanHours: 24, samples: 1000 } });
    const none = recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI), container('sidecar', 50, 64 * MI)] }), webBuckets, { window: WINDOW, prices: USE1 });
    expect(none).toMatchObject({ kind: 'insufficient', have: { container: 'sidecar', spanHours: 0, samples: 0 } });
  });

  it('only counts buckets inside the window', () => {
    // The same day, shifted 12 h earlier: half of it falls before the window.
    const early = series('shop', 'Deployment', 'web', 'nginx', 288, 10, webShape, '2026-11-24T12:00:00.000Z');
    const r = recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] }), early, { window: WINDOW, prices: USE1 });
    expect(r).toMatchObject({ kind: 'insufficient', have: { spanHours: 12, samples: 1440 } });
  });
});

describe('risk', () => {
  it('flags an EC2 workload that uses more than it requests, and gives only the request change', () => {
    const buckets = series('shop', 'StatefulSet', 'db', 'pg', 288, 10, webShape);
    const r = ok(recommendWorkload(workload({ kind: 'StatefulSet', name: 'db', placement: 'ec2', replicas: 2, containers: [container('pg', 50, 64 * MI)] }), buckets, { window: WINDOW, prices: USE1 }));
    expect(r.underRequested).toBe(true);
    expect(r.containers[0].underRequested).toEqual({ cpu: true, memory: true });
    expect(r.containers[0].recommended).toEqual({ cpuMillis: 115, memoryBytes: 96 * MI });
    expect(r.fargate).toBeNull();
    // 115 − 50 = +65m and 96 − 64 = +32 MiB per pod, twice that for two replicas.
    expect(r.ec2).toEqual({
      perPod: { cpuMillis: 65, memoryBytes: 32 * MI },
      total: { cpuMillis: 130, memoryBytes: 64 * MI },
      note: expect.stringContaining('does not change until nodes are consolidated'),
    });
    expect(r.risk.messages).toEqual([
      'Container pg uses more CPU than it requests: p95 100m against 50m.',
      'Container pg uses more memory than it requests: peak 80Mi against 64Mi.',
    ]);
  });

  it('counts buckets with CPU at 95 % of the limit and says metrics-server does not report throttling', () => {
    // Limit 200m: a bucket maximum of 190m is exactly 95 % and counts, 189m does not.
    const buckets = series('shop', 'Deployment', 'hot', 'app', 288, 10, (i) => ({ cpuMean: 40, cpuMax: i < 7 ? 190 : 189, memMean: 50 * MI, memMax: 60 * MI }));
    const r = ok(recommendWorkload(workload({ name: 'hot', containers: [container('app', 200, 128 * MI, { cpuMillis: 200, memoryBytes: null })] }), buckets, { window: WINDOW, prices: USE1 }));
    expect(r.risk.cpuAtLimitBuckets).toBe(7);
    expect(r.risk.messages).toEqual([
      'Container app: CPU reached 95 % of its 200m limit in 7 of 288 buckets, so it is likely throttled (metrics-server does not report throttling; this is the only sign).',
    ]);
  });

  it('after OOM kills memory is not lowered; restarts are reported', () => {
    const r = ok(recommendWorkload(workload({ name: 'web', restarts: 3, oomKills: 2, containers: [container('nginx', 500, 512 * MI)] }), webBuckets, { window: WINDOW, prices: USE1 }));
    expect(r.containers[0].recommended).toEqual({ cpuMillis: 115, memoryBytes: 512 * MI });
    expect(r.risk).toMatchObject({ restarts: 3, oomKills: 2 });
    expect(r.risk.messages).toEqual([
      '2 OOM kills in the window: the memory peak seen is cut short at the limit, so memory is not lowered.',
      '3 container restarts: check why before trusting the history.',
    ]);
  });
});

describe('floors and limits', () => {
  it('never below the observed memory peak, and never below the floors', () => {
    const peak = 100 * MI + 1;
    const buckets = series('shop', 'Deployment', 'web', 'nginx', 288, 10, () => ({ cpuMean: 1, cpuMax: 2, memMean: 90 * MI, memMax: peak }));
    // A margin below 1 would go under the peak: the peak wins, rounded up to the next 4 MiB (104 MiB).
    const low = ok(recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] }), buckets, { window: WINDOW, prices: null, rule: { memoryMargin: 0.5 } }));
    expect(low.containers[0].recommended).toEqual({ cpuMillis: 10, memoryBytes: 104 * MI });
    // 1m × 1.15 → 5m, below the 10m floor; 5 MiB peak × 1.2 = 6 MiB, below the 32 MiB floor.
    const tiny = series('shop', 'Deployment', 'web', 'nginx', 288, 10, () => ({ cpuMean: 1, cpuMax: 2, memMean: 4 * MI, memMax: 5 * MI }));
    expect(ok(recommendWorkload(workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] }), tiny, { window: WINDOW, prices: null })).containers[0].recommended).toEqual({
      cpuMillis: 10,
      memoryBytes: 32 * MI,
    });
  });

  it('caps at the limit (a request above its limit is rejected), and says so when the limit is below the peak', () => {
    // p95 100m → 115m > 100m limit; 80 MiB peak → 96 MiB > 90 MiB limit, which still holds the peak.
    const r = ok(recommendWorkload(workload({ name: 'web', containers: [container('nginx', 100, 90 * MI, { cpuMillis: 100, memoryBytes: 90 * MI })] }), webBuckets, { window: WINDOW, prices: null }));
    expect(r.containers[0].recommended).toEqual({ cpuMillis: 100, memoryBytes: 90 * MI });
    expect(r.containers[0].cappedAtLimit).toEqual({ cpu: true, memory: true });
    const under = ok(recommendWorkload(workload({ name: 'web', containers: [container('nginx', 100, 64 * MI, { cpuMillis: null, memoryBytes: 64 * MI })] }), webBuckets, { window: WINDOW, prices: null }));
    expect(under.containers[0].recommended.memoryBytes).toBe(96 * MI);
    expect(under.risk.messages).toContain('Container nginx: the memory it needs is above its 64Mi limit; raise the limit too (a request above the limit is rejected).');
  });
});

describe('many workloads', () => {
  it('Fargate savings first, insufficient history last', () => {
    const db = series('shop', 'StatefulSet', 'db', 'pg', 288, 10, webShape);
    const out = recommendAll(
      [
        workload({ name: 'new', containers: [container('app', 100, 64 * MI)] }),
        workload({ kind: 'StatefulSet', name: 'db', placement: 'ec2', containers: [container('pg', 50, 64 * MI)] }),
        workload({ name: 'web', replicas: 3, containers: [container('nginx', 500, 512 * MI)] }),
      ],
      [...db, ...webBuckets],
      { window: WINDOW, prices: USE1 },
    );
    expect(out.map((r) => [r.workload.name, r.kind])).toEqual([
      ['web', 'recommendation'],
      ['db', 'recommendation'],
      ['new', 'insufficient'],
    ]);
  });
});

describe('input from the view', () => {
  const pod = (name: string, over: Partial<PodView>): PodView =>
    ({ namespace: 'shop', name, placement: 'fargate', workload: { kind: 'Deployment', name: 'web' }, restarts: 0, billedSize: { vcpu: 0.5, memoryGiB: 1 }, ...over }) as PodView;

  it('groups pods by workload and placement; a bare pod is its own; pending pods are left out', () => {
    const groups = groupWorkloads([
      pod('web-b', { restarts: 2 }),
      pod('web-a', {}),
      pod('web-c', { billedSize: { vcpu: 1, memoryGiB: 2 } }),
      pod('web-d', { placement: 'pending', billedSize: null }),
      pod('solo', { workload: null, placement: 'ec2', billedSize: null, restarts: 1 }),
    ]);
    expect(groups).toEqual([
      { namespace: 'shop', kind: 'Deployment', name: 'web', placement: 'fargate', replicas: 3, restarts: 2, billedSize: { vcpu: 0.5, memoryGiB: 1 }, pods: ['web-a', 'web-b', 'web-c'] },
      { namespace: 'shop', kind: 'Pod', name: 'solo', placement: 'ec2', replicas: 1, restarts: 1, billedSize: null, pods: ['solo'] },
    ]);
  });

  it('takes current requests from the sizing breakdown', () => {
    expect(
      containersFromSizing([{ name: 'app', role: 'container', request: { cpuMillis: 250, memoryBytes: 512 * MI }, limits: { cpuMillis: null, memoryBytes: GI }, defaultedFromLimits: false }]),
    ).toEqual([{ container: 'app', role: 'container', request: { cpuMillis: 250, memoryBytes: 512 * MI }, limits: { cpuMillis: null, memoryBytes: GI } }]);
  });
});

describe('bad input gets a precise error', () => {
  const w = workload({ name: 'web', containers: [container('nginx', 500, 512 * MI)] });
  it('names the bucket, the field and the value', () => {
    const bad = { ...webBuckets[0], samples: 0 };
    expect(() => recommendWorkload(w, [bad], { window: WINDOW, prices: null })).toThrow(
      'bucket shop/Deployment/web container "nginx" at "2026-11-25T00:00:00.000Z": samples must be an integer ≥ 1, got 0',
    );
    expect(() => recommendWorkload(w, [{ ...webBuckets[0], cpuMaxMilli: NaN }], { window: WINDOW, prices: null })).toThrow(/cpuMaxMilli must be a finite number ≥ 0, got NaN/);
  });
  it('a window the wrong way round, a bad rule, a bad workload', () => {
    expect(() => recommendWorkload(w, [], { window: { since: UNTIL, until: SINCE }, prices: null })).toThrow(/window.since .* must be before window.until/);
    expect(() => recommendWorkload(w, [], { window: { since: 'yesterday', until: UNTIL }, prices: null })).toThrow('window.since must be an ISO 8601 time, got "yesterday"');
    expect(() => recommendWorkload(w, [], { window: WINDOW, prices: null, rule: { cpuPercentile: 95 } })).toThrow('rule.cpuPercentile must be in (0, 1], got 95');
    expect(() => recommendWorkload({ ...w, replicas: -1 }, [], { window: WINDOW, prices: null })).toThrow('workload shop/Deployment/web: replicas must be an integer ≥ 0, got -1');
  });
});
