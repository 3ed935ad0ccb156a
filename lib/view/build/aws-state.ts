/**
 * What AWS says about the cluster (EKS cluster, node groups, Fargate profiles, load balancers, subnets), with
 * the lookups rows need. Each setter reports what changed, so the builder marks only the rows that read it.
 */
import type { AwsState, EksFargateProfile, EksState, LoadBalancer, Subnet, TargetGroup } from '../aws';
import { jsonEqual } from './util';

export interface EksChange {
  /** The cluster's own description changed (name, version: the meta shows them). */
  cluster: boolean;
  /** Node groups before and after, when they changed. */
  nodegroups: string[];
  /** Profiles before and after, when they changed (null: they did not). */
  profiles: string[] | null;
}

export class AwsIndex {
  state: AwsState = { eks: null, loadBalancers: null, subnets: null };
  /** The Fargate profiles by name, null until EKS was described. */
  profiles: EksFargateProfile[] | null = null;
  private lbByDns = new Map<string, LoadBalancer>();
  private tgByArn = new Map<string, TargetGroup>();

  setEks(eks: EksState | null): EksChange {
    const prev = this.state.eks;
    this.state = { ...this.state, eks };
    const change: EksChange = { cluster: !jsonEqual(prev?.cluster ?? null, eks?.cluster ?? null), nodegroups: [], profiles: null };
    if (!jsonEqual(prev?.nodegroups ?? null, eks?.nodegroups ?? null)) {
      change.nodegroups = [...(prev?.nodegroups ?? []), ...(eks?.nodegroups ?? [])].map((g) => g.name);
    }
    const prevProfiles = prev ? prev.profiles : null;
    const nextProfiles = eks ? eks.profiles : null;
    if (!jsonEqual(prevProfiles, nextProfiles)) {
      this.profiles = nextProfiles ? [...nextProfiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : null;
      change.profiles = [...(prevProfiles ?? []), ...(nextProfiles ?? [])].map((p) => p.name);
    }
    return change;
  }

  /** False when nothing changed. */
  setLoadBalancers(lbs: LoadBalancer[] | null): boolean {
    if (jsonEqual(this.state.loadBalancers, lbs)) return false;
    this.state = { ...this.state, loadBalancers: lbs };
    this.lbByDns = new Map((lbs ?? []).map((lb) => [lb.dnsName.toLowerCase(), lb]));
    this.tgByArn = new Map((lbs ?? []).flatMap((lb) => lb.targetGroups.map((g) => [g.arn, g] as const)));
    return true;
  }

  /** False when nothing changed. */
  setSubnets(subnets: Subnet[] | null): boolean {
    if (jsonEqual(this.state.subnets, subnets)) return false;
    this.state = { ...this.state, subnets };
    return true;
  }

  loadBalancer(hostname: string): LoadBalancer | undefined {
    return this.lbByDns.get(hostname.toLowerCase());
  }

  targetGroup(arn: string): TargetGroup | undefined {
    return this.tgByArn.get(arn);
  }
}
