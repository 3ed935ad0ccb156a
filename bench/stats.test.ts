import { describe, expect, it } from 'vitest';
import { median, percentile, round } from './stats';

describe('percentile (nearest rank)', () => {
  it('takes the sample at the ceiling rank', () => {
    // 20 samples 1..20: p95 is the 19th value, p50 the 10th.
    const s = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(s, 95)).toBe(19);
    expect(percentile(s, 50)).toBe(10);
    expect(percentile(s, 100)).toBe(20);
    expect(percentile(s, 0)).toBe(1);
  });

  it('does not reorder the caller’s array', () => {
    const s = [3, 1, 2];
    percentile(s, 50);
    expect(s).toEqual([3, 1, 2]);
  });

  it('gives the middle of five and NaN for none', () => {
    expect(median([900, 1200, 1100, 1000, 5000])).toBe(1100);
    expect(median([])).toBeNaN();
  });

  it('refuses percentiles outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
    expect(() => percentile([1], Number.NaN)).toThrow(/between 0 and 100/);
  });
});

describe('round', () => {
  it('keeps one decimal by default and leaves NaN alone', () => {
    expect(round(12.345)).toBe(12.3);
    expect(round(12.345, 2)).toBe(12.35);
    expect(round(Number.NaN)).toBeNaN();
  });
});
