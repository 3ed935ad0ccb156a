/**
 * The simulated VPC: subnets, route tables and the per-subnet address pools that pods, nodes and
 * instances draw their private IPs from. "Private" is not a flag here: like EKS, a subnet is private
 * when its route table has no route to an internet gateway.
 */

export interface SimSubnet {
  id: string;
  vpcId: string;
  cidr: string;
  az: string;
  azId: string;
  mapPublicIpOnLaunch: boolean;
  tags: Record<string, string>;
}

export interface VpcRoute {
  destination: string;
  gatewayId?: string;
  natGatewayId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTable {
  id: string;
  vpcId: string;
  main: boolean;
  routes: VpcRoute[];
  /** Explicitly associated subnets. */
  subnetIds: string[];
  /** Association ids, parallel to subnetIds (plus one for the main association). */
  associationIds: string[];
  tags: Record<string, string>;
}

export interface NetworkSpec {
  vpcId: string;
  vpcCidr: string;
  internetGatewayId: string;
  natGatewayId: string;
  subnets: SimSubnet[];
  routeTables: RouteTable[];
  securityGroupId: string;
  clusterSecurityGroupId: string;
}

/** Parses dotted IPv4 into an unsigned 32-bit integer; throws on anything else. */
export function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new Error(`not an IPv4 address: ${JSON.stringify(ip)}`);
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new Error(`not an IPv4 address: ${JSON.stringify(ip)}`);
    n = n * 256 + Number(p);
  }
  return n;
}

/** Formats an unsigned 32-bit integer as dotted IPv4. */
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** First address and size of a CIDR block. */
export function parseCidr(cidr: string): { base: number; size: number; prefix: number } {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`not a CIDR block: ${JSON.stringify(cidr)}`);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(ipToInt(ip) / size) * size;
  return { base, size, prefix };
}

/** True when `ip` lies inside `cidr`. */
export function cidrContains(cidr: string, ip: string): boolean {
  const { base, size } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= base && n < base + size;
}

/**
 * Free addresses of one subnet. AWS reserves the first four addresses and the last one of every subnet,
 * so those are never handed out. Allocation tries a few random picks (addresses look like real VPC CNI
 * ones) and falls back to a moving cursor, so a nearly full pool still allocates in amortised O(1).
 */
export class IpPool {
  readonly base: number;
  readonly size: number;
  private readonly used = new Set<number>();
  private cursor: number;

  constructor(readonly cidr: string) {
    const { base, size } = parseCidr(cidr);
    this.base = base;
    this.size = size;
    this.cursor = base + 4;
  }

  /** Addresses that can ever be assigned. */
  get capacity(): number {
    return Math.max(0, this.size - 5);
  }

  get free(): number {
    return this.capacity - this.used.size;
  }

  private usable(n: number): boolean {
    return n >= this.base + 4 && n <= this.base + this.size - 2;
  }

  /** Marks a specific address as taken (scenarios pin the seed's addresses). False if it was taken or is reserved. */
  take(ip: string): boolean {
    const n = ipToInt(ip);
    if (!this.usable(n) || this.used.has(n)) return false;
    this.used.add(n);
    return true;
  }

  has(ip: string): boolean {
    return this.used.has(ipToInt(ip));
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip));
  }

  /** A free address, or null when the subnet is exhausted. */
  allocate(rng?: () => number): string | null {
    if (this.free <= 0) return null;
    if (rng) {
      for (let i = 0; i < 8; i++) {
        const n = this.base + 4 + Math.floor(rng() * this.capacity);
        if (!this.used.has(n)) {
          this.used.add(n);
          return intToIp(n);
        }
      }
    }
    const last = this.base + this.size - 2;
    for (let i = 0; i < this.capacity; i++) {
      const n = this.cursor;
      this.cursor = n >= last ? this.base + 4 : n + 1;
      if (!this.used.has(n)) {
        this.used.add(n);
        return intToIp(n);
      }
    }
    return null;
  }
}

const SEED_ZONE_IDS: Record<string, string> = { a: 'az2', b: 'az1', c: 'az3' };
const DIRECTIONS: Record<string, string> = {
  north: 'n', south: 's', east: 'e', west: 'w', central: 'c',
  northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
};

/** Zone id as AWS spells it, e.g. ap-southeast-1c -> apse1-az3 (the letter-to-id mapping is per account; ours is fixed). */
function zoneId(region: string, az: string): string {
  const [area, direction, digit] = region.split('-');
  const short = `${area}${DIRECTIONS[direction] ?? direction ?? ''}${digit ?? ''}`;
  const letter = az.slice(-1);
  return `${short}-${SEED_ZONE_IDS[letter] ?? `az${letter.charCodeAt(0) - 96}`}`;
}

/**
 * The eksworkshop VPC of the seed: the default VPC 172.31.0.0/16 with the seed's three private subnets
 * (the /20 blocks that contain the seed's node and pod addresses) and three public ones.
 */
