/**
 * The incremental ClusterView builder. It holds the cluster's plain objects (build/index-store), one
 * computed row per object and the aggregates rows are made of (build/pod-aggregates, service-members,
 * totals). An event recomputes the one object it is about and moves that object's old contribution out of
 * the aggregates and its new one in — a pod event costs one pod, not the whole cluster. Rows that depend on
 * aggregates (nodes, namespaces, profiles, node pools, services) are marked dirty and recomputed once per
 * batch, when a delta is taken (build/outbox). Plain kinds (lib/view/kinds) are one row per object.
 *
 * Pure: no I/O, no clock. `now` is given to takeDelta/view, and only stamps accrued costs and generatedAt.
 */
import { controlPlanePrice } from '../cost/control-plane';
import type { Discounts } from '../cost/discounts';
import { effectivePrices, nodePrice, type NodePrice } from '../cost/node-price';
import type { PodSizing, RegionPrices, Resources } from '../fargate/types';
import type { AwsState, EksFargateProfile, EksState, LivePrices, LoadBalancer, Subnet } from './aws';
import { AwsIndex } from './build/aws-state';
import { EventOrder } from './build/events';
import { ObjectIndex } from './build/index-store';
import { ProfileMatchCache } from './build/profile-match';
import { Outbox, RowTable } from './build/outbox';
import { karpenterPoolKind, NodePools } from './build/node-pools';
import { contribEqual, PodAggregates, type DirtyRows } from './build/pod-aggregates';
import { ServiceMembers } from './build/service-members';
import { addNode, addPod, emptyTotals, totalsView, type NodeContribution } from './build/totals';
import { isoOf, jsonEqual } from './build/util';
import { accruedUSD, toNano } from './cost';
import { COLLECTIONS, sortCollection } from './delta';
import type { KubeByResource, KubeEvent, KubeObject, KubePod, KubeResource, KubeTargetGroupBinding } from './kube';
import { KIND_LIST, PLAIN_KINDS, plainKindOf, type PlainCollectionName, type PlainRow } from './kinds';
import type {
  ClusterMeta,
  ClusterView,
  CollectionName,
  EventView,
  NamespaceView,
  NodePoolView,
  NodeView,
  PodView,
  ProfileView,
  ServiceView,
  SourceStatus,
  ViewDelta,
} from './model';
import { nodeInfo, poolId, type NodeInfo } from './node-info';
import { computePod, type PodComputed, type PodContribution, type PodEnv } from './pod-view';
import { emptyNamespaceAgg, emptyNodeAgg, emptyProfileAgg, namespaceView, nodeView, profileView } from './rows';
import type { KubeKarpenterNodePool } from './kinds/karpenter-nodepools';
import { computeService } from './service-view';

/** Everything that can change the view. */
export type BuilderEvent =
  | { type: 'upsert'; resource: KubeResource; object: KubeObject }
  | { type: 'delete'; resource: KubeResource; object: KubeObject }
  /** A (re)list: the resource's complete contents; anything not in it is gone. */
  | { type: 'replace'; resource: KubeResource; objects: KubeObject[] }
  | { type: 'eks'; eks: EksState | null }
  | { type: 'loadBalancers'; loadBalancers: LoadBalancer[] | null }
  | { type: 'subnets'; subnets: Subnet[] | null }
  /** Prices read from AWS (Price List, Spot), laid over the bundled table. */
  | { type: 'prices'; prices: LivePrices | null }
  | { type: 'sources'; sources: SourceStatus[] }
  | { type: 'meta'; kubernetesVersion?: string | null; clusterName?: string | null };

export interface BuilderOptions {
  context: string;
  region: string | null;
  clusterName: string | null;
  prices: RegionPrices | null;
  /** The user's own discounts, passed through to the view for effective costs. */
  discounts?: Discounts | null;
  /** How many of the newest events the view carries (all are kept for pod details). Default 500. */
  maxEvents?: number;
}

/** A delta before the source numbers it. */
export type ViewChange = Omit<ViewDelta, 'seq'>;

type RowCollection = keyof DirtyRows;
type RowView = NodeView | ServiceView | ProfileView | NodePoolView | NamespaceView;

