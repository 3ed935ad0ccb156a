import 'server-only';
/**
 * The EKS gateway: the cluster, its managed node groups and its Fargate profiles, read into the plain shapes
 * of lib/view/aws.ts, and the profile writes (create, delete). Errors are the SDK's own, except that a
 * profile EKS does not have is null; lib/server/aws/errors.ts says what they mean.
 */
import {
  CreateFargateProfileCommand,
  DeleteFargateProfileCommand,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
  type Cluster,
  type FargateProfile,
  type Nodegroup,
} from '@aws-sdk/client-eks';
import type { ProfileSpec } from '../../profiles/form';
import type { EksCluster, EksFargateProfile, EksNodegroup, EksState } from '../../view/aws';
import { allPages, clientConfig, iso, mapLimit, MAX_PAGES, type AwsEnv } from './client';
import { isNotFound, isThrottled } from './errors';

export function eksClient(region: string, env?: AwsEnv): EKSClient {
  return new EKSClient(clientConfig(region, 'EKS', env));
}

function clusterOf(c: Cluster, clusterName: string): EksCluster {
  return {
    name: c.name ?? clusterName,
    arn: c.arn ?? null,
    version: c.version ?? null,
    platformVersion: c.platformVersion ?? null,
    status: c.status ?? null,
    vpcId: c.resourcesVpcConfig?.vpcId ?? null,
    endpoint: c.endpoint ?? null,
    createdAt: iso(c.createdAt),
    supportType: c.upgradePolicy?.supportType ?? null,
    versionStatus: null,
    endOfStandardSupport: null,
  };
}

/**
 * Where the cluster's Kubernetes version stands in EKS's support calendar (DescribeClusterVersions). Null when
 * EKS cannot say (an endpoint without the operation, or no such version): the control plane line then says its
 * price is the standard one unless the version is in extended support.
 */
async function versionSupport(eks: EKSClient, version: string): Promise<{ versionStatus: string | null; endOfStandardSupport: string | null } | null> {
  try {
    const r = await eks.send(new DescribeClusterVersionsCommand({ clusterVersions: [version], includeAll: true }));
    const v = r.clusterVersions?.find((x) => x.clusterVersion === version);
    return v ? { versionStatus: v.versionStatus ?? null, endOfStandardSupport: iso(v.endOfStandardSupportDate) } : null;
  } catch (e) {
    if (isThrottled(e)) throw e;
    return null;
  }
}

function profileOf(p: FargateProfile): EksFargateProfile {
  return {
    name: p.fargateProfileName ?? '',
    status: p.status ?? 'UNKNOWN',
    selectors: (p.selectors ?? []).map((s) => ({ namespace: s.namespace ?? '', labels: { ...(s.labels ?? {}) } })),
    subnets: [...(p.subnets ?? [])],
    podExecutionRoleArn: p.podExecutionRoleArn ?? '',
    tags: { ...(p.tags ?? {}) },
    createdAt: iso(p.createdAt),
    healthIssues: (p.health?.issues ?? []).map((i) => ({ code: i.code ?? 'Unknown', message: i.message ?? '' })),
  };
}

function nodegroupOf(g: Nodegroup): EksNodegroup {
  return {
    name: g.nodegroupName ?? '',
    status: g.status ?? 'UNKNOWN',
    instanceTypes: [...(g.instanceTypes ?? [])],
    capacityType: g.capacityType ?? null,
    desired: g.scalingConfig?.desiredSize ?? null,
    min: g.scalingConfig?.minSize ?? null,
    max: g.scalingConfig?.maxSize ?? null,
    subnets: [...(g.subnets ?? [])],
    labels: { ...(g.labels ?? {}) },
    createdAt: iso(g.createdAt),
  };
}

/** The cluster (null when EKS answers without one) and the subnets it was created with. */
export async function describeCluster(eks: EKSClient, clusterName: string): Promise<{ cluster: EksCluster | null; subnetIds: string[] }> {
  const { cluster } = await eks.send(new DescribeClusterCommand({ name: clusterName }));
  return { cluster: cluster ? clusterOf(cluster, clusterName) : null, subnetIds: [...(cluster?.resourcesVpcConfig?.subnetIds ?? [])] };
}

