import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeferredWrite } from './deferred-write';

describe('DeferredWrite', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes only the latest value, once typing has rested for the delay', () => {
    const written: string[] = [];
    const w = new DeferredWrite<string>((v) => written.push(v), 300);
    w.set('t');
    vi.advanceTimersByTime(200);
    w.set('te');
    vi.advanceTimersByTime(299);
    expect(written).toEqual([]);
    expect(w.waiting).toBe(true);
    vi.advanceTimersByTime(1);
    expect(written).toEqual(['te']);
    expect(w.waiting).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(written).toEqual(['te']);
  });

  it('flush writes at once and not again later; with nothing waiting it does nothing', () => {
    const written: string[] = [];
    const w = new DeferredWrite<string>((v) => written.push(v), 300);
    w.flush();
    w.set('a');
    w.flush();
    vi.advanceTimersByTime(1000);
    expect(written).toEqual(['a']);
  });

  it('cancel drops the waiting value', () => {
    const written: string[] = [];
    const w = new DeferredWrite<string>((v) => written.push(v), 300);
    w.set('a');
    w.cancel();
    w.flush();
    vi.advanceTimersByTime(1000);
    expect(written).toEqual([]);
  });
});
