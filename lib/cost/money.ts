/**
 * Money arithmetic for sums that must add up exactly: every amount is summed as integer nano-dollars, the
 * unit the view's own aggregates use, so a total equals the sum of its rows whatever the order.
 */
import { fromNano, toNano } from '../view/cost';

export { fromNano, toNano };

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