/** The names of the cluster's Fargate profiles, as EKS lists them now. */
export function listFargateProfileNames(eks: EKSClient, clusterName: string, maxPages = MAX_PAGES): Promise<string[]> {
  return allPages(async (nextToken) => {
    const r = await eks.send(new ListFargateProfilesCommand({ clusterName, nextToken, maxResults: 100 }));
    return { items: r.fargateProfileNames, next: r.nextToken };
  }, maxPages);
}

function listNodegroupNames(eks: EKSClient, clusterName: string): Promise<string[]> {
  return allPages(async (nextToken) => {
    const r = await eks.send(new ListNodegroupsCommand({ clusterName, nextToken, maxResults: 100 }));
    return { items: r.nodegroups, next: r.nextToken };
  });
}

/** One Fargate profile, or null when EKS has no profile of that name. */
export async function describeFargateProfile(eks: EKSClient, clusterName: string, name: string): Promise<EksFargateProfile | null> {
  try {
    const r = await eks.send(new DescribeFargateProfileCommand({ clusterName, fargateProfileName: name }));
    return r.fargateProfile ? profileOf(r.fargateProfile) : null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

async function describeNodegroup(eks: EKSClient, clusterName: string, name: string): Promise<EksNodegroup | null> {
  try {
    const r = await eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName: name }));
    return r.nodegroup ? nodegroupOf(r.nodegroup) : null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);

/** The EKS cluster, its managed node groups and its Fargate profiles (each sorted by name). */
export async function fetchEks(eks: EKSClient, clusterName: string): Promise<EksState> {
  const { cluster: described } = await describeCluster(eks, clusterName);
  const support = described?.version ? await versionSupport(eks, described.version) : null;
  const cluster = described && support ? { ...described, ...support } : described;
  const ngNames = await listNodegroupNames(eks, clusterName);
  const fpNames = await listFargateProfileNames(eks, clusterName);
  // Something deleted between List and Describe is simply gone.
  const nodegroups = await mapLimit(ngNames, 5, (n) => describeNodegroup(eks, clusterName, n));
  const profiles = await mapLimit(fpNames, 5, (n) => describeFargateProfile(eks, clusterName, n));
  return {
    cluster,
    nodegroups: nodegroups.filter((g): g is EksNodegroup => g !== null).sort(byName),
    profiles: profiles.filter((p): p is EksFargateProfile => p !== null).sort(byName),
  };
}

/** Asks EKS to create a profile; `token` makes a retried request create it at most once. */
export async function createFargateProfile(
  eks: EKSClient,
  clusterName: string,
  spec: ProfileSpec,
  token: string,
): Promise<{ name: string; status: string; createdAt: string | null }> {
  const r = await eks.send(
    new CreateFargateProfileCommand({
      clusterName,
      fargateProfileName: spec.fargateProfileName,
      podExecutionRoleArn: spec.podExecutionRoleArn,
      selectors: spec.selectors.map((s) => ({ namespace: s.namespace, ...(Object.keys(s.labels).length ? { labels: s.labels } : {}) })),
      ...(spec.subnets.length ? { subnets: spec.subnets } : {}),
      ...(Object.keys(spec.tags).length ? { tags: spec.tags } : {}),
      clientRequestToken: token,
    }),
  );
  const p = r.fargateProfile;
  return { name: p?.fargateProfileName ?? spec.fargateProfileName, status: p?.status ?? 'CREATING', createdAt: iso(p?.createdAt) };
}

/** Asks EKS to delete a profile; the status it answers with (DELETING). */
export async function deleteFargateProfile(eks: EKSClient, clusterName: string, name: string): Promise<string> {
  const r = await eks.send(new DeleteFargateProfileCommand({ clusterName, fargateProfileName: name }));
  return r.fargateProfile?.status ?? 'DELETING';
}
