import { describe, expect, it } from 'vitest';
import { monthForecast, parseRange } from './range';

const NOW = Date.parse('2026-12-03T14:30:00Z');

describe('the cost page’s time range', () => {
  it('resolves the presets against now, with at most 120 chart buckets', () => {
    const day = parseRange('24h', NOW).range;
    expect(day).toMatchObject({ from: NOW - 86_400_000, to: NOW, label: 'last 24 h', stepMs: 15 * 60_000 });
    expect(parseRange('mtd', NOW).range).toMatchObject({ from: Date.parse('2026-12-01T00:00:00Z'), to: NOW, label: 'this month' });
    for (const p of ['1h', '24h', '7d', '30d', 'mtd']) {
      const r = parseRange(p, NOW).range;
      expect(r && (r.to - r.from) / r.stepMs).toBeLessThanOrEqual(120);
    }
  });

  it('reads a custom range and refuses what is not one, saying why', () => {
    expect(parseRange('2026-11-01T00:00Z..2026-11-08T00:00Z', NOW).range).toMatchObject({ from: Date.parse('2026-11-01T00:00Z'), to: Date.parse('2026-11-08T00:00Z'), stepMs: 7_200_000 });
    expect(parseRange('2026-11-08T00:00Z..2026-11-01T00:00Z', NOW).problem).toMatch(/end must be after the start/);
    expect(parseRange('yesterday', NOW)).toEqual({ range: null, problem: expect.stringMatching(/^range=yesterday is not one of 1h, 24h, 7d, 30d, mtd/) });
  });

  it('forecasts the month as spent so far plus the current rate for the hours left', () => {
    // 3 December 14:30 UTC: 28 days and 9.5 hours left in December.
    const f = monthForecast(NOW, 100, 2);
    expect(f.forecastUSD).toBeCloseTo(100 + 2 * (28 * 24 + 9.5), 9);
    expect(f.method).toBe('spent so far this month (UTC) plus the current $/hour for the 682 hours left');
  });
});
