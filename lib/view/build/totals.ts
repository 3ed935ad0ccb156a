/** The cluster totals, kept as integer sums that every pod and node adds its share to and takes it back from. */
import { GIB } from '../../fargate/sizes';
import type { Resources } from '../../fargate/types';
import { fromNano } from '../cost';
import type { Totals } from '../model';
import type { NodeInfo } from '../node-info';
import type { PodContribution } from '../pod-view';

export interface TotalsAgg {
  ec2Nodes: number;
  fargateNodes: number;
  ec2CpuMillis: number;
  ec2MemoryBytes: number;
  ec2HourlyNano: number;
  ec2Pods: number;
  fargatePods: number;
  pendingPods: number;
  otherPods: number;
  fargateVcpuMilli: number;
  fargateMemMiB: number;
  fargateHourlyNano: number;
}

/** What one node adds to the totals and to its node pool. */
export interface NodeContribution {
  computeType: NodeInfo['computeType'];
  /** Its pool's row id, null for Fargate nodes. */
  poolId: string | null;
  instanceType: string | null;
  hourlyNano: number;
  capacity: Resources;
}

export function emptyTotals(): TotalsAgg {
  return {
    ec2Nodes: 0,
    fargateNodes: 0,
    ec2CpuMillis: 0,
    ec2MemoryBytes: 0,
    ec2HourlyNano: 0,
    ec2Pods: 0,
    fargatePods: 0,
    pendingPods: 0,
    otherPods: 0,
    fargateVcpuMilli: 0,
    fargateMemMiB: 0,
    fargateHourlyNano: 0,
  };
}

/** Adds (sign +1) or removes (sign −1) a pod's share. */
export function addPod(t: TotalsAgg, c: PodContribution, sign: 1 | -1): void {
  if (c.placement === 'ec2') t.ec2Pods += sign;
  else if (c.placement === 'fargate') {
    t.fargatePods += sign;
    t.fargateVcpuMilli += sign * (c.fargate?.vcpuMilli ?? 0);
    t.fargateMemMiB += sign * (c.fargate?.memMiB ?? 0);
    t.fargateHourlyNano += sign * c.hourlyNano;
  } else if (c.placement === 'pending') t.pendingPods += sign;
  else t.otherPods += sign;
}

/** Adds (sign +1) or removes (sign −1) a node's share. */
export function addNode(t: TotalsAgg, c: NodeContribution, sign: 1 | -1): void {
  if (c.computeType === 'ec2') {
    t.ec2Nodes += sign;
    t.ec2CpuMillis += sign * c.capacity.cpuMillis;
    t.ec2MemoryBytes += sign * c.capacity.memoryBytes;
    t.ec2HourlyNano += sign * c.hourlyNano;
  } else if (c.computeType === 'fargate') t.fargateNodes += sign;
}

/** The totals as the view shows them, with the control plane's fee (nano-dollars per hour). */
export function totalsView(t: TotalsAgg, controlPlaneNano = 0): Totals {
  return {
    ec2: { nodes: t.ec2Nodes, pods: t.ec2Pods, vcpu: t.ec2CpuMillis / 1000, memoryGiB: t.ec2MemoryBytes / GIB, hourlyUSD: fromNano(t.ec2HourlyNano) },
    fargate: {
      nodes: t.fargateNodes,
      pods: t.fargatePods,
      vcpu: t.fargateVcpuMilli / 1000,
      memoryGiB: t.fargateMemMiB / 1024,
      hourlyUSD: fromNano(t.fargateHourlyNano),
    },
    pendingPods: t.pendingPods,
    otherPods: t.otherPods,
    controlPlaneHourlyUSD: fromNano(controlPlaneNano),
    hourlyUSD: fromNano(t.ec2HourlyNano + t.fargateHourlyNano + controlPlaneNano),
  };
}