/** Accrued cost at `nowMs`, stamped on a copy of the row. */
export function stampPod(view: PodView, nowMs: number): PodView {
  return { ...view, accruedUSD: accruedUSD(view.hourlyUSD, view.billingStart, nowMs, view.costBasis === 'fargate') };
}

/** Holds the cluster and its view; `apply` events, then `takeDelta` (live) or `view` (whole). */
export class ViewBuilder {
  private readonly opts: BuilderOptions;
  private readonly maxEvents: number;
  private readonly index = new ObjectIndex((r, key, old, obj) => this.changed(r, key, old, obj));
  private readonly raw = this.index.raw;
  private readonly awsIdx = new AwsIndex();
  private sources: SourceStatus[] = [];
  private kubernetesVersion: string | null = null;
  private clusterName: string | null;

  private pods = new Map<string, PodComputed>();
  private podKeyById = new Map<string, string>();
  private readonly aggs = new PodAggregates();
  private readonly pools = new NodePools({
    nodeInfo: (name) => this.nodeInfos.get(name),
    requested: (name) => {
      const agg = this.aggs.nodeAgg.get(name);
      return { cpuMillis: agg?.cpuMillis ?? 0, memoryBytes: agg?.memoryBytes ?? 0 };
    },
    hourlyNano: (name) => this.nodeContrib.get(name)?.hourlyNano ?? 0,
    nodegroup: (name) => this.awsIdx.state.eks?.nodegroups.find((g) => g.name === name),
    nodePool: (name) => this.raw.karpenternodepools.get(name),
  });
  private nodeInfos = new Map<string, NodeInfo>();
  private nodeContrib = new Map<string, NodeContribution>();
  private readonly totals = emptyTotals();
  private readonly members = new ServiceMembers();
  private readonly events = new EventOrder();

  private readonly out = new Outbox();
  private readonly tables: Record<RowCollection, RowTable<RowView>> = {
    nodes: new RowTable('nodes', this.out),
    services: new RowTable('services', this.out),
    profiles: new RowTable('profiles', this.out),
    nodepools: new RowTable('nodepools', this.out),
    namespaces: new RowTable('namespaces', this.out),
  };
  private readonly plainTables = new Map<PlainCollectionName, RowTable<PlainRow>>(PLAIN_KINDS.map((k) => [k.resource, new RowTable(k.resource, this.out)]));
  private dirty: DirtyRows = { nodes: new Set(), services: new Set(), profiles: new Set(), nodepools: new Set(), namespaces: new Set() };
  private roomDirty = false;

  private readonly env: PodEnv;

  /** The prices in use: the bundled table with AWS's answers laid over it. */
  private prices: RegionPrices | null;

  private get profiles(): EksFargateProfile[] | null {
    return this.awsIdx.profiles;
  }
  private readonly matches = new ProfileMatchCache();

