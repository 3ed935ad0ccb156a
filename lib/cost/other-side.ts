/**
 * What each workload would cost on the other side of the cluster.
 *
 * On Fargate: every pod at the Fargate size its request needs (+256 MiB, rounded up to one of the 74 sizes), at
 * list price. Pods that could not run there (DaemonSets, requests above 16 vCPU / 120 GB) leave the column empty.
 * On EC2: every pod at its requested share of a reference node — the cluster's most common priced instance type —
 * split half by CPU and half by memory, as the cost view shares out EC2 nodes. That share excludes the idle
 * capacity every node also carries, so it is a floor, not a quote.
 */
import { ec2ShareHourly } from '../view/cost';
import type { NodeView } from '../view/model';
import { neverOnFargate } from '../fargate/landing';
import { formatBytes, formatCpu } from '../fargate/quantity';
import { fromNano, toNano } from './money';
import { ec2Rate, fargateComputeHourly } from './prices';
import type { CostLine, Ec2Reference, OtherSideMethod, OtherSideRow, PriceInfo } from './types';

/**
 * The EC2 node type Fargate pods are compared with: the priced instance type most nodes have (ties: the cheaper,
 * then by name), with the allocatable capacity of its first node by name. Null without a priced EC2 node.
 */
export function ec2Reference(nodes: readonly NodeView[], prices: PriceInfo | null): Ec2Reference | null {
  if (!prices) return null;
  const byType = new Map<string, NodeView[]>();
  for (const n of nodes) {
    if (n.computeType !== 'ec2' || !n.instanceType || ec2Rate(prices, n.instanceType) === null) continue;
    const list = byType.get(n.instanceType);
    if (list) list.push(n);
    else byType.set(n.instanceType, [n]);
  }
  let best: Ec2Reference | null = null;
  for (const [type, list] of byType) {
    const rate = ec2Rate(prices, type) as number;
    const first = [...list].sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    const cand: Ec2Reference = { instanceType: type, hourlyUSD: rate, allocatable: { ...first.allocatable }, nodes: list.length };
    if (!best || cand.nodes > best.nodes || (cand.nodes === best.nodes && (rate < best.hourlyUSD || (rate === best.hourlyUSD && type < best.instanceType)))) {
      best = cand;
    }
  }
  return best;
}

/** The method sentences shown under the other-side table. */
export function otherSideMethod(reference: Ec2Reference | null, prices: PriceInfo | null): OtherSideMethod {
  const fargate = prices
    ? `On Fargate: each pod at the size its request needs (request + 256 MiB, rounded up to a supported size) at ${prices.region} list prices ($${prices.fargateVcpuHour}/vCPU-hour, $${prices.fargateGbHour}/GB-hour).`
    : 'On Fargate: no prices for this region.';
  const ec2 = reference
    ? `On EC2: each pod's requested share of a ${reference.instanceType} ($${reference.hourlyUSD}/hour, ${formatCpu(reference.allocatable.cpuMillis)} CPU and ${formatBytes(reference.allocatable.memoryBytes)} allocatable), half by CPU and half by memory — the split the cost view uses. Idle node capacity is not included, so this is the least it would cost.`
    : 'On EC2: the cluster has no EC2 node with a known price to compare with.';
  return { fargate, ec2, reference };
}

interface Acc {
  namespace: string;
  workload: string;
  pods: number;
  ec2Pods: number;
  fargatePods: number;
  now: number;
  fargate: number;
  ec2: number;
  fargateBlocked: string | null;
}

/** One row per workload among the pod lines, most expensive now first. */
export function otherSide(lines: readonly CostLine[], prices: PriceInfo | null, reference: Ec2Reference | null): OtherSideRow[] {
  const accs = new Map<string, Acc>();
  for (const l of lines) {
    if (l.kind !== 'pod') continue;
    const workload = l.workload ?? `Pod/${l.name}`;
    const key = `${l.namespace}/${workload}`;
    let a = accs.get(key);
    if (!a) {
      a = { namespace: l.namespace ?? '', workload, pods: 0, ec2Pods: 0, fargatePods: 0, now: 0, fargate: 0, ec2: 0, fargateBlocked: null };
      accs.set(key, a);
    }
    a.pods++;
    a.now += toNano(l.hourlyUSD);
    if (l.placement === 'ec2') a.ec2Pods++;
    if (l.placement === 'fargate') a.fargatePods++;

    // All on Fargate: Fargate pods as billed, the others at the size their request needs.
    if (l.placement === 'fargate' && l.basis === 'fargate') a.fargate += toNano(l.hourlyUSD);
    else if (neverOnFargate(workload.split('/')[0])) a.fargateBlocked = "DaemonSets don't run on Fargate";
    else if (!l.fargateSize) a.fargateBlocked = 'a pod needs more than the largest Fargate size (16 vCPU, 120 GB)';
    else if (prices) a.fargate += toNano(fargateComputeHourly(l.fargateSize, prices));

    // All on EC2: EC2 pods at their current share, the others at their share of the reference node.
    if (l.placement === 'ec2' && l.basis === 'ec2-share') a.ec2 += toNano(l.hourlyUSD);
    else if (reference) a.ec2 += toNano(ec2ShareHourly(reference.hourlyUSD, l.request, reference.allocatable));
  }
  const rows: OtherSideRow[] = [];
  for (const a of accs.values()) {
    const notes: string[] = [];
    if (a.fargateBlocked) notes.push(a.fargateBlocked);
    if (!prices) notes.push('no prices for this region');
    const needsReference = a.pods > a.ec2Pods;
    if (needsReference && !reference) notes.push('no priced EC2 node to compare with');
    rows.push({
      workload: a.workload,
      namespace: a.namespace,
      pods: a.pods,
      ec2Pods: a.ec2Pods,
      fargatePods: a.fargatePods,
      nowHourlyUSD: fromNano(a.now),
      fargateHourlyUSD: a.fargateBlocked || !prices ? null : fromNano(a.fargate),
      ec2HourlyUSD: needsReference && !reference ? null : fromNano(a.ec2),
      notes,
    });
  }
  const key = new Map(rows.map((r) => [r, `${r.namespace}/${r.workload}`]));
  return rows.sort((x, y) => y.nowHourlyUSD - x.nowHourlyUSD || ((key.get(x) as string) < (key.get(y) as string) ? -1 : 1));
}
