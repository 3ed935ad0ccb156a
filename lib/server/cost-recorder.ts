import 'server-only';
/**
 * Keeps the cost ledger of one context: every FARVIEW_LEDGER_TICK_SECONDS it looks at what the live view bills
 * (lib/ledger/record.ts), writes the entries opened and closed since the last look, and records how far it
 * reached. At start it closes what a stopped run left open at the moment that run last reached, so that the time
 * Farview was down is never counted silently: what still runs is filled in from its start time, marked
 * reconstructed. Writes never hold up the view; a failed one is retried with the next (bounded).
 */
import { observe, step } from '../ledger/record';
import type { LedgerEntry } from '../ledger/types';
import type { ClusterView } from '../view/model';

/** What the recorder keeps its rows in (the store, in the app). */
export interface LedgerStore {
  write(entries: readonly LedgerEntry[]): Promise<unknown>;
  coveredUntil(): Promise<number | null>;
  setCoveredUntil(at: number): Promise<unknown>;
  closeOpen(at: number): Promise<unknown>;
  prune(before: number): Promise<unknown>;
}

export interface CostRecorderOptions {
  context: string;
  store: LedgerStore;
  /** The live view, or null while the cluster cannot be shown (then nothing is recorded). */
  view(): ClusterView | null;
  now(): number;
  tickMs: number;
  retentionDays: number;
}

export interface LedgerStatus {
  /** When this run began recording (epoch ms), null before its first look. */
  recordingSince: number | null;
  /** How far the ledger reaches now. */
  coveredUntil: number | null;
  /** Entries written by this run, and the last write problem. */
  written: number;
  problem: string | null;
}

/** A few hours of a busy cluster's changes; past this the oldest unwritten entries are dropped, and counted. */
const MAX_PENDING = 200_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Entries written per tick at most, and per statement. */
const WRITE_BUDGET = 2_000;
const WRITE_STATEMENT = 250;

export class CostRecorder {
  private readonly open = new Map<string, LedgerEntry>();
  private pending: LedgerEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private recordingSince: number | null = null;
  private previousCover: number | null = null;
  private covered: number | null = null;
  private writes: Promise<void> = Promise.resolve();
  private lastPrune = 0;
  private stopped = false;
  private readonly st = { written: 0, dropped: 0, problem: null as string | null };

  constructor(private readonly o: CostRecorderOptions) {}

  /**
   * Closes what an earlier run left open, then looks every tick. Until the store has said how far the ledger
   * reached, nothing is recorded (recording blind would count the past twice): a failure is retried every tick.
   */
  async start(): Promise<void> {
    try {
      this.previousCover = await this.o.store.coveredUntil();
      if (this.previousCover !== null) await this.o.store.closeOpen(this.previousCover);
    } catch (e) {
      this.st.problem = (e as Error).message;
      console.error(`farview: context ${this.o.context}: cost ledger:`, this.st.problem);
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.start(), this.o.tickMs);
        this.timer.unref();
      }
      return;
    }
    if (this.stopped) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.o.tickMs);
    this.timer.unref();
  }

  /** One look at the cluster (also called by tests). */
  tick(): void {
    const view = this.o.view();
    if (!view || this.stopped) return;
    const now = this.o.now();
    this.recordingSince ??= now;
    const { opened, closed } = step(this.open, observe(view), now, this.recordingSince, this.previousCover);
    this.pending.push(...closed, ...opened);
    if (this.pending.length > MAX_PENDING) {
      const over = this.pending.length - MAX_PENDING;
      this.pending.splice(0, over);
      this.st.dropped += over;
    }
    this.covered = now;
    void this.flush();
  }

  /** Writes what is pending and how far the ledger reaches; resolves when written or failed. Writes run one at a time. */
  flush(): Promise<void> {
    this.writes = this.writes.then(() => this.writeOnce());
    return this.writes;
  }

  /**
   * Writes at most WRITE_BUDGET entries, in small statements with a turn of the event loop between them: the store
   * may run on this thread (PGlite), and a first look at a big cluster opens an entry per pod. How far the ledger
   * reaches is written only once nothing is pending, so that a stop before then fills in from the start times.
   */
  private async writeOnce(): Promise<void> {
    const batch = this.pending.splice(0, WRITE_BUDGET);
    const covered = this.covered;
    if (!batch.length && covered === null) return;
    try {
      for (let i = 0; i < batch.length; i += WRITE_STATEMENT) {
        await this.o.store.write(batch.slice(i, i + WRITE_STATEMENT));
        this.st.written += Math.min(WRITE_STATEMENT, batch.length - i);
        await new Promise((r) => setImmediate(r));
      }
      if (covered !== null && this.pending.length === 0) await this.o.store.setCoveredUntil(covered);
      this.st.problem = null;
      if (covered !== null && covered - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = covered;
        await this.o.store.prune(covered - this.o.retentionDays * 86_400_000);
      }
    } catch (e) {
      this.pending.unshift(...batch);
      this.st.problem = (e as Error).message;
      console.error(`farview: context ${this.o.context}: cost ledger:`, this.st.problem);
    }
  }

  status(): LedgerStatus {
    const problem = this.st.dropped ? `${this.st.dropped} entries could not be kept${this.st.problem ? `: ${this.st.problem}` : ''}` : this.st.problem;
    return { recordingSince: this.recordingSince, coveredUntil: this.covered ?? this.previousCover, written: this.st.written, problem };
  }

  /** Stops looking; what is pending is written. Entries stay open: the next run closes them where this one reached. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // Everything pending, a budget at a time (bounded: a failing store gives up after a few tries).
    for (let i = 0; i < 200 && (i === 0 || this.pending.length) && !(i > 3 && this.st.problem); i++) await this.flush();
  }
}
