import type { FargateProfile } from '../aws/state';
import type { SimContext } from '../context';
import { ANNOTATION_SCHEME, ANNOTATION_TARGET_TYPE } from '../controllers/loadbalancer';
import { deployment, endpoints, hoursAgo, namespace, nodegroup, provisionedNlb, service, type Ec2NodeRef, type PodPlacement } from './build';
import { ec2NodeClass, nodePool } from '../controllers/karpenter-objects';
import { apiServerService, coreDns, systemNamespaces } from './system';

/**
 * A mixed cluster as it runs in 2026, in ap-southeast-1: a managed node group `system` for CoreDNS; Karpenter
 * NodePools `general` (On-Demand x86), `spot-arm` (Spot Graviton) and `spot-x86` (Spot x86); an EKS Auto Mode pool
 * `general-purpose`; Fargate profiles `fp-web` (namespace web, label compute=fargate) and `fp-batch` (namespace
 * batch); about 270 pods in web, analytics, platform and batch, and one NLB in front of the web frontend.
 */

interface Workload {
  namespace: string;
  name: string;
  replicas: number;
  requests: { cpu: string; memory: string };
  /** The pool's nodes (filled in turn, at most `perNode` pods each) or a Fargate profile. */
  on: Ec2NodeRef[] | FargateProfile;
  labels?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  hoursAgo: number;
}

export function loadModern(ctx: SimContext): void {
  const { aws } = ctx;
  const created = aws.cluster.createdAt;
  systemNamespaces(ctx, created);
  apiServerService(ctx, created);

  const system = nodegroup(ctx, { name: 'system', instanceType: 'm5.large', createdAt: hoursAgo(ctx, 12.8), count: 2, minSize: 2, maxSize: 3 });
  coreDns(ctx, system, new Date(created.getTime() + 6 * 60_000));

  ec2NodeClass(ctx, hoursAgo(ctx, 12.5));
  const general = nodePool(ctx, { name: 'general', launcher: 'karpenter', capacityType: 'on-demand', arch: 'amd64', instanceTypes: ['m5.xlarge', 'm6i.large'], nodes: 3, createdAt: hoursAgo(ctx, 12), cpuLimit: '100', weight: 10 });
  const spotArm = nodePool(ctx, { name: 'spot-arm', launcher: 'karpenter', capacityType: 'spot', arch: 'arm64', instanceTypes: ['m6g.large', 'c6g.xlarge'], nodes: 4, createdAt: hoursAgo(ctx, 11), cpuLimit: '200', weight: 50 });
  const spotX86 = nodePool(ctx, { name: 'spot-x86', launcher: 'karpenter', capacityType: 'spot', arch: 'amd64', instanceTypes: ['c6a.large', 'c5.large'], nodes: 2, createdAt: hoursAgo(ctx, 10.5), cpuLimit: '100', weight: 40 });
  const auto = nodePool(ctx, { name: 'general-purpose', launcher: 'auto', capacityType: 'on-demand', arch: 'amd64', instanceTypes: ['c6a.large'], nodes: 2, createdAt: hoursAgo(ctx, 10) });

  const role = `arn:aws:iam::${aws.accountId}:role/${aws.clusterName}-fargate-pod-execution`;
  const fpWeb = aws.createFargateProfile(
    { fargateProfileName: 'fp-web', podExecutionRoleArn: role, subnets: aws.cluster.subnetIds, selectors: [{ namespace: 'web', labels: { compute: 'fargate' } }], tags: {} },
    { initialStatus: 'ACTIVE', createdAt: hoursAgo(ctx, 9) },
  );
  const fpBatch = aws.createFargateProfile(
    { fargateProfileName: 'fp-batch', podExecutionRoleArn: role, subnets: aws.cluster.subnetIds, selectors: [{ namespace: 'batch' }], tags: {} },
    { initialStatus: 'ACTIVE', createdAt: hoursAgo(ctx, 9) },
  );
  for (const ns of ['web', 'analytics', 'platform', 'batch']) namespace(ctx, ns, hoursAgo(ctx, 9.5), { team: ns });

  const workloads: Workload[] = [
    { namespace: 'web', name: 'frontend', replicas: 45, requests: { cpu: '100m', memory: '128Mi' }, on: general, hoursAgo: 8 },
    { namespace: 'web', name: 'cache', replicas: 30, requests: { cpu: '50m', memory: '64Mi' }, on: spotX86, nodeSelector: { 'karpenter.sh/capacity-type': 'spot', 'kubernetes.io/arch': 'amd64' }, hoursAgo: 7 },
    { namespace: 'web', name: 'api', replicas: 40, requests: { cpu: '250m', memory: '512Mi' }, on: fpWeb, labels: { compute: 'fargate' }, hoursAgo: 6 },
    { namespace: 'analytics', name: 'worker', replicas: 80, requests: { cpu: '50m', memory: '96Mi' }, on: spotArm, nodeSelector: { 'karpenter.sh/capacity-type': 'spot', 'kubernetes.io/arch': 'arm64' }, hoursAgo: 5 },
    { namespace: 'platform', name: 'gateway', replicas: 30, requests: { cpu: '50m', memory: '64Mi' }, on: auto, nodeSelector: { 'eks.amazonaws.com/compute-type': 'auto' }, hoursAgo: 4 },
    { namespace: 'batch', name: 'etl', replicas: 30, requests: { cpu: '1', memory: '1750M' }, on: fpBatch, hoursAgo: 3 },
  ];
  const used = new Map<string, number>();
  // Round-robin over a pool's nodes, as the default scheduler spreads replicas: every launched node runs pods (an
  // empty one would be consolidated away at once).
  const place = (nodes: Ec2NodeRef[], perNode: number, r: number): Ec2NodeRef => {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[(r + i) % nodes.length];
      const k = used.get(n.name) ?? 0;
      if (k < perNode) {
        used.set(n.name, k + 1);
        return n;
      }
    }
    throw new Error(`modern scenario: pool of ${nodes.length} nodes is full`);
  };
  for (const w of workloads) {
    const pods: PodPlacement[] = [];
    for (let r = 0; r < w.replicas; r++) pods.push(Array.isArray(w.on) ? { on: 'ec2', node: place(w.on, 24, r) } : { on: 'fargate', profile: w.on });
    const labels = { app: w.name, ...w.labels };
    deployment(ctx, {
      namespace: w.namespace,
      name: w.name,
      createdAt: hoursAgo(ctx, w.hoursAgo),
      template: {
        labels,
        spec: {
          ...(w.nodeSelector ? { nodeSelector: w.nodeSelector } : {}),
          containers: [{ name: w.name, image: 'public.ecr.aws/nginx/nginx:1.27-alpine-slim', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: w.requests } }],
        },
      },
      pods,
    });
  }

  const createdAt = hoursAgo(ctx, 7.5);
  const svc = service(ctx, {
    namespace: 'web',
    name: 'frontend',
    createdAt,
    type: 'LoadBalancer',
    clusterIP: aws.cluster.serviceIpv4Cidr.replace(/\.\d+\/\d+$/, '.40'),
    selector: { app: 'frontend' },
    annotations: { [ANNOTATION_SCHEME]: 'internet-facing', [ANNOTATION_TARGET_TYPE]: 'ip' },
    ports: [{ port: 80, targetPort: 80, nodePort: 31080 }],
  });
  endpoints(ctx, svc);
  provisionedNlb(ctx, svc, { createdAt: new Date(createdAt.getTime() + 60_000) });
}
