import 'server-only';
/**
 * Token-bucket rate limits for writes, report creation and failed sign-ins. A bucket per key (a signed-in
 * user, a client address the operator told us to trust, or one shared "anonymous" bucket) holds `burst`
 * tokens and refills at `perMinute`; a request that finds it empty gets 429 with Retry-After.
 *
 * The limiter never reads the clock: callers pass `now` (milliseconds). The number of buckets is bounded, so
 * a client spraying made-up keys cannot grow memory: past `maxKeys`, the buckets that have refilled (and so
 * carry no state worth keeping) go first, then the least recently used.
 *
 * FARVIEW_RATE_LIMIT tunes the defaults: "off", or comma-separated name=N/min (or N/s, N/h), e.g.
 * "write=60/min,compute=120/min,report=20/min,signin=10/min". The burst is the per-window count.
 */

export type LimitName = 'write' | 'compute' | 'report' | 'signin';

export interface BucketRule {
  /** Most tokens a bucket holds (and so the most requests in a burst). */
  burst: number;
  /** Tokens added per minute. */
  perMinute: number;
}

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimitConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RateLimitConfigError';
  }
}

/** One token-bucket table with a bounded number of keys. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rule: BucketRule,
    private readonly maxKeys = 10_000,
  ) {
    if (!(rule.burst >= 1) || !(rule.perMinute > 0)) throw new RateLimitConfigError(`a bucket needs burst ≥ 1 and a positive rate, got ${JSON.stringify(rule)}`);
  }

  private refill(b: Bucket, now: number): void {
    const elapsed = Math.max(0, now - b.at);
    b.tokens = Math.min(this.rule.burst, b.tokens + (elapsed * this.rule.perMinute) / 60_000);
    b.at = Math.max(b.at, now);
  }

  /** Takes `cost` tokens from `key`'s bucket at time `now` (ms), or says how long until they are there. */
  take(key: string, now: number, cost = 1): TakeResult {
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-inserted below: Map order is then least recently used first
      this.refill(b, now);
    } else {
      b = { tokens: this.rule.burst, at: now };
    }
    this.buckets.set(key, b);
    this.evict(now);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    const missing = cost - b.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((missing * 60) / this.rule.perMinute)) };
  }

  /** Whether `cost` tokens are there for `key` at time `now`, without spending them. */
  peek(key: string, now: number, cost = 1): TakeResult {
    const b = this.buckets.get(key);
    if (!b) return { ok: true, remaining: this.rule.burst };
    this.refill(b, now);
    if (b.tokens >= cost) return { ok: true, remaining: Math.floor(b.tokens) };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((cost - b.tokens) * 60) / this.rule.perMinute)) };
  }

  /** How many keys are tracked (for tests and the soak). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(now: number): void {
    if (this.buckets.size <= this.maxKeys) return;
    // A full bucket is the same as no bucket: drop those first.
    for (const [k, b] of this.buckets) {
      if (this.buckets.size <= this.maxKeys) return;
      this.refill(b, now);
      if (b.tokens >= this.rule.burst) this.buckets.delete(k);
    }
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) return;
      this.buckets.delete(k);
    }
  }
}

export const DEFAULT_RULES: Readonly<Record<LimitName, BucketRule>> = Object.freeze({
  // Profile writes and restarts: generous for a person, tight for a script gone wrong.
  write: { burst: 60, perMinute: 60 },
  // What-if runs and profile previews: they change nothing but parse and price; the form previews as you type.
  compute: { burst: 120, perMinute: 120 },
  // Each report freezes a whole cost view into the store.
  report: { burst: 20, perMinute: 20 },
  // Failed sign-ins only; tokens are long and random, this is against noise and slow guessing.
  signin: { burst: 10, perMinute: 10 },
});

const PER: Record<string, number> = { s: 60, sec: 60, m: 1, min: 1, h: 1 / 60, hour: 1 / 60 };

/**
 * Parses FARVIEW_RATE_LIMIT: null when limits are off, else the rules (defaults for names not given).
 * @throws RateLimitConfigError naming the bad part
 */
