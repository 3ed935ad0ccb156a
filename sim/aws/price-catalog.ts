/**
 * The simulated AWS account's price book: the figures its Price List Query API and DescribeSpotPriceHistory
 * answer with. They are the simulator's own and stand for AWS's; nothing in Farview reads them except through
 * those two APIs, so a test can compare what Farview shows with what the API said.
 *
 * On-Demand Linux, shared tenancy, in us-east-1: the figures of karpenter-provider-aws's generated price table
 * (pkg/providers/pricing/zz_generated.pricing_aws.go, generated 2026-01-19). Other regions: their own figure where
 * one is written below, else the us-east-1 figure times the region's t3.medium ratio (a simulator rule, not a claim
 * about AWS). Fargate: the per-region rates published for AmazonECS (vCPU-hour, GB-hour, ephemeral GB-hour).
 * EKS Auto Mode management fee: 12 % of the type's On-Demand price in the region, five decimals (a simulator
 * rule; AWS lists one fee per type and region, m5.large in us-east-1 at $0.01152, which is that share).
 */

export interface SimRegion {
  code: string;
  /** The `location` attribute the Price List writes ("Asia Pacific (Singapore)"). */
  location: string;
  /** The usage type prefix ("APS1" in "APS1-BoxUsage:m5.large"). */
  prefix: string;
  /** t3.medium $/h here, the ratio other types are scaled by. */
  t3Medium: number;
  /** Figures known for this region, used instead of the scaled ones. */
  own?: Record<string, number>;
  fargate: { vcpuHour: number; gbHour: number; ephemeralGbHour: number };
}

interface InstanceFacts {
  usEast1: number;
  vcpu: number;
  memoryGiB: number;
  processor: string;
  arch: 'amd64' | 'arm64';
}

const INTEL = 'Intel Xeon Platinum 8175';
const AMD = 'AMD EPYC 7R13 Processor';
const GRAVITON2 = 'AWS Graviton2 Processor';
const GRAVITON3 = 'AWS Graviton3 Processor';

/** The instance types the catalogue lists, with their us-east-1 On-Demand $/h. */
export const INSTANCE_TYPES: Record<string, InstanceFacts> = {
  't3.medium': { usEast1: 0.0416, vcpu: 2, memoryGiB: 4, processor: 'Intel Skylake E5 2686 v5', arch: 'amd64' },
  't3.large': { usEast1: 0.0832, vcpu: 2, memoryGiB: 8, processor: 'Intel Skylake E5 2686 v5', arch: 'amd64' },
  't3.xlarge': { usEast1: 0.1664, vcpu: 4, memoryGiB: 16, processor: 'Intel Skylake E5 2686 v5', arch: 'amd64' },
  'm5.large': { usEast1: 0.096, vcpu: 2, memoryGiB: 8, processor: INTEL, arch: 'amd64' },
  'm5.xlarge': { usEast1: 0.192, vcpu: 4, memoryGiB: 16, processor: INTEL, arch: 'amd64' },
  'm5.2xlarge': { usEast1: 0.384, vcpu: 8, memoryGiB: 32, processor: INTEL, arch: 'amd64' },
  'm6i.large': { usEast1: 0.096, vcpu: 2, memoryGiB: 8, processor: 'Intel Xeon 8375C (Ice Lake)', arch: 'amd64' },
  'c5.large': { usEast1: 0.085, vcpu: 2, memoryGiB: 4, processor: INTEL, arch: 'amd64' },
  'c5.xlarge': { usEast1: 0.17, vcpu: 4, memoryGiB: 8, processor: INTEL, arch: 'amd64' },
  'c6i.large': { usEast1: 0.085, vcpu: 2, memoryGiB: 4, processor: 'Intel Xeon 8375C (Ice Lake)', arch: 'amd64' },
  'c6a.large': { usEast1: 0.0765, vcpu: 2, memoryGiB: 4, processor: AMD, arch: 'amd64' },
  'c6a.xlarge': { usEast1: 0.153, vcpu: 4, memoryGiB: 8, processor: AMD, arch: 'amd64' },
  'm6g.large': { usEast1: 0.077, vcpu: 2, memoryGiB: 8, processor: GRAVITON2, arch: 'arm64' },
  'm6g.xlarge': { usEast1: 0.154, vcpu: 4, memoryGiB: 16, processor: GRAVITON2, arch: 'arm64' },
  'c6g.large': { usEast1: 0.068, vcpu: 2, memoryGiB: 4, processor: GRAVITON2, arch: 'arm64' },
  'c6g.xlarge': { usEast1: 0.136, vcpu: 4, memoryGiB: 8, processor: GRAVITON2, arch: 'arm64' },
  'c7g.large': { usEast1: 0.0725, vcpu: 2, memoryGiB: 4, processor: GRAVITON3, arch: 'arm64' },
  'c7g.xlarge': { usEast1: 0.145, vcpu: 4, memoryGiB: 8, processor: GRAVITON3, arch: 'arm64' },
};

