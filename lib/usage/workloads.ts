/**
 * What right-sizing needs to know of each workload now, from the live view: its pods grouped (recommend.ts
 * groupWorkloads), the per-container requests of one of them, and the OOM kills its pods' containers report.
 */
import type { ContainerSizing } from '../fargate/types';
import type { KubePod } from '../view/kube';
import type { PodView } from '../view/model';
import { containersFromSizing, groupWorkloads, type WorkloadInput } from './recommend';

/** Containers of a pod whose last termination was an OOM kill (what `kubectl describe` shows as OOMKilled). */
export function oomKills(pod: KubePod | undefined): number {
  const statuses = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])];
  return statuses.filter((s) => s.lastState?.terminated?.reason === 'OOMKilled' || s.state?.terminated?.reason === 'OOMKilled').length;
}

/** Every running workload, ready for recommendAll; a workload whose pods cannot be sized is left out. */
export function workloadInputs(
  pods: readonly PodView[],
  sizingOf: (namespace: string, name: string) => readonly ContainerSizing[] | null,
  objectOf: (namespace: string, name: string) => KubePod | undefined,
): WorkloadInput[] {
  const out: WorkloadInput[] = [];
  for (const g of groupWorkloads(pods)) {
    const sizing = sizingOf(g.namespace, g.pods[0]);
    if (!sizing) continue;
    const ooms = g.pods.reduce((n, name) => n + oomKills(objectOf(g.namespace, name)), 0);
    out.push({
      namespace: g.namespace,
      kind: g.kind,
      name: g.name,
      placement: g.placement,
      replicas: g.replicas,
      containers: containersFromSizing(sizing),
      billedSize: g.billedSize,
      restarts: g.restarts,
      oomKills: ooms,
    });
  }
  return out;
}
