import { eksError } from './errors';
import { hexOf, IdSource, uuidOf } from './ids';
import { cidrContains, IpPool, isPublicSubnet, largeNetwork, routeTableFor, seedNetwork, type NetworkSpec, type SimSubnet } from './network';
import { validateProfileRequest, type ProfileRequest, type ProfileSelector } from './profile-rules';

/**
 * Everything the simulated AWS account knows about one region: the EKS cluster, its node group and
 * Fargate profiles, the VPC (subnets, route tables, address pools), the node group's EC2 instances and
 * the NLBs the load balancer controller creates. The wire handlers read it; controllers and scenarios
 * write it. Changes to Fargate profiles are announced to subscribers (the profile lifecycle and the
 * scheduler listen).
 */

export type ProfileStatus = 'CREATING' | 'ACTIVE' | 'DELETING' | 'CREATE_FAILED' | 'DELETE_FAILED';

export interface FargateProfile {
  name: string;
  arn: string;
  clusterName: string;
  createdAt: Date;
  podExecutionRoleArn: string;
  subnets: string[];
  selectors: ProfileSelector[];
  status: ProfileStatus;
  tags: Record<string, string>;
}

export interface ClusterRecord {
  name: string;
  arn: string;
  createdAt: Date;
  version: string;
  platformVersion: string;
  endpoint: string;
  certificateAuthorityData: string;
  roleArn: string;
  status: 'ACTIVE';
  serviceIpv4Cidr: string;
  subnetIds: string[];
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  oidcIssuer: string;
  loggingTypes: string[];
  tags: Record<string, string>;
}

export interface Nodegroup {
  name: string;
  arn: string;
  createdAt: Date;
  modifiedAt: Date;
  status: 'ACTIVE';
  capacityType: 'ON_DEMAND' | 'SPOT';
  minSize: number;
  maxSize: number;
  desiredSize: number;
  instanceTypes: string[];
  subnets: string[];
  amiType: string;
  releaseVersion: string;
  nodeRole: string;
  labels: Record<string, string>;
  launchTemplate: { name: string; version: string; id: string } | null;
  autoScalingGroup: string;
  tags: Record<string, string>;
}

export interface Instance {
  instanceId: string;
  imageId: string;
  instanceType: string;
  az: string;
  subnetId: string;
  privateIp: string;
  privateDnsName: string;
  launchTime: Date;
  reservationId: string;
  securityGroupIds: string[];
  tags: Record<string, string>;
}

export type LoadBalancerState = 'provisioning' | 'active' | 'failed';

export interface SimLoadBalancer {
  arn: string;
  name: string;
  dnsName: string;
  createdAt: Date;
  scheme: 'internet-facing' | 'internal';
  state: LoadBalancerState;
  type: 'network';
  zones: { zone: string; subnetId: string }[];
  securityGroups: string[];
  tags: Record<string, string>;
}

export interface Listener {
  arn: string;
  loadBalancerArn: string;
  port: number;
  protocol: string;
  targetGroupArn: string;
}

export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining' | 'unavailable';

export interface SimTarget {
  id: string;
  port: number;
  az: string | null;
  state: TargetHealthState;
  reason: string | null;
  description: string | null;
}

export interface SimTargetGroup {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  targetType: 'ip' | 'instance';
  loadBalancerArns: string[];
  tags: Record<string, string>;
  targets: SimTarget[];
}

export type AwsEvent =
  | { type: 'profile-created'; profile: FargateProfile }
  | { type: 'profile-status'; profile: FargateProfile }
  | { type: 'profile-removed'; profile: FargateProfile };

/** Account id of the seed (the IAM policy ARN in the source document). */
export const SEED_ACCOUNT = '133129065110';
export const MAX_PROFILES = 10;
/** ap-southeast-1's NLB hosted zone, an AWS-published constant; other regions get it too (no lookup table here). */
export const NLB_HOSTED_ZONE = 'ZKVM4W9LS7TM';

export interface SimAwsStateOptions {
  region: string;
  clusterName: string;
  now?: () => Date;
  /** Defaults to the seed VPC for the eksworkshop cluster, a larger generated VPC otherwise. */
  network?: NetworkSpec;
  accountId?: string;
  kubernetesVersion?: string;
  serviceIpv4Cidr?: string;
}

