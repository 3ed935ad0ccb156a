/**
 * The controllers' plumbing. Store events arrive synchronously inside a write; controllers only note
 * what changed and queue a keyed task, which runs later on its own turn of the event loop (deduplicated
 * by key, in bounded batches so the HTTP servers stay responsive). Timers are tracked so stop() clears
 * every one of them.
 */
export class WorkQueue {
  private readonly pending = new Map<string, () => void>();
  private scheduled = false;
  private stopped = false;

  constructor(private readonly batch = 2000) {}

  /** Queues `fn` under `key`; a task already queued under the same key is replaced (it would do the same work). */
  add(key: string, fn: () => void): void {
    if (this.stopped) return;
    this.pending.set(key, fn);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    let n = 0;
    for (const [key, fn] of this.pending) {
      if (n++ >= this.batch) break;
      this.pending.delete(key);
      try {
        fn();
      } catch (err) {
        console.error(`sim controller task ${key} failed:`, err);
      }
    }
    if (this.pending.size > 0 && !this.scheduled && !this.stopped) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }
}

/** setTimeout/setInterval that stop() cancels together. */
export class Timers {
  private readonly handles = new Set<NodeJS.Timeout>();
  private stopped = false;

  after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const h = setTimeout(() => {
      this.handles.delete(h);
      try {
        fn();
      } catch (err) {
        console.error('sim controller timer failed:', err);
      }
    }, Math.max(0, ms));
    h.unref?.();
    this.handles.add(h);
  }

  every(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const h = setInterval(() => {
      try {
        fn();
      } catch (err) {
        console.error('sim controller interval failed:', err);
      }
    }, Math.max(1, ms));
    h.unref?.();
    this.handles.add(h);
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }
}
