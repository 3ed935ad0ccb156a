import 'server-only';
/**
 * The EC2 gateway: the VPC's subnets with their route tables, read into the plain shapes of lib/view/aws.ts.
 * The poller shows them; the profile form uses them to refuse public subnets.
 */
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, EC2Client, type RouteTable } from '@aws-sdk/client-ec2';
import type { Subnet } from '../../view/aws';
import { allPages, clientConfig, type AwsEnv } from './client';

export function ec2Client(region: string, env?: AwsEnv): EC2Client {
  return new EC2Client(clientConfig(region, 'EC2', env));
}

/** A subnet as the view shows it, and the internet gateway that makes it public. */
export interface SubnetInfo extends Subnet {
  /** The igw-… its route table routes to; null when private. Not part of the view. */
  internetGatewayId: string | null;
}

/** The view's shape of a subnet (without what only the profile form needs). */
export function viewSubnet(s: SubnetInfo): Subnet {
  return { id: s.id, zone: s.zone, vpcId: s.vpcId, cidr: s.cidr, public: s.public, routeTableId: s.routeTableId };
}

/** The subnet's route table: the one explicitly associated with it, else the VPC's main table. */
function tableOf(subnet: { SubnetId?: string; VpcId?: string }, tables: RouteTable[]): RouteTable | undefined {
  const inVpc = tables.filter((t) => !subnet.VpcId || !t.VpcId || t.VpcId === subnet.VpcId);
  return (
    inVpc.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnet.SubnetId)) ??
    inVpc.find((t) => (t.Associations ?? []).some((a) => a.Main === true))
  );
}

function internetGatewayOf(table: RouteTable | undefined): string | null {
  return table?.Routes?.find((r) => (r.GatewayId ?? '').startsWith('igw-') && r.State !== 'blackhole')?.GatewayId ?? null;
}

/** Whether a subnet is public: its route table has a route to an internet gateway (igw-…) that is not a blackhole. */
export function subnetIsPublic(subnet: { SubnetId?: string; VpcId?: string }, tables: RouteTable[]): { public: boolean; routeTableId: string | null } {
  const table = tableOf(subnet, tables);
  if (!table) return { public: false, routeTableId: null };
  return { public: internetGatewayOf(table) !== null, routeTableId: table.RouteTableId ?? null };
}

/**
 * The subnets of a VPC (or the given ids when the VPC is unknown; none when neither is known), each marked
 * public or private, sorted by id.
 */
export async function fetchSubnets(ec2: EC2Client, vpcId: string | null, subnetIds: string[]): Promise<SubnetInfo[]> {
  if (!vpcId && subnetIds.length === 0) return [];
  const filter = vpcId ? { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] } : { SubnetIds: subnetIds };
  const subnets = await allPages(async (NextToken) => {
    const r = await ec2.send(new DescribeSubnetsCommand({ ...filter, NextToken }));
    return { items: r.Subnets, next: r.NextToken };
  });
  const vpcs = [...new Set(subnets.map((s) => s.VpcId).filter((v): v is string => !!v))];
  const tables =
    vpcs.length === 0
      ? []
      : await allPages(async (NextToken) => {
          const r = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: vpcs }], NextToken }));
          return { items: r.RouteTables, next: r.NextToken };
        });
  return subnets
    .map((s) => {
      const table = tableOf(s, tables);
      const igw = table ? internetGatewayOf(table) : null;
      return {
        id: s.SubnetId ?? '',
        zone: s.AvailabilityZone ?? null,
        vpcId: s.VpcId ?? null,
        cidr: s.CidrBlock ?? null,
        public: igw !== null,
        routeTableId: table?.RouteTableId ?? null,
        internetGatewayId: igw,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
