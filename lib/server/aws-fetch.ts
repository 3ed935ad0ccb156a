import 'server-only';
/**
 * Reading what only AWS knows, converted to the plain shapes of lib/view/aws.ts at this boundary (SDK
 * Dates become ISO strings; absent members become null or empty). Each function reads one part: the EKS
 * cluster with node groups and Fargate profiles; the load balancers behind the cluster's services with their
 * listeners, target groups and target health; the VPC's subnets with whether each is public.
 */
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, type RouteTable, type Subnet as SdkSubnet } from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
  type FargateProfile,
  type Nodegroup,
} from '@aws-sdk/client-eks';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type LoadBalancer as SdkLoadBalancer,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EksFargateProfile, EksNodegroup, EksState, LoadBalancer, Subnet, TargetGroup, TargetHealth } from '../view/aws';
import type { AwsClients } from './aws-clients';

const MAX_PAGES = 100;

function iso(d: Date | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

function errorName(e: unknown): string {
  return (e as { name?: string })?.name ?? '';
}

/** Runs `fn` over items with at most `limit` in flight. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
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

/** The EKS cluster, its managed node groups and its Fargate profiles (profiles by name). */
export async function fetchEks(c: AwsClients, clusterName: string): Promise<EksState> {
  const { cluster } = await c.eks.send(new DescribeClusterCommand({ name: clusterName }));
  const ngNames: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await c.eks.send(new ListNodegroupsCommand({ clusterName, nextToken: token, maxResults: 100 }));
    ngNames.push(...(r.nodegroups ?? []));
    token = r.nextToken ?? undefined;
    if (!token) break;
  }
  const fpNames: string[] = [];
  let fpToken: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await c.eks.send(new ListFargateProfilesCommand({ clusterName, nextToken: fpToken, maxResults: 100 }));
    fpNames.push(...(r.fargateProfileNames ?? []));
    fpToken = r.nextToken ?? undefined;
    if (!fpToken) break;
  }
  // Something deleted between List and Describe is simply gone.
  const gone = (e: unknown) => {
    if (errorName(e) === 'ResourceNotFoundException') return null;
    throw e;
  };
  const nodegroups = await mapLimit(ngNames, 5, (n) =>
    c.eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName: n })).then((r) => (r.nodegroup ? nodegroupOf(r.nodegroup) : null), gone),
  );
  const profiles = await mapLimit(fpNames, 5, (n) =>
    c.eks
      .send(new DescribeFargateProfileCommand({ clusterName, fargateProfileName: n }))
      .then((r) => (r.fargateProfile ? profileOf(r.fargateProfile) : null), gone),
  );
  return {
    cluster: cluster
      ? {
          name: cluster.name ?? clusterName,
          arn: cluster.arn ?? null,
          version: cluster.version ?? null,
          platformVersion: cluster.platformVersion ?? null,
          status: cluster.status ?? null,
          vpcId: cluster.resourcesVpcConfig?.vpcId ?? null,
          endpoint: cluster.endpoint ?? null,
          createdAt: iso(cluster.createdAt),
        }
      : null,
    nodegroups: nodegroups.filter((g): g is EksNodegroup => g !== null).sort((a, b) => (a.name < b.name ? -1 : 1)),
    profiles: profiles.filter((p): p is EksFargateProfile => p !== null).sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

/** Which load balancers matter: the hostnames of LoadBalancer services and the target groups TGBs name. */
export interface LoadBalancerInterest {
  hostnames: Set<string>;
  targetGroupArns: Set<string>;
}

async function targetsOf(c: AwsClients, tg: SdkTargetGroup): Promise<TargetHealth[] | null> {
  try {
    const r = await c.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
    return (r.TargetHealthDescriptions ?? []).map((d) => ({
      id: d.Target?.Id ?? '',
      port: d.Target?.Port ?? null,
      zone: d.Target?.AvailabilityZone ?? null,
      state: d.TargetHealth?.State ?? 'unavailable',
      reason: d.TargetHealth?.Reason ?? null,
      description: d.TargetHealth?.Description ?? null,
    }));
  } catch (e) {
    if (errorName(e).startsWith('Throttl')) throw e;
    return null;
  }
}

async function groupOf(c: AwsClients, tg: SdkTargetGroup): Promise<TargetGroup> {
  return {
    arn: tg.TargetGroupArn ?? '',
    name: tg.TargetGroupName ?? '',
    targetType: tg.TargetType ?? null,
    protocol: tg.Protocol ?? null,
    port: tg.Port ?? null,
    targets: await targetsOf(c, tg),
  };
}

/**
 * The load balancers in front of the cluster's services (matched by DNS name, or owning a target group a
 * TargetGroupBinding names), with listeners, target groups and target health. Others in the account are
 * listed but not described further.
 */
export async function fetchLoadBalancers(c: AwsClients, interest: LoadBalancerInterest): Promise<LoadBalancer[]> {
  const all: SdkLoadBalancer[] = [];
  let marker: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await c.elbv2.send(new DescribeLoadBalancersCommand({ Marker: marker, PageSize: 400 }));
    all.push(...(r.LoadBalancers ?? []));
    marker = r.NextMarker ?? undefined;
    if (!marker) break;
  }
  const hostnames = new Set([...interest.hostnames].map((h) => h.toLowerCase()));
  const wanted = new Set(all.filter((lb) => lb.DNSName && hostnames.has(lb.DNSName.toLowerCase())).map((lb) => lb.LoadBalancerArn ?? ''));
  // Target groups named by TargetGroupBindings lead to their load balancers too.
  const tgbArns = [...interest.targetGroupArns];
  for (let i = 0; i < tgbArns.length; i += 20) {
    try {
      const r = await c.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: tgbArns.slice(i, i + 20) }));
      for (const g of r.TargetGroups ?? []) for (const arn of g.LoadBalancerArns ?? []) wanted.add(arn);
    } catch (e) {
      // A binding may name a group that no longer exists; the rest still count.
      if (errorName(e).startsWith('Throttl')) throw e;
    }
  }
  const chosen = all.filter((lb) => lb.LoadBalancerArn && wanted.has(lb.LoadBalancerArn));
  return mapLimit(chosen, 4, async (lb) => {
    const arn = lb.LoadBalancerArn ?? '';
    const [listeners, groups] = await Promise.all([
      c.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: arn })),
      c.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: arn })),
    ]);
    const targetGroups = await mapLimit(groups.TargetGroups ?? [], 4, (g) => groupOf(c, g));
    return {
      arn,
      name: lb.LoadBalancerName ?? '',
      dnsName: lb.DNSName ?? '',
      type: lb.Type ?? null,
      scheme: lb.Scheme ?? null,
      state: lb.State?.Code ?? null,
      vpcId: lb.VpcId ?? null,
      listeners: (listeners.Listeners ?? []).map((l) => ({
        port: l.Port ?? null,
        protocol: l.Protocol ?? null,
        targetGroupArns: (l.DefaultActions ?? []).flatMap((a) => [
          ...(a.TargetGroupArn ? [a.TargetGroupArn] : []),
          ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn ?? '').filter(Boolean),
        ]),
      })),
      targetGroups: targetGroups.sort((a, b) => (a.arn < b.arn ? -1 : 1)),
    };
  });
}

