/**
 * What the user pays after their own discounts (FARVIEW_DISCOUNTS), for the screens that show one pod, one node or
 * the whole cluster without building every cost line: a node's price and a pod's share follow the rules of
 * discounts.ts, and the cluster's total is its nodes, its Fargate pods and the control plane, which is what the
 * lines add up to. Pure.
 */
import type { ClusterView, NodeView, PodView } from '../view/model';
import { capacityLabel } from '../view/node-info';
import { effectiveHourlyUSD, type Discounts } from './discounts';

/** A node's $/hour after discounts; Fargate nodes are priced by their pod, which carries the discount. */
export function nodeEffectiveHourlyUSD(n: NodeView, d: Discounts | null): number {
  if (n.computeType !== 'ec2') return n.hourlyUSD;
  return effectiveHourlyUSD({ kind: 'idle', placement: 'ec2', capacityType: n.capacityType ? capacityLabel(n.capacityType) : null, instanceType: n.instanceType, hourlyUSD: n.hourlyUSD, feeHourlyUSD: n.feeHourlyUSD }, d);
}

/** A pod's $/hour after discounts: Fargate at the Fargate rate, a share of an EC2 node at its node's. */
export function podEffectiveHourlyUSD(p: PodView, node: NodeView | undefined, d: Discounts | null): number {
  if (p.placement === 'fargate') return effectiveHourlyUSD({ kind: 'pod', placement: 'fargate', capacityType: 'Fargate', instanceType: null, hourlyUSD: p.hourlyUSD, feeHourlyUSD: 0 }, d);
  if (p.placement !== 'ec2' || !node || node.hourlyUSD <= 0) return p.hourlyUSD;
  return (p.hourlyUSD * nodeEffectiveHourlyUSD(node, d)) / node.hourlyUSD;
}

/** The cluster's $/hour after discounts: every EC2 node, every Fargate pod, and the control plane at list price. */
export function clusterEffectiveHourlyUSD(view: Pick<ClusterView, 'nodes' | 'totals' | 'meta'>): number {
  const d = view.meta.discounts ?? null;
  if (!d) return view.totals.hourlyUSD;
  let ec2 = 0;
  for (const n of view.nodes) if (n.computeType === 'ec2') ec2 += nodeEffectiveHourlyUSD(n, d);
  return ec2 + view.totals.fargate.hourlyUSD * (1 - d.fargate) + view.totals.controlPlaneHourlyUSD;
}
