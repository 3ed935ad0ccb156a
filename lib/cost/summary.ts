/**
 * Everything the cost view shows, from a ClusterView and a query: the grouped rows with their total, the
 * right-sizing list and the other-side estimates, with the prices and the moment they are for. The live view
 * computes it in the browser; a shared report freezes it.
 */
import type { RegionPrices } from '../fargate/types';
import type { ClusterView } from '../view/model';
import { groupLines, mergeGroups, totalOf } from './group';
import { costLines } from './lines';
import { ec2Reference, otherSide, otherSideMethod } from './other-side';
import { priceInfo } from './prices';
import { describeFilters, filterLines } from './query';
import { rightSizing } from './rightsizing';
import { sumUSD } from './money';
import type { Discounts } from './discounts';
import type { CostLine, CostQuery, CostSummary, Ec2Reference, PriceInfo } from './types';

/** Rows a table shows at most: a 10,000-pod cluster grouped by pod keeps its 500 most expensive pods and one row for the rest. */
export const MAX_GROUP_ROWS = 500;
/** Items the right-sizing and other-side lists show at most (the largest first). */
export const MAX_ADVICE_ROWS = 200;

const NOUN: Record<CostQuery['by'], string> = { namespace: 'namespaces', workload: 'workloads', profile: 'profiles', pool: 'node pools', capacity: 'capacity types', pod: 'pods' };

/** What a summary is computed from: lines for one moment, their prices and the EC2 reference node. */
export interface CostBasis {
  at: string;
  prices: PriceInfo | null;
  reference: Ec2Reference | null;
  /** Every line of the cluster, unfiltered. */
  lines: CostLine[];
  /** Facts about the cluster the figures depend on (unpriced nodes, missing prices). */
  notes: string[];
  /** The user's own discounts, for the effective figures; null: list prices only. */
  discounts: Discounts | null;
}

/**
 * The basis of a view: its lines at meta.generatedAt, the prices of its region cut down to the instance types it
 * runs, and notes on anything left unpriced. `prices` is the region's table (null when the region has none).
 */
export function costBasis(view: Pick<ClusterView, 'pods' | 'nodes' | 'meta'>, prices: RegionPrices | null): CostBasis {
  const ec2Nodes = view.nodes.filter((n) => n.computeType === 'ec2');
  const info = prices ? priceInfo(prices, ec2Nodes.map((n) => n.instanceType).filter((t): t is string => !!t)) : null;
  const notes: string[] = [];
  if (!info) notes.push(`No price table for region ${view.meta.region ?? '(unknown)'}: every cost shows as $0.`);
  const unpriced = ec2Nodes.filter((n) => !info || !n.instanceType || !Object.prototype.hasOwnProperty.call(info.ec2, n.instanceType));
  if (info && unpriced.length) {
    const types = [...new Set(unpriced.map((n) => n.instanceType ?? 'unknown type'))].sort();
    notes.push(`${unpriced.length} EC2 node${unpriced.length > 1 ? 's have' : ' has'} no price (${types.join(', ')} not in the ${info.region} table): counted as $0.`);
  }
  if (view.meta.controlPlane) notes.push(view.meta.controlPlane.note);
  const discounts = view.meta.discounts ?? null;
  if (discounts) notes.push(`Effective figures apply your discounts (${discounts.text}) to On-Demand EC2 and Fargate; Spot, the control plane and the EKS Auto Mode fee stay at list price.`);
  return { at: view.meta.generatedAt, prices: info, reference: ec2Reference(view.nodes, info), lines: costLines(view), notes, discounts };
}

/** The summary of a basis under a query. */
export function summarize(basis: CostBasis, query: CostQuery): CostSummary {
  const lines = filterLines(basis.lines, query);
  const notes = [...basis.notes];
  const kept = new Set(lines);
  const hiddenIdle = basis.lines.filter((l) => l.kind === 'idle' && !kept.has(l));
  const hiddenIdleHourly = sumUSD(hiddenIdle.map((l) => l.hourlyUSD));
  if (hiddenIdle.length && hiddenIdleHourly > 0) {
    notes.push(
      query.ns
        ? `Idle EC2 capacity ($${round4(hiddenIdleHourly)}/h) belongs to no namespace, so it is not in these figures (${describeFilters(query)}).`
        : `Idle EC2 capacity ($${round4(hiddenIdleHourly)}/h) is not in these figures (${describeFilters(query)}).`,
    );
  }
  const hiddenCluster = basis.lines.find((l) => l.kind === 'cluster' && !kept.has(l));
  if (hiddenCluster) notes.push(`The EKS control plane ($${round4(hiddenCluster.hourlyUSD)}/h) is in no namespace and on neither side, so it is not in these figures (${describeFilters(query)}).`);
  const pending = lines.filter((l) => l.placement === 'pending').length;
  if (pending) notes.push(`${pending} pending pod${pending > 1 ? 's cost' : ' costs'} nothing until scheduled.`);
  let groups = groupLines(lines, query.by, basis.discounts);
  let omittedGroups = 0;
  if (groups.length > MAX_GROUP_ROWS) {
    // The rows stay a complete partition of the total: the tail is one row.
    const tail = groups.slice(MAX_GROUP_ROWS - 1);
    omittedGroups = tail.length;
    groups = [...groups.slice(0, MAX_GROUP_ROWS - 1), mergeGroups('more', `${tail.length} more ${NOUN[query.by]} (the cheapest; every pod is in the CSV)`, tail)];
  }
  const advice = rightSizing(lines, basis.prices);
  const other = otherSide(lines, basis.prices, basis.reference);
  return {
    query: { ...query },
    at: basis.at,
    prices: basis.prices,
    groups,
    total: totalOf(lines, basis.discounts),
    discounts: basis.discounts,
    rightSizing: advice.slice(0, MAX_ADVICE_ROWS),
    otherSide: other.slice(0, MAX_ADVICE_ROWS),
    otherSideMethod: otherSideMethod(basis.reference, basis.prices),
    notes,
    omitted: { groups: omittedGroups, rightSizing: Math.max(0, advice.length - MAX_ADVICE_ROWS), otherSide: Math.max(0, other.length - MAX_ADVICE_ROWS) },
  };
}

function round4(n: number): string {
  return n.toFixed(4);
}
