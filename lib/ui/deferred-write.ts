/**
 * One value on its way somewhere slow, e.g. the `/` filter into the URL: set() (re)starts the wait,
 * flush() writes at once, cancel() drops it. Only the latest value is written, and at most once.
 */
export class DeferredWrite<T> {
  private pending: { value: T; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    private readonly write: (value: T) => void,
    private readonly delayMs: number,
  ) {}

  /** Whether a value is waiting. */
  get waiting(): boolean {
    return this.pending !== null;
  }

  set(value: T): void {
    this.cancel();
    this.pending = { value, timer: setTimeout(() => this.flush(), this.delayMs) };
  }

  flush(): void {
    const p = this.pending;
    if (!p) return;
    this.cancel();
    this.write(p.value);
  }

  cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
  }
}
