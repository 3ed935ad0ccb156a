import { hexOf } from '../aws/ids';
import type { FargateProfile, Instance, Nodegroup, SimTargetGroup } from '../aws/state';
import type { SimContext } from '../context';
import { createLoadBalancer, ensureTargetGroups } from '../controllers/loadbalancer';
import {
  DEFAULT_SCHEDULER,
  ec2Node,
  FARGATE_SCHEDULER,
  fargateNode,
  fargateNodeName,
  PROFILE_LABEL,
  runningStatus,
  SYSTEM_NODE_CRITICAL,
} from '../controllers/objects';
import { buildEndpoints } from '../controllers/services';
import { defaultPodSpec, podTemplateHash } from '../controllers/workloads';
import { fargateFit, type FargateFit, type PodSpecShape } from '../rules/fargate-sizing';
import { k8sTime, type Obj } from '../store';

/**
 * Building blocks for scenarios: objects written straight into the store (already scheduled and
 * Running, with their creation times in the past) and the matching AWS records, so a scenario is
 * ready the moment it loads and the controllers find nothing to fix.
 */

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function hoursAgo(ctx: SimContext, hours: number): Date {
  return new Date(ctx.now().getTime() - hours * 3600_000);
}

/** A 5-character generateName-style suffix from the context's generator. */
export function suffix(ctx: SimContext, len = 5): string {
  let s = '';
  for (let i = 0; i < len; i++) s += SUFFIX_ALPHABET[Math.floor(ctx.rng() * SUFFIX_ALPHABET.length)];
  return s;
}

export function namespace(ctx: SimContext, name: string, createdAt: Date, labels: Record<string, string> = {}): void {
  ctx.store.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, creationTimestamp: k8sTime(createdAt), labels: { 'kubernetes.io/metadata.name': name, ...labels } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}

export interface Ec2NodeRef {
  name: string;
  ip: string;
  az: string;
  subnetId: string;
  instanceId: string;
}

/**
 * A managed node group: the EKS record, one EC2 instance and one Ready Node per address. `ips` pins
 * node addresses (the seed's); otherwise `count` addresses are drawn round-robin from the private subnets.
 */
