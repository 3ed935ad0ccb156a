/** The node row: a pure function of the node's facts and the aggregate of the pods bound to it. */
import { unknownPriceFinding } from '../../lint/cluster';
import { fromNano } from '../cost';
import type { Finding, NodeView } from '../model';
import type { NodePrice } from '../../cost/node-price';
import { poolId, type NodeInfo } from '../node-info';

/** Per node: the pods bound to it that still hold their requests. */
export interface NodeAgg {
  pods: number;
  cpuMillis: number;
  memoryBytes: number;
  /** Sum of the Fargate pods' prices on it (a Fargate node costs what its one pod costs). */
  fargateHourlyNano: number;
  /** Profile → number of pods on the node from it. */
  profiles: Map<string, number>;
}

/** An aggregate with nothing in it. */
export function emptyNodeAgg(): NodeAgg {
  return { pods: 0, cpuMillis: 0, memoryBytes: 0, fargateHourlyNano: 0, profiles: new Map() };
}

/** A node's row: its facts, what its pods request, and its price (EC2 Spot or On-Demand, or its Fargate pod's). */
export function nodeView(info: NodeInfo, agg: NodeAgg, price: NodePrice | null, region: string | null): NodeView {
  const ec2Hourly = price?.hourlyUSD ?? null;
  const findings: Finding[] = info.problems.map((p) => ({
    rule: 'invalid-quantity',
    severity: 'warning' as const,
    object: `Node/${info.name}`,
    message: `Cannot read ${p}`,
  }));
  if (info.computeType === 'ec2' && ec2Hourly === null) findings.push(unknownPriceFinding(`Node/${info.name}`, info.instanceType, region));
  const profile = [...agg.profiles.entries()].filter(([, n]) => n > 0).map(([p]) => p).sort()[0] ?? null;
  return {
    id: info.uid,
    name: info.name,
    computeType: info.computeType,
    nodegroup: info.nodegroup,
    poolId: info.poolKind && info.pool ? poolId(info.poolKind, info.pool) : null,
    poolKind: info.poolKind,
    pool: info.pool,
    arch: info.arch,
    priceSource: info.computeType === 'ec2' ? (price?.text ?? null) : null,
    profile: info.computeType === 'fargate' ? profile : null,
    instanceType: info.instanceType,
    zone: info.zone,
    capacityType: info.capacityType,
    ready: info.ready,
    status: info.status,
    allocatable: info.allocatable,
    requested: { cpuMillis: agg.cpuMillis, memoryBytes: agg.memoryBytes },
    podCount: agg.pods,
    hourlyUSD: info.computeType === 'ec2' ? (ec2Hourly ?? 0) : info.computeType === 'fargate' ? fromNano(agg.fargateHourlyNano) : 0,
    feeHourlyUSD: info.computeType === 'ec2' ? (price?.feeUSD ?? 0) : 0,
    internalIP: info.internalIP,
    kubeletVersion: info.kubeletVersion,
    createdAt: info.createdAt,
    labels: info.labels,
    findings,
  };
}
