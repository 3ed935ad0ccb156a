import 'server-only';
/**
 * Keeps the usage history: each good metrics poll's samples go into 5-minute buckets per workload and container
 * (lib/usage/buckets.ts); a bucket is written once a sample past its end arrives, in one batch, without the poll
 * waiting for the store. A failed write is retried with the next one (bounded: the oldest buckets are dropped past
 * MAX_PENDING, and the loss is told). Time is the samples' own (metrics-server's timestamps), so a simulated
 * cluster under --speed fills its history as fast as its clock runs.
 */
import { BucketAccumulator } from '../usage/buckets';
import type { HistoryState, PodUsage, UsageBucket } from '../usage/types';
import type { OwnerRef } from '../view/model';

/** About two hours of buckets for a thousand workload containers. */
const MAX_PENDING = 25_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface UsageRecorderOptions {
  workloadOf(namespace: string, name: string): OwnerRef | null;
  write(buckets: readonly UsageBucket[]): Promise<unknown>;
  prune(before: string): Promise<unknown>;
  retentionDays: number;
}

export class UsageRecorder {
  private readonly acc = new BucketAccumulator();
  private pending: UsageBucket[] = [];
  private writing: Promise<void> | null = null;
  private latestMs = 0;
  private lastPruneMs = 0;
  private readonly st = { written: 0, dropped: 0, problem: null as string | null };

  constructor(private readonly opts: UsageRecorderOptions) {}

  /** One poll's samples (the poller's onSamples hook). */
  record(pods: readonly PodUsage[]): void {
    this.acc.add(pods, this.opts.workloadOf);
    for (const p of pods) {
      const t = Date.parse(p.timestamp);
      if (t > this.latestMs) this.latestMs = t;
    }
    this.pending.push(...this.acc.drain(this.latestMs));
    if (this.pending.length > MAX_PENDING) {
      const over = this.pending.length - MAX_PENDING;
      this.pending.splice(0, over);
      this.st.dropped += over;
    }
    void this.flush();
  }

  /** Writes what is pending; with `all`, the open buckets too (on shutdown). Resolves when written or failed. */
  async flush(all = false): Promise<void> {
    if (this.writing) await this.writing;
    if (all) this.pending.push(...this.acc.drain(0, true));
    if (!this.pending.length) return;
    const batch = this.pending.splice(0);
    this.writing = (async () => {
      try {
        await this.opts.write(batch);
        this.st.written += batch.length;
        this.st.problem = null;
        if (this.latestMs - this.lastPruneMs >= PRUNE_EVERY_MS) {
          this.lastPruneMs = this.latestMs;
          await this.opts.prune(new Date(this.latestMs - this.opts.retentionDays * 86_400_000).toISOString());
        }
      } catch (e) {
        // Kept for the next write, ahead of what came meanwhile.
        this.pending.unshift(...batch);
        this.st.problem = e instanceof Error ? e.message : String(e);
      } finally {
        this.writing = null;
      }
    })();
    await this.writing;
  }

  /** Buckets written and waiting, lost to a store that stayed down, the last write's problem, the newest sample. */
  state(): HistoryState {
    return { ...this.st, pending: this.pending.length, latestSample: this.latestMs ? new Date(this.latestMs).toISOString() : null };
  }
}
