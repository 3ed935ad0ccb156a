import { queryError } from './errors';
import { decodeMarker, encodeMarker, QueryParams } from './query';
import { NLB_HOSTED_ZONE, type SimAwsState, type SimLoadBalancer, type Listener, type SimTarget, type SimTargetGroup } from './state';
import { list, type XmlObject } from './xml';

/**
 * Elastic Load Balancing v2 over awsQuery (Version 2015-12-01): the read operations Farview uses to
 * show NLB endpoints, listeners, target groups and target health. Shapes as in docs/protocol.md §5.
 */

export const ELBV2_XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
export const ELBV2_VERSION = '2015-12-01';
const MAX_PAGE = 400;

function lbXml(aws: SimAwsState, lb: SimLoadBalancer): XmlObject {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: NLB_HOSTED_ZONE,
    CreatedTime: lb.createdAt,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: aws.network.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: list(lb.zones.map((z) => ({ ZoneName: z.zone, SubnetId: z.subnetId, LoadBalancerAddresses: list([]) }))),
    SecurityGroups: list(lb.securityGroups),
    IpAddressType: 'ipv4',
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: lb.securityGroups.length > 0 ? 'on' : undefined,
  };
}

function listenerXml(l: Listener): XmlObject {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: list([
      {
        Type: 'forward',
        TargetGroupArn: l.targetGroupArn,
        ForwardConfig: {
          TargetGroups: list([{ TargetGroupArn: l.targetGroupArn, Weight: 1 }]),
          TargetGroupStickinessConfig: { Enabled: false },
        },
      },
    ]),
  };
}

function targetGroupXml(aws: SimAwsState, tg: SimTargetGroup): XmlObject {
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: aws.network.vpcId,
    HealthCheckProtocol: 'TCP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 10,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 3,
    UnhealthyThresholdCount: 3,
    LoadBalancerArns: list(tg.loadBalancerArns),
    TargetType: tg.targetType,
    IpAddressType: 'ipv4',
  };
}

function healthXml(t: SimTarget): XmlObject {
  return {
    Target: { Id: t.id, Port: t.port, AvailabilityZone: t.az ?? undefined },
    HealthCheckPort: String(t.port),
    TargetHealth: { State: t.state, Reason: t.reason ?? undefined, Description: t.description ?? undefined },
    AdministrativeOverride: {
      State: 'no_override',
      Reason: 'AdministrativeOverride.NoOverride',
      Description: 'No override is currently active on target',
    },
  };
}

/** Applies Marker/PageSize paging; returns the page and the NextMarker (absent on the last page). */
function paged<T>(items: T[], q: QueryParams): { items: T[]; next: string | undefined } {
  const size = q.int('PageSize', 1, MAX_PAGE) ?? MAX_PAGE;
  let start = 0;
  const marker = q.get('Marker');
  if (marker !== undefined) {
    const o = decodeMarker(marker);
    if (o === null) throw queryError('ValidationError', 'Invalid Marker: pass the NextMarker of the previous response unchanged.');
    start = o;
  }
  const page = items.slice(start, start + size);
  return { items: page, next: start + size < items.length ? encodeMarker(start + size) : undefined };
}

function byCreation(a: SimLoadBalancer, b: SimLoadBalancer): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.name < b.name ? -1 : 1);
}

/**
 * Runs one ELBv2 action and returns its `<Action>Result` content. `inRegion` false means the request
 * was signed for another region, which has no load balancers. Throws AwsError (Code as the model's
 * awsQueryError code) on failure.
 */
