/**
 * The cost page's time range in the URL (`range=24h`, `7d`, `30d`, `1h`, `mtd`, or a custom
 * `2026-11-01T00:00Z..2026-11-08T00:00Z`), resolved against a moment, with the chart's bucket size. Parsing never
 * throws: a bad value is reported and nothing is chosen. Month-to-date and its forecast live here too. Pure.
 */
import type { Range } from './types';

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', 'mtd'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABEL: Record<RangePreset, string> = { '1h': 'last hour', '24h': 'last 24 h', '7d': 'last 7 days', '30d': 'last 30 days', mtd: 'this month' };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Longest custom range: what the ledger keeps at most. */
const MAX_SPAN = 1000 * DAY;
/** Bucket sizes the chart may use, smallest first; it takes the smallest that gives at most 120 buckets. */
const STEPS = [MIN, 5 * MIN, 15 * MIN, HOUR, 2 * HOUR, 6 * HOUR, DAY, 7 * DAY];

export interface ResolvedRange extends Range {
  /** The URL value it came from. */
  spec: string;
  label: string;
  stepMs: number;
}

function stepFor(span: number): number {
  return STEPS.find((s) => span / s <= 120) ?? STEPS[STEPS.length - 1];
}

function startOfMonthUTC(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function startOfNextMonthUTC(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** A range from the URL value at `now`; null and a problem when it is not one. */
export function parseRange(spec: string, now: number): { range: ResolvedRange | null; problem: string | null } {
  const preset = (RANGE_PRESETS as readonly string[]).includes(spec) ? (spec as RangePreset) : null;
  if (preset) {
    const from = preset === 'mtd' ? startOfMonthUTC(now) : now - { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY }[preset];
    // Buckets line up on whole steps, so that the chart does not shift as time passes.
    const step = stepFor(now - from);
    return { range: { from, to: now, spec, label: RANGE_LABEL[preset], stepMs: step }, problem: null };
  }
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?Z)\.\.(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?Z)$/.exec(spec);
  if (!m) return { range: null, problem: `range=${spec.slice(0, 80)} is not one of ${RANGE_PRESETS.join(', ')} or FROM..TO (2026-11-01T00:00Z..2026-11-08T00:00Z)` };
  const from = Date.parse(m[1]);
  const to = Math.min(Date.parse(m[2]), now);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { range: null, problem: `range=${spec}: not a valid time` };
  if (to <= from) return { range: null, problem: `range=${spec}: the end must be after the start, and the start in the past` };
  if (to - from > MAX_SPAN) return { range: null, problem: `range=${spec}: at most ${MAX_SPAN / DAY} days` };
  return { range: { from, to, spec, label: `${fmt(from)} – ${fmt(to)}`, stepMs: stepFor(to - from) }, problem: null };
}

export interface MonthForecast {
  /** The month's first moment (UTC) and the next month's. */
  from: number;
  to: number;
  spentUSD: number;
  runRateUSD: number;
  forecastUSD: number;
  method: string;
}

/** Month to date and a forecast to its end: what the ledger counted so far plus the current rate for the hours left. */
export function monthForecast(now: number, spentUSD: number, runRateUSD: number): MonthForecast {
  const from = startOfMonthUTC(now);
  const to = startOfNextMonthUTC(now);
  const hoursLeft = Math.max(0, (to - now) / HOUR);
  return {
    from,
    to,
    spentUSD,
    runRateUSD,
    forecastUSD: spentUSD + runRateUSD * hoursLeft,
    method: `spent so far this month (UTC) plus the current $/hour for the ${Math.round(hoursLeft)} hours left`,
  };
}
