import { hexOf } from '../aws/ids';
import type { SimAwsState, SimLoadBalancer, SimTarget, SimTargetGroup } from '../aws/state';
import { k8sTime, type Obj, type Store, type WatchEvent } from '../store';
import { DELAYS, keyOf, splitKey, type Controller, type Runtime } from './runtime';
import { serviceSpec, type SimServicePort } from './services';

/**
 * The AWS Load Balancer Controller, NLB half. A Service of type LoadBalancer (the controller's
 * webhook claims them unless another loadBalancerClass is set) gets, after a delay, an NLB named
 * k8s-<ns8>-<svc8>-<hash10> in the scheme of its aws-load-balancer-scheme annotation (default
 * internal), a TCP listener and a target group per port (target type from
 * aws-load-balancer-nlb-target-type, default instance), a TargetGroupBinding per target group and the
 * NLB hostname in status.loadBalancer.ingress. Target health follows the backends: IP targets are the
 * pods' IPs (healthy when the pod is Ready, after a registration delay); instance targets are the EC2
 * nodes, which cannot reach Fargate pods (a Warning Event says so). Deleting the Service deletes it all.
 */

export const ANNOTATION_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
export const ANNOTATION_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
export const STACK_TAG = 'service.k8s.aws/stack';
const LB_CLASS = 'service.k8s.aws/nlb';

/** True for Services this controller owns. */
export function isManagedService(svc: Readonly<Obj>): boolean {
  const spec = svc.spec as { type?: string; loadBalancerClass?: string } | undefined;
  return spec?.type === 'LoadBalancer' && (spec.loadBalancerClass === undefined || spec.loadBalancerClass === LB_CLASS);
}

function clean(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, '');
}

/** k8s-<namespace, 8 chars>-<name, 8 chars>-<10 hex>, the controller's naming for NLBs and target groups. */
export function lbcName(namespace: string, name: string, salt: string): string {
  return `k8s-${clean(namespace).slice(0, 8)}-${clean(name).slice(0, 8)}-${hexOf(`${salt}/${namespace}/${name}`, 10)}`;
}

export function targetTypeOf(svc: Readonly<Obj>): 'ip' | 'instance' {
  return svc.metadata.annotations?.[ANNOTATION_TARGET_TYPE] === 'ip' ? 'ip' : 'instance';
}

export function schemeOf(svc: Readonly<Obj>): 'internet-facing' | 'internal' {
  return svc.metadata.annotations?.[ANNOTATION_SCHEME] === 'internet-facing' ? 'internet-facing' : 'internal';
}

/** Port the target group sends to: the pod port for IP targets, the nodePort for instance targets. */
function targetPort(p: SimServicePort, type: 'ip' | 'instance'): number {
  if (type === 'instance') return p.nodePort ?? p.port;
  if (typeof p.targetPort === 'number') return p.targetPort;
  if (typeof p.targetPort === 'string' && /^\d+$/.test(p.targetPort)) return Number(p.targetPort);
  return p.port;
}

/**
 * Creates the NLB record for a Service (scenarios pass the seed's name and DNS id). The NLB starts in
 * `state`; listeners and target groups are added by ensureTargetGroups.
 */
export function createLoadBalancer(
  aws: SimAwsState,
  svc: Readonly<Obj>,
  opts: { now: Date; name?: string; dnsId?: string; state?: SimLoadBalancer['state'] },
): SimLoadBalancer {
  const ns = svc.metadata.namespace ?? 'default';
  const name = opts.name ?? lbcName(ns, svc.metadata.name, `${aws.clusterName}/lb`);
  const identity = opts.dnsId
    ? {
        arn: `arn:aws:elasticloadbalancing:${aws.region}:${aws.accountId}:loadbalancer/net/${name}/${opts.dnsId}`,
        dnsName: `${name}-${opts.dnsId}.elb.${aws.region}.amazonaws.com`,
      }
    : aws.newLoadBalancerIdentity(name);
  const scheme = schemeOf(svc);
  const subnets = aws.network.subnets.filter((s) => (scheme === 'internet-facing' ? aws.isPublic(s.id) : !aws.isPublic(s.id)));
  const lb: SimLoadBalancer = {
    ...identity,
    name,
    createdAt: opts.now,
    scheme,
    state: opts.state ?? 'provisioning',
    type: 'network',
    zones: subnets.map((s) => ({ zone: s.az, subnetId: s.id })),
    securityGroups: [`sg-${hexOf(`${identity.arn}/frontend`, 17)}`, `sg-${hexOf(`${aws.clusterName}/backend`, 17)}`],
    tags: {
      'elbv2.k8s.aws/cluster': aws.clusterName,
      [STACK_TAG]: keyOf(ns, svc.metadata.name),
      'service.k8s.aws/resource': 'LoadBalancer',
    },
  };
  aws.putLoadBalancer(lb);
  return lb;
}