export function handleElbv2(aws: SimAwsState, action: string, q: QueryParams, inRegion: boolean): XmlObject {
  const lbs = inRegion ? [...aws.loadBalancers.values()].sort(byCreation) : [];
  const tgs = inRegion ? [...aws.targetGroups.values()] : [];
  switch (action) {
    case 'DescribeLoadBalancers': {
      const arns = q.list('LoadBalancerArns', true);
      const names = q.list('Names', true);
      if (arns.length > 0 && names.length > 0) {
        throw queryError('ValidationError', 'Load balancer names and load balancer ARNs cannot be specified at the same time');
      }
      if (arns.length > 20) throw queryError('ValidationError', `At most 20 load balancer ARNs can be given, not ${arns.length}`);
      let chosen = lbs;
      if (arns.length > 0) {
        chosen = arns.map((a) => lbs.find((lb) => lb.arn === a)).filter((lb): lb is SimLoadBalancer => !!lb);
        if (chosen.length !== new Set(arns).size) throw queryError('LoadBalancerNotFound', 'One or more load balancers not found');
      } else if (names.length > 0) {
        const missing = names.filter((n) => !lbs.some((lb) => lb.name === n));
        if (missing.length > 0) throw queryError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
        chosen = names.map((n) => lbs.find((lb) => lb.name === n)!);
      }
      const p = paged(chosen, q);
      return { LoadBalancers: list(p.items.map((lb) => lbXml(aws, lb))), NextMarker: p.next };
    }
    case 'DescribeListeners': {
      const lbArn = q.get('LoadBalancerArn');
      const arns = q.list('ListenerArns', true);
      if (lbArn && arns.length > 0) throw queryError('ValidationError', 'Listener ARNs and a load balancer ARN cannot be specified at the same time');
      if (!lbArn && arns.length === 0) throw queryError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
      let chosen: Listener[];
      if (lbArn) {
        if (!lbs.some((lb) => lb.arn === lbArn)) throw queryError('LoadBalancerNotFound', `Load balancer '${lbArn}' not found`);
        chosen = aws.listenersOf(lbArn);
      } else {
        chosen = arns.map((a) => (inRegion ? aws.listeners.get(a) : undefined)).filter((l): l is Listener => !!l);
        if (chosen.length !== new Set(arns).size) throw queryError('ListenerNotFound', 'One or more listeners not found');
      }
      const p = paged(chosen, q);
      return { Listeners: list(p.items.map(listenerXml)), NextMarker: p.next };
    }
    case 'DescribeTargetGroups': {
      const lbArn = q.get('LoadBalancerArn');
      const arns = q.list('TargetGroupArns', true);
      const names = q.list('Names', true);
      if ([lbArn ? 1 : 0, arns.length > 0 ? 1 : 0, names.length > 0 ? 1 : 0].reduce((a, b) => a + b, 0) > 1) {
        throw queryError('ValidationError', 'A load balancer ARN, target group ARNs and target group names cannot be combined; give only one of them');
      }
      let chosen = [...tgs].sort((a, b) => (a.name < b.name ? -1 : 1));
      if (lbArn) {
        if (!lbs.some((lb) => lb.arn === lbArn)) throw queryError('LoadBalancerNotFound', `Load balancer '${lbArn}' not found`);
        chosen = chosen.filter((tg) => tg.loadBalancerArns.includes(lbArn));
      } else if (arns.length > 0) {
        const found = arns.map((a) => tgs.find((tg) => tg.arn === a));
        if (found.some((t) => !t)) throw queryError('TargetGroupNotFound', 'One or more target groups not found');
        chosen = found as SimTargetGroup[];
      } else if (names.length > 0) {
        const missing = names.filter((n) => !tgs.some((tg) => tg.name === n));
        if (missing.length > 0) throw queryError('TargetGroupNotFound', `Target groups '[${missing.join(', ')}]' not found`);
        chosen = names.map((n) => tgs.find((tg) => tg.name === n)!);
      }
      const p = paged(chosen, q);
      return { TargetGroups: list(p.items.map((tg) => targetGroupXml(aws, tg))), NextMarker: p.next };
    }
    case 'DescribeTargetHealth': {
      const arn = q.get('TargetGroupArn');
      if (!arn) {
        throw queryError('ValidationError', "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
      }
      const tg = tgs.find((t) => t.arn === arn);
      if (!tg) throw queryError('TargetGroupNotFound', `Target groups '${arn}' not found`);
      const wanted = q.structs('Targets', true);
      let out: SimTarget[] = tg.targets;
      if (wanted.length > 0) {
        out = wanted.map((w) => {
          if (!w.Id) throw queryError('ValidationError', 'Every target in Targets needs an Id');
          const port = w.Port !== undefined ? Number(w.Port) : undefined;
          const hit = tg.targets.find((t) => t.id === w.Id && (port === undefined || t.port === port));
          return (
            hit ?? {
              id: w.Id,
              port: port ?? tg.port,
              az: w.AvailabilityZone ?? null,
              state: 'unused',
              reason: 'Target.NotRegistered',
              description: 'Target is not registered to the target group',
            }
          );
        });
      }
      return { TargetHealthDescriptions: list(out.map(healthXml)) };
    }
    case 'DescribeTags': {
      const arns = q.list('ResourceArns', true);
      if (arns.length === 0) {
        throw queryError('ValidationError', "1 validation error detected: Value null at 'resourceArns' failed to satisfy constraint: Member must not be null");
      }
      if (arns.length > 20) throw queryError('ValidationError', `At most 20 resource ARNs can be given, not ${arns.length}`);
      const descriptions = arns.map((a) => {
        const lb = lbs.find((x) => x.arn === a);
        if (lb) return { ResourceArn: a, Tags: list(Object.entries(lb.tags).map(([Key, Value]) => ({ Key, Value }))) };
        const tg = tgs.find((x) => x.arn === a);
        if (tg) return { ResourceArn: a, Tags: list(Object.entries(tg.tags).map(([Key, Value]) => ({ Key, Value }))) };
        if (inRegion && aws.listeners.has(a)) return { ResourceArn: a, Tags: list([]) };
        if (a.includes(':targetgroup/')) throw queryError('TargetGroupNotFound', `Target groups '${a}' not found`);
        if (a.includes(':listener/')) throw queryError('ListenerNotFound', `Listener '${a}' not found`);
        throw queryError('LoadBalancerNotFound', `Load balancer '${a}' not found`);
      });
      return { TagDescriptions: list(descriptions) };
    }
    default:
      throw queryError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
  }
}
