/** The Fargate profile row: what EKS says about it plus the pods it captured. */
import { profileFindings } from '../../lint/cluster';
import type { EksFargateProfile, Subnet } from '../aws';
import { fromNano } from '../cost';
import type { ProfileView } from '../model';

/** Per profile: the Fargate pods it captured and their billed sizes. */
export interface ProfileAgg {
  pods: number;
  vcpuMilli: number;
  memMiB: number;
  hourlyNano: number;
}

/** An aggregate with nothing in it. */
export function emptyProfileAgg(): ProfileAgg {
  return { pods: 0, vcpuMilli: 0, memMiB: 0, hourlyNano: 0 };
}

/** A Fargate profile's row: what EKS says about it, the pods it captured and what they are billed. */
export function profileView(p: EksFargateProfile, agg: ProfileAgg, subnets: readonly Subnet[] | null): ProfileView {
  const publicSubnets = subnets ? new Map(subnets.map((s) => [s.id, s.public])) : null;
  return {
    id: p.name,
    name: p.name,
    status: p.status,
    selectors: p.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels ?? {} })),
    subnets: p.subnets,
    podExecutionRoleArn: p.podExecutionRoleArn,
    tags: p.tags,
    createdAt: p.createdAt,
    healthIssues: p.healthIssues,
    podCount: agg.pods,
    billedVcpu: agg.vcpuMilli / 1000,
    billedMemoryGiB: agg.memMiB / 1024,
    hourlyUSD: fromNano(agg.hourlyNano),
    findings: profileFindings({ object: `FargateProfile/${p.name}`, selectors: p.selectors, subnets: p.subnets, publicSubnets }),
  };
}
