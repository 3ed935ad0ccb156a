/**
 * A ClusterView → cost lines: one per pod, plus one per EC2 node for the capacity no pod requested (its idle
 * share). Pod prices are the view's own (Fargate: the billed size; EC2: the node's price split by requests,
 * half by CPU and half by memory), so the lines add up to the view's total $/hour.
 *
 * Accrued costs are recomputed here at one moment, `at`, rather than read from the pods: rows of a live view
 * are stamped when they last changed, and a summary must use one moment for every figure.
 */
import { chooseSize, FARGATE_OVERHEAD_BYTES } from '../fargate/sizes';
import { accruedUSD } from '../view/cost';
import type { ClusterView, NodeView, PodView, Resources } from '../view/model';
import { capacityLabel } from '../view/node-info';
import { fromNano, toNano } from './money';
import type { CostLine } from './types';

/** "Deployment/nginx"; a bare pod is its own workload, "Pod/<name>". */
export function workloadOfPod(p: Pick<PodView, 'workload' | 'name'>): string {
  return p.workload ? `${p.workload.kind}/${p.workload.name}` : `Pod/${p.name}`;
}

/** The Fargate size a request needs (+256 MiB, rounded up), or null when none holds it. */
export function fargateSizeFor(request: Resources) {
  return chooseSize(Math.max(0, request.cpuMillis), Math.max(0, request.memoryBytes) + FARGATE_OVERHEAD_BYTES);
}

/** The part of `hourlyUSD`, a share of the node's price, that is the node's Auto Mode fee. */
export function feeShare(hourlyUSD: number, node: NodeView): number {
  return node.feeHourlyUSD > 0 && node.hourlyUSD > 0 ? (hourlyUSD * node.feeHourlyUSD) / node.hourlyUSD : 0;
}

function podLine(p: PodView, node: NodeView | undefined, nowMs: number): CostLine {
  const fargate = p.costBasis === 'fargate';
  return {
    kind: 'pod',
    id: p.id,
    namespace: p.namespace,
    name: p.name,
    workload: workloadOfPod(p),
    profile: p.placement === 'fargate' ? p.profile : null,
    pool: p.placement === 'ec2' ? (node?.poolId ?? null) : null,
    capacityType: p.placement === 'fargate' ? 'Fargate' : p.placement === 'ec2' && node?.capacityType ? capacityLabel(node.capacityType) : null,
    node: p.nodeName,
    instanceType: p.placement === 'ec2' ? (node?.instanceType ?? null) : null,
    placement: p.placement,
    request: { ...p.request },
    billed: p.billedSize ? { ...p.billedSize } : null,
    fargateSize: p.expectedSize ? { ...p.expectedSize } : fargateSizeFor(p.request),
    hourlyUSD: p.hourlyUSD,
    feeHourlyUSD: p.placement === 'ec2' && node ? feeShare(p.hourlyUSD, node) : 0,
    wasteHourlyUSD: fargate ? p.wasteHourlyUSD : 0,
    accruedUSD: accruedUSD(p.hourlyUSD, p.billingStart, nowMs, fargate),
    since: p.billingStart,
    basis: p.costBasis,
  };
}

/**
 * The idle line of an EC2 node: its price minus the shares of the pods on it, and the capacity they left
 * unrequested. Accrued idle cost is the node's cost since it was created minus what its current pods accrued.
 */
function idleLine(n: NodeView, pods: readonly CostLine[], nowMs: number): CostLine {
  const shareNano = pods.reduce((s, l) => s + toNano(l.hourlyUSD), 0);
  const accruedNano = pods.reduce((s, l) => s + toNano(l.accruedUSD), 0);
  const idleNano = Math.max(0, toNano(n.hourlyUSD) - shareNano);
  const nodeAccrued = accruedUSD(n.hourlyUSD, n.createdAt || null, nowMs, false);
  return {
    kind: 'idle',
    id: `idle:${n.name}`,
    namespace: null,
    name: n.name,
    workload: null,
    profile: null,
    pool: n.poolId,
    capacityType: n.capacityType ? capacityLabel(n.capacityType) : null,
    node: n.name,
    instanceType: n.instanceType,
    placement: 'ec2',
    request: {
      cpuMillis: Math.max(0, n.allocatable.cpuMillis - n.requested.cpuMillis),
      memoryBytes: Math.max(0, n.allocatable.memoryBytes - n.requested.memoryBytes),
    },
    billed: null,
    fargateSize: null,
    hourlyUSD: fromNano(idleNano),
    feeHourlyUSD: feeShare(fromNano(idleNano), n),
    wasteHourlyUSD: 0,
    accruedUSD: fromNano(Math.max(0, toNano(nodeAccrued) - accruedNano)),
    since: n.createdAt || null,
    basis: 'ec2-idle',
  };
}

/** The EKS control plane's line: in no namespace, on neither side, priced per cluster-hour. */
function clusterLine(view: Pick<ClusterView, 'meta'>, nowMs: number): CostLine | null {
  const cp = view.meta.controlPlane;
  if (!cp) return null;
  return {
    kind: 'cluster',
    id: 'cluster:control-plane',
    namespace: null,
    name: cp.text,
    workload: null,
    profile: null,
    pool: null,
    capacityType: null,
    node: null,
    instanceType: null,
    placement: 'other',
    request: { cpuMillis: 0, memoryBytes: 0 },
    billed: null,
    fargateSize: null,
    hourlyUSD: cp.hourlyUSD,
    feeHourlyUSD: 0,
    wasteHourlyUSD: 0,
    accruedUSD: accruedUSD(cp.hourlyUSD, cp.since, nowMs, false),
    since: cp.since,
    basis: 'control-plane',
  };
}

/**
 * Every cost line of a view at `at` (default: the view's own moment, meta.generatedAt): pods in the view's
 * order, then one idle line per EC2 node, by node name, then the control plane.
 */
export function costLines(view: Pick<ClusterView, 'pods' | 'nodes' | 'meta'>, at: string = view.meta.generatedAt): CostLine[] {
  const nowMs = Date.parse(at);
  const nodes = new Map(view.nodes.map((n) => [n.name, n]));
  const pods = view.pods.map((p) => podLine(p, p.nodeName ? nodes.get(p.nodeName) : undefined, nowMs));
  const byNode = new Map<string, CostLine[]>();
  for (const l of pods) {
    if (l.placement !== 'ec2' || !l.node) continue;
    const list = byNode.get(l.node);
    if (list) list.push(l);
    else byNode.set(l.node, [l]);
  }
  const idle = view.nodes
    .filter((n) => n.computeType === 'ec2')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((n) => idleLine(n, byNode.get(n.name) ?? [], nowMs));
  const cluster = clusterLine(view, nowMs);
  return cluster ? [...pods, ...idle, cluster] : [...pods, ...idle];
}