/**
 * Makes the NLB's listeners, target groups and TargetGroupBindings match the Service's ports, and
 * writes the hostname into the Service's status. Returns the target groups.
 */
export function ensureTargetGroups(aws: SimAwsState, store: Store, svc: Readonly<Obj>, lb: SimLoadBalancer, createdAt?: Date): SimTargetGroup[] {
  const ns = svc.metadata.namespace ?? 'default';
  const key = keyOf(ns, svc.metadata.name);
  const type = targetTypeOf(svc);
  const ports = serviceSpec(svc).ports ?? [];
  const existing = aws.targetGroupsOf(lb.arn);
  const keep: SimTargetGroup[] = [];
  for (const p of ports) {
    const resource = `${key}:${p.port}`;
    let tg = existing.find((t) => t.tags['service.k8s.aws/resource'] === resource);
    const port = targetPort(p, type);
    if (tg && (tg.targetType !== type || tg.port !== port)) {
      deleteTargetGroup(aws, store, ns, tg);
      tg = undefined;
    }
    if (!tg) {
      const name = lbcName(ns, svc.metadata.name, `${aws.clusterName}/tg/${p.port}/${type}`);
      tg = {
        arn: aws.newTargetGroupArn(name),
        name,
        protocol: p.protocol === 'UDP' ? 'UDP' : 'TCP',
        port,
        targetType: type,
        loadBalancerArns: [lb.arn],
        tags: { 'elbv2.k8s.aws/cluster': aws.clusterName, [STACK_TAG]: key, 'service.k8s.aws/resource': resource },
        targets: [],
      };
      aws.putTargetGroup(tg);
      aws.putListener({ arn: aws.newListenerArn(lb), loadBalancerArn: lb.arn, port: p.port, protocol: tg.protocol, targetGroupArn: tg.arn });
    }
    ensureBinding(aws, store, svc, tg, p, createdAt);
    keep.push(tg);
  }
  for (const tg of existing) if (!keep.includes(tg)) deleteTargetGroup(aws, store, ns, tg);
  store.mutate('Service', ns, svc.metadata.name, (o) => {
    const status = (o.status ?? {}) as { loadBalancer?: { ingress?: { hostname?: string }[] } };
    if (status.loadBalancer?.ingress?.[0]?.hostname !== lb.dnsName) o.status = { ...status, loadBalancer: { ingress: [{ hostname: lb.dnsName }] } };
    const finalizers = o.metadata.finalizers ?? [];
    if (!finalizers.includes('service.k8s.aws/resources')) o.metadata.finalizers = [...finalizers, 'service.k8s.aws/resources'];
  });
  return keep;
}

function ensureBinding(aws: SimAwsState, store: Store, svc: Readonly<Obj>, tg: SimTargetGroup, p: SimServicePort, createdAt?: Date): void {
  const ns = svc.metadata.namespace ?? 'default';
  if (store.getRaw('TargetGroupBinding', ns, tg.name)) return;
  store.create({
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'TargetGroupBinding',
    metadata: {
      name: tg.name,
      namespace: ns,
      ...(createdAt ? { creationTimestamp: k8sTime(createdAt) } : {}),
      labels: { 'service.k8s.aws/stack-name': svc.metadata.name, 'service.k8s.aws/stack-namespace': ns },
      annotations: {
        'elbv2.k8s.aws/checkpoint': hexOf(`${tg.arn}/checkpoint`, 43),
        'elbv2.k8s.aws/checkpoint-timestamp': String(Math.floor((createdAt ?? aws.now()).getTime() / 1000)),
      },
      finalizers: ['elbv2.k8s.aws/resources'],
    },
    spec: {
      ipAddressType: 'ipv4',
      networking: {
        ingress: [{ from: [{ securityGroup: { groupID: `sg-${hexOf(`${aws.clusterName}/backend`, 17)}` } }], ports: [{ port: tg.targetType === 'ip' ? tg.port : p.nodePort ?? tg.port, protocol: tg.protocol }] }],
      },
      serviceRef: { name: svc.metadata.name, port: p.port },
      targetGroupARN: tg.arn,
      targetType: tg.targetType,
      vpcID: aws.network.vpcId,
    },
    status: { observedGeneration: 1 },
  });
}