export function nodegroup(
  ctx: SimContext,
  opts: { name: string; instanceType: string; createdAt: Date; ips?: string[]; count?: number; labels?: Record<string, string>; tags?: Record<string, string>; minSize?: number; maxSize?: number },
): Ec2NodeRef[] {
  const { aws, store } = ctx;
  const privateSubnets = aws.privateSubnets();
  const amiId = `ami-${hexOf(`${aws.region}/ami/${opts.instanceType}`, 17)}`;
  const launchTemplateId = `lt-${hexOf(`${aws.clusterName}/${opts.name}/lt`, 17)}`;
  const ng: Omit<Nodegroup, 'arn'> = {
    name: opts.name,
    createdAt: opts.createdAt,
    modifiedAt: opts.createdAt,
    status: 'ACTIVE',
    capacityType: 'ON_DEMAND',
    minSize: opts.minSize ?? opts.ips?.length ?? opts.count ?? 0,
    maxSize: opts.maxSize ?? opts.ips?.length ?? opts.count ?? 0,
    desiredSize: opts.ips?.length ?? opts.count ?? 0,
    instanceTypes: [opts.instanceType],
    subnets: privateSubnets.map((s) => s.id),
    amiType: 'AL2_x86_64',
    releaseVersion: '1.28.15-20250212',
    nodeRole: `arn:aws:iam::${aws.accountId}:role/eksctl-${aws.clusterName}-nodegroup-${opts.name}-NodeInstanceRole-${hexOf(`${opts.name}/role`, 12).toUpperCase()}`,
    labels: { 'alpha.eksctl.io/cluster-name': aws.clusterName, 'alpha.eksctl.io/nodegroup-name': opts.name, ...opts.labels },
    launchTemplate: { name: `eksctl-${aws.clusterName}-nodegroup-${opts.name}`, version: '1', id: launchTemplateId },
    autoScalingGroup: `eks-${opts.name}-${hexOf(`${aws.clusterName}/${opts.name}/asg`, 8)}-${hexOf(`${opts.name}/asg2`, 4)}`,
    tags: { 'alpha.eksctl.io/cluster-name': aws.clusterName, 'alpha.eksctl.io/nodegroup-name': opts.name, 'alpha.eksctl.io/nodegroup-type': 'managed', ...opts.tags },
  };
  aws.addNodegroup(ng);
  const ips: string[] = opts.ips ? [...opts.ips] : [];
  for (let i = ips.length; i < (opts.count ?? 0); i++) {
    const subnet = privateSubnets[i % privateSubnets.length];
    const ip = aws.allocateIp(subnet.id, ctx.rng);
    if (!ip) throw new Error(`subnet ${subnet.id} has no free address for node ${i} of ${opts.name}`);
    ips.push(ip);
  }
  const now = ctx.now();
  return ips.map((ip, i) => {
    const subnet = opts.ips ? aws.reserveIp(ip) : aws.subnetForIp(ip)!;
    const instanceId = `i-0${hexOf(`${aws.clusterName}/${opts.name}/instance/${i}`, 16)}`;
    const instance: Instance = {
      instanceId,
      imageId: amiId,
      instanceType: opts.instanceType,
      az: subnet.az,
      subnetId: subnet.id,
      privateIp: ip,
      privateDnsName: `ip-${ip.replace(/\./g, '-')}.${aws.region === 'us-east-1' ? 'ec2.internal' : `${aws.region}.compute.internal`}`,
      launchTime: opts.createdAt,
      reservationId: `r-0${hexOf(`${instanceId}/reservation`, 16)}`,
      securityGroupIds: [aws.network.clusterSecurityGroupId],
      tags: {
        Name: `${aws.clusterName}-${opts.name}-Node`,
        'eks:cluster-name': aws.clusterName,
        'eks:nodegroup-name': opts.name,
        'aws:autoscaling:groupName': ng.autoScalingGroup,
        [`kubernetes.io/cluster/${aws.clusterName}`]: 'owned',
        'k8s.io/cluster-autoscaler/enabled': 'true',
        ...opts.tags,
      },
    };
    aws.addInstance(instance);
    const node = ec2Node({
      ip,
      region: aws.region,
      az: subnet.az,
      zoneId: subnet.azId,
      instanceId,
      instanceType: opts.instanceType,
      nodegroup: opts.name,
      amiId,
      launchTemplateId,
      createdAt: opts.createdAt,
      now,
      extraLabels: ng.labels,
    });
    store.create(node);
    return { name: node.metadata.name!, ip, az: subnet.az, subnetId: subnet.id, instanceId };
  });
}

/** Where one pod of a workload runs. */
export type PodPlacement =
  | { on: 'ec2'; node: Ec2NodeRef; ip?: string; name?: string }
  | { on: 'fargate'; profile: FargateProfile; ip?: string; subnetId?: string; name?: string };

export interface WorkloadInput {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  createdAt: Date;
  /** Pod template: labels, optional annotations, and the pod spec. */
  template: { labels: Record<string, string>; annotations?: Record<string, string>; spec: Record<string, unknown> };
  /** The seed's pod-template-hash; computed from the template otherwise. */
  hash?: string;
  pods: PodPlacement[];
  /** Pods start this many minutes after the workload was created. */
  startDelayMinutes?: number;
}

