/**
 * The view model: the only shapes the browser and the pure core see. Built by lib/view from a snapshot of
 * the cluster (Kubernetes objects and AWS descriptions, already converted to plain data by lib/server),
 * the price table and the current time. Every object has an `id`, the key that live deltas use.
 */
import type { FargateSize, PodSizing, RegionPrices, Resources } from '../fargate/types';
import type { PlainCollectionName, PlainRows } from './kinds';
import type { Usage } from '../usage/types';
import type { ControlPlanePrice } from '../cost/control-plane';
import type { Discounts } from '../cost/discounts';

export type { FargateSize, PodSizing, Resources };

export type Placement = 'ec2' | 'fargate' | 'pending' | 'other';
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable rule id, e.g. "fargate-daemonset", "instance-target-on-fargate". */
  rule: string;
  severity: Severity;
  message: string;
  /** The object the finding is about, as "kind/namespace/name" or "kind/name". */
  object?: string;
}

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface PodView {
  id: string; // metadata.uid
  namespace: string;
  name: string;
  placement: Placement;
  nodeName: string | null;
  /** Fargate profile that captured the pod (from its label, or the matching profile for pending pods). */
  profile: string | null;
  /** 0-based index of the profile's selector that matched, when known. */
  selectorIndex: number | null;
  /** One sentence: why the pod is where it is ("profile test3-mixed needs label runon=fargate"). */
  placementReason: string;
  /** Effective request as Kubernetes and Fargate compute it. */
  request: Resources;
  /** Sum of the long-running containers' limits; null for a resource some container sets no limit on. */
  limits: { cpuMillis: number | null; memoryBytes: number | null };
  /**
   * The latest metrics-server sample: attached in the browser from the usage endpoint (lib/ui/usage.ts),
   * never part of the view the server streams, so a poll does not rewrite every row.
   */
  usage?: Usage | null;
  /** The size the engine expects Fargate to provision (null when too large). */
  expectedSize: FargateSize | null;
  /** The `CapacityProvisioned` annotation, as written by AWS (Fargate pods only). */
  capacityProvisioned: string | null;
  /** The size the pod is billed for: the annotation when present and parseable, else the expected size. */
  billedSize: FargateSize | null;
  /** False when the annotation and the engine disagree; null when there is nothing to compare. */
  sizeAgrees: boolean | null;
  /** Fargate: list price of the billed size. EC2: the pod's share of its node's price by requests. */
  hourlyUSD: number;
  costBasis: 'fargate' | 'ec2-share' | 'none';
  /** Cost since billingStart at meta.generatedAt. */
  accruedUSD: number;
  /** When billing started (pod start, or creation when not started); ISO 8601. */
  billingStart: string | null;
  /** Fargate: $/hour paid for billed-but-not-requested capacity. */
  wasteHourlyUSD: number;
  owner: OwnerRef | null;
  /** The top-level workload (Deployment rather than ReplicaSet). */
  workload: OwnerRef | null;
  phase: string;
  /** What `kubectl get pods` shows in STATUS. */
  status: string;
  ready: string; // "1/1"
  restarts: number;
  createdAt: string; // ISO 8601
  ip: string | null;
  qos: string | null;
  zone: string | null;
  labels: Record<string, string>;
  findings: Finding[];
}

export interface NodeView {
  id: string; // metadata.uid
  name: string;
  computeType: 'ec2' | 'fargate' | 'other';
  nodegroup: string | null;
  /** Its pool's row id ("karpenter/spot-general"), kind and name; null for Fargate nodes. */
  poolId: string | null;
  poolKind: NodePoolView['kind'] | null;
  pool: string | null;
  arch: string | null;
  /** Where its price comes from, in words ("Spot price, EC2 API 10:40 UTC"). */
  priceSource: string | null;
  profile: string | null;
  instanceType: string | null;
  zone: string | null;
  capacityType: string | null; // ON_DEMAND, SPOT, CAPACITY_BLOCK, RESERVED, FARGATE
  ready: boolean;
  status: string; // Ready, NotReady, Ready,SchedulingDisabled
  allocatable: Resources;
  requested: Resources;
  /** The latest metrics-server sample, attached in the browser like PodView.usage. */
  usage?: Usage | null;
  podCount: number;
  hourlyUSD: number;
  /** The EKS Auto Mode management fee within hourlyUSD; 0 for other nodes. No discount applies to it. */
  feeHourlyUSD: number;
  internalIP: string | null;
  kubeletVersion: string | null;
  createdAt: string;
  labels: Record<string, string>;
  findings: Finding[];
}