function deleteTargetGroup(aws: SimAwsState, store: Store, ns: string, tg: SimTargetGroup): void {
  for (const [k, l] of aws.listeners) if (l.targetGroupArn === tg.arn) aws.listeners.delete(k);
  aws.targetGroups.delete(tg.arn);
  store.delete('TargetGroupBinding', ns, tg.name);
}

/** Deletes a Service's NLB, listeners, target groups and TargetGroupBindings. */
export function deleteLoadBalancer(aws: SimAwsState, store: Store, ns: string, lb: SimLoadBalancer): void {
  for (const tg of aws.targetGroupsOf(lb.arn)) deleteTargetGroup(aws, store, ns, tg);
  aws.deleteLoadBalancer(lb.arn);
}

interface Backend {
  ip: string;
  nodeName: string | null;
  ready: boolean;
}

function backendsOf(store: Store, ns: string, name: string): Backend[] {
  const ep = store.getRaw('Endpoints', ns, name);
  const subsets = ((ep?.subsets ?? []) as { addresses?: { ip: string; nodeName?: string }[]; notReadyAddresses?: { ip: string; nodeName?: string }[] }[]);
  const out: Backend[] = [];
  for (const s of subsets) {
    for (const a of s.addresses ?? []) out.push({ ip: a.ip, nodeName: a.nodeName ?? null, ready: true });
    for (const a of s.notReadyAddresses ?? []) out.push({ ip: a.ip, nodeName: a.nodeName ?? null, ready: false });
  }
  return out;
}

function instanceIdOf(node: Readonly<Obj>): string | null {
  const id = (node.spec as { providerID?: string } | undefined)?.providerID?.split('/').pop();
  return id && id.startsWith('i-') ? id : null;
}