  constructor(opts: BuilderOptions) {
    this.opts = opts;
    this.maxEvents = opts.maxEvents ?? 500;
    this.clusterName = opts.clusterName;
    this.prices = opts.prices;
    // The env reads the builder's current state: pods are computed against what is known now.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.env = {
      get prices() {
        return self.prices;
      },
      get profiles() {
        return self.profiles;
      },
      node: (name) => self.nodeInfos.get(name),
      nodeHourly: (name) => self.nodeHourly(name),
      replicaSet: (ns, name) => self.raw.replicasets.get(`${ns}/${name}`),
      ec2Room: (request) => self.ec2Room(request),
      profileMatch: (pod) => self.matches.get(pod, self.profiles ?? []),
    };
  }

  // ---------------------------------------------------------------- events

  /** Applies one change. Cheap for one object; recomputes every pod only when the profiles change. */
  apply(ev: BuilderEvent): void {
    switch (ev.type) {
      case 'upsert':
        return this.index.upsert(ev.resource, ev.object);
      case 'delete':
        return this.index.remove(ev.resource, ev.object);
      case 'replace':
        return this.index.replace(ev.resource, ev.objects);
      case 'eks':
        return this.setEks(ev.eks);
      case 'loadBalancers':
        return this.setLoadBalancers(ev.loadBalancers);
      case 'subnets':
        return this.setSubnets(ev.subnets);
      case 'prices':
        return this.setPrices(ev.prices);
      case 'sources':
        if (!jsonEqual(this.sources, ev.sources)) {
          this.sources = ev.sources.map((s) => ({ ...s }));
          this.out.metaDirty = true;
        }
        return;
      case 'meta':
        if (ev.kubernetesVersion !== undefined && ev.kubernetesVersion !== this.kubernetesVersion) {
          this.kubernetesVersion = ev.kubernetesVersion;
          this.out.metaDirty = true;
        }
        if (ev.clusterName !== undefined && ev.clusterName !== this.clusterName) {
          this.clusterName = ev.clusterName;
          this.out.metaDirty = true;
        }
        return;
    }
  }

  private changed(resource: KubeResource, key: string, old: KubeObject | undefined, obj: KubeObject | undefined): void {
    switch (resource) {
      case 'pods':
        return this.refreshPod(key, false);
      case 'nodes':
        return this.refreshNode(key);
      case 'services':
        return this.members.refresh(key, this.raw.services.get(key), this.aggs.podsByNs.get(nsOf(key)) ?? [], (k) => this.pods.get(k)?.contrib, this.dirty.services);
      case 'namespaces':
        this.dirty.namespaces.add(key);
        return;
      case 'events':
        return this.events.refresh(key, obj as KubeEvent | undefined);
      case 'targetgroupbindings':
        return this.members.bindingChanged(key, old as KubeTargetGroupBinding | undefined, obj as KubeTargetGroupBinding | undefined, this.dirty.services);
      case 'replicasets': {
        const ns = (obj ?? old)?.metadata.namespace ?? '';
        const name = (obj ?? old)?.metadata.name;
        for (const podKey of this.aggs.podsByNs.get(ns) ?? []) {
          const pod = this.raw.pods.get(podKey);
          if (pod?.metadata.ownerReferences?.some((r) => r.kind === 'ReplicaSet' && r.name === name)) this.refreshPod(podKey, true);
        }
        return;
      }
      case 'karpenternodepools': {
        const np = (obj ?? old) as KubeKarpenterNodePool;
        this.dirty.nodepools.add(poolId(karpenterPoolKind(np), np.metadata.name));
        return;
      }
      default: {
        // A plain kind: its row is its object's alone.
        const kind = plainKindOf(resource);
        if (kind) this.plainTables.get(kind.resource)?.set(key, obj ? kind.plain.row(obj as never) : null);
        if (resource === 'nodeclaims') this.pools.claimChanged(key, old, obj, this.dirty.nodepools);
      }
    }
  }

  // ---------------------------------------------------------------- pods

  /**
   * Recomputes one pod. `onlyIfChanged` is for recomputes caused by something else (a node, the profiles,
   * EC2 room): the row is re-sent only when it differs.
   */
  private refreshPod(key: string, onlyIfChanged: boolean): void {
    const prev = this.pods.get(key);
    const obj = this.raw.pods.get(key);
    if (!obj) {
      if (!prev) return;
      this.applyContrib(key, prev.contrib, -1);
      this.members.updateForPod(key, prev.contrib, undefined, true, (k) => this.raw.services.get(k), this.dirty.services);
      this.pods.delete(key);
      this.podKeyById.delete(prev.view.id);
      this.out.setFindings(`pods:${prev.view.id}`, []);
      this.out.markRemoved('pods', prev.view.id);
      return;
    }
    const next = computePod(obj, this.env);
    // A new uid under the same name is a new pod: services map target IPs to it by id.
    const sameContrib = prev !== undefined && prev.view.id === next.view.id && contribEqual(prev.contrib, next.contrib);
    if (onlyIfChanged && prev && sameContrib && jsonEqual(prev.view, next.view)) return;
    if (!sameContrib) {
      if (prev) this.applyContrib(key, prev.contrib, -1);
      this.applyContrib(key, next.contrib, +1);
      this.members.updateForPod(key, prev?.contrib, next.contrib, prev !== undefined && prev.view.id !== next.view.id, (k) => this.raw.services.get(k), this.dirty.services);
    }
    this.pods.set(key, next);
    if (prev && prev.view.id !== next.view.id) {
      this.podKeyById.delete(prev.view.id);
      this.out.setFindings(`pods:${prev.view.id}`, []);
      this.out.markRemoved('pods', prev.view.id);
    }
    this.podKeyById.set(next.view.id, key);
    this.out.setFindings(`pods:${next.view.id}`, next.view.findings);
    this.out.markUpsert('pods', next.view.id);
  }

  /** Adds (sign +1) or removes (sign −1) a pod's share of every aggregate and of the totals. */
  private applyContrib(key: string, c: PodContribution, sign: 1 | -1): void {
    const node = this.aggs.apply(key, c, sign, this.dirty);
    if (node !== null && this.nodeInfos.get(node)?.computeType === 'ec2') this.roomDirty = true;
    addPod(this.totals, c, sign);
    this.out.totalsDirty = true;
  }

  private ec2Room(request: Resources): boolean | null {
    if (this.nodeInfos.size === 0) return null;
    for (const info of this.nodeInfos.values()) {
      if (info.computeType !== 'ec2' || !info.ready || !info.schedulable) continue;
      const agg = this.aggs.nodeAgg.get(info.name);
      const pods = agg?.pods ?? 0;
      if (info.allocatablePods !== null && pods >= info.allocatablePods) continue;
      if (info.allocatable.cpuMillis - (agg?.cpuMillis ?? 0) < request.cpuMillis) continue;
      if (info.allocatable.memoryBytes - (agg?.memoryBytes ?? 0) < request.memoryBytes) continue;
      return true;
    }
    return false;
  }

  private controlPlaneNano(): number {
    return toNano(controlPlanePrice(this.awsIdx.state.eks?.cluster)?.hourlyUSD ?? 0);
  }

  /** The prices in use: the bundled table with AWS's answers laid over it. */
  pricesInUse(): RegionPrices | null {
    return this.prices;
  }

  private nodePriceOf(name: string): NodePrice | null {
    const info = this.nodeInfos.get(name);
    if (!info || info.computeType !== 'ec2') return null;
    return nodePrice(info, this.prices);
  }

  private nodeHourly(name: string): number | null {
    return this.nodePriceOf(name)?.hourlyUSD ?? null;
  }

  // ---------------------------------------------------------------- nodes

  private refreshNode(name: string): void {
    const prevInfo = this.nodeInfos.get(name);
    const prevC = this.nodeContrib.get(name);
    const obj = this.raw.nodes.get(name);
    if (prevC) this.applyNodeContrib(name, prevC, -1);
    const info = obj ? nodeInfo(obj) : undefined;
    if (info) {
      this.nodeInfos.set(name, info);
      const c: NodeContribution = {
        computeType: info.computeType,
        poolId: info.poolKind && info.pool ? poolId(info.poolKind, info.pool) : null,
        instanceType: info.instanceType,
        hourlyNano: toNano(this.nodeHourly(name) ?? 0),
        capacity: info.capacity,
      };
      this.nodeContrib.set(name, c);
      this.applyNodeContrib(name, c, 1);
    } else {
      this.nodeInfos.delete(name);
      this.nodeContrib.delete(name);
    }
    this.dirty.nodes.add(name);
    this.roomDirty = true;
    const podsCare =
      !prevInfo ||
      !info ||
      prevInfo.computeType !== info.computeType ||
      prevInfo.zone !== info.zone ||
      prevInfo.instanceType !== info.instanceType ||
      prevInfo.nodegroup !== info.nodegroup ||
      prevInfo.capacityType !== info.capacityType ||
      prevC?.hourlyNano !== this.nodeContrib.get(name)?.hourlyNano ||
      prevInfo.allocatable.cpuMillis !== info.allocatable.cpuMillis ||
      prevInfo.allocatable.memoryBytes !== info.allocatable.memoryBytes;
    if (podsCare) for (const key of [...(this.aggs.podsByNode.get(name) ?? [])]) this.refreshPod(key, true);
  }

  private applyNodeContrib(name: string, c: NodeContribution, sign: 1 | -1): void {
    addNode(this.totals, c, sign);
    this.out.totalsDirty = true;
    this.pools.nodeChanged(name, c, sign, this.dirty.nodepools);
  }

  // ---------------------------------------------------------------- AWS

  private setEks(eks: EksState | null): void {
    const change = this.awsIdx.setEks(eks);
    if (change.cluster) {
      this.out.metaDirty = true;
      this.out.totalsDirty = true;
    }
    for (const name of change.nodegroups) this.dirty.nodepools.add(poolId('nodegroup', name));
    if (change.profiles) {
      this.matches.clear();
      for (const name of change.profiles) this.dirty.profiles.add(name);
      for (const ns of new Set([...this.aggs.nsAgg.keys(), ...this.raw.namespaces.keys()])) this.dirty.namespaces.add(ns);
      for (const key of [...this.pods.keys()]) this.refreshPod(key, true);
      this.roomDirty = true;
    }
  }

  private setLoadBalancers(lbs: LoadBalancer[] | null): void {
    if (this.awsIdx.setLoadBalancers(lbs)) for (const key of this.raw.services.keys()) this.dirty.services.add(key);
  }

  private setPrices(live: LivePrices | null): void {
    const next = effectivePrices(this.opts.prices, live);
    if (jsonEqual(next, this.prices)) return;
    const fargateChanged =
      next?.fargateVcpuHour !== this.prices?.fargateVcpuHour || next?.fargateGbHour !== this.prices?.fargateGbHour || next?.fargateEphemeralGbHour !== this.prices?.fargateEphemeralGbHour;
    this.prices = next;
    this.out.metaDirty = true;
    // Each node re-prices itself and, when its price moved, its pods' shares; Fargate pods follow new rates.
    for (const name of [...this.nodeInfos.keys()]) this.refreshNode(name);
    if (fargateChanged) for (const key of [...this.pods.keys()]) this.refreshPod(key, true);
  }

  private setSubnets(subnets: Subnet[] | null): void {
    if (this.awsIdx.setSubnets(subnets)) for (const p of this.profiles ?? []) this.dirty.profiles.add(p.name);
  }

  // ---------------------------------------------------------------- settling and output

  /** Brings every dirty row up to date. Called before output; idempotent. */
  private settle(): void {
    if (this.roomDirty) {
      this.roomDirty = false;
      for (const key of [...this.aggs.pendingNoProfile]) this.refreshPod(key, true);
    }
    for (const name of this.dirty.nodes) {
      const info = this.nodeInfos.get(name);
      // Its pool sums its nodes' requests, which its pods just changed.
      const pool = this.nodeContrib.get(name)?.poolId;
      if (pool) this.dirty.nodepools.add(pool);
      this.tables.nodes.set(name, info ? nodeView(info, this.aggs.nodeAgg.get(name) ?? emptyNodeAgg(), this.nodePriceOf(name), this.opts.region) : null);
    }
    this.dirty.nodes.clear();
    for (const name of this.dirty.namespaces) {
      const ns = this.raw.namespaces.get(name);
      const agg = this.aggs.nsAgg.get(name);
      this.tables.namespaces.set(name, ns || agg ? namespaceView(name, ns, agg ?? emptyNamespaceAgg(), this.profiles ?? []) : null);
    }
    this.dirty.namespaces.clear();
    for (const name of this.dirty.profiles) {
      const p = this.profiles?.find((x) => x.name === name);
      this.tables.profiles.set(name, p ? profileView(p, this.aggs.profileAgg.get(name) ?? emptyProfileAgg(), this.awsIdx.state.subnets) : null);
    }
    this.dirty.profiles.clear();
    for (const id of this.dirty.nodepools) this.tables.nodepools.set(id, this.pools.row(id));
    this.dirty.nodepools.clear();
    for (const key of this.dirty.services) this.settleService(key);
    this.dirty.services.clear();
    this.events.settle(this.maxEvents, this.out);
  }

  private settleService(key: string): void {
    const svc = this.raw.services.get(key);
    const st = this.members.state.get(key);
    if (!svc || !st) {
      this.members.setTargetIps(key, st, null);
      this.tables.services.set(key, null);
      return;
    }
    const bindings = this.members
      .bindingsOf(key)
      .map((k) => this.raw.targetgroupbindings.get(k))
      .filter((b): b is KubeByResource['targetgroupbindings'] => b !== undefined);
    const { view, targetIps } = computeService(svc, {
      loadBalancerByDns: (h) => this.awsIdx.loadBalancer(h),
      targetGroup: (arn) => this.awsIdx.targetGroup(arn),
      bindings,
      podByIp: (ip) => this.aggs.podAt(ip, this.pods),
      backends: st.backends,
    });
    this.members.setTargetIps(key, st, targetIps);
    this.tables.services.set(key, view);
  }

  private metaNow(iso: string): ClusterMeta {
    const eks = this.awsIdx.state.eks?.cluster;
    return {
      context: this.opts.context,
      clusterName: eks?.name ?? this.clusterName,
      region: this.opts.region,
      kubernetesVersion: this.kubernetesVersion ?? eks?.version ?? null,
      prices: this.prices,
      discounts: this.opts.discounts ?? null,
      controlPlane: controlPlanePrice(eks),
      generatedAt: iso,
      sources: this.sources.map((s) => ({ ...s })),
    };
  }

  private table(c: Exclude<CollectionName, 'pods' | 'events'>): RowTable<{ id: string }> | undefined {
    return c in this.tables ? this.tables[c as RowCollection] : this.plainTables.get(c as PlainCollectionName);
  }

  private rowsOf<T>(c: CollectionName, ids: Iterable<string>, nowMs: number): T[] {
    const out: T[] = [];
    const table = c === 'pods' || c === 'events' ? undefined : this.table(c);
    for (const id of ids) {
      if (c === 'pods') {
        const key = this.podKeyById.get(id);
        const p = key ? this.pods.get(key) : undefined;
        if (p) out.push(stampPod(p.view, nowMs) as T);
      } else {
        const r = c === 'events' ? this.events.get(id) : table?.get(id);
        if (r) out.push(r as T);
      }
    }
    return out;
  }

  private sortedRows<T>(c: Exclude<CollectionName, 'events'>): T[] {
    return this.out.sortedRows<T>(c, () => (c === 'pods' ? [...this.pods.values()].map((p) => p.view) : (this.table(c)?.values() ?? [])));
  }

  /** True when a delta taken now would carry something besides the time. */
  hasChanges(): boolean {
    return this.out.hasChanges() || this.roomDirty || (Object.keys(this.dirty) as RowCollection[]).some((c) => this.dirty[c].size > 0) || this.events.hasChanges;
  }

  /**
   * Everything that changed since the last call, as a delta stamped at `now` (null when nothing did). Rows are
   * sent whole; accrued costs of the upserted pods are computed at `now`, which the delta's meta carries.
   */
  takeDelta(now: number | string | Date): ViewChange | null {
    this.settle();
    if (!this.hasChanges()) return null;
    const { iso, ms } = isoOf(now);
    const change: ViewChange = { meta: this.metaNow(iso), upsert: {}, remove: {} };
    if (this.out.totalsDirty) change.totals = totalsView(this.totals, this.controlPlaneNano());
    if (this.out.findingsDirty) change.findings = this.out.findingsNow();
    for (const c of COLLECTIONS) {
      if (this.out.upsert[c].size > 0) {
        const rows = sortCollection(c, this.rowsOf<{ id: string }>(c, this.out.upsert[c], ms));
        (change.upsert as Record<string, unknown>)[c] = rows;
      }
      if (this.out.remove[c].size > 0) change.remove[c] = [...this.out.remove[c]].sort();
    }
    this.out.sent();
    return change;
  }

  /** Rows a delta taken now would carry, upserted or removed. */
  pendingRows(): number {
    this.settle();
    return this.out.pendingRows();
  }

  /**
   * Forgets what changed without building the delta: for when nobody would read it (no live client, and too
   * big to keep for one), such as the first list of a big cluster. view() still holds everything.
   */
  skipDelta(): void {
    this.settle();
    this.out.sent();
  }

  /** The whole view at `now`. Does not consume pending changes: the next delta still carries them. */
  view(now: number | string | Date): ClusterView {
    const { view, nowMs } = this.unstampedView(now);
    return { ...view, pods: view.pods.map((p) => stampPod(p, nowMs)) };
  }

  /**
   * The whole view at `now` with the pod rows as held, their accruedUSD not yet stamped at `nowMs` (viewJson
   * stamps while it serializes). Rows are shared, not copied: callers must not change them.
   */
  unstampedView(now: number | string | Date): { view: ClusterView; nowMs: number } {
    this.settle();
    const { iso, ms } = isoOf(now);
    const view: ClusterView = {
      meta: this.metaNow(iso),
      totals: totalsView(this.totals, this.controlPlaneNano()),
      pods: [...this.sortedRows<PodView>('pods')],
      nodes: [...this.sortedRows<NodeView>('nodes')],
      services: [...this.sortedRows<ServiceView>('services')],
      profiles: [...this.sortedRows<ProfileView>('profiles')],
      nodepools: [...this.sortedRows<NodePoolView>('nodepools')],
      namespaces: [...this.sortedRows<NamespaceView>('namespaces')],
      events: this.events.top(this.maxEvents),
      findings: this.out.findingsNow(),
    };
    for (const k of PLAIN_KINDS) (view as unknown as Record<string, unknown>)[k.resource] = [...this.sortedRows(k.resource)];
    return { view, nowMs: ms };
  }

  // ---------------------------------------------------------------- reads for details

  /** The plain object of a resource by cache key ("ns/name" or "name"). */
  object<R extends KubeResource>(resource: R, key: string): KubeByResource[R] | undefined {
    return this.index.get(resource, key);
  }

  /** Every object of a resource, in no particular order. */
  list<R extends KubeResource>(resource: R): KubeByResource[R][] {
    return this.index.list(resource);
  }

  /** The top-level workload a pod belongs to (null for a bare pod or a pod not held). */
  podWorkload(namespace: string, name: string): PodView['workload'] {
    return this.pods.get(`${namespace}/${name}`)?.view.workload ?? null;
  }

  /** A pod's sizing breakdown per container, without the row copy and event lookup of podDetail. */
  podSizing(namespace: string, name: string): PodSizing | null {
    return this.pods.get(`${namespace}/${name}`)?.sizing ?? null;
  }

  /** One pod's row (stamped at `now`), its sizing, and its events newest first. */
  podDetail(namespace: string, name: string, now: number | string | Date): { pod: PodView; sizing: PodSizing | null; object: KubePod; events: EventView[] } | null {
    const key = `${namespace}/${name}`;
    const p = this.pods.get(key);
    const object = this.raw.pods.get(key);
    if (!p || !object) return null;
    return { pod: stampPod(p.view, isoOf(now).ms), sizing: p.sizing, object, events: this.events.about('Pod', name, namespace) };
  }

  /** How many objects of each resource are held (for status and tests). */
  counts(): Record<KubeResource, number> {
    return this.index.counts();
  }
}

