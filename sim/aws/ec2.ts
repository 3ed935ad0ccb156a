import { queryError } from './errors';
import { decodeMarker, ec2FilterMatch, encodeMarker, QueryParams } from './query';
import { describeSpotPriceHistory } from './spot';
import type { SimAwsState, Instance } from './state';
import type { RouteTable, SimSubnet } from './network';
import { list, type XmlObject } from './xml';

/**
 * EC2 over ec2Query (Version 2016-11-15): DescribeSubnets, DescribeRouteTables, DescribeInstances and
 * DescribeVpcs (and DescribeSpotPriceHistory, spot.ts) with the filters the AWS CLI and SDK send (`Filter.N.Name` / `Filter.N.Value.M`, with
 * `*` and `?` wildcards). Lists are `<…Set><item>` elements, as EC2 writes them.
 */

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const EC2_VERSION = '2016-11-15';

type FilterValues = (name: string) => string[] | undefined;

interface Filter {
  name: string;
  values: string[];
}

function readFilters(q: QueryParams): Filter[] {
  return q.structs('Filter', false).map((f, i) => {
    if (!f.Name) throw queryError('InvalidParameterValue', `Filter.${i + 1}.Name is missing`);
    const values = Object.entries(f)
      .filter(([k]) => /^Value\.\d+$/.test(k))
      .sort((a, b) => Number(a[0].slice(6)) - Number(b[0].slice(6)))
      .map(([, v]) => v);
    return { name: f.Name, values };
  });
}

/** Keeps the items that match every filter (values within one filter are ORed, as in EC2). */
function applyFilters<T>(items: T[], filters: Filter[], valuesOf: (item: T) => FilterValues, known: string[]): T[] {
  for (const f of filters) {
    if (!known.includes(f.name) && !f.name.startsWith('tag:')) throw queryError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
  }
  return items.filter((item) => {
    const get = valuesOf(item);
    return filters.every((f) => {
      const have = get(f.name) ?? [];
      return f.values.some((pattern) => have.some((v) => ec2FilterMatch(pattern, v)));
    });
  });
}

function tagValues(tags: Record<string, string>, name: string): string[] | undefined {
  if (name.startsWith('tag:')) {
    const v = tags[name.slice(4)];
    return v === undefined ? [] : [v];
  }
  if (name === 'tag-key') return Object.keys(tags);
  if (name === 'tag-value') return Object.values(tags);
  return undefined;
}

function tagSet(tags: Record<string, string>) {
  return list(
    Object.entries(tags).map(([key, value]) => ({ key, value })),
    'item',
  );
}

function pageOf<T>(items: T[], q: QueryParams, min: number, max: number): { items: T[]; next: string | undefined } {
  const size = q.int('MaxResults', min, max, 'InvalidParameterValue');
  let start = 0;
  const token = q.get('NextToken');
  if (token !== undefined && token !== '') {
    const o = decodeMarker(token);
    if (o === null) throw queryError('InvalidParameterValue', `Invalid value '${token}' for NextToken: pass the nextToken of the previous response unchanged.`);
    start = o;
  }
  if (size === undefined) return { items: items.slice(start), next: undefined };
  return { items: items.slice(start, start + size), next: start + size < items.length ? encodeMarker(start + size) : undefined };
}

function requireKnownIds<T>(ids: string[], all: T[], idOf: (t: T) => string, notFound: (missing: string[]) => Error): T[] {
  const missing = ids.filter((id) => !all.some((x) => idOf(x) === id));
  if (missing.length > 0) throw notFound(missing);
  return all.filter((x) => ids.includes(idOf(x)));
}

function subnetXml(aws: SimAwsState, s: SimSubnet): XmlObject {
  return {
    subnetId: s.id,
    subnetArn: `arn:aws:ec2:${aws.region}:${aws.accountId}:subnet/${s.id}`,
    state: 'available',
    ownerId: aws.accountId,
    vpcId: s.vpcId,
    cidrBlock: s.cidr,
    ipv6CidrBlockAssociationSet: list([], 'item'),
    availableIpAddressCount: aws.availableIps(s.id),
    availabilityZone: s.az,
    availabilityZoneId: s.azId,
    defaultForAz: false,
    mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    assignIpv6AddressOnCreation: false,
    mapCustomerOwnedIpOnLaunch: false,
    enableDns64: false,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
    tagSet: tagSet(s.tags),
  };
}

function routeTableXml(aws: SimAwsState, t: RouteTable): XmlObject {
  const associations = t.main
    ? [{ main: true, routeTableAssociationId: t.associationIds[0], routeTableId: t.id, associationState: { state: 'associated' } }]
    : t.subnetIds.map((subnetId, i) => ({
        main: false,
        routeTableAssociationId: t.associationIds[i],
        routeTableId: t.id,
        subnetId,
        associationState: { state: 'associated' },
      }));
  return {
    routeTableId: t.id,
    vpcId: t.vpcId,
    ownerId: aws.accountId,
    routeSet: list(
      t.routes.map((r) => ({
        destinationCidrBlock: r.destination,
        gatewayId: r.gatewayId,
        natGatewayId: r.natGatewayId,
        state: 'active',
        origin: r.origin,
      })),
      'item',
    ),
    associationSet: list(associations, 'item'),
    propagatingVgwSet: list([], 'item'),
    tagSet: tagSet(t.tags),
  };
}

