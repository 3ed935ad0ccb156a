/**
 * Fault injection for the simulator (`--faults SPEC`), shared by the Kubernetes and the AWS servers.
 *
 * SPEC is a comma-separated list of key=value pairs, all optional:
 *   drop-watch=DUR    every DUR, end every open watch stream cleanly (what an API server timeout or an idle
 *                     load balancer does; clients re-watch from their last resourceVersion)
 *   reset-watch=DUR   every DUR, destroy every open watch connection abruptly (TCP reset mid-stream)
 *   error=RATE        answer this fraction of API requests with HTTP 500
 *   throttle=RATE     answer this fraction of API requests with HTTP 429 and Retry-After
 *   retry-after=N     the Retry-After seconds sent with 429 (default 1)
 *   latency=DUR       delay every API request by DUR, or by a uniform random time in A-B (e.g. 20ms-80ms)
 *   expire=DUR        every DUR, forget the watch event history: resuming watches get 410 Expired and relist
 * DUR is a number with a unit: ms, s, m or h (e.g. 500ms, 30s, 2m). RATE is a fraction 0..1 or a percentage (5%).
 * Example: drop-watch=30s,error=0.05,throttle=0.02,latency=50ms,expire=60s
 *
 * Discovery, /version and OpenAPI requests are never failed (clients cache them; failing them only adds noise).
 * The AWS side maps a 429 to its own throttling error shape.
 */

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

export interface FaultSpec {
  dropWatchMs: number | null;
  resetWatchMs: number | null;
  errorRate: number;
  throttleRate: number;
  retryAfterSeconds: number;
  latencyMs: [number, number];
  expireMs: number | null;
}

export const NO_FAULTS: Readonly<FaultSpec> = Object.freeze({
  dropWatchMs: null,
  resetWatchMs: null,
  errorRate: 0,
  throttleRate: 0,
  retryAfterSeconds: 1,
  latencyMs: [0, 0] as [number, number],
  expireMs: null,
});

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration such as `500ms`, `30s`, `1.5m`; throws FaultSpecError. */
export function parseDuration(text: string, key: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new FaultSpecError(`--faults ${key}=${text}: expected a duration like 500ms, 30s or 2m`);
  return Math.round(Number(m[1]) * UNIT_MS[m[2]]);
}

function parseRate(text: string, key: string): number {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  const n = pct ? Number(pct[1]) / 100 : /^\d*\.?\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new FaultSpecError(`--faults ${key}=${text}: expected a fraction between 0 and 1, or a percentage like 5%`);
  return n;
}

function positiveDuration(text: string, key: string): number {
  const ms = parseDuration(text, key);
  if (ms <= 0) throw new FaultSpecError(`--faults ${key}=${text}: must be greater than zero`);
  return ms;
}

