/**
 * The store's event side: the bounded log watches resume from, and in-order delivery to subscribers.
 * Anything older than the log answers 'expired' (the server turns that into 410 Gone).
 */
import { copyOf, entryJson, type Entry } from './store-index';
import type { Obj, RawEvent, WatchEvent } from './store-types';

export interface LogEntry {
  type: WatchEvent['type'];
  rv: number;
  entry: Entry;
  prev?: Readonly<Obj>;
}

export class EventLog {
  private log: LogEntry[] = [];
  /** Every event with rv > this is in the log; older ones are gone. */
  private compactedRv = 1;
  private readonly subscribers = new Set<(ev: WatchEvent) => void>();
  private readonly rawSubscribers = new Set<(ev: RawEvent) => void>();
  private readonly pending: LogEntry[] = [];
  private dispatching = false;

  constructor(private readonly historyLimit: number) {}

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumableRv(): number {
    return this.compactedRv;
  }

  subscribe(fn: (ev: WatchEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  }

  subscribeRaw(fn: (ev: RawEvent) => void): () => void {
    this.rawSubscribers.add(fn);
    return () => void this.rawSubscribers.delete(fn);
  }

  /** Events with rv > sinceRv, sharing the stored objects, or 'expired' when some have been forgotten. */
  historyRaw(sinceRv: number): RawEvent[] | 'expired' {
    if (!Number.isFinite(sinceRv) || sinceRv < this.compactedRv) return 'expired';
    // Binary search: the log is sorted by rv.
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid].rv <= sinceRv) lo = mid + 1;
      else hi = mid;
    }
    return this.log.slice(lo).map(toRaw);
  }

  /** Forgets the log: every resume from before currentRv gets 'expired'. */
  expire(currentRv: number): void {
    this.log = [];
    this.compactedRv = currentRv;
  }

  /** Records a write and delivers it to every subscriber. */
  emit(le: LogEntry): void {
    this.log.push(le);
    const slack = Math.max(64, this.historyLimit >> 2);
    if (this.log.length > this.historyLimit + slack) {
      const drop = this.log.length - this.historyLimit;
      this.compactedRv = this.log[drop - 1].rv;
      this.log = this.log.slice(drop);
    }
    // Queue, so that a subscriber writing from inside its callback cannot reorder events for the others.
    this.pending.push(le);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const raw = toRaw(next);
        for (const fn of [...this.rawSubscribers]) safeCall(() => fn(raw));
        for (const fn of [...this.subscribers]) {
          safeCall(() => fn({ type: next!.type, rv: next!.rv, object: copyOf(next!.entry) }));
        }
      }
    } finally {
      this.dispatching = false;
    }
  }
}

function toRaw(le: LogEntry): RawEvent {
  const raw: RawEvent = { type: le.type, rv: le.rv, object: le.entry.obj, json: () => entryJson(le.entry) };
  if (le.prev) raw.prev = le.prev;
  return raw;
}

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    // A failing subscriber must not stop the others or the write that triggered it.
    console.error('store subscriber failed:', err);
  }
}
