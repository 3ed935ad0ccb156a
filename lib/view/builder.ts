/**
 * The incremental ClusterView builder. It holds the cluster's plain objects, one computed row per object and
 * the aggregates rows are made of (per node, namespace, profile, node group, service, and the totals). An
 * event recomputes the one object it is about and moves that object's old contribution out of the
 * aggregates and its new one in — a pod event costs one pod, not the whole cluster. Rows that depend on
 * aggregates (nodes, namespaces, profiles, node groups, services) are marked dirty and recomputed once per
 * batch, when a delta is taken.
 *
 * Pure: no I/O, no clock. `now` is given to takeDelta/view, and only stamps accrued costs and generatedAt.
 */
import { ec2HourlyUSD } from '../fargate/prices';
import { GIB } from '../fargate/sizes';
import type { PodSizing, RegionPrices, Resources } from '../fargate/types';
import type { AwsState, EksFargateProfile, EksState, LoadBalancer, Subnet, TargetGroup } from './aws';
import { accruedUSD, fromNano, toNano } from './cost';
import { COLLECTIONS, sortCollection } from './delta';
import type { KubeByResource, KubeEvent, KubeObject, KubePod, KubeResource } from './kube';
import { objectKey } from './kube';
import type {
  ClusterMeta,
  ClusterView,
  CollectionName,
  EventView,
  Finding,
  NamespaceView,
  NodegroupView,
  NodeView,
  Placement,
  PodView,
  ProfileView,
  ServiceView,
  SourceStatus,
  Totals,
  ViewDelta,
} from './model';
import { nodeInfo, type NodeInfo } from './node-info';
import { computePod, profileMatchFor, type PodComputed, type PodContribution, type PodEnv, type ProfileMatchInfo } from './pod-view';
import {
  compareEvents,
  emptyNamespaceAgg,
  emptyNodeAgg,
  emptyNodegroupAgg,
  emptyProfileAgg,
  eventView,
  namespaceView,
  nodegroupView,
  nodeView,
  profileView,
  type NamespaceAgg,
  type NodeAgg,
  type NodegroupAgg,
  type ProfileAgg,
} from './rows';
import { computeService, selects, type Backends } from './service-view';

/** Everything that can change the view. */
export type BuilderEvent =
  | { type: 'upsert'; resource: KubeResource; object: KubeObject }
  | { type: 'delete'; resource: KubeResource; object: KubeObject }
  /** A (re)list: the resource's complete contents; anything not in it is gone. */
  | { type: 'replace'; resource: KubeResource; objects: KubeObject[] }
  | { type: 'eks'; eks: EksState | null }
  | { type: 'loadBalancers'; loadBalancers: LoadBalancer[] | null }
  | { type: 'subnets'; subnets: Subnet[] | null }
  | { type: 'sources'; sources: SourceStatus[] }
  | { type: 'meta'; kubernetesVersion?: string | null; clusterName?: string | null };

export interface BuilderOptions {
  context: string;
  region: string | null;
  clusterName: string | null;
  prices: RegionPrices | null;
  /** How many of the newest events the view carries (all are kept for pod details). Default 500. */
  maxEvents?: number;
}

/** A delta before the source numbers it. */
export type ViewChange = Omit<ViewDelta, 'seq'>;

type RowCollection = 'nodes' | 'services' | 'profiles' | 'nodegroups' | 'namespaces';
type RowView = NodeView | ServiceView | ProfileView | NodegroupView | NamespaceView;

interface NodeContribution {
  computeType: NodeInfo['computeType'];
  nodegroup: string | null;
  instanceType: string | null;
  hourlyNano: number;
  capacity: Resources;
}

interface ServiceState {
  members: Map<string, Placement>;
  backends: Backends;
  targetIps: string[];
}

