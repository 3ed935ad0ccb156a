/** The namespace row: pod counts by placement, cost, and the profiles that select it. */
import { wildcardMatch } from '../../fargate/profiles';
import type { EksFargateProfile } from '../aws';
import { fromNano } from '../cost';
import type { KubeNamespace } from '../kube';
import type { NamespaceView } from '../model';

/** Per namespace: pod counts by placement and the summed cost. */
export interface NamespaceAgg {
  pods: number;
  ec2: number;
  fargate: number;
  pending: number;
  hourlyNano: number;
}

/** An aggregate with nothing in it. */
export function emptyNamespaceAgg(): NamespaceAgg {
  return { pods: 0, ec2: 0, fargate: 0, pending: 0, hourlyNano: 0 };
}

/** A namespace's row: pod counts by placement, summed cost, and the profiles that select it. */
export function namespaceView(
  name: string,
  ns: KubeNamespace | undefined,
  agg: NamespaceAgg,
  profiles: readonly EksFargateProfile[],
): NamespaceView {
  return {
    id: name,
    name,
    status: ns ? (ns.status?.phase ?? 'Active') : 'Unknown',
    podCount: agg.pods,
    ec2Pods: agg.ec2,
    fargatePods: agg.fargate,
    pendingPods: agg.pending,
    hourlyUSD: fromNano(agg.hourlyNano),
    profiles: profiles.filter((p) => p.selectors.some((s) => wildcardMatch(s.namespace, name))).map((p) => p.name),
    createdAt: ns?.metadata.creationTimestamp ?? '',
  };
}
