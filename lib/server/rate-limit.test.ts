import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, limiters, parseRateLimits, RateLimitConfigError, takeToken, TokenBuckets, tooManyRequests } from './rate-limit';

const T0 = 1_700_000_000_000;

describe('TokenBuckets', () => {
  it('lets a burst through, then refuses with the seconds until the next token', () => {
    const b = new TokenBuckets({ burst: 3, perMinute: 6 }); // one token every 10 s
    expect([1, 2, 3].map(() => b.take('alice', T0).ok)).toEqual([true, true, true]);
    expect(b.take('alice', T0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    // 4 s later: 0.4 of a token, 6 s to go.
    expect(b.take('alice', T0 + 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(b.take('alice', T0 + 10_000).ok).toBe(true);
    // Another key has its own bucket.
    expect(b.take('bob', T0).ok).toBe(true);
  });

  it('refills up to the burst and no further', () => {
    const b = new TokenBuckets({ burst: 2, perMinute: 60 });
    b.take('k', T0);
    b.take('k', T0);
    // An hour idle is still only 2 tokens.
    expect(b.take('k', T0 + 3_600_000)).toEqual({ ok: true, remaining: 1 });
    expect(b.take('k', T0 + 3_600_000)).toEqual({ ok: true, remaining: 0 });
    expect(b.take('k', T0 + 3_600_000).ok).toBe(false);
  });

  it('does not refill when the clock steps back', () => {
    const b = new TokenBuckets({ burst: 1, perMinute: 1 });
    expect(b.take('k', T0).ok).toBe(true);
    expect(b.take('k', T0 - 3_600_000).ok).toBe(false);
  });

  it('keeps a bounded number of keys however many a client makes up', () => {
    const b = new TokenBuckets({ burst: 5, perMinute: 5 }, 100);
    for (let i = 0; i < 10_000; i++) b.take(`forged-${i}`, T0 + i);
    expect(b.size).toBeLessThanOrEqual(100);
    // A key still being limited is not evicted in favour of full ones.
    const c = new TokenBuckets({ burst: 1, perMinute: 1 }, 10);
    c.take('busy', T0);
    for (let i = 0; i < 9; i++) c.take(`idle-${i}`, T0 - 120_000); // full again by T0
    c.take('new', T0);
    expect(c.take('busy', T0).ok).toBe(false);
  });

  it('refuses a rule that cannot work', () => {
    expect(() => new TokenBuckets({ burst: 0, perMinute: 1 })).toThrow(RateLimitConfigError);
    expect(() => new TokenBuckets({ burst: 1, perMinute: 0 })).toThrow(RateLimitConfigError);
  });
});

describe('FARVIEW_RATE_LIMIT', () => {
  it('defaults, overrides and off', () => {
    expect(parseRateLimits(undefined)).toEqual(DEFAULT_RULES);
    expect(parseRateLimits('write=10/min, report=2/min')).toEqual({ write: { burst: 10, perMinute: 10 }, compute: DEFAULT_RULES.compute, report: { burst: 2, perMinute: 2 }, signin: DEFAULT_RULES.signin });
    expect(parseRateLimits('compute=30/min')?.compute).toEqual({ burst: 30, perMinute: 30 });
    expect(parseRateLimits('signin=5/s')?.signin).toEqual({ burst: 5, perMinute: 300 });
    expect(parseRateLimits('report=120/h')?.report).toEqual({ burst: 120, perMinute: 2 });
    expect(parseRateLimits('off')).toBeNull();
  });

  it('names what it cannot read', () => {
    expect(() => parseRateLimits('writes=10/min')).toThrow('FARVIEW_RATE_LIMIT: "writes=10/min" is not name=N/min');
    expect(() => parseRateLimits('write=0/min')).toThrow('at least 1');
    expect(() => parseRateLimits('write=ten')).toThrow(RateLimitConfigError);
  });

  it('shares one table per process and rebuilds it when the setting changes', () => {
    const env = { FARVIEW_RATE_LIMIT: 'report=2/min' };
    expect(limiters(env)).toBe(limiters({ ...env }));
    expect(takeToken('report', 'p', T0, env).ok).toBe(true);
    expect(takeToken('report', 'p', T0, env).ok).toBe(true);
    expect(takeToken('report', 'p', T0, env)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(takeToken('report', 'p', T0, { FARVIEW_RATE_LIMIT: 'off' }).ok).toBe(true);
  });

  it('answers 429 with Retry-After and an ApiError body', async () => {
    const res = tooManyRequests('Too many changes', 7);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: 'Too many requests', detail: 'Too many changes: try again in 7 s.', source: 'request' });
  });
});