function ownerRef(o: Obj) {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/**
 * A Deployment with its ReplicaSet and Running pods, exactly as the controllers would leave them
 * (status, conditions, revision annotations), so they write nothing when they start.
 */
export function deployment(ctx: SimContext, w: WorkloadInput): Obj[] {
  const { store } = ctx;
  const replicas = w.pods.length;
  const templateMeta = { labels: w.template.labels, ...(w.template.annotations ? { annotations: w.template.annotations } : {}) };
  const template = { metadata: templateMeta, spec: w.template.spec };
  const hash = w.hash ?? podTemplateHash(template);
  const created = k8sTime(w.createdAt);
  const rsName = `${w.name}-${hash}`;
  const condition = (type: string, reason: string, message: string) => ({ type, status: 'True', lastUpdateTime: created, lastTransitionTime: created, reason, message });
  const dep = store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: w.name,
      namespace: w.namespace,
      creationTimestamp: created,
      labels: w.labels ?? { ...w.template.labels },
      annotations: { 'deployment.kubernetes.io/revision': '1', ...w.annotations },
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...w.template.labels } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      ...(replicas > 0 ? { replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas } : {}),
      conditions: [
        condition('Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
        condition('Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`),
      ],
    },
  });
  const rsLabels = { ...w.template.labels, 'pod-template-hash': hash };
  const rs = store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: w.namespace,
      creationTimestamp: created,
      labels: rsLabels,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas * 0.25)),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [ownerRef(dep)],
    },
    spec: { replicas, selector: { matchLabels: { ...w.template.labels, 'pod-template-hash': hash } }, template: { ...template, metadata: { ...templateMeta, labels: rsLabels } } },
    status: { replicas, fullyLabeledReplicas: replicas, observedGeneration: 1, ...(replicas > 0 ? { readyReplicas: replicas, availableReplicas: replicas } : {}) },
  });
  const startedAt = new Date(w.createdAt.getTime() + (w.startDelayMinutes ?? 1) * 60_000);
  // Every pod of a Deployment has the same spec, so it is defaulted and sized once (the store copies what it stores).
  const podSpec = defaultPodSpec(JSON.parse(JSON.stringify(w.template.spec)) as Record<string, unknown>);
  const sizing = w.pods.some((p) => p.on === 'fargate') ? fargateFit(podSpec as PodSpecShape) : undefined;
  const used = new Set(w.pods.map((p) => p.name).filter((n): n is string => !!n));
  const nameFor = (p: PodPlacement) => {
    if (p.name) return p.name;
    let n = suffix(ctx);
    for (let i = 0; i < 10 && used.has(n); i++) n = suffix(ctx);
    used.add(n);
    return n;
  };
  return w.pods.map((p) =>
    runningPod(ctx, {
      namespace: w.namespace,
      name: `${rsName}-${nameFor(p)}`,
      labels: rsLabels,
      annotations: w.template.annotations,
      spec: podSpec,
      specDefaulted: true,
      owner: rs,
      placement: p,
      createdAt: w.createdAt,
      startedAt,
      sizing,
    }),
  );
}

/**
 * One Running pod on EC2 or Fargate. Fargate pods get what EKS's webhook and scheduler write (scheduler,
 * profile label, system-node-critical, CapacityProvisioned from sim/rules) and their own node.
 */
export function runningPod(
  ctx: SimContext,
  p: {
    namespace: string;
    name: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    spec: Record<string, unknown>;
    /** True when `spec` already has the API defaults (it is then only copied shallowly). */
    specDefaulted?: boolean;
    owner: Obj | { apiVersion: string; kind: string; name: string; uid: string };
    placement: PodPlacement;
    createdAt: Date;
    startedAt: Date;
    /** The pod's sizing when the caller already has it. */
    sizing?: FargateFit;
  },
): Obj {
  const { aws, store } = ctx;
  const spec = p.specDefaulted ? { ...p.spec } : defaultPodSpec(JSON.parse(JSON.stringify(p.spec)) as Record<string, unknown>);
  const labels = { ...p.labels };
  const annotations: Record<string, string> = { ...p.annotations };
  let hostIP: string;
  let podIP: string;
  const pl = p.placement;
  if (pl.on === 'ec2') {
    hostIP = pl.node.ip;
    if (spec.hostNetwork) podIP = hostIP;
    else if (pl.ip) {
      aws.reserveIp(pl.ip);
      podIP = pl.ip;
    } else {
      const ip = aws.allocateIp(pl.node.subnetId, ctx.rng);
      if (!ip) throw new Error(`subnet ${pl.node.subnetId} is full: no address for pod ${p.namespace}/${p.name}`);
      podIP = ip;
    }
    spec.nodeName = pl.node.name;
    spec.schedulerName = spec.schedulerName ?? DEFAULT_SCHEDULER;
  } else {
    const sizing = p.sizing ?? fargateFit(spec as PodSpecShape);
    if (!sizing.size || !sizing.capacityProvisioned) throw new Error(`pod ${p.namespace}/${p.name} is too large for Fargate`);
    let subnet = pl.subnetId;
    let ip = pl.ip;
    if (ip) subnet = aws.reserveIp(ip).id;
    else {
      subnet = subnet ?? pl.profile.subnets[Math.floor(ctx.rng() * pl.profile.subnets.length)];
      ip = aws.allocateIp(subnet, ctx.rng) ?? undefined;
      if (!ip) throw new Error(`subnet ${subnet} is full: no address for Fargate pod ${p.namespace}/${p.name}`);
    }
    hostIP = podIP = ip;
    const az = aws.subnet(subnet!)?.az ?? `${aws.region}a`;
    store.create(fargateNode(ip, aws.region, az, sizing.size, new Date(p.startedAt.getTime() - 30_000), ctx.now()));
    spec.nodeName = fargateNodeName(ip, aws.region);
    spec.schedulerName = FARGATE_SCHEDULER;
    spec.priorityClassName = 'system-node-critical';
    spec.priority = SYSTEM_NODE_CRITICAL;
    labels[PROFILE_LABEL] = pl.profile.name;
    annotations.CapacityProvisioned = sizing.capacityProvisioned;
    annotations.Logging = 'LoggingDisabled: LOGGING_CONFIGMAP_NOT_FOUND';
  }
  const owner = 'metadata' in p.owner ? ownerRef(p.owner as Obj) : { ...p.owner, controller: true, blockOwnerDeletion: true };
  const body = {
    apiVersion: 'v1',
    kind: 'Pod' as const,
    metadata: {
      name: p.name,
      namespace: p.namespace,
      creationTimestamp: k8sTime(p.createdAt),
      generateName: p.name.replace(/[^-]+$/, ''),
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [owner],
    },
    spec,
  };
  const status = runningStatus(body as unknown as Obj, { hostIP, podIP, startedAt: p.startedAt, scheduledAt: new Date(p.createdAt.getTime() + 2000) });
  return store.create({ ...body, status });
}

