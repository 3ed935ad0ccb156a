import { describe, expect, it } from 'vitest';
import { FaultInjector, FaultSpecError, parseFaults } from './faults';

/** A fixed sequence of "random" numbers, so fault decisions are predictable. */
function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('parseFaults', () => {
  it('parses the documented example', () => {
    expect(parseFaults('drop-watch=30s,error=0.05,throttle=0.02,latency=50ms,expire=60s')).toEqual({
      dropWatchMs: 30_000,
      resetWatchMs: null,
      errorRate: 0.05,
      throttleRate: 0.02,
      retryAfterSeconds: 1,
      latencyMs: [50, 50],
      expireMs: 60_000,
    });
  });

  it('accepts percentages, latency ranges, minutes and retry-after', () => {
    const s = parseFaults('error=5%, latency=20ms-80ms, reset-watch=2m, retry-after=3');
    expect(s.errorRate).toBeCloseTo(0.05);
    expect(s.latencyMs).toEqual([20, 80]);
    expect(s.resetWatchMs).toBe(120_000);
    expect(s.retryAfterSeconds).toBe(3);
  });

  it('means no faults for an empty spec', () => {
    expect(new FaultInjector('').none).toBe(true);
  });

  it('rejects bad specs with a message naming the offending part', () => {
    const cases: [string, RegExp][] = [
      ['drop-watch=30', /drop-watch=30: expected a duration/],
      ['error=1.5', /error=1.5: expected a fraction/],
      ['bogus=1', /unknown key "bogus"/],
      ['error', /"error" is not key=value/],
      ['error=0.1,error=0.2', /error given twice/],
      ['latency=80ms-20ms', /upper bound is below/],
      ['error=0.6,throttle=0.6', /must not exceed 1/],
      ['expire=0s', /greater than zero/],
    ];
    for (const [spec, msg] of cases) {
      expect(() => parseFaults(spec), spec).toThrow(FaultSpecError);
      expect(() => parseFaults(spec), spec).toThrow(msg);
    }
  });
});

describe('FaultInjector', () => {
  it('fails the configured fractions of requests with 500 and 429', () => {
    const f = new FaultInjector('error=0.1,throttle=0.2,retry-after=2', { rng: sequence([0.05, 0.15, 0.5, 0.29]) });
    expect(f.maybeFail()).toEqual({ status: 500 });
    expect(f.maybeFail()).toEqual({ status: 429, retryAfterSeconds: 2 });
    expect(f.maybeFail()).toBeNull();
    expect(f.maybeFail()).toEqual({ status: 429, retryAfterSeconds: 2 });
    expect(f.counts).toMatchObject({ errors: 1, throttles: 2 });
  });

  it('fails about the right share over many requests', () => {
    let seed = 7;
    const rng = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const f = new FaultInjector('error=0.05,throttle=0.02', { rng });
    let e = 0;
    let t = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = f.maybeFail();
      if (r?.status === 500) e++;
      if (r?.status === 429) t++;
    }
    expect(e / 20_000).toBeGreaterThan(0.04);
    expect(e / 20_000).toBeLessThan(0.06);
    expect(t / 20_000).toBeGreaterThan(0.013);
    expect(t / 20_000).toBeLessThan(0.027);
  });

  it('delays by the fixed latency or within the range', () => {
    expect(new FaultInjector('latency=50ms').delayMs()).toBe(50);
    const f = new FaultInjector('latency=20ms-80ms', { rng: sequence([0, 0.5, 0.999]) });
    expect([f.delayMs(), f.delayMs(), f.delayMs()]).toEqual([20, 50, 80]);
    expect(new FaultInjector('').delayMs()).toBe(0);
  });

  it('drops watches and expires history on its timers while started', async () => {
    const f = new FaultInjector('drop-watch=40ms,expire=60ms');
    const drops: string[] = [];
    let expiries = 0;
    f.onDropWatches((mode) => drops.push(mode));
    f.onExpireHistory(() => expiries++);
    f.start();
    await new Promise((r) => setTimeout(r, 190));
    f.stop();
    const seen = drops.length;
    expect(seen).toBeGreaterThanOrEqual(2);
    expect(drops.every((m) => m === 'end')).toBe(true);
    expect(expiries).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(drops.length).toBe(seen); // stopped means stopped
  });
});