export class SimAwsState {
  readonly region: string;
  readonly clusterName: string;
  readonly accountId: string;
  readonly network: NetworkSpec;
  readonly cluster: ClusterRecord;
  readonly ids: IdSource;
  readonly nodegroups = new Map<string, Nodegroup>();
  readonly instances = new Map<string, Instance>();
  readonly loadBalancers = new Map<string, SimLoadBalancer>();
  readonly listeners = new Map<string, Listener>();
  readonly targetGroups = new Map<string, SimTargetGroup>();
  private readonly profiles = new Map<string, FargateProfile>();
  private readonly tokens = new Map<string, { name: string; fingerprint: string }>();
  private readonly pools = new Map<string, IpPool>();
  private readonly listenersFns = new Set<(ev: AwsEvent) => void>();
  readonly now: () => Date;

  constructor(opts: SimAwsStateOptions) {
    this.region = opts.region;
    this.clusterName = opts.clusterName;
    this.accountId = opts.accountId ?? SEED_ACCOUNT;
    this.now = opts.now ?? (() => new Date());
    this.ids = new IdSource(`${this.region}/${this.clusterName}`);
    this.network =
      opts.network ??
      (opts.clusterName === 'eksworkshop' ? seedNetwork(opts.region, opts.clusterName) : largeNetwork(opts.region, opts.clusterName, hexOf));
    for (const s of this.network.subnets) this.pools.set(s.id, new IpPool(s.cidr));
    const endpointId = hexOf(`${this.region}/${this.clusterName}/endpoint`, 32).toUpperCase();
    this.cluster = {
      name: opts.clusterName,
      arn: `arn:aws:eks:${this.region}:${this.accountId}:cluster/${opts.clusterName}`,
      createdAt: new Date(this.now().getTime() - 13 * 3600_000),
      version: opts.kubernetesVersion ?? '1.28',
      platformVersion: 'eks.16',
      endpoint: `https://${endpointId}.gr7.${this.region}.eks.amazonaws.com`,
      certificateAuthorityData: '',
      roleArn: `arn:aws:iam::${this.accountId}:role/eksctl-${opts.clusterName}-cluster-ServiceRole-${hexOf(`${opts.clusterName}/role`, 12).toUpperCase()}`,
      status: 'ACTIVE',
      serviceIpv4Cidr: opts.serviceIpv4Cidr ?? '10.50.0.0/24',
      subnetIds: this.privateSubnets().map((s) => s.id),
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      oidcIssuer: `https://oidc.eks.${this.region}.amazonaws.com/id/${endpointId}`,
      loggingTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      tags: { 'alpha.eksctl.io/cluster-name': opts.clusterName, 'eksctl.cluster.k8s.io/v1alpha1/cluster-name': opts.clusterName },
    };
  }

  /** Points DescribeCluster at the simulator's own Kubernetes endpoint (and its CA, base64 PEM). */
  setClusterEndpoint(endpoint: string, certificateAuthorityData = ''): void {
    this.cluster.endpoint = endpoint;
    this.cluster.certificateAuthorityData = certificateAuthorityData;
  }

  /** Listens to Fargate profile changes; returns the unsubscribe function. */
  subscribe(fn: (ev: AwsEvent) => void): () => void {
    this.listenersFns.add(fn);
    return () => this.listenersFns.delete(fn);
  }

  private emit(ev: AwsEvent): void {
    for (const fn of [...this.listenersFns]) fn(ev);
  }

  // ---- network ---------------------------------------------------------------------------------

  subnet(id: string): SimSubnet | undefined {
    return this.network.subnets.find((s) => s.id === id);
  }

  isPublic(subnetId: string): boolean {
    return isPublicSubnet(this.network, subnetId);
  }

  privateSubnets(): SimSubnet[] {
    return this.network.subnets.filter((s) => !this.isPublic(s.id));
  }

  subnetForIp(ip: string): SimSubnet | undefined {
    return this.network.subnets.find((s) => cidrContains(s.cidr, ip));
  }

  /** Free addresses left in a subnet (DescribeSubnets' AvailableIpAddressCount). */
  availableIps(subnetId: string): number {
    return this.pools.get(subnetId)?.free ?? 0;
  }

  /** A free private IP from the subnet, or null when it is exhausted. */
  allocateIp(subnetId: string, rng?: () => number): string | null {
    return this.pools.get(subnetId)?.allocate(rng) ?? null;
  }

