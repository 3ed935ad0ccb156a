import 'server-only';
/**
 * The cost of a time range for one context: the ledger's entries for the range from the store, grouped as the
 * cost table groups (lib/ledger/cost.ts), the chart's series, what was reconstructed, and the month to date with
 * its forecast at the live run rate.
 */
import { filterLines } from '../cost/query';
import type { CostQuery } from '../cost/types';
import { groupLines, totalOf } from '../cost/group';
import { costLines } from '../cost/lines';
import { movers, rangeLines, rangeSeries } from '../ledger/cost';
import { monthForecast, type ResolvedRange } from '../ledger/range';
import type { CostRangeResponse, LedgerEntry } from '../ledger/types';
import type { Db } from '../store/db';
import { readLedger } from '../store/ledger';
import type { ClusterSource } from './cluster-source';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** @throws StoreError when the ledger cannot be read */
export async function costRangeFor(source: ClusterSource, range: ResolvedRange, q: CostQuery, db?: Db): Promise<CostRangeResponse> {
  // Someone asked for history: the ledger starts now if it has not, so that the answer includes this moment.
  await source.startLedger();
  const { view } = source.snapshot();
  const asOf = Date.parse(view.meta.generatedAt);
  // The month and its forecast follow the filter too: what the chosen namespace or side spent and costs now.
  const runRate = totalOf(filterLines(costLines(view), q)).hourlyUSD;
  const month = monthForecast(asOf, 0, runRate);
  const span = range.to - range.from;
  const before = { from: range.from - span, to: range.from };
  const from = Math.min(before.from, month.from);
  const all = await readLedger(source.context, { from, to: Math.max(range.to, asOf) }, db);
  const keep = (entries: readonly LedgerEntry[], r: { from: number; to: number }) => filterLines(rangeLines(entries, r, asOf), q);
  const lines = keep(all, range);
  const previousLines = keep(all, before);
  const d = view.meta.discounts ?? null;
  // The chart follows the table's filter: the entries whose lines the filter keeps.
  const kept = new Set(lines.map((l) => l.id));
  const charted = all.filter((e) => kept.has(e.kind === 'ec2-node' ? `idle:${e.name}` : e.subject));
  const spent = totalOf(keep(all, { from: month.from, to: asOf })).accruedUSD;
  const status = source.ledgerStatus();
  // The filled-in part of each entry, as an entry of its own.
  const filledIn = charted.flatMap((e) => (e.reconstructedUntil !== null && e.reconstructedUntil > e.start ? [{ ...e, end: e.reconstructedUntil, minimumSeconds: 0 }] : []));
  const reconstructedUSD = totalOf(keep(filledIn, range)).accruedUSD;
  return {
    range: { spec: range.spec, label: range.label, from: iso(range.from) as string, to: iso(range.to) as string, stepMs: range.stepMs },
    asOf: view.meta.generatedAt,
    groups: groupLines(lines, q.by, d),
    total: totalOf(lines, d),
    series: rangeSeries(charted, range, asOf, q.by, range.stepMs),
    coverage: { recordingSince: iso(status?.recordingSince ?? null), coveredUntil: iso(status?.coveredUntil ?? null), reconstructedUSD, problem: status?.problem ?? null },
    month: { ...monthForecast(asOf, spent, runRate), from: iso(month.from) as string, to: iso(month.to) as string },
    previous: { from: iso(before.from) as string, to: iso(before.to) as string, totalUSD: totalOf(previousLines).accruedUSD, movers: movers(groupLines(lines, q.by, null), groupLines(previousLines, q.by, null)) },
  };
}