function instanceXml(aws: SimAwsState, i: Instance): XmlObject {
  return {
    instanceId: i.instanceId,
    imageId: i.imageId,
    instanceState: { code: 16, name: 'running' },
    privateDnsName: i.privateDnsName,
    dnsName: '',
    reason: '',
    amiLaunchIndex: 0,
    productCodes: list([], 'item'),
    instanceType: i.instanceType,
    launchTime: i.launchTime,
    placement: { availabilityZone: i.az, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: i.subnetId,
    vpcId: aws.network.vpcId,
    privateIpAddress: i.privateIp,
    sourceDestCheck: true,
    groupSet: list(
      i.securityGroupIds.map((groupId) => ({ groupId, groupName: `eks-cluster-sg-${aws.clusterName}` })),
      'item',
    ),
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    virtualizationType: 'hvm',
    tagSet: tagSet(i.tags),
    hypervisor: 'xen',
    networkInterfaceSet: list(
      [
        {
          networkInterfaceId: `eni-${i.instanceId.slice(2)}`,
          subnetId: i.subnetId,
          vpcId: aws.network.vpcId,
          ownerId: aws.accountId,
          status: 'in-use',
          privateIpAddress: i.privateIp,
          privateDnsName: i.privateDnsName,
          sourceDestCheck: true,
          attachment: { deviceIndex: 0, status: 'attached', deleteOnTermination: true },
          privateIpAddressesSet: list([{ privateIpAddress: i.privateIp, privateDnsName: i.privateDnsName, primary: true }], 'item'),
          interfaceType: 'interface',
        },
      ],
      'item',
    ),
    ebsOptimized: false,
    enaSupport: true,
    cpuOptions: { coreCount: 2, threadsPerCore: 2 },
    metadataOptions: { state: 'applied', httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled' },
    privateDnsNameOptions: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
  };
}

/**
 * Runs one EC2 action and returns the children of `<ActionResponse>` (EC2 has no Result wrapper).
 * `inRegion` false means another region: no VPC, no instances. Throws AwsError on failure.
 */
export function handleEc2(aws: SimAwsState, action: string, q: QueryParams, inRegion: boolean): XmlObject {
  switch (action) {
    case 'DescribeSubnets': {
      let subnets = inRegion ? aws.network.subnets : [];
      const ids = q.list('SubnetId', false);
      if (ids.length > 0) {
        subnets = requireKnownIds(ids, subnets, (s) => s.id, (m) =>
          queryError('InvalidSubnetID.NotFound', m.length === 1 ? `The subnet ID '${m[0]}' does not exist` : `The subnet IDs '${m.join(', ')}' do not exist`),
        );
      }
      subnets = applyFilters(
        subnets,
        readFilters(q),
        (s) => (name) => {
          switch (name) {
            case 'subnet-id': return [s.id];
            case 'vpc-id': return [s.vpcId];
            case 'availability-zone': return [s.az];
            case 'availability-zone-id': return [s.azId];
            case 'cidr-block': case 'cidr': case 'cidrBlock': return [s.cidr];
            case 'state': return ['available'];
            case 'default-for-az': case 'defaultForAz': return ['false'];
            case 'map-public-ip-on-launch': return [String(s.mapPublicIpOnLaunch)];
            case 'owner-id': return [aws.accountId];
            case 'subnet-arn': return [`arn:aws:ec2:${aws.region}:${aws.accountId}:subnet/${s.id}`];
            default: return tagValues(s.tags, name);
          }
        },
        ['subnet-id', 'vpc-id', 'availability-zone', 'availability-zone-id', 'cidr-block', 'cidr', 'cidrBlock', 'state', 'default-for-az', 'defaultForAz', 'map-public-ip-on-launch', 'owner-id', 'subnet-arn', 'tag-key', 'tag-value'],
      );
      const p = pageOf(subnets, q, 5, 1000);
      return { subnetSet: list(p.items.map((s) => subnetXml(aws, s)), 'item'), nextToken: p.next };
    }
    case 'DescribeRouteTables': {
      let tables = inRegion ? aws.network.routeTables : [];
      const ids = q.list('RouteTableId', false);
      if (ids.length > 0) {
        tables = requireKnownIds(ids, tables, (t) => t.id, (m) => queryError('InvalidRouteTableID.NotFound', `The routeTable ID '${m[0]}' does not exist`));
      }
      tables = applyFilters(
        tables,
        readFilters(q),
        (t) => (name) => {
          switch (name) {
            case 'route-table-id': return [t.id];
            case 'vpc-id': return [t.vpcId];
            case 'owner-id': return [aws.accountId];
            case 'association.subnet-id': return t.subnetIds;
            case 'association.main': return [String(t.main)];
            case 'association.route-table-association-id': return t.associationIds;
            case 'association.route-table-id': return [t.id];
            case 'route.gateway-id': return t.routes.flatMap((r) => (r.gatewayId ? [r.gatewayId] : []));
            case 'route.nat-gateway-id': return t.routes.flatMap((r) => (r.natGatewayId ? [r.natGatewayId] : []));
            case 'route.destination-cidr-block': return t.routes.map((r) => r.destination);
            case 'route.origin': return t.routes.map((r) => r.origin);
            case 'route.state': return ['active'];
            default: return tagValues(t.tags, name);
          }
        },
        ['route-table-id', 'vpc-id', 'owner-id', 'association.subnet-id', 'association.main', 'association.route-table-association-id', 'association.route-table-id', 'route.gateway-id', 'route.nat-gateway-id', 'route.destination-cidr-block', 'route.origin', 'route.state', 'tag-key', 'tag-value'],
      );
      const p = pageOf(tables, q, 5, 100);
      return { routeTableSet: list(p.items.map((t) => routeTableXml(aws, t)), 'item'), nextToken: p.next };
    }
    case 'DescribeInstances': {
      let instances = inRegion ? [...aws.instances.values()].sort((a, b) => a.launchTime.getTime() - b.launchTime.getTime() || (a.instanceId < b.instanceId ? -1 : 1)) : [];
      const ids = q.list('InstanceId', false);
      if (ids.length > 0 && q.get('MaxResults') !== undefined) {
        throw queryError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
      }
      if (ids.length > 0) {
        instances = requireKnownIds(ids, instances, (i) => i.instanceId, (m) =>
          queryError('InvalidInstanceID.NotFound', m.length === 1 ? `The instance ID '${m[0]}' does not exist` : `The instance IDs '${m.join(', ')}' do not exist`),
        );
      }
      instances = applyFilters(
        instances,
        readFilters(q),
        (i) => (name) => {
          switch (name) {
            case 'instance-id': return [i.instanceId];
            case 'instance-type': return [i.instanceType];
            case 'instance-state-name': return ['running'];
            case 'instance-state-code': return ['16'];
            case 'availability-zone': return [i.az];
            case 'subnet-id': return [i.subnetId];
            case 'vpc-id': return [aws.network.vpcId];
            case 'private-ip-address': return [i.privateIp];
            case 'private-dns-name': return [i.privateDnsName];
            case 'image-id': return [i.imageId];
            case 'reservation-id': return [i.reservationId];
            case 'owner-id': return [aws.accountId];
            default: return tagValues(i.tags, name);
          }
        },
        ['instance-id', 'instance-type', 'instance-state-name', 'instance-state-code', 'availability-zone', 'subnet-id', 'vpc-id', 'private-ip-address', 'private-dns-name', 'image-id', 'reservation-id', 'owner-id', 'tag-key', 'tag-value'],
      );
      const p = pageOf(instances, q, 5, 1000);
      return {
        reservationSet: list(
          p.items.map((i) => ({
            reservationId: i.reservationId,
            ownerId: aws.accountId,
            groupSet: list([], 'item'),
            instancesSet: list([instanceXml(aws, i)], 'item'),
          })),
          'item',
        ),
        nextToken: p.next,
      };
    }
    case 'DescribeVpcs': {
      const vpc = aws.network;
      let vpcs = inRegion ? [vpc] : [];
      const ids = q.list('VpcId', false);
      if (ids.length > 0) {
        vpcs = requireKnownIds(ids, vpcs, (v) => v.vpcId, (m) => queryError('InvalidVpcID.NotFound', `The vpc ID '${m[0]}' does not exist`));
      }
      vpcs = applyFilters(vpcs, readFilters(q), (v) => (name) => (name === 'vpc-id' ? [v.vpcId] : name === 'cidr' || name === 'cidr-block' ? [v.vpcCidr] : name === 'state' ? ['available'] : []), ['vpc-id', 'cidr', 'cidr-block', 'state']);
      return {
        vpcSet: list(
          vpcs.map((v) => ({
            vpcId: v.vpcId,
            ownerId: aws.accountId,
            state: 'available',
            cidrBlock: v.vpcCidr,
            cidrBlockAssociationSet: list([{ associationId: `vpc-cidr-assoc-${v.vpcId.slice(4)}`, cidrBlock: v.vpcCidr, cidrBlockState: { state: 'associated' } }], 'item'),
            dhcpOptionsId: 'dopt-0f1e2d3c4b5a69788',
            instanceTenancy: 'default',
            isDefault: v.vpcCidr === '172.31.0.0/16',
            tagSet: list([], 'item'),
          })),
          'item',
        ),
      };
    }
    case 'DescribeSpotPriceHistory':
      return describeSpotPriceHistory(aws, q, inRegion);
    default:
      throw queryError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
  }
}