export interface ServicePort {
  name: string | null;
  port: number;
  targetPort: string | null;
  nodePort: number | null;
  protocol: string;
}

export interface TargetView {
  /** IP address or instance id. */
  id: string;
  port: number | null;
  health: string; // healthy, unhealthy, initial, draining, unused, unavailable
  reason: string | null;
  /** The pod behind an IP target, when known. */
  podId: string | null;
  placement: Placement | null;
}

export interface ServiceView {
  id: string;
  namespace: string;
  name: string;
  type: string;
  clusterIP: string | null;
  /** LoadBalancer services: internet-facing or internal. */
  scheme: string | null;
  /** ip or instance (the aws-load-balancer-nlb-target-type annotation or TargetGroupBinding). */
  targetType: string | null;
  hostname: string | null;
  ports: ServicePort[];
  /** ELBv2 state: active, provisioning, failed; null when not known. */
  lbState: string | null;
  lbArn: string | null;
  targets: TargetView[];
  healthyTargets: number;
  unhealthyTargets: number;
  backends: { ec2: number; fargate: number; pending: number };
  selector: Record<string, string>;
  createdAt: string;
  findings: Finding[];
}

export interface ProfileSelectorView {
  namespace: string;
  labels: Record<string, string>;
}

export interface ProfileView {
  id: string; // name
  name: string;
  status: string;
  selectors: ProfileSelectorView[];
  subnets: string[];
  podExecutionRoleArn: string;
  tags: Record<string, string>;
  createdAt: string | null;
  healthIssues: { code: string; message: string }[];
  podCount: number;
  billedVcpu: number;
  billedMemoryGiB: number;
  hourlyUSD: number;
  findings: Finding[];
}

/**
 * A node pool: a managed node group, a Karpenter or EKS Auto Mode NodePool, self-managed or hybrid nodes. `id` is
 * "kind/name" (a node group and a NodePool may share a name).
 */
export interface NodePoolView {
  id: string;
  name: string;
  kind: 'nodegroup' | 'karpenter' | 'auto' | 'self-managed' | 'hybrid';
  /** "Managed node group", "Karpenter NodePool", … */
  kindLabel: string;
  status: string;
  instanceTypes: string[];
  /** "On-Demand", "Spot", … of its nodes (or what its definition allows when it has none). */
  capacityTypes: string[];
  archs: string[];
  zones: string[];
  nodeCount: number;
  readyNodes: number;
  requested: Resources;
  allocatable: Resources;
  hourlyUSD: number;
  /** Managed node groups: scaling and subnets as EKS describes them. */
  desired: number | null;
  min: number | null;
  max: number | null;
  subnets: string[];
  /** Karpenter and Auto Mode NodePools: their spec, as text. */
  nodeClass: string | null;
  limits: string[];
  disruption: string[];
  requirements: string[];
  weight: number | null;
  expireAfter: string | null;
  nodeClaims: number | null;
}

export interface NamespaceView {
  id: string; // name
  name: string;
  status: string;
  podCount: number;
  ec2Pods: number;
  fargatePods: number;
  pendingPods: number;
  hourlyUSD: number;
  /** Profiles with a selector whose namespace pattern matches this namespace. */
  profiles: string[];
  createdAt: string;
}

export interface EventView {
  id: string; // metadata.uid
  namespace: string;
  type: string; // Normal, Warning
  reason: string;
  message: string;
  object: { kind: string; name: string; namespace: string | null };
  count: number;
  lastSeen: string | null;
  source: string | null;
}

export interface SideTotals {
  nodes: number;
  pods: number;
  vcpu: number;
  memoryGiB: number;
  hourlyUSD: number;
}

export interface Totals {
  ec2: SideTotals;
  fargate: SideTotals;
  pendingPods: number;
  otherPods: number;
  /** The EKS control plane's fee, 0 until EKS is read. */
  controlPlaneHourlyUSD: number;
  /** EC2 + Fargate + the control plane. */
  hourlyUSD: number;
}

