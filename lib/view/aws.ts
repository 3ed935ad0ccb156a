/**
 * Plain shapes of what only AWS knows: the EKS cluster, its node groups and Fargate profiles, the NLBs
 * with their target groups and target health, and the VPC's subnets (public or private). lib/server
 * fills these from the SDK (dates as ISO strings); each part is null while unknown (not yet polled, or
 * the call failed), so the view can tell "no profiles" from "could not ask".
 */

export interface EksCluster {
  name: string;
  arn: string | null;
  version: string | null;
  platformVersion: string | null;
  status: string | null;
  vpcId: string | null;
  endpoint: string | null;
  createdAt: string | null;
  /** upgradePolicy.supportType: STANDARD or EXTENDED (what happens when standard support ends). */
  supportType: string | null;
  /** The version's status from DescribeClusterVersions: STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED; null if unknown. */
  versionStatus: string | null;
  /** When standard support of the version ends (ISO), if known. */
  endOfStandardSupport: string | null;
}

export interface EksNodegroup {
  name: string;
  status: string;
  instanceTypes: string[];
  capacityType: string | null;
  desired: number | null;
  min: number | null;
  max: number | null;
  subnets: string[];
  labels: Record<string, string>;
  createdAt: string | null;
}

export interface EksFargateProfile {
  name: string;
  status: string;
  selectors: { namespace: string; labels: Record<string, string> }[];
  subnets: string[];
  podExecutionRoleArn: string;
  tags: Record<string, string>;
  createdAt: string | null;
  healthIssues: { code: string; message: string }[];
}

export interface TargetHealth {
  /** IP address or instance id. */
  id: string;
  port: number | null;
  zone: string | null;
  /** healthy, unhealthy, initial, draining, unused, unavailable, unhealthy.draining */
  state: string;
  reason: string | null;
  description: string | null;
}

export interface TargetGroup {
  arn: string;
  name: string;
  targetType: string | null;
  protocol: string | null;
  port: number | null;
  /** Null when DescribeTargetHealth failed for this group. */
  targets: TargetHealth[] | null;
}

export interface LoadBalancer {
  arn: string;
  name: string;
  dnsName: string;
  type: string | null;
  scheme: string | null;
  state: string | null;
  vpcId: string | null;
  listeners: { port: number | null; protocol: string | null; targetGroupArns: string[] }[];
  targetGroups: TargetGroup[];
}

export interface Subnet {
  id: string;
  zone: string | null;
  vpcId: string | null;
  cidr: string | null;
  /** True when the subnet's route table (explicit, else the VPC's main table) routes to an igw-. */
  public: boolean;
  routeTableId: string | null;
}

export interface EksState {
  cluster: EksCluster | null;
  nodegroups: EksNodegroup[];
  profiles: EksFargateProfile[];
}

export interface AwsState {
  eks: EksState | null;
  loadBalancers: LoadBalancer[] | null;
  subnets: Subnet[] | null;
}

export const EMPTY_AWS: AwsState = { eks: null, loadBalancers: null, subnets: null };

/** Prices read from AWS for the cluster's region (lib/server/aws/pricing.ts); null parts were not read. */
export interface LivePrices {
  region: string;
  /** Price List Query API: Fargate rates (x86 Linux, as EKS bills them). */
  fargate: { vcpuHour: number; gbHour: number; ephemeralGbHour: number | null } | null;
  /** Price List Query API: On-Demand Linux, shared tenancy, $/h by instance type. */
  onDemand: Record<string, number>;
  /** Price List Query API (AmazonEKS, EKSAutoUsage): the EKS Auto Mode management fee, $/h by instance type. */
  autoModeFee: Record<string, number>;
  listAt: string | null;
  /** EC2 DescribeSpotPriceHistory: the latest Spot price by "zone/instance type". */
  spot: Record<string, number>;
  spotAt: string | null;
  /** What failed, in words, for the provenance line. */
  problems: string[];
}
