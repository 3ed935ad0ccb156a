import 'server-only';
/**
 * Polls the AWS parts of the view (EKS, ELBv2, EC2) every ~15 s, each on its own schedule so a throttled
 * ELBv2 does not hold back EKS. After an error a part waits twice as long each time (up to 5 minutes) and
 * keeps its last good data; its source state says what is wrong. `refresh()` polls everything at once —
 * writes (creating a Fargate profile) call it so the view follows without waiting.
 */
import type { SourceId, SourceStatus } from '../view/model';
import { describeAwsError } from './aws/errors';

export interface PollPart<T> {
  id: Extract<SourceId, 'eks' | 'elbv2' | 'ec2' | 'pricing' | 'spot'>;
  /** Its own interval, for parts that change slowly (prices); the poller's otherwise. */
  intervalMs?: number;
  /** Reads the part; throws on failure. */
  run(): Promise<T>;
  apply(data: T): void;
  /** A reason this part cannot run at all (no region, no cluster name), or null. */
  blocked?(): string | null;
}

export interface PollerOptions {
  intervalMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
  status(id: SourceId, s: Omit<SourceStatus, 'id'>): void;
}

interface PartState {
  part: PollPart<unknown>;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  backoffMs: number;
  lastSyncAt: string | null;
  everOk: boolean;
  /** A poke came while a poll was running: poll again this soon after it ends. */
  pokedMs: number | null;
}

/** Polls each AWS part on its own schedule with backoff; see the file comment. */
export class AwsPoller {
  private readonly parts: PartState[];
  private readonly opts: PollerOptions;
  private stopped = true;

  constructor(parts: PollPart<unknown>[], opts: PollerOptions) {
    this.opts = opts;
    this.parts = parts.map((part) => ({ part, timer: null, running: null, backoffMs: 0, lastSyncAt: null, everOk: false, pokedMs: null }));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const p of this.parts) this.schedule(p, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.parts) {
      if (p.timer) clearTimeout(p.timer);
      p.timer = null;
    }
  }

  /** Polls every part now (after any poll in flight) and resolves when all are done. */
  async refresh(): Promise<void> {
    await Promise.all(
      this.parts.map(async (p) => {
        if (p.running) await p.running;
        if (p.timer) clearTimeout(p.timer);
        p.timer = null;
        await this.poll(p);
      }),
    );
  }

  /**
   * Polls one part soon (after `delayMs`). A poke during a poll is kept for when it ends: the poll in flight may
   * have read its inputs before the change that caused the poke.
   */
  poke(id: PollPart<unknown>['id'], delayMs = 500): void {
    const p = this.parts.find((x) => x.part.id === id);
    if (!p || this.stopped) return;
    if (p.running) {
      p.pokedMs = Math.min(p.pokedMs ?? delayMs, delayMs);
      return;
    }
    this.schedule(p, delayMs);
  }

  private now(): string {
    return (this.opts.now?.() ?? new Date()).toISOString();
  }

  private schedule(p: PartState, ms: number): void {
    if (this.stopped) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      p.timer = null;
      void this.poll(p);
    }, ms);
    p.timer.unref();
  }

  private poll(p: PartState): Promise<void> {
    const run = (async () => {
      const interval = p.part.intervalMs ?? this.opts.intervalMs ?? 15_000;
      const blocked = p.part.blocked?.() ?? null;
      if (blocked) {
        this.opts.status(p.part.id, { state: 'error', message: blocked, lastSyncAt: p.lastSyncAt });
        this.schedule(p, interval * 4);
        return;
      }
      try {
        const data = await p.part.run();
        p.part.apply(data);
        p.backoffMs = 0;
        p.everOk = true;
        p.lastSyncAt = this.now();
        this.opts.status(p.part.id, { state: 'ok', message: null, lastSyncAt: p.lastSyncAt });
        this.schedule(p, interval);
      } catch (e) {
        const d = describeAwsError(e, p.part.id);
        p.backoffMs = Math.min(this.opts.maxBackoffMs ?? 300_000, p.backoffMs ? p.backoffMs * 2 : interval * 2);
        const retry = `; retrying in ${Math.round(p.backoffMs / 1000)} s`;
        // Throttling keeps the last data (stale); anything else is an error the banner shows.
        const state: SourceStatus['state'] = d.throttled && p.everOk ? 'stale' : 'error';
        this.opts.status(p.part.id, { state, message: d.message + retry, lastSyncAt: p.lastSyncAt });
        this.schedule(p, p.backoffMs);
      }
    })();
    p.running = run.finally(() => {
      if (p.running === tracked) p.running = null;
      if (p.pokedMs !== null) {
        const ms = p.pokedMs;
        p.pokedMs = null;
        this.schedule(p, ms);
      }
    });
    const tracked = p.running;
    return tracked;
  }
}