export type SourceId =
  | 'kubeconfig'
  | 'pods'
  | 'nodes'
  | 'services'
  | 'namespaces'
  | 'events'
  | 'targetgroupbindings'
  | 'karpenternodepools'
  | 'eks'
  | 'elbv2'
  | 'ec2'
  /** The AWS Price List Query API (Fargate and On-Demand EC2 prices) and EC2 Spot price history. */
  | 'pricing'
  | 'spot'
  /** metrics-server's usage samples (lib/server/usage-poller.ts). */
  | 'metrics'
  | PlainCollectionName;

export interface SourceStatus {
  id: SourceId;
  state: 'ok' | 'syncing' | 'stale' | 'error' | 'forbidden' | 'absent';
  /** What is wrong and what to do, when state is not ok. */
  message: string | null;
  lastSyncAt: string | null;
}

/** Which prices a figure used, in short. */
export type PriceRef = Pick<RegionPrices, 'region' | 'source' | 'date' | 'origin'>;

export interface ClusterMeta {
  context: string;
  clusterName: string | null;
  region: string | null;
  kubernetesVersion: string | null;
  /** The prices in use: the bundled table with what AWS answered laid over it (Fargate rates, On-Demand, Spot). */
  prices: RegionPrices | null;
  /** The user's own discounts (FARVIEW_DISCOUNTS), for effective costs beside list costs; null or absent: none. */
  discounts?: Discounts | null;
  /** The EKS control plane's price and why (lib/cost/control-plane.ts); null until EKS is read. */
  controlPlane: ControlPlanePrice | null;
  /** The moment every accrued cost in this view uses; ISO 8601. */
  generatedAt: string;
  sources: SourceStatus[];
}

/** The rows of every plain kind (lib/view/kinds), one collection each. */
export type PlainCollections = { [K in PlainCollectionName]: PlainRows[K][] };

/** Plain collections are optional so that views made before a kind was listed still read. */
export interface ClusterView extends Partial<PlainCollections> {
  meta: ClusterMeta;
  totals: Totals;
  pods: PodView[];
  nodes: NodeView[];
  services: ServiceView[];
  profiles: ProfileView[];
  nodepools: NodePoolView[];
  namespaces: NamespaceView[];
  events: EventView[];
  /** Cluster-wide findings (object findings sit on the objects too). */
  findings: Finding[];
}

/** The collections a delta can touch, keyed like ClusterView. */
export type CollectionName = 'pods' | 'nodes' | 'services' | 'profiles' | 'nodepools' | 'namespaces' | 'events' | PlainCollectionName;

/** One live update: upserted objects replace by id, removed ids disappear. */
export interface ViewDelta {
  seq: number;
  meta?: ClusterMeta;
  totals?: Totals;
  findings?: Finding[];
  upsert: Partial<{ pods: PodView[]; nodes: NodeView[]; services: ServiceView[]; profiles: ProfileView[]; nodepools: NodePoolView[]; namespaces: NamespaceView[]; events: EventView[] } & PlainCollections>;
  remove: Partial<Record<CollectionName, string[]>>;
}

/** GET /api/c/[context]/pods/[namespace]/[name] */
export interface PodDetail {
  pod: PodView;
  /** All zero with size null when the pod cannot be sized; sizingError says why. */
  sizing: PodSizing;
  events: EventView[];
  yaml: string;
  /** Set when a quantity in the pod does not parse (added by the live-model engineer). */
  sizingError?: string;
}

/** GET /api/contexts */
export interface ContextList {
  current: string | null;
  contexts: { name: string; cluster: string; user: string; namespace: string | null }[];
  /** Set when the kubeconfig could not be read: names the file and what is wrong. */
  error: string | null;
}

/** Error body of every API route. */
export interface ApiError {
  error: string;
  detail?: string;
  source?: SourceId | 'store' | 'request';
}

// Store records as the API sends them; here so that components need not import lib/store.

/** A report as listed: everything but the payload. */
export interface ReportSummary {
  id: string;
  kind: string;
  title: string;
  context: string;
  query: unknown;
  /** Size of the stored payload JSON in bytes. */
  payloadBytes: number;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/** A recorded audit entry. */
export interface AuditEntry {
  /** Increasing with time; use as `before` to page. */
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  actor: string;
  action: string;
  target: string;
  context: string;
  request: unknown;
  result: 'ok' | 'error';
  detail: string | null;
}
