/**
 * One Service → its ServiceView: the NLB behind a LoadBalancer service (matched by DNS name), its scheme and
 * target type, the targets ELBv2 reports with their health, each IP target mapped to the pod that holds the
 * IP, and the backend pods split by where they run.
 */
import { serviceFindings } from '../lint/cluster';
import type { LoadBalancer, TargetGroup } from './aws';
import type { KubeService, KubeTargetGroupBinding } from './kube';
import type { Placement, ServiceView, TargetView } from './model';

export const ANN_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
export const ANN_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
export const ANN_LB_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
export const ANN_INTERNAL = 'service.beta.kubernetes.io/aws-load-balancer-internal';

export interface Backends {
  ec2: number;
  fargate: number;
  pending: number;
}

export interface ServiceEnv {
  /** The load balancer whose DNS name is this hostname (case-insensitive). */
  loadBalancerByDns(hostname: string): LoadBalancer | undefined;
  /** A target group by ARN, for TargetGroupBindings that point at groups of another load balancer. */
  targetGroup(arn: string): TargetGroup | undefined;
  /** TargetGroupBindings whose serviceRef names this service. */
  bindings: KubeTargetGroupBinding[];
  /** The pod holding an IP, when one does. */
  podByIp(ip: string): { id: string; placement: Placement } | undefined;
  backends: Backends;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function schemeFrom(svc: KubeService, lb: LoadBalancer | undefined): string | null {
  if (lb?.scheme) return lb.scheme;
  const ann = svc.metadata.annotations ?? {};
  if (ann[ANN_SCHEME]) return ann[ANN_SCHEME];
  if (ann[ANN_INTERNAL] === 'true') return 'internal';
  return null;
}

function targetTypeFrom(svc: KubeService, bindings: KubeTargetGroupBinding[], groups: TargetGroup[]): string | null {
  const ann = svc.metadata.annotations ?? {};
  if (ann[ANN_TARGET_TYPE]) return ann[ANN_TARGET_TYPE];
  if (ann[ANN_LB_TYPE] === 'nlb-ip') return 'ip';
  const tgb = bindings.find((b) => b.spec?.targetType);
  if (tgb?.spec?.targetType) return tgb.spec.targetType;
  return groups.find((g) => g.targetType)?.targetType ?? null;
}

export interface ServiceComputed {
  view: ServiceView;
  /** IPs of this service's targets: a pod event on one of them must refresh the service. */
  targetIps: string[];
}

/** Computes the ServiceView of one service. */
export function computeService(svc: KubeService, env: ServiceEnv): ServiceComputed {
  const meta = svc.metadata;
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const hostname = ingress.find((i) => i.hostname)?.hostname ?? ingress.find((i) => i.ip)?.ip ?? null;
  const lb = hostname ? env.loadBalancerByDns(hostname) : undefined;

  // Target groups: the load balancer's own, plus any a TargetGroupBinding names.
  const groups: TargetGroup[] = [...(lb?.targetGroups ?? [])];
  for (const b of env.bindings) {
    const arn = b.spec?.targetGroupARN;
    if (arn && !groups.some((g) => g.arn === arn)) {
      const g = env.targetGroup(arn);
      if (g) groups.push(g);
    }
  }

  const targets: TargetView[] = [];
  const targetIps: string[] = [];
  for (const g of groups) {
    for (const t of g.targets ?? []) {
      const isIp = g.targetType === 'ip' || IPV4.test(t.id) || t.id.includes(':');
      const pod = isIp ? env.podByIp(t.id) : undefined;
      if (isIp) targetIps.push(t.id);
      targets.push({
        id: t.id,
        port: t.port,
        health: t.state,
        reason: t.reason,
        podId: pod?.id ?? null,
        // An instance target is an EC2 node by definition.
        placement: pod ? pod.placement : isIp ? null : 'ec2',
      });
    }
  }
  targets.sort((a, b) => (a.id === b.id ? (a.port ?? 0) - (b.port ?? 0) : a.id < b.id ? -1 : 1));

  const targetType = targetTypeFrom(svc, env.bindings, groups);
  const fargateTargets = targets.filter((t) => t.placement === 'fargate').length;
  const object = `Service/${meta.namespace ?? ''}/${meta.name}`;
  const view: ServiceView = {
    id: meta.uid,
    namespace: meta.namespace ?? '',
    name: meta.name,
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIP ?? null,
    scheme: svc.spec?.type === 'LoadBalancer' || lb ? schemeFrom(svc, lb) : null,
    targetType: svc.spec?.type === 'LoadBalancer' || env.bindings.length > 0 ? targetType : null,
    hostname,
    ports: (svc.spec?.ports ?? []).map((p) => ({
      name: p.name ?? null,
      port: p.port,
      targetPort: p.targetPort === undefined ? null : String(p.targetPort),
      nodePort: p.nodePort ?? null,
      protocol: p.protocol ?? 'TCP',
    })),
    lbState: lb?.state ?? null,
    lbArn: lb?.arn ?? null,
    targets,
    healthyTargets: targets.filter((t) => t.health === 'healthy').length,
    unhealthyTargets: targets.filter((t) => t.health.startsWith('unhealthy')).length,
    backends: { ...env.backends },
    selector: svc.spec?.selector ?? {},
    createdAt: meta.creationTimestamp ?? '',
    findings: serviceFindings({ object, targetType, fargateBackends: Math.max(env.backends.fargate, fargateTargets) }),
  };
  return { view, targetIps };
}

/** Whether a service's selector picks these labels (an empty or missing selector picks nothing). */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([k, v]) => labels[k] === v);
}