const FARGATE_US = { vcpuHour: 0.04048, gbHour: 0.004445, ephemeralGbHour: 0.000111 };
const FARGATE_ASIA = { vcpuHour: 0.05056, gbHour: 0.00553, ephemeralGbHour: 0.000133 };
const FARGATE_EU = { vcpuHour: 0.04656, gbHour: 0.00511, ephemeralGbHour: 0.000129 };

/** Every region the simulated Price List covers. */
export const SIM_REGIONS: readonly SimRegion[] = [
  { code: 'us-east-1', location: 'US East (N. Virginia)', prefix: 'USE1', t3Medium: 0.0416, fargate: FARGATE_US },
  { code: 'us-west-2', location: 'US West (Oregon)', prefix: 'USW2', t3Medium: 0.0416, fargate: FARGATE_US },
  { code: 'eu-west-1', location: 'EU (Ireland)', prefix: 'EU', t3Medium: 0.0456, fargate: { ...FARGATE_US, ephemeralGbHour: 0.000122 } },
  { code: 'eu-west-2', location: 'EU (London)', prefix: 'EUW2', t3Medium: 0.0472, fargate: FARGATE_EU },
  { code: 'eu-central-1', location: 'EU (Frankfurt)', prefix: 'EUC1', t3Medium: 0.048, fargate: FARGATE_EU },
  { code: 'ap-south-1', location: 'Asia Pacific (Mumbai)', prefix: 'APS3', t3Medium: 0.0448, fargate: { vcpuHour: 0.04256, gbHour: 0.00467, ephemeralGbHour: 0.000114 } },
  {
    code: 'ap-southeast-1',
    location: 'Asia Pacific (Singapore)',
    prefix: 'APS1',
    t3Medium: 0.0528,
    own: { 'm5.large': 0.12, 'm5.xlarge': 0.24 },
    fargate: { ...FARGATE_ASIA, ephemeralGbHour: 0.000122 },
  },
  { code: 'ap-northeast-1', location: 'Asia Pacific (Tokyo)', prefix: 'APN1', t3Medium: 0.0544, fargate: FARGATE_ASIA },
  { code: 'sa-east-1', location: 'South America (Sao Paulo)', prefix: 'SAE1', t3Medium: 0.0672, fargate: { vcpuHour: 0.0696, gbHour: 0.00764, ephemeralGbHour: 0.000184 } },
];

/** The region's entry, or undefined. */
export function simRegion(code: string): SimRegion | undefined {
  return SIM_REGIONS.find((r) => r.code === code);
}

/** On-Demand Linux $/h of a type in a region, rounded to AWS's four significant decimals; null when not listed. */
export function onDemandPrice(region: SimRegion, type: string): number | null {
  const facts = INSTANCE_TYPES[type];
  if (!facts) return null;
  const own = region.own?.[type];
  if (own !== undefined) return own;
  return Math.round(((facts.usEast1 * region.t3Medium) / 0.0416) * 1e4) / 1e4;
}

/** The EKS Auto Mode management fee, $/h, of a type in a region; null when the type is not listed. */
export function autoModeFee(region: SimRegion, type: string): number | null {
  const od = onDemandPrice(region, type);
  return od === null ? null : Math.round(od * 0.12 * 1e5) / 1e5;
}

/** A stable number in [0, 1) from a string (FNV-1a), so every zone and type gets its own Spot discount. */
function unit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 4294967296;
}

/** Spot prices change at most this often in the simulation. */
export const SPOT_STEP_MS = 60 * 60 * 1000;

/**
 * The Spot price of a type in a zone during the hour that contains `atMs`: 25 % to 40 % of On-Demand depending on
 * the pair, moving up to ±5 % from hour to hour, six decimals as EC2 writes it. Null when the type is not listed.
 */
export function spotPrice(region: SimRegion, zone: string, type: string, atMs: number): number | null {
  const od = onDemandPrice(region, type);
  if (od === null) return null;
  const step = Math.floor(atMs / SPOT_STEP_MS);
  const base = 0.25 + 0.15 * unit(`${zone}/${type}`);
  const drift = 1 + 0.05 * Math.sin(step / 3 + unit(`${type}/${zone}`) * 6.28);
  return Math.round(od * base * drift * 1e6) / 1e6;
}
