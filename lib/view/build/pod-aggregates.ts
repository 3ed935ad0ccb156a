/**
 * The aggregates rows are made of: per namespace, node and profile (from pods; node pools are node-pools.ts),
 * and the pod indexes the builder looks pods up by (node, namespace, IP, pending without a profile). A pod or
 * node moves its old share out and its new one in; whatever it touched is marked in `dirty`.
 */
import type { Placement } from '../model';
import type { PodComputed, PodContribution } from '../pod-view';
import {
  emptyNamespaceAgg,
  emptyNodeAgg,
  emptyProfileAgg,
  type NamespaceAgg,
  type NodeAgg,
  type ProfileAgg,
} from '../rows';
import { addTo, bump, removeFrom } from './util';

/** Keys of the aggregate rows that need recomputing. */
export interface DirtyRows {
  nodes: Set<string>;
  services: Set<string>;
  profiles: Set<string>;
  nodepools: Set<string>;
  namespaces: Set<string>;
}

function shallowEqual(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** True when two contributions add the same to every aggregate. */
export function contribEqual(a: PodContribution, b: PodContribution): boolean {
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

export class PodAggregates {
  readonly podsByNode = new Map<string, Set<string>>();
  readonly podsByNs = new Map<string, Set<string>>();
  readonly podsByIp = new Map<string, Set<string>>();
  readonly pendingNoProfile = new Set<string>();
  readonly nodeAgg = new Map<string, NodeAgg>();
  readonly nsAgg = new Map<string, NamespaceAgg>();
  readonly profileAgg = new Map<string, ProfileAgg>();

  /**
   * Adds (sign +1) or removes (sign −1) a pod's share of the namespace, node and profile aggregates and the
   * indexes. Returns the node whose requests changed, if any (EC2 room depends on it).
   */
  apply(key: string, c: PodContribution, sign: 1 | -1, dirty: DirtyRows): string | null {
    const add = sign === 1;
    const ns = this.nsAgg.get(c.namespace) ?? emptyNamespaceAgg();
    ns.pods += sign;
    if (c.placement === 'ec2') ns.ec2 += sign;
    else if (c.placement === 'fargate') ns.fargate += sign;
    else if (c.placement === 'pending') ns.pending += sign;
    ns.hourlyNano += sign * c.hourlyNano;
    if (ns.pods === 0) this.nsAgg.delete(c.namespace);
    else this.nsAgg.set(c.namespace, ns);
    dirty.namespaces.add(c.namespace);
    if (add) addTo(this.podsByNs, c.namespace, key);
    else removeFrom(this.podsByNs, c.namespace, key);

    let requestsOn: string | null = null;
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
        dirty.nodes.add(c.nodeName);
        requestsOn = c.nodeName;
      }
    }

    // Fargate bills until the pod object is deleted, finished or not.
    if (c.fargate?.profile) {
      const p = this.profileAgg.get(c.fargate.profile) ?? emptyProfileAgg();
      p.pods += sign;
      p.vcpuMilli += sign * c.fargate.vcpuMilli;
      p.memMiB += sign * c.fargate.memMiB;
      p.hourlyNano += sign * c.hourlyNano;
      if (p.pods === 0) this.profileAgg.delete(c.fargate.profile);
      else this.profileAgg.set(c.fargate.profile, p);
      dirty.profiles.add(c.fargate.profile);
    }

    // IP → pod (services read it through podByIp).
    if (c.ip) {
      if (add) addTo(this.podsByIp, c.ip, key);
      else removeFrom(this.podsByIp, c.ip, key);
    }
    if (c.pendingNoProfile) {
      if (add) this.pendingNoProfile.add(key);
      else this.pendingNoProfile.delete(key);
    }
    return requestsOn;
  }

  /** The pod behind an IP: one that still runs first, then the smallest key, so history does not matter. */
  podAt(ip: string, pods: ReadonlyMap<string, PodComputed>): { id: string; placement: Placement } | undefined {
    const keys = this.podsByIp.get(ip);
    if (!keys || keys.size === 0) return undefined;
    let best: PodComputed | undefined;
    let bestKey = '';
    for (const k of keys) {
      const p = pods.get(k);
      if (!p) continue;
      const better = !best || (p.contrib.active && !best.contrib.active) || (p.contrib.active === best.contrib.active && k < bestKey);
      if (better) {
        best = p;
        bestKey = k;
      }
    }
    return best ? { id: best.view.id, placement: best.view.placement } : undefined;
  }
}
