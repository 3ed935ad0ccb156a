/** Summaries of timing samples. Pure. */

/**
 * The p-th percentile (0–100) of `samples` by the nearest-rank method: the smallest sample such that at
 * least p% of the samples are at or below it. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p}: must be between 0 and 100`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The median by nearest rank (the lower middle for an even count), as percentile(samples, 50). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds to `digits` decimals (for the JSON file: readable, not falsely precise). */
export function round(n: number, digits = 1): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