export function loadBalancerController(rt: Runtime): Controller {
  const { store, aws } = rt;
  const provisioning = new Set<string>();
  const registeredAt = new Map<string, number>();
  const deregisteredAt = new Map<string, number>();
  const recheck = new Set<string>();
  const warned = new Set<string>();

  const lbFor = (key: string) => aws.loadBalancerByTag(STACK_TAG, key);
  const enqueue = (key: string) => rt.queue.add(`lb:${key}`, () => reconcile(key));

  function reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = store.getRaw('Service', ns, name);
    const lb = lbFor(key);
    if (!svc || !isManagedService(svc)) {
      if (lb) deleteLoadBalancer(aws, store, ns, lb);
      return;
    }
    if (!lb) {
      const spec = serviceSpec(svc);
      // Instance targets need node ports; wait for them to be allocated.
      if (targetTypeOf(svc) === 'instance' && (spec.ports ?? []).some((p) => !p.nodePort)) return;
      if (provisioning.has(key)) return;
      provisioning.add(key);
      rt.timers.after(rt.delay(DELAYS.lbProvision), () => {
        provisioning.delete(key);
        const current = store.getRaw('Service', ns, name);
        if (!current || !isManagedService(current) || lbFor(key)) return enqueue(key);
        const created = createLoadBalancer(aws, current, { now: rt.ctx.now() });
        rt.timers.after(rt.delay(DELAYS.lbActive), () => {
          if (aws.loadBalancers.get(created.arn)?.state === 'provisioning') created.state = 'active';
        });
        rt.events.record(current as Obj, 'Normal', 'SuccessfullyReconciled', 'Successfully reconciled', 'service');
        enqueue(key);
      });
      return;
    }
    ensureTargetGroups(aws, store, svc, lb);
    syncTargets(key, svc, lb);
  }

  function syncTargets(key: string, svc: Readonly<Obj>, lb: SimLoadBalancer): void {
    const [ns, name] = splitKey(key);
    const now = rt.ctx.now().getTime();
    const regDelay = rt.delay(DELAYS.targetRegistration);
    const drainDelay = rt.delay(DELAYS.targetDraining);
    const backends = backendsOf(store, ns, name);
    let nextCheck = Infinity;
    for (const tg of aws.targetGroupsOf(lb.arn)) {
      const wanted: { id: string; az: string | null; ready: boolean }[] = [];
      if (tg.targetType === 'ip') {
        for (const b of backends) wanted.push({ id: b.ip, az: aws.subnetForIp(b.ip)?.az ?? null, ready: b.ready });
      } else {
        const ec2Ready = backends.some((b) => b.ready && b.nodeName && !b.nodeName.startsWith('fargate-'));
        for (const { obj: node } of store.listRaw('Node')) {
          if (node.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'fargate') continue;
          const id = instanceIdOf(node);
          if (!id) continue;
          const nodeReady = ((node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
          wanted.push({ id, az: node.metadata.labels?.['topology.kubernetes.io/zone'] ?? null, ready: nodeReady && ec2Ready });
        }
        const fargateOnly = backends.length > 0 && backends.every((b) => b.nodeName?.startsWith('fargate-'));
        if (fargateOnly && !warned.has(key)) {
          warned.add(key);
          rt.events.record(
            svc as Obj,
            'Warning',
            'InstanceTargetsOnFargate',
            `All backends of service ${key} run on Fargate, which instance targets cannot reach; set ${ANNOTATION_TARGET_TYPE}: ip`,
            'service',
          );
        } else if (!fargateOnly) warned.delete(key);
      }
      const targets: SimTarget[] = [];
      const wantedIds = new Set(wanted.map((w) => w.id));
      for (const w of wanted) {
        const tkey = `${tg.arn}|${w.id}`;
        deregisteredAt.delete(tkey);
        if (!registeredAt.has(tkey)) registeredAt.set(tkey, tg.targets.some((t) => t.id === w.id && t.state !== 'draining') ? -Infinity : now);
        const since = registeredAt.get(tkey)!;
        const settling = now - since < regDelay;
        if (settling) nextCheck = Math.min(nextCheck, since + regDelay);
        targets.push({
          id: w.id,
          port: tg.port,
          az: w.az,
          ...(settling
            ? w.ready
              ? { state: 'initial', reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' }
              : { state: 'initial', reason: 'Elb.InitialHealthChecking', description: 'Initial health checks in progress' }
            : w.ready
              ? { state: 'healthy', reason: null, description: null }
              : { state: 'unhealthy', reason: 'Target.FailedHealthChecks', description: 'Health checks failed' }),
        });
      }
      for (const t of tg.targets) {
        if (wantedIds.has(t.id)) continue;
        const tkey = `${tg.arn}|${t.id}`;
        registeredAt.delete(tkey);
        if (!deregisteredAt.has(tkey)) deregisteredAt.set(tkey, now);
        const until = deregisteredAt.get(tkey)! + drainDelay;
        if (now < until) {
          nextCheck = Math.min(nextCheck, until);
          targets.push({ ...t, state: 'draining', reason: 'Target.DeregistrationInProgress', description: 'Target deregistration is in progress' });
        } else deregisteredAt.delete(tkey);
      }
      tg.targets = targets;
    }
    if (nextCheck < Infinity && !recheck.has(key)) {
      recheck.add(key);
      rt.timers.after(nextCheck - now + 5, () => {
        recheck.delete(key);
        enqueue(key);
      });
    }
  }

  function onStore(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Service') {
      enqueue(keyOf(o.metadata.namespace, o.metadata.name));
    } else if (o.kind === 'Endpoints') {
      const key = keyOf(o.metadata.namespace, o.metadata.name);
      if (lbFor(key)) enqueue(key);
    } else if (o.kind === 'Node' && o.metadata.labels?.['eks.amazonaws.com/compute-type'] !== 'fargate' && ev.type !== 'MODIFIED') {
      for (const lb of aws.loadBalancers.values()) {
        const key = lb.tags[STACK_TAG];
        if (key && aws.targetGroupsOf(lb.arn).some((tg) => tg.targetType === 'instance')) enqueue(key);
      }
    }
  }

  return {
    onStore,
    start() {
      for (const { obj } of store.listRaw('Service')) if (isManagedService(obj)) enqueue(keyOf(obj.metadata.namespace, obj.metadata.name));
      // NLBs whose Service is gone (deleted while the simulator was not watching) are cleaned up too.
      for (const lb of aws.loadBalancers.values()) {
        const key = lb.tags[STACK_TAG];
        if (key) enqueue(key);
      }
    },
  };
}