/**
 * Whether a subnet is public: its route table (the one explicitly associated with it, else the VPC's main
 * table) has a route to an internet gateway (igw-…).
 */
export function subnetIsPublic(subnet: { SubnetId?: string; VpcId?: string }, tables: RouteTable[]): { public: boolean; routeTableId: string | null } {
  const inVpc = tables.filter((t) => !subnet.VpcId || !t.VpcId || t.VpcId === subnet.VpcId);
  const table =
    inVpc.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnet.SubnetId)) ??
    inVpc.find((t) => (t.Associations ?? []).some((a) => a.Main === true));
  if (!table) return { public: false, routeTableId: null };
  const igw = (table.Routes ?? []).some((r) => (r.GatewayId ?? '').startsWith('igw-') && r.State !== 'blackhole');
  return { public: igw, routeTableId: table.RouteTableId ?? null };
}

/** The subnets of the cluster's VPC (or the given ids when the VPC is unknown), each marked public or private. */
export async function fetchSubnets(c: AwsClients, vpcId: string | null, subnetIds: string[]): Promise<Subnet[]> {
  if (!vpcId && subnetIds.length === 0) return [];
  const filter = vpcId ? { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] } : { SubnetIds: subnetIds };
  const subnets: SdkSubnet[] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await c.ec2.send(new DescribeSubnetsCommand({ ...filter, NextToken: token }));
    subnets.push(...(r.Subnets ?? []));
    token = r.NextToken ?? undefined;
    if (!token) break;
  }
  const vpcs = [...new Set(subnets.map((s) => s.VpcId).filter((v): v is string => !!v))];
  const tables: RouteTable[] = [];
  let rtToken: string | undefined;
  for (let i = 0; vpcs.length > 0 && i < MAX_PAGES; i++) {
    const r = await c.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: vpcs }], NextToken: rtToken }));
    tables.push(...(r.RouteTables ?? []));
    rtToken = r.NextToken ?? undefined;
    if (!rtToken) break;
  }
  return subnets
    .map((s) => {
      const p = subnetIsPublic(s, tables);
      return {
        id: s.SubnetId ?? '',
        zone: s.AvailabilityZone ?? null,
        vpcId: s.VpcId ?? null,
        cidr: s.CidrBlock ?? null,
        public: p.public,
        routeTableId: p.routeTableId,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
