/**
 * Money arithmetic for sums that must add up exactly: every amount is summed as integer nano-dollars, the
 * unit the view's own aggregates use too, so a total equals the sum of its rows whatever the order. The one
 * home of these primitives: the view and the cost modules both import them from here.
 */

/** Dollars to integer nano-dollars, the unit every aggregate is kept in. */
export function toNano(usd: number): number {
  return Math.round(usd * 1e9);
}

/** Integer nano-dollars back to dollars. */
export function fromNano(nano: number): number {
  return nano / 1e9;
}

/** The exact sum of dollar amounts (via nano-dollars). */
export function sumUSD(values: Iterable<number>): number {
  let nano = 0;
  for (const v of values) nano += toNano(v);
  return fromNano(nano);
}

/** A dollar amount without floating-point dust: rounded to the nano-dollar. */
export function roundUSD(usd: number): number {
  return fromNano(toNano(usd));
}