  /** Claims a given address (scenarios pin the seed's IPs). Throws when it is outside every subnet or already used. */
  reserveIp(ip: string): SimSubnet {
    const subnet = this.subnetForIp(ip);
    if (!subnet) throw new Error(`IP ${ip} is outside every subnet of ${this.network.vpcId}`);
    if (!this.pools.get(subnet.id)!.take(ip)) throw new Error(`IP ${ip} is already in use or reserved in ${subnet.id}`);
    return subnet;
  }

  releaseIp(ip: string): void {
    const subnet = this.subnetForIp(ip);
    if (subnet) this.pools.get(subnet.id)?.release(ip);
  }

  // ---- node group and instances ----------------------------------------------------------------

  /** Adds a managed node group record (scenarios). */
  addNodegroup(ng: Omit<Nodegroup, 'arn'>): Nodegroup {
    const full: Nodegroup = { ...ng, arn: `arn:aws:eks:${this.region}:${this.accountId}:nodegroup/${this.clusterName}/${ng.name}/${uuidOf(`${this.clusterName}/ng/${ng.name}`)}` };
    this.nodegroups.set(ng.name, full);
    return full;
  }

  addInstance(instance: Instance): void {
    this.instances.set(instance.instanceId, instance);
  }

  // ---- Fargate profiles ------------------------------------------------------------------------