export function seedNetwork(region: string, clusterName: string): NetworkSpec {
  const vpcId = 'vpc-0e5d3a1c9b7f24681';
  const azs = ['a', 'b', 'c'].map((l) => `${region}${l}`);
  const privateIds = ['subnet-04a7c6e7e1589c953', 'subnet-031022a6aab9b9e70', 'subnet-0eaf9054aa6daa68e'];
  const privateCidrs = ['172.31.48.0/20', '172.31.64.0/20', '172.31.80.0/20'];
  const publicIds = ['subnet-0b2f6c8e1a4d79350', 'subnet-07d1e9a3c5b28f416', 'subnet-0c93a7e5d1f46b282'];
  const publicCidrs = ['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20'];
  return buildNetwork({
    region,
    clusterName,
    vpcId,
    vpcCidr: '172.31.0.0/16',
    azs,
    privateIds,
    privateCidrs,
    publicIds,
    publicCidrs,
    igw: 'igw-0a6c2e8f4b1d3957e',
    nat: 'nat-0f3b9d5a7c1e24680',
    sg: 'sg-0d4b8f2a6c1e39571',
    clusterSg: 'sg-07a3e9c5b1d2f4608',
  });
}

/**
 * A larger VPC for clusters other than the seed (the scale scenario needs room for more than ten
 * thousand addresses): 10.0.0.0/16 with /18 private subnets and /20 public ones.
 */
export function largeNetwork(region: string, clusterName: string, hex: (key: string, len: number) => string): NetworkSpec {
  const azs = ['a', 'b', 'c'].map((l) => `${region}${l}`);
  const id = (kind: string, i: number) => hex(`${clusterName}/${kind}/${i}`, 17);
  return buildNetwork({
    region,
    clusterName,
    vpcId: `vpc-${id('vpc', 0)}`,
    vpcCidr: '10.0.0.0/16',
    azs,
    privateIds: [0, 1, 2].map((i) => `subnet-${id('private', i)}`),
    privateCidrs: ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18'],
    publicIds: [0, 1, 2].map((i) => `subnet-${id('public', i)}`),
    publicCidrs: ['10.0.192.0/20', '10.0.208.0/20', '10.0.224.0/20'],
    igw: `igw-${id('igw', 0)}`,
    nat: `nat-${id('nat', 0)}`,
    sg: `sg-${id('sg', 0)}`,
    clusterSg: `sg-${id('sg', 1)}`,
  });
}

interface NetworkInput {
  region: string;
  clusterName: string;
  vpcId: string;
  vpcCidr: string;
  azs: string[];
  privateIds: string[];
  privateCidrs: string[];
  publicIds: string[];
  publicCidrs: string[];
  igw: string;
  nat: string;
  sg: string;
  clusterSg: string;
}

function buildNetwork(n: NetworkInput): NetworkSpec {
  const clusterTag = `kubernetes.io/cluster/${n.clusterName}`;
  const subnets: SimSubnet[] = [];
  n.azs.forEach((az, i) => {
    subnets.push({
      id: n.privateIds[i],
      vpcId: n.vpcId,
      cidr: n.privateCidrs[i],
      az,
      azId: zoneId(n.region, az),
      mapPublicIpOnLaunch: false,
      tags: { Name: `${n.clusterName}-private-${az}`, 'kubernetes.io/role/internal-elb': '1', [clusterTag]: 'shared' },
    });
  });
  n.azs.forEach((az, i) => {
    subnets.push({
      id: n.publicIds[i],
      vpcId: n.vpcId,
      cidr: n.publicCidrs[i],
      az,
      azId: zoneId(n.region, az),
      mapPublicIpOnLaunch: true,
      tags: { Name: `${n.clusterName}-public-${az}`, 'kubernetes.io/role/elb': '1', [clusterTag]: 'shared' },
    });
  });
  const local: VpcRoute = { destination: n.vpcCidr, gatewayId: 'local', origin: 'CreateRouteTable' };
  const rtb = (suffix: string) => `rtb-0${suffix}`;
  const routeTables: RouteTable[] = [
    { id: rtb('1a2b3c4d5e6f70819'), vpcId: n.vpcId, main: true, routes: [local], subnetIds: [], associationIds: ['rtbassoc-0a0b0c0d0e0f01234'], tags: {} },
    {
      id: rtb('2b3c4d5e6f7081920'),
      vpcId: n.vpcId,
      main: false,
      routes: [local, { destination: '0.0.0.0/0', gatewayId: n.igw, origin: 'CreateRoute' }],
      subnetIds: [...n.publicIds],
      associationIds: n.publicIds.map((_s, i) => `rtbassoc-0${i}1b2c3d4e5f60718`),
      tags: { Name: `${n.clusterName}-public` },
    },
    {
      id: rtb('3c4d5e6f708192a3b'),
      vpcId: n.vpcId,
      main: false,
      routes: [local, { destination: '0.0.0.0/0', natGatewayId: n.nat, origin: 'CreateRoute' }],
      subnetIds: [...n.privateIds],
      associationIds: n.privateIds.map((_s, i) => `rtbassoc-0${i}2c3d4e5f6071829`),
      tags: { Name: `${n.clusterName}-private` },
    },
  ];
  return {
    vpcId: n.vpcId,
    vpcCidr: n.vpcCidr,
    internetGatewayId: n.igw,
    natGatewayId: n.nat,
    subnets,
    routeTables,
    securityGroupId: n.sg,
    clusterSecurityGroupId: n.clusterSg,
  };
}

/** The route table that governs a subnet: its explicit association, else the VPC's main table. */
export function routeTableFor(net: NetworkSpec, subnetId: string): RouteTable | undefined {
  return net.routeTables.find((t) => t.subnetIds.includes(subnetId)) ?? net.routeTables.find((t) => t.main);
}

/** EKS's definition: a subnet is public when its route table sends traffic to an internet gateway. */
export function isPublicSubnet(net: NetworkSpec, subnetId: string): boolean {
  const table = routeTableFor(net, subnetId);
  return !!table?.routes.some((r) => r.gatewayId?.startsWith('igw-'));
}