interface TotalsAgg {
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

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function sameVersion(a: KubeObject, b: KubeObject): boolean {
  const rv = a.metadata.resourceVersion;
  return rv !== undefined && rv === b.metadata.resourceVersion && a.metadata.uid === b.metadata.uid;
}

function shallowEqual(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

function contribEqual(a: PodContribution, b: PodContribution): boolean {
  return (
    a.namespace === b.namespace &&
    a.placement === b.placement &&
    a.nodeName === b.nodeName &&
    a.active === b.active &&
    a.request.cpuMillis === b.request.cpuMillis &&
    a.request.memoryBytes === b.request.memoryBytes &&
    a.hourlyNano === b.hourlyNano &&
    a.ip === b.ip &&
    a.pendingNoProfile === b.pendingNoProfile &&
    (a.fargate === null) === (b.fargate === null) &&
    (a.fargate === null ||
      (a.fargate.profile === b.fargate?.profile && a.fargate.vcpuMilli === b.fargate.vcpuMilli && a.fargate.memMiB === b.fargate.memMiB)) &&
    shallowEqual(a.labels, b.labels)
  );
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

function addTo<K>(index: Map<K, Set<string>>, key: K, value: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K>(index: Map<K, Set<string>>, key: K, value: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

function emptyTotals(): TotalsAgg {
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

function isoOf(now: number | string | Date): { iso: string; ms: number } {
  const ms = typeof now === 'number' ? now : new Date(now).getTime();
  return { iso: new Date(ms).toISOString(), ms };
}

/** Accrued cost at `nowMs`, stamped on a copy of the row. */
export function stampPod(view: PodView, nowMs: number): PodView {
  return { ...view, accruedUSD: accruedUSD(view.hourlyUSD, view.billingStart, nowMs, view.costBasis === 'fargate') };
}

/** Holds the cluster and its view; `apply` events, then `takeDelta` (live) or `view` (whole). */
export class ViewBuilder {
  private readonly opts: BuilderOptions;
  private readonly maxEvents: number;
  private readonly raw: { [R in KubeResource]: Map<string, KubeByResource[R]> } = {
    pods: new Map(),
    nodes: new Map(),
    services: new Map(),
    namespaces: new Map(),
    events: new Map(),
    targetgroupbindings: new Map(),
    replicasets: new Map(),
  };
  private aws: AwsState = { eks: null, loadBalancers: null, subnets: null };
  private profiles: EksFargateProfile[] | null = null;
  private lbByDns = new Map<string, LoadBalancer>();
  private tgByArn = new Map<string, TargetGroup>();
  private sources: SourceStatus[] = [];
  private kubernetesVersion: string | null = null;
  private clusterName: string | null;

  // Pods.
  private pods = new Map<string, PodComputed>();
  private podKeyById = new Map<string, string>();
  private podsByNode = new Map<string, Set<string>>();
  private podsByNs = new Map<string, Set<string>>();
  private podsByIp = new Map<string, Set<string>>();
  private pendingNoProfile = new Set<string>();

  // Nodes and aggregates.
  private nodeInfos = new Map<string, NodeInfo>();
  private nodeContrib = new Map<string, NodeContribution>();
  private nodeAgg = new Map<string, NodeAgg>();
  private nsAgg = new Map<string, NamespaceAgg>();
  private profileAgg = new Map<string, ProfileAgg>();
  private ngAgg = new Map<string, NodegroupAgg>();
  private totals: TotalsAgg = emptyTotals();

  // Services.
  private svcState = new Map<string, ServiceState>();
  private servicesByNs = new Map<string, Set<string>>();
  private servicesByIp = new Map<string, Set<string>>();
  private bindingsByService = new Map<string, Set<string>>();

  // Events: every event, newest first; the view shows the first maxEvents.
  private eventViews = new Map<string, EventView>();
  private eventById = new Map<string, EventView>();
  private eventsSorted: EventView[] = [];
  private shownEvents = new Set<string>();
  private changedEvents = new Set<string>();

  // Rows of the aggregate collections, and which keys need recomputing.
  // Collections in canonical order, dropped when one of their rows changes.
  private sorted = new Map<CollectionName, unknown[]>();
  private rows: Record<RowCollection, Map<string, RowView>> = {
    nodes: new Map(),
    services: new Map(),
    profiles: new Map(),
    nodegroups: new Map(),
    namespaces: new Map(),
  };
  private rowIdByKey: Record<RowCollection, Map<string, string>> = {
    nodes: new Map(),
    services: new Map(),
    profiles: new Map(),
    nodegroups: new Map(),
    namespaces: new Map(),
  };
  private dirty: Record<RowCollection, Set<string>> = {
    nodes: new Set(),
    services: new Set(),
    profiles: new Set(),
    nodegroups: new Set(),
    namespaces: new Set(),
  };
  private roomDirty = false;

  // What the next delta carries.
  private outUpsert: Record<CollectionName, Set<string>> = emptyOut();
  private outRemove: Record<CollectionName, Set<string>> = emptyOut();
  private totalsDirty = true;
  private findingsDirty = true;
  private metaDirty = true;
  private findingsByObject = new Map<string, Finding[]>();

  private readonly env: PodEnv;

  constructor(opts: BuilderOptions) {
    this.opts = opts;
    this.maxEvents = opts.maxEvents ?? 500;
    this.clusterName = opts.clusterName;
    // The env reads the builder's current state: pods are computed against what is known now.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.env = {
      prices: opts.prices,
      get profiles() {
        return self.profiles;
      },
      node: (name) => self.nodeInfos.get(name),
      nodeHourly: (name) => self.nodeHourly(name),
      replicaSet: (ns, name) => self.raw.replicasets.get(`${ns}/${name}`),
      ec2Room: (request) => self.ec2Room(request),
      profileMatch: (pod) => self.profileMatch(pod),
    };
  }

  // Pods of one Deployment share namespace and labels: match them against the profiles once.
  private matchCache = new Map<string, ProfileMatchInfo>();

  private profileMatch(pod: { namespace: string; labels: Record<string, string> }): ProfileMatchInfo {
    const keys = Object.keys(pod.labels).sort();
    // Label keys and values never contain control characters, so they can delimit the cache key.
    const key = `${pod.namespace}\u0000${keys.map((k) => `${k}\u0001${pod.labels[k]}`).join('\u0002')}`;
    let info = this.matchCache.get(key);
    if (!info) {
      if (this.matchCache.size > 50_000) this.matchCache.clear();
      info = profileMatchFor(pod, this.profiles ?? []);
      this.matchCache.set(key, info);
    }
    return info;
  }

  // ---------------------------------------------------------------- events

  /** Applies one change. Cheap for one object; recomputes every pod only when the profiles change. */
  apply(ev: BuilderEvent): void {
    switch (ev.type) {
      case 'upsert':
        return this.upsert(ev.resource, ev.object);
      case 'delete':
        return this.remove(ev.resource, ev.object);
      case 'replace':
        return this.replace(ev.resource, ev.objects);
      case 'eks':
        return this.setEks(ev.eks);
      case 'loadBalancers':
        return this.setLoadBalancers(ev.loadBalancers);
      case 'subnets':
        return this.setSubnets(ev.subnets);
      case 'sources':
        if (!jsonEqual(this.sources, ev.sources)) {
          this.sources = ev.sources.map((s) => ({ ...s }));
          this.metaDirty = true;
        }
        return;
      case 'meta':
        if (ev.kubernetesVersion !== undefined && ev.kubernetesVersion !== this.kubernetesVersion) {
          this.kubernetesVersion = ev.kubernetesVersion;
          this.metaDirty = true;
        }
        if (ev.clusterName !== undefined && ev.clusterName !== this.clusterName) {
          this.clusterName = ev.clusterName;
          this.metaDirty = true;
        }
        return;
    }
  }

  private upsert(resource: KubeResource, obj: KubeObject): void {
    const key = objectKey(obj.metadata);
    const map = this.raw[resource] as Map<string, KubeObject>;
    const old = map.get(key);
    if (old && sameVersion(old, obj)) return;
    map.set(key, obj);
    this.changed(resource, key, old, obj);
  }

  private remove(resource: KubeResource, obj: KubeObject): void {
    const key = objectKey(obj.metadata);
    const map = this.raw[resource] as Map<string, KubeObject>;
    const old = map.get(key);
    if (!old) return;
    map.delete(key);
    this.changed(resource, key, old, undefined);
  }

  private replace(resource: KubeResource, objects: KubeObject[]): void {
    const map = this.raw[resource] as Map<string, KubeObject>;
    const keep = new Set(objects.map((o) => objectKey(o.metadata)));
    for (const [key, old] of [...map.entries()]) if (!keep.has(key)) this.remove(resource, old);
    for (const o of objects) this.upsert(resource, o);
  }

  private changed(resource: KubeResource, key: string, old: KubeObject | undefined, obj: KubeObject | undefined): void {
    switch (resource) {
      case 'pods':
        return this.refreshPod(key, false);
      case 'nodes':
        return this.refreshNode(key);
      case 'services':
        return this.refreshServiceMembers(key);
      case 'namespaces':
        this.dirty.namespaces.add(key);
        return;
      case 'events':
        return this.refreshEvent(key, obj as KubeEvent | undefined);
      case 'targetgroupbindings':
        for (const o of [old, obj]) {
          const ref = (o as KubeByResource['targetgroupbindings'] | undefined)?.spec?.serviceRef?.name;
          if (!o || !ref) continue;
          const svcKey = `${o.metadata.namespace ?? ''}/${ref}`;
          if (o === obj) addTo(this.bindingsByService, svcKey, key);
          else removeFrom(this.bindingsByService, svcKey, key);
          this.dirty.services.add(svcKey);
        }
        return;
      case 'replicasets': {
        const ns = (obj ?? old)?.metadata.namespace ?? '';
        const name = (obj ?? old)?.metadata.name;
        for (const podKey of this.podsByNs.get(ns) ?? []) {
          const pod = this.raw.pods.get(podKey);
          if (pod?.metadata.ownerReferences?.some((r) => r.kind === 'ReplicaSet' && r.name === name)) this.refreshPod(podKey, true);
        }
        return;
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
      this.updateServices(key, prev.contrib, undefined, true);
      this.pods.delete(key);
      this.podKeyById.delete(prev.view.id);
      this.setFindings(`pods:${prev.view.id}`, []);
      this.markRemoved('pods', prev.view.id);
      return;
    }
    const next = computePod(obj, this.env);
    // A new uid under the same name is a new pod: services map target IPs to it by id.
    const sameContrib = prev !== undefined && prev.view.id === next.view.id && contribEqual(prev.contrib, next.contrib);
    if (onlyIfChanged && prev && sameContrib && jsonEqual(prev.view, next.view)) return;
    if (!sameContrib) {
      if (prev) this.applyContrib(key, prev.contrib, -1);
      this.applyContrib(key, next.contrib, +1);
      this.updateServices(key, prev?.contrib, next.contrib, prev !== undefined && prev.view.id !== next.view.id);
    }
    this.pods.set(key, next);
    if (prev && prev.view.id !== next.view.id) {
      this.podKeyById.delete(prev.view.id);
      this.setFindings(`pods:${prev.view.id}`, []);
      this.markRemoved('pods', prev.view.id);
    }
    this.podKeyById.set(next.view.id, key);
    this.setFindings(`pods:${next.view.id}`, next.view.findings);
    this.markUpsert('pods', next.view.id);
  }

  /** Adds (sign +1) or removes (sign −1) a pod's share of every aggregate, and marks what it touched. */
  private applyContrib(key: string, c: PodContribution, sign: 1 | -1): void {
    const add = sign === 1;
    // Namespace.
    const ns = this.nsAgg.get(c.namespace) ?? emptyNamespaceAgg();
    ns.pods += sign;
    if (c.placement === 'ec2') ns.ec2 += sign;
    else if (c.placement === 'fargate') ns.fargate += sign;
    else if (c.placement === 'pending') ns.pending += sign;
    ns.hourlyNano += sign * c.hourlyNano;
    if (ns.pods === 0) this.nsAgg.delete(c.namespace);
    else this.nsAgg.set(c.namespace, ns);
    this.dirty.namespaces.add(c.namespace);
    if (add) addTo(this.podsByNs, c.namespace, key);
    else removeFrom(this.podsByNs, c.namespace, key);

    // Node.
    if (c.nodeName) {
      if (add) addTo(this.podsByNode, c.nodeName, key);
      else removeFrom(this.podsByNode, c.nodeName, key);
      if (c.active) {
        const n = this.nodeAgg.get(c.nodeName) ?? emptyNodeAgg();
        n.pods += sign;
        n.cpuMillis += sign * c.request.cpuMillis;
        n.memoryBytes += sign * c.request.memoryBytes;
        if (c.placement === 'fargate') {
          n.fargateHourlyNano += sign * c.hourlyNano;
          if (c.fargate?.profile) bump(n.profiles, c.fargate.profile, sign);
        }
        if (n.pods === 0 && n.profiles.size === 0) this.nodeAgg.delete(c.nodeName);
        else this.nodeAgg.set(c.nodeName, n);
        this.dirty.nodes.add(c.nodeName);
        if (this.nodeInfos.get(c.nodeName)?.computeType === 'ec2') this.roomDirty = true;
      }
    }

    // Profile (Fargate bills until the pod object is deleted, finished or not).
    if (c.fargate?.profile) {
      const p = this.profileAgg.get(c.fargate.profile) ?? emptyProfileAgg();
      p.pods += sign;
      p.vcpuMilli += sign * c.fargate.vcpuMilli;
      p.memMiB += sign * c.fargate.memMiB;
      p.hourlyNano += sign * c.hourlyNano;
      if (p.pods === 0) this.profileAgg.delete(c.fargate.profile);
      else this.profileAgg.set(c.fargate.profile, p);
      this.dirty.profiles.add(c.fargate.profile);
    }

    // Totals.
    const t = this.totals;
    if (c.placement === 'ec2') t.ec2Pods += sign;
    else if (c.placement === 'fargate') {
      t.fargatePods += sign;
      t.fargateVcpuMilli += sign * (c.fargate?.vcpuMilli ?? 0);
      t.fargateMemMiB += sign * (c.fargate?.memMiB ?? 0);
      t.fargateHourlyNano += sign * c.hourlyNano;
    } else if (c.placement === 'pending') t.pendingPods += sign;
    else t.otherPods += sign;
    this.totalsDirty = true;

    // IP → pod (services read it through podByIp).
    if (c.ip) {
      if (add) addTo(this.podsByIp, c.ip, key);
      else removeFrom(this.podsByIp, c.ip, key);
    }

    if (c.pendingNoProfile) {
      if (add) this.pendingNoProfile.add(key);
      else this.pendingNoProfile.delete(key);
    }
  }

  /**
   * Moves a pod between service backends and marks only the services it changes: those whose membership
   * or backend placement changed, and those with a target on its old or new IP when what the IP maps to
   * changed.
   */
  private updateServices(key: string, prev: PodContribution | undefined, next: PodContribution | undefined, idChanged: boolean): void {
    for (const ns of new Set([prev?.namespace, next?.namespace])) {
      if (ns === undefined) continue;
      for (const svcKey of this.servicesByNs.get(ns) ?? []) {
        const st = this.svcState.get(svcKey);
        if (!st) continue;
        const was = st.members.get(key);
        const svc = this.raw.services.get(svcKey);
        const now = next && next.namespace === ns && next.active && selects(svc?.spec?.selector, next.labels) ? next.placement : undefined;
        if (was === now) continue;
        if (was !== undefined) {
          st.members.delete(key);
          countBackend(st.backends, was, -1);
        }
        if (now !== undefined) {
          st.members.set(key, now);
          countBackend(st.backends, now, 1);
        }
        this.dirty.services.add(svcKey);
      }
    }
    const targetChanged = idChanged || prev?.ip !== next?.ip || prev?.placement !== next?.placement || prev?.active !== next?.active;
    if (!targetChanged) return;
    for (const ip of new Set([prev?.ip, next?.ip])) {
      if (ip) for (const svcKey of this.servicesByIp.get(ip) ?? []) this.dirty.services.add(svcKey);
    }
  }

  private ec2Room(request: Resources): boolean | null {
    if (this.nodeInfos.size === 0) return null;
    for (const info of this.nodeInfos.values()) {
      if (info.computeType !== 'ec2' || !info.ready || !info.schedulable) continue;
      const agg = this.nodeAgg.get(info.name);
      const pods = agg?.pods ?? 0;
      if (info.allocatablePods !== null && pods >= info.allocatablePods) continue;
      if (info.allocatable.cpuMillis - (agg?.cpuMillis ?? 0) < request.cpuMillis) continue;
      if (info.allocatable.memoryBytes - (agg?.memoryBytes ?? 0) < request.memoryBytes) continue;
      return true;
    }
    return false;
  }

  private nodeHourly(name: string): number | null {
    const info = this.nodeInfos.get(name);
    if (!info || info.computeType !== 'ec2' || !info.instanceType || !this.opts.prices) return null;
    return ec2HourlyUSD(info.instanceType, this.opts.prices);
  }

  // ---------------------------------------------------------------- nodes

  private refreshNode(name: string): void {
    const prevInfo = this.nodeInfos.get(name);
    const prevC = this.nodeContrib.get(name);
    const obj = this.raw.nodes.get(name);
    if (prevC) this.applyNodeContrib(prevC, -1);
    const info = obj ? nodeInfo(obj) : undefined;
    if (info) {
      this.nodeInfos.set(name, info);
      const c: NodeContribution = {
        computeType: info.computeType,
        nodegroup: info.nodegroup,
        instanceType: info.instanceType,
        hourlyNano: toNano(this.nodeHourly(name) ?? 0),
        capacity: info.capacity,
      };
      this.nodeContrib.set(name, c);
      this.applyNodeContrib(c, 1);
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
      prevInfo.allocatable.cpuMillis !== info.allocatable.cpuMillis ||
      prevInfo.allocatable.memoryBytes !== info.allocatable.memoryBytes;
    if (podsCare) for (const key of [...(this.podsByNode.get(name) ?? [])]) this.refreshPod(key, true);
  }

  private applyNodeContrib(c: NodeContribution, sign: 1 | -1): void {
    const t = this.totals;
    if (c.computeType === 'ec2') {
      t.ec2Nodes += sign;
      t.ec2CpuMillis += sign * c.capacity.cpuMillis;
      t.ec2MemoryBytes += sign * c.capacity.memoryBytes;
      t.ec2HourlyNano += sign * c.hourlyNano;
    } else if (c.computeType === 'fargate') t.fargateNodes += sign;
    this.totalsDirty = true;
    if (c.nodegroup) {
      const g = this.ngAgg.get(c.nodegroup) ?? emptyNodegroupAgg();
      g.nodes += sign;
      g.hourlyNano += sign * c.hourlyNano;
      if (c.instanceType) bump(g.instanceTypes, c.instanceType, sign);
      if (g.nodes === 0) this.ngAgg.delete(c.nodegroup);
      else this.ngAgg.set(c.nodegroup, g);
      this.dirty.nodegroups.add(c.nodegroup);
    }
  }

  // ---------------------------------------------------------------- services

  private refreshServiceMembers(key: string): void {
    const svc = this.raw.services.get(key);
    const ns = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
    if (!svc) {
      this.svcState.delete(key);
      removeFrom(this.servicesByNs, ns, key);
      this.dirty.services.add(key);
      return;
    }
    const st: ServiceState = this.svcState.get(key) ?? { members: new Map(), backends: { ec2: 0, fargate: 0, pending: 0 }, targetIps: [] };
    st.members.clear();
    st.backends = { ec2: 0, fargate: 0, pending: 0 };
    for (const podKey of this.podsByNs.get(ns) ?? []) {
      const c = this.pods.get(podKey)?.contrib;
      if (c && c.active && selects(svc.spec?.selector, c.labels)) {
        st.members.set(podKey, c.placement);
        countBackend(st.backends, c.placement, 1);
      }
    }
    this.svcState.set(key, st);
    addTo(this.servicesByNs, ns, key);
    this.dirty.services.add(key);
  }

  private podByIp(ip: string): { id: string; placement: Placement } | undefined {
    const keys = this.podsByIp.get(ip);
    if (!keys || keys.size === 0) return undefined;
    // Prefer a pod that still runs; among equals the smallest key, so the answer does not depend on history.
    let best: PodComputed | undefined;
    let bestKey = '';
    for (const k of keys) {
      const p = this.pods.get(k);
      if (!p) continue;
      const better = !best || (p.contrib.active && !best.contrib.active) || (p.contrib.active === best.contrib.active && k < bestKey);
      if (better) {
        best = p;
        bestKey = k;
      }
    }
    return best ? { id: best.view.id, placement: best.view.placement } : undefined;
  }

  // ---------------------------------------------------------------- AWS

  private setEks(eks: EksState | null): void {
    const prev = this.aws.eks;
    this.aws = { ...this.aws, eks };
    if (!jsonEqual(prev?.cluster ?? null, eks?.cluster ?? null)) {
      this.metaDirty = true;
    }
    if (!jsonEqual(prev?.nodegroups ?? null, eks?.nodegroups ?? null)) {
      for (const g of [...(prev?.nodegroups ?? []), ...(eks?.nodegroups ?? [])]) this.dirty.nodegroups.add(g.name);
    }
    const prevProfiles = prev ? prev.profiles : null;
    const nextProfiles = eks ? eks.profiles : null;
    if (!jsonEqual(prevProfiles, nextProfiles)) {
      this.profiles = nextProfiles ? [...nextProfiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : null;
      this.matchCache.clear();
      for (const p of [...(prevProfiles ?? []), ...(nextProfiles ?? [])]) this.dirty.profiles.add(p.name);
      for (const ns of new Set([...this.nsAgg.keys(), ...this.raw.namespaces.keys()])) this.dirty.namespaces.add(ns);
      for (const key of [...this.pods.keys()]) this.refreshPod(key, true);
      this.roomDirty = true;
    }
  }

  private setLoadBalancers(lbs: LoadBalancer[] | null): void {
    if (jsonEqual(this.aws.loadBalancers, lbs)) return;
    this.aws = { ...this.aws, loadBalancers: lbs };
    this.lbByDns = new Map((lbs ?? []).map((lb) => [lb.dnsName.toLowerCase(), lb]));
    this.tgByArn = new Map((lbs ?? []).flatMap((lb) => lb.targetGroups.map((g) => [g.arn, g] as const)));
    for (const key of this.raw.services.keys()) this.dirty.services.add(key);
  }

  private setSubnets(subnets: Subnet[] | null): void {
    if (jsonEqual(this.aws.subnets, subnets)) return;
    this.aws = { ...this.aws, subnets };
    for (const p of this.profiles ?? []) this.dirty.profiles.add(p.name);
  }

  // ---------------------------------------------------------------- events (Kubernetes Event objects)

  private refreshEvent(key: string, obj: KubeEvent | undefined): void {
    const prev = this.eventViews.get(key);
    if (prev) {
      const i = this.indexOfEvent(prev);
      if (i >= 0) this.eventsSorted.splice(i, 1);
      this.eventViews.delete(key);
      this.eventById.delete(prev.id);
    }
    if (obj) {
      const v = eventView(obj);
      this.eventViews.set(key, v);
      this.eventById.set(v.id, v);
      this.eventsSorted.splice(this.insertionPoint(v), 0, v);
      this.changedEvents.add(v.id);
    }
  }

  private insertionPoint(v: EventView): number {
    let lo = 0;
    let hi = this.eventsSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEvents(this.eventsSorted[mid], v) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOfEvent(v: EventView): number {
    const i = this.insertionPoint(v);
    return this.eventsSorted[i]?.id === v.id ? i : this.eventsSorted.findIndex((e) => e.id === v.id);
  }

  // ---------------------------------------------------------------- settling and output

  private markUpsert(c: CollectionName, id: string): void {
    this.outUpsert[c].add(id);
    this.outRemove[c].delete(id);
    this.sorted.delete(c);
  }

  private markRemoved(c: CollectionName, id: string): void {
    this.outRemove[c].add(id);
    this.outUpsert[c].delete(id);
    this.sorted.delete(c);
  }

  /** A collection's rows in canonical order, sorted again only after one of them changed. */
  private sortedRows<T>(c: RowCollection | 'pods'): T[] {
    let rows = this.sorted.get(c);
    if (!rows) {
      const all: { id: string }[] = c === 'pods' ? [...this.pods.values()].map((p) => p.view) : [...this.rows[c].values()];
      rows = sortCollection(c, all);
      this.sorted.set(c, rows);
    }
    return rows as T[];
  }

  private setFindings(key: string, findings: Finding[]): void {
    const old = this.findingsByObject.get(key);
    if (!old && findings.length === 0) return;
    if (old && jsonEqual(old, findings)) return;
    if (findings.length === 0) this.findingsByObject.delete(key);
    else this.findingsByObject.set(key, findings);
    // Info findings stay on their objects; only a change in the others changes the cluster-wide list.
    const listed = (l: Finding[] | undefined) => (l ?? []).filter((f) => f.severity !== 'info');
    if (!jsonEqual(listed(old), listed(findings))) this.findingsDirty = true;
  }

  private setRow(c: RowCollection, key: string, view: RowView | null): void {
    const oldId = this.rowIdByKey[c].get(key);
    if (oldId !== undefined && (!view || view.id !== oldId)) {
      this.rows[c].delete(oldId);
      this.rowIdByKey[c].delete(key);
      this.setFindings(`${c}:${oldId}`, []);
      this.markRemoved(c, oldId);
    }
    if (!view) return;
    const prev = this.rows[c].get(view.id);
    this.rowIdByKey[c].set(key, view.id);
    if (prev && jsonEqual(prev, view)) return;
    this.rows[c].set(view.id, view);
    this.setFindings(`${c}:${view.id}`, 'findings' in view ? view.findings : []);
    this.markUpsert(c, view.id);
  }

  /** Brings every dirty row up to date. Called before output; idempotent. */
  private settle(): void {
    if (this.roomDirty) {
      this.roomDirty = false;
      for (const key of [...this.pendingNoProfile]) this.refreshPod(key, true);
    }
    for (const name of this.dirty.nodes) {
      const info = this.nodeInfos.get(name);
      this.setRow('nodes', name, info ? nodeView(info, this.nodeAgg.get(name) ?? emptyNodeAgg(), this.nodeHourly(name), this.opts.region) : null);
    }
    this.dirty.nodes.clear();
    for (const name of this.dirty.namespaces) {
      const ns = this.raw.namespaces.get(name);
      const agg = this.nsAgg.get(name);
      this.setRow('namespaces', name, ns || agg ? namespaceView(name, ns, agg ?? emptyNamespaceAgg(), this.profiles ?? []) : null);
    }
    this.dirty.namespaces.clear();
    for (const name of this.dirty.profiles) {
      const p = this.profiles?.find((x) => x.name === name);
      this.setRow('profiles', name, p ? profileView(p, this.profileAgg.get(name) ?? emptyProfileAgg(), this.aws.subnets) : null);
    }
    this.dirty.profiles.clear();
    for (const name of this.dirty.nodegroups) {
      const ng = this.aws.eks?.nodegroups.find((g) => g.name === name);
      const agg = this.ngAgg.get(name);
      this.setRow('nodegroups', name, ng || agg ? nodegroupView(name, ng, agg ?? emptyNodegroupAgg()) : null);
    }
    this.dirty.nodegroups.clear();
    for (const key of this.dirty.services) this.settleService(key);
    this.dirty.services.clear();
    this.settleEvents();
  }

  private settleService(key: string): void {
    const svc = this.raw.services.get(key);
    const st = this.svcState.get(key);
    for (const ip of st?.targetIps ?? []) removeFrom(this.servicesByIp, ip, key);
    if (!svc || !st) {
      this.setRow('services', key, null);
      return;
    }
    const bindings = [...(this.bindingsByService.get(key) ?? [])]
      .sort()
      .map((k) => this.raw.targetgroupbindings.get(k))
      .filter((b): b is KubeByResource['targetgroupbindings'] => b !== undefined);
    const { view, targetIps } = computeService(svc, {
      loadBalancerByDns: (h) => this.lbByDns.get(h.toLowerCase()),
      targetGroup: (arn) => this.tgByArn.get(arn),
      bindings,
      podByIp: (ip) => this.podByIp(ip),
      backends: st.backends,
    });
    st.targetIps = targetIps;
    for (const ip of targetIps) addTo(this.servicesByIp, ip, key);
    this.setRow('services', key, view);
  }

  private settleEvents(): void {
    const top = this.eventsSorted.slice(0, this.maxEvents);
    const topIds = new Set(top.map((e) => e.id));
    for (const id of this.shownEvents) if (!topIds.has(id)) this.markRemoved('events', id);
    for (const e of top) if (!this.shownEvents.has(e.id) || this.changedEvents.has(e.id)) this.markUpsert('events', e.id);
    this.shownEvents = topIds;
    this.changedEvents.clear();
  }

  private totalsNow(): Totals {
    const t = this.totals;
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
      hourlyUSD: fromNano(t.ec2HourlyNano + t.fargateHourlyNano),
    };
  }

  /** Errors and warnings of every object, most severe first (info findings stay on their objects). */
  private findingsNow(): Finding[] {
    const all: Finding[] = [];
    for (const list of this.findingsByObject.values()) for (const f of list) if (f.severity !== 'info') all.push(f);
    return all.sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        cmp(a.object ?? '', b.object ?? '') ||
        cmp(a.rule, b.rule) ||
        cmp(a.message, b.message),
    );
  }

  private metaNow(iso: string): ClusterMeta {
    const eks = this.aws.eks?.cluster;
    const p = this.opts.prices;
    return {
      context: this.opts.context,
      clusterName: eks?.name ?? this.clusterName,
      region: this.opts.region,
      kubernetesVersion: this.kubernetesVersion ?? eks?.version ?? null,
      prices: p ? { region: p.region, source: p.source, date: p.date } : null,
      generatedAt: iso,
      sources: this.sources.map((s) => ({ ...s })),
    };
  }

  private rowsOf<T>(c: CollectionName, ids: Iterable<string>, nowMs: number): T[] {
    const out: T[] = [];
    for (const id of ids) {
      if (c === 'pods') {
        const key = this.podKeyById.get(id);
        const p = key ? this.pods.get(key) : undefined;
        if (p) out.push(stampPod(p.view, nowMs) as T);
      } else if (c === 'events') {
        const e = this.eventById.get(id);
        if (e) out.push(e as T);
      } else {
        const r = this.rows[c].get(id);
        if (r) out.push(r as T);
      }
    }
    return out;
  }

  /** True when a delta taken now would carry something besides the time. */
  hasChanges(): boolean {
    return (
      this.totalsDirty ||
      this.findingsDirty ||
      this.metaDirty ||
      this.roomDirty ||
      COLLECTIONS.some((c) => this.outUpsert[c].size > 0 || this.outRemove[c].size > 0) ||
      (Object.keys(this.dirty) as RowCollection[]).some((c) => this.dirty[c].size > 0) ||
      this.changedEvents.size > 0
    );
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
    if (this.totalsDirty) change.totals = this.totalsNow();
    if (this.findingsDirty) change.findings = this.findingsNow();
    for (const c of COLLECTIONS) {
      if (this.outUpsert[c].size > 0) {
        const rows = sortCollection(c, this.rowsOf<{ id: string }>(c, this.outUpsert[c], ms));
        (change.upsert as Record<string, unknown>)[c] = rows;
      }
      if (this.outRemove[c].size > 0) change.remove[c] = [...this.outRemove[c]].sort();
    }
    this.markSent();
    return change;
  }

  /** Rows a delta taken now would carry, upserted or removed. */
  pendingRows(): number {
    this.settle();
    return COLLECTIONS.reduce((n, c) => n + this.outUpsert[c].size + this.outRemove[c].size, 0);
  }

  /**
   * Forgets what changed without building the delta: for when nobody would read it (no live client, and too
   * big to keep for one), such as the first list of a big cluster. view() still holds everything.
   */
  skipDelta(): void {
    this.settle();
    this.markSent();
  }

  private markSent(): void {
    this.outUpsert = emptyOut();
    this.outRemove = emptyOut();
    this.totalsDirty = false;
    this.findingsDirty = false;
    this.metaDirty = false;
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
      totals: this.totalsNow(),
      pods: [...this.sortedRows<PodView>('pods')],
      nodes: [...this.sortedRows<NodeView>('nodes')],
      services: [...this.sortedRows<ServiceView>('services')],
      profiles: [...this.sortedRows<ProfileView>('profiles')],
      nodegroups: [...this.sortedRows<NodegroupView>('nodegroups')],
      namespaces: [...this.sortedRows<NamespaceView>('namespaces')],
      events: this.eventsSorted.slice(0, this.maxEvents),
      findings: this.findingsNow(),
    };
    return { view, nowMs: ms };
  }

  // ---------------------------------------------------------------- reads for details

  /** The plain object of a resource by cache key ("ns/name" or "name"). */
  object<R extends KubeResource>(resource: R, key: string): KubeByResource[R] | undefined {
    return this.raw[resource].get(key) as KubeByResource[R] | undefined;
  }

  /** Every object of a resource, in no particular order. */
  list<R extends KubeResource>(resource: R): KubeByResource[R][] {
    return [...this.raw[resource].values()] as KubeByResource[R][];
  }

  /** One pod's row (stamped at `now`), its sizing, and its events newest first. */
  podDetail(namespace: string, name: string, now: number | string | Date): { pod: PodView; sizing: PodSizing | null; object: KubePod; events: EventView[] } | null {
    const key = `${namespace}/${name}`;
    const p = this.pods.get(key);
    const object = this.raw.pods.get(key);
    if (!p || !object) return null;
    const events = this.eventsSorted.filter(
      (e) => e.object.kind === 'Pod' && e.object.name === name && (e.object.namespace ?? e.namespace) === namespace,
    );
    return { pod: stampPod(p.view, isoOf(now).ms), sizing: p.sizing, object, events };
  }

  /** How many objects of each resource are held (for status and tests). */
  counts(): Record<KubeResource, number> {
    const out = {} as Record<KubeResource, number>;
    for (const r of Object.keys(this.raw) as KubeResource[]) out[r] = this.raw[r].size;
    return out;
  }
}

function countBackend(b: Backends, placement: Placement, by: number): void {
  if (placement === 'ec2') b.ec2 += by;
  else if (placement === 'fargate') b.fargate += by;
  else if (placement === 'pending') b.pending += by;
}

function emptyOut(): Record<CollectionName, Set<string>> {
  return { pods: new Set(), nodes: new Set(), services: new Set(), profiles: new Set(), nodegroups: new Set(), namespaces: new Set(), events: new Set() };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The whole view of a snapshot at `now`, built from scratch (what the incremental builder must equal). */
export function buildView(
  snapshot: {
    objects: Partial<{ [R in KubeResource]: KubeByResource[R][] }>;
    aws?: Partial<AwsState>;
    sources?: SourceStatus[];
    kubernetesVersion?: string | null;
  },
  opts: BuilderOptions,
  now: number | string | Date,
): ClusterView {
  const b = new ViewBuilder(opts);
  applySnapshot(b, snapshot);
  return b.view(now);
}

/** Feeds a whole snapshot to a builder (AWS first, so pods are computed against the profiles once). */
export function applySnapshot(
  b: ViewBuilder,
  snapshot: {
    objects: Partial<{ [R in KubeResource]: KubeByResource[R][] }>;
    aws?: Partial<AwsState>;
    sources?: SourceStatus[];
    kubernetesVersion?: string | null;
  },
): void {
  if (snapshot.aws?.eks !== undefined) b.apply({ type: 'eks', eks: snapshot.aws.eks });
  if (snapshot.aws?.loadBalancers !== undefined) b.apply({ type: 'loadBalancers', loadBalancers: snapshot.aws.loadBalancers });
  if (snapshot.aws?.subnets !== undefined) b.apply({ type: 'subnets', subnets: snapshot.aws.subnets });
  if (snapshot.sources) b.apply({ type: 'sources', sources: snapshot.sources });
  if (snapshot.kubernetesVersion !== undefined) b.apply({ type: 'meta', kubernetesVersion: snapshot.kubernetesVersion });
  // Nodes before pods, so pods find their nodes on first computation.
  const order: KubeResource[] = ['namespaces', 'nodes', 'replicasets', 'services', 'targetgroupbindings', 'pods', 'events'];
  for (const r of order) {
    const objs = snapshot.objects[r];
    if (objs) b.apply({ type: 'replace', resource: r, objects: objs as KubeObject[] });
  }
}
