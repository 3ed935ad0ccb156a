/**
 * A user's own discounts (Savings Plans, an enterprise agreement), set in FARVIEW_DISCOUNTS as effective rates:
 * `fargate=20%,ec2=28%,m6g=35%` — a rate for Fargate, one for On-Demand EC2, and per instance family where it
 * differs. Farview shows list and effective cost side by side; the list price stays the basis of every figure
 * AWS publishes. Spot capacity, the control plane and the EKS Auto Mode management fee keep their list price:
 * Savings Plans cover neither Spot nor the fee, and the rate a user sets is theirs to state for the rest. Pure.
 */
import type { CostLine } from './types';

export interface Discounts {
  /** Fractions in [0, 1). */
  fargate: number;
  ec2: number;
  families: Record<string, number>;
  /** As the user wrote it, normalised: "fargate 20 %, ec2 28 %, m6g 35 %". */
  text: string;
}

export class DiscountError extends Error {}

const FAMILY = /^[a-z][a-z0-9-]*$/;

/**
 * Reads FARVIEW_DISCOUNTS; undefined or empty is no discount.
 * @throws DiscountError naming the part that is wrong
 */
export function parseDiscounts(v: string | undefined): Discounts | null {
  if (v === undefined || v.trim() === '') return null;
  const d: Discounts = { fargate: 0, ec2: 0, families: {}, text: '' };
  const parts: string[] = [];
  for (const raw of v.split(',')) {
    const item = raw.trim();
    const m = /^([a-z0-9-]+)\s*=\s*(\d+(?:\.\d+)?)\s*%?$/.exec(item);
    if (!m) throw new DiscountError(`"${item}" is not name=percent (e.g. fargate=20%)`);
    const rate = Number(m[2]) / 100;
    if (!(rate >= 0 && rate < 1)) throw new DiscountError(`${m[1]}: ${m[2]} % must be at least 0 and below 100`);
    if (m[1] === 'fargate') d.fargate = rate;
    else if (m[1] === 'ec2') d.ec2 = rate;
    else if (FAMILY.test(m[1])) d.families[m[1]] = rate;
    else throw new DiscountError(`"${m[1]}" is neither fargate, ec2 nor an instance family`);
    parts.push(`${m[1]} ${Number(m[2])} %`);
  }
  d.text = parts.join(', ');
  return d;
}

/** The share of a line's list price the user does not pay. */
export function discountOf(l: Pick<CostLine, 'kind' | 'placement' | 'capacityType' | 'instanceType'>, d: Discounts | null): number {
  if (!d || l.kind === 'cluster') return 0;
  if (l.placement === 'fargate') return d.fargate;
  if (l.placement !== 'ec2' || l.capacityType === 'Spot') return 0;
  const family = l.instanceType?.split('.')[0];
  return family !== undefined && family in d.families ? d.families[family] : d.ec2;
}

/** What a line costs per hour after the user's discounts; the Auto Mode fee within it is never discounted. */
export function effectiveHourlyUSD(l: Pick<CostLine, 'kind' | 'placement' | 'capacityType' | 'instanceType' | 'hourlyUSD' | 'feeHourlyUSD'>, d: Discounts | null): number {
  const rate = discountOf(l, d);
  return rate === 0 ? l.hourlyUSD : (l.hourlyUSD - l.feeHourlyUSD) * (1 - rate) + l.feeHourlyUSD;
}