export function parseRateLimits(text: string | undefined): Record<LimitName, BucketRule> | null {
  const rules: Record<LimitName, BucketRule> = {
    write: { ...DEFAULT_RULES.write },
    compute: { ...DEFAULT_RULES.compute },
    report: { ...DEFAULT_RULES.report },
    signin: { ...DEFAULT_RULES.signin },
  };
  const t = text?.trim() ?? '';
  if (t === '') return rules;
  if (/^(off|0|false|no|none)$/i.test(t)) return null;
  for (const part of t.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(write|compute|report|signin)\s*=\s*(\d{1,6})\s*\/\s*(s|sec|m|min|h|hour)$/i.exec(part);
    if (!m) throw new RateLimitConfigError(`FARVIEW_RATE_LIMIT: "${part.slice(0, 60)}" is not name=N/min (names: write, compute, report, signin; units: s, min, h), or "off"`);
    const n = Number(m[2]);
    if (n < 1) throw new RateLimitConfigError(`FARVIEW_RATE_LIMIT: ${m[1]} needs at least 1 request per window`);
    rules[m[1].toLowerCase() as LimitName] = { burst: n, perMinute: n * PER[m[3].toLowerCase()] };
  }
  return rules;
}

interface Limiters {
  spec: string;
  tables: Record<LimitName, TokenBuckets> | null;
}

const KEY = Symbol.for('farview.rateLimits.v1');

/**
 * The process-wide limiters for FARVIEW_RATE_LIMIT (kept on globalThis: the proxy and the route bundles are
 * separate modules in one process). Rebuilt when the variable changes. Null when limits are off.
 * @throws RateLimitConfigError when the variable is malformed
 */
export function limiters(env: Record<string, string | undefined> = process.env): Record<LimitName, TokenBuckets> | null {
  const g = globalThis as unknown as Record<symbol, Limiters | undefined>;
  const spec = env.FARVIEW_RATE_LIMIT ?? '';
  const cur = g[KEY];
  if (cur && cur.spec === spec) return cur.tables;
  const rules = parseRateLimits(spec);
  const tables = rules
    ? { write: new TokenBuckets(rules.write), compute: new TokenBuckets(rules.compute), report: new TokenBuckets(rules.report), signin: new TokenBuckets(rules.signin) }
    : null;
  g[KEY] = { spec, tables };
  return tables;
}

/**
 * Takes one token from `name`'s bucket for `key`. Always ok when limits are off.
 * @throws RateLimitConfigError when FARVIEW_RATE_LIMIT is malformed
 */
export function takeToken(name: LimitName, key: string, now: number, env: Record<string, string | undefined> = process.env): TakeResult {
  const t = limiters(env);
  return t ? t[name].take(key, now) : { ok: true, remaining: Number.POSITIVE_INFINITY };
}

/**
 * Whether `name`'s bucket for `key` still has a token, without spending it: failed sign-ins spend (spendToken
 * after the fact), correct ones never do, so a client's mistakes cannot use up anyone else's attempts.
 * @throws RateLimitConfigError when FARVIEW_RATE_LIMIT is malformed
 */
export function peekToken(name: LimitName, key: string, now: number, env: Record<string, string | undefined> = process.env): TakeResult {
  const t = limiters(env);
  return t ? t[name].peek(key, now) : { ok: true, remaining: Number.POSITIVE_INFINITY };
}

/**
 * The bucket key of an anonymous client: the address the trusted proxy appended to X-Forwarded-For (the last
 * entry, the one nobody else could forge), else one shared key, since without such a proxy the client's address
 * is not knowable here and X-Forwarded-For is whatever the client wrote.
 */
export function anonymousClientKey(req: Request, trustProxy: boolean): string {
  const last = trustProxy ? (req.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean).at(-1) : undefined;
  return last && last.length <= 64 ? `ip:${last}` : 'anonymous';
}

/** The 429 answer: an ApiError body, Retry-After in seconds, never cached. */
export function tooManyRequests(what: string, retryAfterSeconds: number): Response {
  return Response.json(
    { error: 'Too many requests', detail: `${what}: try again in ${retryAfterSeconds} s.`, source: 'request' },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' } },
  );
}