/** A Service as `kubectl apply` leaves it, with a fixed clusterIP and node ports (the seed's values when known). */
export function service(
  ctx: SimContext,
  s: {
    namespace: string;
    name: string;
    createdAt: Date;
    type: 'ClusterIP' | 'LoadBalancer';
    clusterIP: string;
    selector: Record<string, string>;
    ports: { name?: string; port: number; targetPort: number | string; protocol?: string; nodePort?: number }[];
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  },
): Obj {
  const lb = s.type === 'LoadBalancer';
  return ctx.store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: s.name,
      namespace: s.namespace,
      creationTimestamp: k8sTime(s.createdAt),
      ...(s.labels ? { labels: s.labels } : {}),
      ...(s.annotations ? { annotations: s.annotations } : {}),
    },
    spec: {
      ports: s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort, ...(lb && p.nodePort ? { nodePort: p.nodePort } : {}) })),
      selector: s.selector,
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      type: s.type,
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ...(lb ? { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true } : {}),
    },
    status: { loadBalancer: {} },
  });
}

/** Endpoints for a Service from the pods already in its namespace. */
export function endpoints(ctx: SimContext, svc: Obj): void {
  const body = buildEndpoints(svc, ctx.store.listRaw('Pod', svc.metadata.namespace).map((e) => e.obj));
  if (body) ctx.store.create({ ...body, metadata: { ...body.metadata, creationTimestamp: svc.metadata.creationTimestamp } });
}

/**
 * A provisioned, active NLB for a LoadBalancer Service: listeners, target groups, TargetGroupBindings,
 * the hostname in the Service status, and healthy targets for the Ready backends.
 */
export function provisionedNlb(ctx: SimContext, svc: Obj, opts: { name?: string; dnsId?: string; createdAt: Date }): SimTargetGroup[] {
  const lb = createLoadBalancer(ctx.aws, svc, { now: opts.createdAt, name: opts.name, dnsId: opts.dnsId, state: 'active' });
  const fresh = ctx.store.getRaw('Service', svc.metadata.namespace ?? null, svc.metadata.name) ?? svc;
  const tgs = ensureTargetGroups(ctx.aws, ctx.store, fresh, lb, opts.createdAt);
  const ep = ctx.store.getRaw('Endpoints', svc.metadata.namespace ?? null, svc.metadata.name);
  const subsets = ((ep?.subsets ?? []) as { addresses?: { ip: string }[] }[]);
  const ips = subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  for (const tg of tgs) {
    if (tg.targetType !== 'ip') continue;
    tg.targets = ips.map((ip) => ({ id: ip, port: tg.port, az: ctx.aws.subnetForIp(ip)?.az ?? null, state: 'healthy', reason: null, description: null }));
  }
  return tgs;
}
