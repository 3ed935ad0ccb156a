/**
 * Shapes of the cost view, the what-if page and shared cost reports. Plain data only: the same values are
 * computed in the browser from the live ClusterView, frozen into a report, and read back from the store.
 */
import type { FargateSize, Placement, Resources } from '../view/model';
import type { PriceOrigin } from '../fargate/types';
import type { Discounts } from './discounts';

/** How the cost view groups its rows (the `by` URL parameter). */
export type GroupBy = 'namespace' | 'workload' | 'profile' | 'pool' | 'capacity' | 'pod';

/** Which side of the cluster the view shows (the `place` URL parameter). */
export type PlaceFilter = 'all' | 'ec2' | 'fargate';

/** The cost view's query: grouping and filters, as the URL carries them and a report freezes them. */
export interface CostQuery {
  by: GroupBy;
  /** Only pods of this namespace (idle EC2 capacity belongs to no namespace and is then left out). */
  ns: string | null;
  place: PlaceFilter;
}

/** The prices a figure used: where they came from, when they were read, and the rates themselves. */
export interface PriceInfo {
  region: string;
  source: string;
  /** ISO date the prices were read. */
  date: string;
  fargateVcpuHour: number;
  fargateGbHour: number;
  /** On-demand $/hour of the EC2 instance types that appear in the cluster. */
  ec2: Record<string, number>;
  /** Figures marked unverified in the price table ("ec2", "fargateEphemeralGbHour", …). */
  unverified: string[];
  /** Which figures came from AWS's APIs and when, or why the bundled table stood in (absent: the table alone). */
  origin?: PriceOrigin;
}

/**
 * One billable thing at one moment: a pod, or the idle part of one EC2 node (its price minus the shares of the
 * pods on it). Summing every line gives the cluster's $/hour: EC2 nodes in full, Fargate pods at their size.
 */
export interface CostLine {
  /** A pod, the idle part of an EC2 node, or the cluster's EKS control plane. */
  kind: 'pod' | 'idle' | 'cluster';
  /** Pod uid (live) or "namespace/name" (read back from a report); "idle:<node name>" for idle lines. */
  id: string;
  /** null for idle lines: unrequested node capacity is in no namespace. */
  namespace: string | null;
  /** Pod name, or node name for idle lines. */
  name: string;
  /** "Deployment/nginx", "DaemonSet/aws-node", "Pod/<name>" for bare pods; null for idle lines. */
  workload: string | null;
  profile: string | null;
  /** The EC2 node pool's row id ("karpenter/spot-arm", "nodegroup/managed-ng"); null off EC2. */
  pool: string | null;
  /** How the capacity is bought: On-Demand, Spot, Capacity Block, Reserved, Fargate; null when unknown. */
  capacityType: string | null;
  node: string | null;
  instanceType: string | null;
  placement: Placement;
  /** The pod's effective request; for idle lines the allocatable capacity no pod requested. */
  request: Resources;
  /** The Fargate size billed (Fargate pods only). */
  billed: FargateSize | null;
  /** What Fargate would provision for this request (pods only; null when no size holds it). */
  fargateSize: FargateSize | null;
  hourlyUSD: number;
  /** The EKS Auto Mode management fee within hourlyUSD (the line's share of its node's); no discount applies to it. */
  feeHourlyUSD: number;
  /** Fargate pods: $/hour of the billed capacity nobody requested (included in hourlyUSD). */
  wasteHourlyUSD: number;
  /** Cost from `since` to the moment of the summary. */
  accruedUSD: number;
  /** Billing start of a pod, creation of a node; ISO 8601. */
  since: string | null;
  basis: 'fargate' | 'ec2-share' | 'ec2-idle' | 'control-plane' | 'none';
}

/** One row of the cost table: the lines of one namespace, workload, profile, node group or pod, summed. */
export interface CostGroup {
  key: string;
  label: string;
  /** True for rows made only of idle EC2 capacity. */
  idle: boolean;
  pods: number;
  ec2Pods: number;
  fargatePods: number;
  pendingPods: number;
  hourlyUSD: number;
  /** What the user pays after their own discounts (FARVIEW_DISCOUNTS); the list price when none is set. */
  effectiveHourlyUSD?: number;
  monthlyUSD: number;
  accruedUSD: number;
  /** EC2 pods' shares of their nodes. */
  ec2HourlyUSD: number;
  /** Unrequested EC2 node capacity. */
  idleHourlyUSD: number;
  /** Fargate pods at their billed size. */
  fargateHourlyUSD: number;
  /** The part of fargateHourlyUSD that pays for capacity the pods requested. */
  fargateRequestedHourlyUSD: number;
  /** fargateHourlyUSD − fargateRequestedHourlyUSD. */
  wasteHourlyUSD: number;
  billedVcpu: number;
  billedMemoryGiB: number;
}

/** A cheaper Fargate size for the pods of one workload, and what moving there takes. */
export interface RightSizeItem {
  workload: string;
  namespace: string;
  pods: number;
  request: Resources;
  billed: FargateSize;
  target: FargateSize;
  /**
   * 'billed-above-request': the pods are billed for more than their requests need (resized after start, or the
   * annotation disagrees with the engine): recreating them gives the target size with no change.
   * 'trim': the next size down, if the request loses `trim`.
   */
  reason: 'billed-above-request' | 'trim';
  trim: Resources;
  /** Capacity the pods could request at no extra cost on their current size. */
  headroom: Resources;
  savingHourlyUSD: number;
  savingMonthlyUSD: number;
}

/** The EC2 node a Fargate pod's EC2 price is measured against. */
export interface Ec2Reference {
  instanceType: string;
  hourlyUSD: number;
  allocatable: Resources;
  /** How many nodes of this type the cluster runs. */
  nodes: number;
}

/** One workload now, all on Fargate, and all on EC2. */
export interface OtherSideRow {
  workload: string;
  namespace: string;
  pods: number;
  ec2Pods: number;
  fargatePods: number;
  nowHourlyUSD: number;
  /** Every pod at the Fargate size of its request; null when some pod cannot run on Fargate. */
  fargateHourlyUSD: number | null;
  /** Every pod at its requested share of the reference EC2 node; null without a priced reference. */
  ec2HourlyUSD: number | null;
  /** Why a column is empty or what to keep in mind. */
  notes: string[];
}

/** The method behind the other-side columns, said once. */
export interface OtherSideMethod {
  fargate: string;
  ec2: string;
  reference: Ec2Reference | null;
}

/** Everything the cost view and a report show, computed from lines. */
export interface CostSummary {
  query: CostQuery;
  /** The moment the figures are for (the view's meta.generatedAt); ISO 8601. */
  at: string;
  prices: PriceInfo | null;
  /** The user's own discounts the effective figures apply (absent from reports made before they existed). */
  discounts?: Discounts | null;
  groups: CostGroup[];
  total: CostGroup;
  rightSizing: RightSizeItem[];
  otherSide: OtherSideRow[];
  otherSideMethod: OtherSideMethod;
  /** What the reader should know: filters that hide idle capacity, unpriced nodes, missing prices. */
  notes: string[];
  /** Rows left out of long lists: the cheapest groups (merged into one "more" row), advice items. */
  omitted: { groups: number; rightSizing: number; otherSide: number };
}
