import 'server-only';
/**
 * The ELBv2 gateway: the load balancers in front of the cluster's services, with their listeners, target
 * groups and target health, read into the plain shapes of lib/view/aws.ts.
 */
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetGroup as SdkTargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancer, TargetGroup, TargetHealth } from '../../view/aws';
import { allPages, clientConfig, mapLimit, type AwsEnv } from './client';
import { isThrottled } from './errors';

export function elbv2Client(region: string, env?: AwsEnv): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client(clientConfig(region, 'ELASTIC_LOAD_BALANCING_V2', env));
}

/** Which load balancers matter: the hostnames of LoadBalancer services and the target groups TGBs name. */
export interface LoadBalancerInterest {
  hostnames: Set<string>;
  targetGroupArns: Set<string>;
}

async function targetsOf(elbv2: ElasticLoadBalancingV2Client, tg: SdkTargetGroup): Promise<TargetHealth[] | null> {
  try {
    const r = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
    return (r.TargetHealthDescriptions ?? []).map((d) => ({
      id: d.Target?.Id ?? '',
      port: d.Target?.Port ?? null,
      zone: d.Target?.AvailabilityZone ?? null,
      state: d.TargetHealth?.State ?? 'unavailable',
      reason: d.TargetHealth?.Reason ?? null,
      description: d.TargetHealth?.Description ?? null,
    }));
  } catch (e) {
    // One group's health failing leaves the others; the view shows this one as unknown.
    if (isThrottled(e)) throw e;
    return null;
  }
}

async function groupOf(elbv2: ElasticLoadBalancingV2Client, tg: SdkTargetGroup): Promise<TargetGroup> {
  return {
    arn: tg.TargetGroupArn ?? '',
    name: tg.TargetGroupName ?? '',
    targetType: tg.TargetType ?? null,
    protocol: tg.Protocol ?? null,
    port: tg.Port ?? null,
    targets: await targetsOf(elbv2, tg),
  };
}

/** The ARNs of the load balancers that own the given target groups (DescribeTargetGroups takes 20 at a time). */
async function ownersOf(elbv2: ElasticLoadBalancingV2Client, targetGroupArns: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < targetGroupArns.length; i += 20) {
    try {
      const r = await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: targetGroupArns.slice(i, i + 20) }));
      for (const g of r.TargetGroups ?? []) out.push(...(g.LoadBalancerArns ?? []));
    } catch (e) {
      // A binding may name a group that no longer exists; the rest still count.
      if (isThrottled(e)) throw e;
    }
  }
  return out;
}

/**
 * The load balancers in front of the cluster's services (matched by DNS name, or owning a target group a
 * TargetGroupBinding names), with listeners, target groups and target health. Others in the account are
 * listed but not described further.
 */
export async function fetchLoadBalancers(elbv2: ElasticLoadBalancingV2Client, interest: LoadBalancerInterest): Promise<LoadBalancer[]> {
  const all = await allPages(async (Marker) => {
    const r = await elbv2.send(new DescribeLoadBalancersCommand({ Marker, PageSize: 400 }));
    return { items: r.LoadBalancers, next: r.NextMarker };
  });
  const hostnames = new Set([...interest.hostnames].map((h) => h.toLowerCase()));
  const wanted = new Set(all.filter((lb) => lb.DNSName && hostnames.has(lb.DNSName.toLowerCase())).map((lb) => lb.LoadBalancerArn ?? ''));
  // Target groups named by TargetGroupBindings lead to their load balancers too.
  for (const arn of await ownersOf(elbv2, [...interest.targetGroupArns])) wanted.add(arn);
  const chosen = all.filter((lb) => lb.LoadBalancerArn && wanted.has(lb.LoadBalancerArn));
  return mapLimit(chosen, 4, async (lb) => {
    const arn = lb.LoadBalancerArn ?? '';
    const [listeners, groups] = await Promise.all([
      elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: arn })),
      elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: arn })),
    ]);
    const targetGroups = await mapLimit(groups.TargetGroups ?? [], 4, (g) => groupOf(elbv2, g));
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