  /** Profiles sorted by name (EKS picks among several matches alphanumerically). */
  listProfiles(): FargateProfile[] {
    return [...this.profiles.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getProfile(name: string): FargateProfile | undefined {
    return this.profiles.get(name);
  }

  /** Profiles the Fargate webhook considers: ACTIVE ones only. */
  activeProfiles(): FargateProfile[] {
    return this.listProfiles().filter((p) => p.status === 'ACTIVE');
  }

  /**
   * CreateFargateProfile: validates as EKS does, enforces one-in-progress and the 10-profile quota,
   * honours clientRequestToken, and stores the profile as CREATING (or `initialStatus`, for scenarios).
   */
  createFargateProfile(body: unknown, opts: { initialStatus?: ProfileStatus; createdAt?: Date } = {}): FargateProfile {
    const req = validateProfileRequest(body, {
      clusterName: this.clusterName,
      clusterSubnetIds: this.cluster.subnetIds,
      describe: (id) => {
        if (!this.subnet(id)) return undefined;
        const table = routeTableFor(this.network, id);
        const igw = table?.routes.find((r) => r.gatewayId?.startsWith('igw-'))?.gatewayId ?? null;
        return { public: this.isPublic(id), routeTarget: igw };
      },
    });
    const fields = { clusterName: this.clusterName, fargateProfileName: req.fargateProfileName };
    if (req.clientRequestToken) {
      const seen = this.tokens.get(req.clientRequestToken);
      if (seen) {
        const existing = this.profiles.get(seen.name);
        if (seen.fingerprint === fingerprint(req) && existing) return existing;
        throw eksError(
          'InvalidParameterException',
          `clientRequestToken ${req.clientRequestToken} was already used for a different CreateFargateProfile request (profile ${seen.name}).`,
          fields,
        );
      }
    }
    if (this.profiles.has(req.fargateProfileName)) {
      throw eksError('ResourceInUseException', 'A Fargate Profile already exists with this name in this cluster.', fields);
    }
    const busy = [...this.profiles.values()].find((p) => p.status === 'CREATING' || p.status === 'DELETING');
    if (busy && !opts.initialStatus) {
      throw eksError(
        'ResourceInUseException',
        `Fargate Profile ${busy.name} is in status ${busy.status} in cluster ${this.clusterName}; only one Fargate profile can be creating or deleting at a time. Retry when it has finished.`,
        fields,
      );
    }
    if (this.profiles.size >= MAX_PROFILES) {
      throw eksError('ResourceLimitExceededException', `Fargate Profiles per cluster limit exceeded (limit: ${MAX_PROFILES}).`, fields);
    }
    const profile: FargateProfile = {
      name: req.fargateProfileName,
      arn: `arn:aws:eks:${this.region}:${this.accountId}:fargateprofile/${this.clusterName}/${req.fargateProfileName}/${this.ids.uuid()}`,
      clusterName: this.clusterName,
      createdAt: opts.createdAt ?? this.now(),
      podExecutionRoleArn: req.podExecutionRoleArn,
      subnets: req.subnets,
      selectors: req.selectors,
      status: opts.initialStatus ?? 'CREATING',
      tags: req.tags,
    };
    this.profiles.set(profile.name, profile);
    if (req.clientRequestToken) this.tokens.set(req.clientRequestToken, { name: profile.name, fingerprint: fingerprint(req) });
    this.emit({ type: 'profile-created', profile });
    return profile;
  }

  /** DeleteFargateProfile: marks the profile DELETING (the lifecycle controller finishes the job). */
  deleteFargateProfile(name: string): FargateProfile {
    const fields = { clusterName: this.clusterName, fargateProfileName: name };
    const profile = this.profiles.get(name);
    if (!profile) throw eksError('ResourceNotFoundException', `No Fargate Profile found with name: ${name}.`, fields);
    const busy = [...this.profiles.values()].find((p) => p.status === 'CREATING' || p.status === 'DELETING');
    if (busy) {
      throw eksError(
        'ResourceInUseException',
        busy === profile
          ? `Fargate Profile ${name} is in status ${busy.status}; wait until it has finished before deleting it.`
          : `Fargate Profile ${busy.name} is in status ${busy.status} in cluster ${this.clusterName}; only one Fargate profile can be creating or deleting at a time. Retry when it has finished.`,
        fields,
      );
    }
    profile.status = 'DELETING';
    this.emit({ type: 'profile-status', profile });
    return profile;
  }

  /** Moves a profile to a new status (CREATING -> ACTIVE, by the lifecycle controller). */
  setProfileStatus(name: string, status: ProfileStatus): FargateProfile | undefined {
    const profile = this.profiles.get(name);
    if (!profile || profile.status === status) return profile;
    profile.status = status;
    this.emit({ type: 'profile-status', profile });
    return profile;
  }

  /** Removes a profile for good (end of deletion). */
  removeProfile(name: string): void {
    const profile = this.profiles.get(name);
    if (!profile) return;
    this.profiles.delete(name);
    for (const [token, seen] of this.tokens) if (seen.name === name) this.tokens.delete(token);
    this.emit({ type: 'profile-removed', profile });
  }

  // ---- load balancers --------------------------------------------------------------------------

  /** ARN and DNS name for a new NLB called `name`. */
  newLoadBalancerIdentity(name: string): { arn: string; dnsName: string } {
    const id = this.ids.hex(16);
    return {
      arn: `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:loadbalancer/net/${name}/${id}`,
      dnsName: `${name}-${id}.elb.${this.region}.amazonaws.com`,
    };
  }

  newTargetGroupArn(name: string): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:targetgroup/${name}/${this.ids.hex(16)}`;
  }

  newListenerArn(lb: SimLoadBalancer): string {
    const [, , lbName, lbId] = lb.arn.split(':').pop()!.split('/');
    return `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:listener/net/${lbName}/${lbId}/${this.ids.hex(16)}`;
  }

  putLoadBalancer(lb: SimLoadBalancer): void {
    this.loadBalancers.set(lb.arn, lb);
  }

  putListener(l: Listener): void {
    this.listeners.set(l.arn, l);
  }

  putTargetGroup(tg: SimTargetGroup): void {
    this.targetGroups.set(tg.arn, tg);
  }

  /** Deletes an NLB with its listeners and the target groups only it used. */
  deleteLoadBalancer(arn: string): void {
    this.loadBalancers.delete(arn);
    for (const [k, l] of this.listeners) if (l.loadBalancerArn === arn) this.listeners.delete(k);
    for (const [k, tg] of this.targetGroups) {
      tg.loadBalancerArns = tg.loadBalancerArns.filter((a) => a !== arn);
      if (tg.loadBalancerArns.length === 0) this.targetGroups.delete(k);
    }
  }

  /** The NLB whose tag `key` equals `value` (the controller finds its NLB by the service.k8s.aws/stack tag). */
  loadBalancerByTag(key: string, value: string): SimLoadBalancer | undefined {
    for (const lb of this.loadBalancers.values()) if (lb.tags[key] === value) return lb;
    return undefined;
  }

  targetGroupsOf(lbArn: string): SimTargetGroup[] {
    return [...this.targetGroups.values()].filter((tg) => tg.loadBalancerArns.includes(lbArn));
  }

  listenersOf(lbArn: string): Listener[] {
    return [...this.listeners.values()].filter((l) => l.loadBalancerArn === lbArn).sort((a, b) => a.port - b.port);
  }
}

function fingerprint(req: ProfileRequest): string {
  return JSON.stringify([req.fargateProfileName, req.podExecutionRoleArn, req.subnets, req.selectors, req.tags]);
}
