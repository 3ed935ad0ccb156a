/**
 * Service membership: which pods each service selects (and where they run), which services sit in a
 * namespace, which target IPs each service's load balancer points at, and which TargetGroupBindings name
 * each service. A pod change marks only the services it changes.
 */
import type { KubeService, KubeTargetGroupBinding } from '../kube';
import type { Placement } from '../model';
import type { PodContribution } from '../pod-view';
import { selects, type Backends } from '../service-view';
import { addTo, removeFrom } from './util';

export interface ServiceState {
  members: Map<string, Placement>;
  backends: Backends;
  targetIps: string[];
}

function countBackend(b: Backends, placement: Placement, by: number): void {
  if (placement === 'ec2') b.ec2 += by;
  else if (placement === 'fargate') b.fargate += by;
  else if (placement === 'pending') b.pending += by;
}

export class ServiceMembers {
  readonly state = new Map<string, ServiceState>();
  private readonly byNs = new Map<string, Set<string>>();
  private readonly byIp = new Map<string, Set<string>>();
  private readonly bindingsByService = new Map<string, Set<string>>();

  /** Recounts a service's members from the pods of its namespace (it was added, changed or deleted). */
  refresh(key: string, svc: KubeService | undefined, podKeys: Iterable<string>, contribOf: (podKey: string) => PodContribution | undefined, dirty: Set<string>): void {
    const ns = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
    if (!svc) {
      this.state.delete(key);
      removeFrom(this.byNs, ns, key);
      dirty.add(key);
      return;
    }
    const st: ServiceState = this.state.get(key) ?? { members: new Map(), backends: { ec2: 0, fargate: 0, pending: 0 }, targetIps: [] };
    st.members.clear();
    st.backends = { ec2: 0, fargate: 0, pending: 0 };
    for (const podKey of podKeys) {
      const c = contribOf(podKey);
      if (c && c.active && selects(svc.spec?.selector, c.labels)) {
        st.members.set(podKey, c.placement);
        countBackend(st.backends, c.placement, 1);
      }
    }
    this.state.set(key, st);
    addTo(this.byNs, ns, key);
    dirty.add(key);
  }

  /**
   * Moves a pod between service backends and marks only the services it changes: those whose membership
   * or backend placement changed, and those with a target on its old or new IP when what the IP maps to
   * changed.
   */
  updateForPod(
    key: string,
    prev: PodContribution | undefined,
    next: PodContribution | undefined,
    idChanged: boolean,
    serviceOf: (svcKey: string) => KubeService | undefined,
    dirty: Set<string>,
  ): void {
    for (const ns of new Set([prev?.namespace, next?.namespace])) {
      if (ns === undefined) continue;
      for (const svcKey of this.byNs.get(ns) ?? []) {
        const st = this.state.get(svcKey);
        if (!st) continue;
        const was = st.members.get(key);
        const svc = serviceOf(svcKey);
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
        dirty.add(svcKey);
      }
    }
    const targetChanged = idChanged || prev?.ip !== next?.ip || prev?.placement !== next?.placement || prev?.active !== next?.active;
    if (!targetChanged) return;
    for (const ip of new Set([prev?.ip, next?.ip])) {
      if (ip) for (const svcKey of this.byIp.get(ip) ?? []) dirty.add(svcKey);
    }
  }

  /** A TargetGroupBinding changed: the services it named before and names now need their targets again. */
  bindingChanged(key: string, old: KubeTargetGroupBinding | undefined, obj: KubeTargetGroupBinding | undefined, dirty: Set<string>): void {
    for (const o of [old, obj]) {
      const ref = o?.spec?.serviceRef?.name;
      if (!o || !ref) continue;
      const svcKey = `${o.metadata.namespace ?? ''}/${ref}`;
      if (o === obj) addTo(this.bindingsByService, svcKey, key);
      else removeFrom(this.bindingsByService, svcKey, key);
      dirty.add(svcKey);
    }
  }

  /** Keys of the TargetGroupBindings naming a service, sorted. */
  bindingsOf(svcKey: string): string[] {
    return [...(this.bindingsByService.get(svcKey) ?? [])].sort();
  }

  /** Replaces the target IPs a service's row was computed with (pod changes on them re-mark it). */
  setTargetIps(svcKey: string, st: ServiceState | undefined, ips: string[] | null): void {
    for (const ip of st?.targetIps ?? []) removeFrom(this.byIp, ip, svcKey);
    if (!st || !ips) return;
    st.targetIps = ips;
    for (const ip of ips) addTo(this.byIp, ip, svcKey);
  }
}