/** Parses a SPEC (see the file comment). The empty string means no faults. Throws FaultSpecError. */
export function parseFaults(spec: string): FaultSpec {
  const out: FaultSpec = { ...NO_FAULTS, latencyMs: [0, 0] };
  const seen = new Set<string>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`--faults: "${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (seen.has(key)) throw new FaultSpecError(`--faults: ${key} given twice`);
    seen.add(key);
    switch (key) {
      case 'drop-watch':
        out.dropWatchMs = positiveDuration(value, key);
        break;
      case 'reset-watch':
        out.resetWatchMs = positiveDuration(value, key);
        break;
      case 'error':
        out.errorRate = parseRate(value, key);
        break;
      case 'throttle':
        out.throttleRate = parseRate(value, key);
        break;
      case 'retry-after': {
        if (!/^\d+$/.test(value)) throw new FaultSpecError(`--faults retry-after=${value}: expected whole seconds`);
        out.retryAfterSeconds = Number(value);
        break;
      }
      case 'latency': {
        const range = /^([^-]+)-([^-]+)$/.exec(value);
        const lo = parseDuration(range ? range[1] : value, key);
        const hi = range ? parseDuration(range[2], key) : lo;
        if (hi < lo) throw new FaultSpecError(`--faults latency=${value}: the upper bound is below the lower bound`);
        out.latencyMs = [lo, hi];
        break;
      }
      case 'expire':
        out.expireMs = positiveDuration(value, key);
        break;
      default:
        throw new FaultSpecError(`--faults: unknown key "${key}" (known: drop-watch, reset-watch, error, throttle, retry-after, latency, expire)`);
    }
  }
  if (out.errorRate + out.throttleRate > 1) throw new FaultSpecError('--faults: error + throttle must not exceed 1');
  return out;
}

export type WatchDropMode = 'end' | 'reset';

export interface FaultCounts {
  errors: number;
  throttles: number;
  watchDrops: number;
  expiries: number;
}

/** Decides, per request, whether to fail or delay it, and runs the periodic faults while started. */
export class FaultInjector {
  readonly spec: FaultSpec;
  readonly counts: FaultCounts = { errors: 0, throttles: 0, watchDrops: 0, expiries: 0 };
  private readonly rng: () => number;
  private readonly dropListeners = new Set<(mode: WatchDropMode) => void>();
  private readonly expireListeners = new Set<() => void>();
  private timers: NodeJS.Timeout[] = [];

  constructor(spec: FaultSpec | string = '', opts: { rng?: () => number } = {}) {
    this.spec = typeof spec === 'string' ? parseFaults(spec) : spec;
    this.rng = opts.rng ?? Math.random;
  }

  /** True when the spec injects nothing. */
  get none(): boolean {
    const s = this.spec;
    return !s.dropWatchMs && !s.resetWatchMs && !s.errorRate && !s.throttleRate && !s.latencyMs[1] && !s.expireMs;
  }

  /** Null, or the failure this request should get: 500, or 429 with `retryAfterSeconds`. */
  maybeFail(): { status: 500 | 429; retryAfterSeconds?: number } | null {
    const { errorRate, throttleRate } = this.spec;
    if (errorRate === 0 && throttleRate === 0) return null;
    const r = this.rng();
    if (r < errorRate) {
      this.counts.errors++;
      return { status: 500 };
    }
    if (r < errorRate + throttleRate) {
      this.counts.throttles++;
      return { status: 429, retryAfterSeconds: this.spec.retryAfterSeconds };
    }
    return null;
  }

  /** How long to hold this request before answering (0 without latency faults). */
  delayMs(): number {
    const [lo, hi] = this.spec.latencyMs;
    return hi === lo ? lo : Math.round(lo + this.rng() * (hi - lo));
  }

  /** Registers a callback for watch drops (the Kubernetes server closes its streams). */
  onDropWatches(fn: (mode: WatchDropMode) => void): () => void {
    this.dropListeners.add(fn);
    return () => void this.dropListeners.delete(fn);
  }

  /** Registers a callback for history expiry (the store forgets its event log). */
  onExpireHistory(fn: () => void): () => void {
    this.expireListeners.add(fn);
    return () => void this.expireListeners.delete(fn);
  }

  /** Fires the watch-drop callbacks now (also used by tests). */
  dropWatches(mode: WatchDropMode = 'end'): void {
    this.counts.watchDrops++;
    for (const fn of [...this.dropListeners]) fn(mode);
  }

  /** Fires the history-expiry callbacks now. */
  expireHistory(): void {
    this.counts.expiries++;
    for (const fn of [...this.expireListeners]) fn();
  }

  /** Starts the periodic faults (real time, not simulated time). Idempotent. */
  start(): void {
    if (this.timers.length) return;
    const every = (ms: number | null, fn: () => void) => {
      if (!ms) return;
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.spec.dropWatchMs, () => this.dropWatches('end'));
    every(this.spec.resetWatchMs, () => this.dropWatches('reset'));
    every(this.spec.expireMs, () => this.expireHistory());
  }

  /** Stops the periodic faults. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}