function nsOf(key: string): string {
  return key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
}

type Snapshot = {
  objects: Partial<{ [R in KubeResource]: KubeByResource[R][] }>;
  aws?: Partial<AwsState>;
  sources?: SourceStatus[];
  kubernetesVersion?: string | null;
};

/** The whole view of a snapshot at `now`, built from scratch (what the incremental builder must equal). */
export function buildView(snapshot: Snapshot, opts: BuilderOptions, now: number | string | Date): ClusterView {
  const b = new ViewBuilder(opts);
  applySnapshot(b, snapshot);
  return b.view(now);
}

// What others read goes first: nodes before pods, so pods find their nodes on first computation.
const SNAPSHOT_ORDER: readonly KubeResource[] = [...KIND_LIST].sort((a, b) => a.snapshotOrder - b.snapshotOrder).map((k) => k.resource);

/** Feeds a whole snapshot to a builder (AWS first, so pods are computed against the profiles once). */
export function applySnapshot(b: ViewBuilder, snapshot: Snapshot): void {
  if (snapshot.aws?.eks !== undefined) b.apply({ type: 'eks', eks: snapshot.aws.eks });
  if (snapshot.aws?.loadBalancers !== undefined) b.apply({ type: 'loadBalancers', loadBalancers: snapshot.aws.loadBalancers });
  if (snapshot.aws?.subnets !== undefined) b.apply({ type: 'subnets', subnets: snapshot.aws.subnets });
  if (snapshot.sources) b.apply({ type: 'sources', sources: snapshot.sources });
  if (snapshot.kubernetesVersion !== undefined) b.apply({ type: 'meta', kubernetesVersion: snapshot.kubernetesVersion });
  for (const r of SNAPSHOT_ORDER) {
    const objs = snapshot.objects[r];
    if (objs) b.apply({ type: 'replace', resource: r, objects: objs as KubeObject[] });
  }
}
