/** Ledger entries for tests: a small Fargate pod in namespace shop, from T0, open, unless told otherwise. */
import type { LedgerEntry } from '../types';

export const T0 = Date.parse('2026-12-01T00:00:00Z');

// Fargate in us-east-1 (AWS's Fargate pricing page): $0.04048 per vCPU-hour, $0.004445 per GB-hour. A 0.25 vCPU,
// 0.5 GB pod: $0.0123425 per hour, billed per second with a one-minute minimum.
export const SMALL_FARGATE = 0.25 * 0.04048 + 0.5 * 0.004445;

export function ledgerEntry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 'pod:shop/a@0#0',
    subject: 'pod:shop/a@0',
    kind: 'fargate',
    name: 'a',
    namespace: 'shop',
    workload: 'Job/a',
    profile: 'fp-shop',
    pool: null,
    capacityType: 'Fargate',
    node: null,
    instanceType: null,
    rateUSD: SMALL_FARGATE,
    feeUSD: 0,
    start: T0,
    end: null,
    minimumSeconds: 60,
    reconstructedUntil: null,
    ...over,
  };
}
