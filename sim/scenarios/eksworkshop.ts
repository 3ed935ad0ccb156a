import { hexOf } from '../aws/ids';
import type { FargateProfile } from '../aws/state';
import type { SimContext } from '../context';
import { k8sTime } from '../store';
import { lbcName, ANNOTATION_SCHEME, ANNOTATION_TARGET_TYPE } from '../controllers/loadbalancer';
import { deployment, endpoints, hoursAgo, namespace, nodegroup, provisionedNlb, service, type Ec2NodeRef, type PodPlacement } from './build';
import { apiServerService, coreDns, loadBalancerController, nodeDaemons, systemNamespaces } from './system';

/**
 * The seed's cluster (fixtures/seed/README.md): `eksworkshop` in ap-southeast-1, Kubernetes 1.28,
 * three private subnets, node group managed-ng with two t3.xlarge nodes, the AWS Load Balancer
 * Controller, Fargate profiles test2-fargate (namespace) and test3-mixed (namespace + runon=fargate),
 * and the three test namespaces with their nginx Deployments and internet-facing NLB Services with IP
 * targets. Names, addresses, hashes, cluster IPs, node ports and NLB hostnames are the seed's wherever
 * the seed shows them; the rest is generated from the seed number.
 *
 * Result: 12 pods on EC2 (coredns 2, aws-load-balancer-controller 2, aws-node 2, kube-proxy 2,
 * nginx-ec2nodegroup 2, nginx-mixed-ec2 2) and 4 on Fargate (nginx-fargate-pod 2,
 * nginx-mixed-fargate 2), 6 nodes (2 EC2 + 4 Fargate), 4 NLBs, and one ALB Ingress (class alb) in front of
 * nginx-mixed-fargate.
 */

const NGINX = 'public.ecr.aws/nginx/nginx:1.24-alpine-slim';
export const SEED_NODE_IPS = ['172.31.93.72', '172.31.53.43'];

const NLB_ANNOTATIONS = { [ANNOTATION_SCHEME]: 'internet-facing', [ANNOTATION_TARGET_TYPE]: 'ip' };

function nginxSpec(name: string, requests?: { cpu: string; memory: string }): Record<string, unknown> {
  return {
    containers: [
      {
        name,
        image: NGINX,
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        ...(requests ? { resources: { requests } } : {}),
      },
    ],
  };
}

function fargateProfile(ctx: SimContext, name: string, selector: { namespace: string; labels?: Record<string, string> }, createdAt: Date): FargateProfile {
  const { aws } = ctx;
  return aws.createFargateProfile(
    {
      fargateProfileName: name,
      podExecutionRoleArn: `arn:aws:iam::${aws.accountId}:role/eksctl-${aws.clusterName}-farga-FargatePodExecutionRole-${hexOf(`${name}/role`, 12).toUpperCase()}`,
      subnets: aws.cluster.subnetIds,
      selectors: [selector],
      tags: {},
    },
    { initialStatus: 'ACTIVE', createdAt },
  );
}

/** The seed's node group: managed-ng, 2 × t3.xlarge, labelled Name=managed-ng, tagged nodegroup-name. */
export function seedNodegroup(ctx: SimContext): Ec2NodeRef[] {
  return nodegroup(ctx, {
    name: 'managed-ng',
    instanceType: 't3.xlarge',
    createdAt: hoursAgo(ctx, 12.6),
    ips: SEED_NODE_IPS,
    labels: { Name: 'managed-ng' },
    tags: { 'nodegroup-name': 'managed-ng' },
    minSize: 2,
    maxSize: 2,
  });
}

/** The cluster, its node group and what EKS itself runs (namespaces, CoreDNS, VPC CNI, kube-proxy). */
export function baseCluster(ctx: SimContext): Ec2NodeRef[] {
  const clusterCreated = ctx.aws.cluster.createdAt;
  systemNamespaces(ctx, clusterCreated);
  apiServerService(ctx, clusterCreated);
  const nodes = seedNodegroup(ctx);
  coreDns(ctx, nodes, new Date(clusterCreated.getTime() + 6 * 60_000));
  nodeDaemons(ctx, nodes, hoursAgo(ctx, 12.55));
  return nodes;
}

export function loadEksworkshop(ctx: SimContext): void {
  const [nodeA, nodeB] = baseCluster(ctx);
  loadBalancerController(ctx, [nodeA, nodeB], hoursAgo(ctx, 12), '10.50.0.86');

  // Fargate profiles, created with eksctl as in the seed (test2 first, then test3).
  const test2Profile = fargateProfile(ctx, 'test2-fargate', { namespace: 'test2-fargate' }, hoursAgo(ctx, 11.2));
  const test3Profile = fargateProfile(ctx, 'test3-mixed', { namespace: 'test3-mixed', labels: { runon: 'fargate' } }, hoursAgo(ctx, 10.8));

  // test3-mixed: the seed shows every pod, address and NLB hostname.
  namespace(ctx, 'test3-mixed', hoursAgo(ctx, 11.05));
  const ec2Placements: PodPlacement[] = [
    { on: 'ec2', node: nodeA, ip: '172.31.85.129', name: '8fmng' },
    { on: 'ec2', node: nodeB, ip: '172.31.53.255', name: 'pz7rw' },
  ];
  deployment(ctx, {
    namespace: 'test3-mixed',
    name: 'nginx-mixed-ec2',
    labels: { app: 'nginx-mixed-ec2' },
    createdAt: hoursAgo(ctx, 11),
    hash: '5c68c7c8df',
    template: { labels: { app: 'nginx-mixed-ec2' }, spec: nginxSpec('nginx-mixed-ec2') },
    pods: ec2Placements,
  });
  deployment(ctx, {
    namespace: 'test3-mixed',
    name: 'nginx-mixed-fargate',
    labels: { app: 'nginx-mixed-fargate', runon: 'fargate' },
    createdAt: hoursAgo(ctx, 10),
    hash: '747577644f',
    template: { labels: { app: 'nginx-mixed-fargate', runon: 'fargate' }, spec: nginxSpec('nginx-mixed-fargate', { cpu: '1', memory: '1750M' }) },
    pods: [
      { on: 'fargate', profile: test3Profile, ip: '172.31.61.98', name: '9lnlt' },
      { on: 'fargate', profile: test3Profile, ip: '172.31.84.94', name: 'n2f2x' },
    ],
    startDelayMinutes: 2,
  });

  // test2-fargate: the whole namespace runs on Fargate.
  namespace(ctx, 'test2-fargate', hoursAgo(ctx, 11.15));
  deployment(ctx, {
    namespace: 'test2-fargate',
    name: 'nginx-fargate-pod',
    labels: { app: 'nginx-fargate-pod' },
    createdAt: hoursAgo(ctx, 3),
    hash: '75fcf896d5',
    template: { labels: { app: 'nginx-fargate-pod' }, spec: nginxSpec('nginx-fargate-pod', { cpu: '0.5', memory: '750M' }) },
    pods: [
      { on: 'fargate', profile: test2Profile, ip: '172.31.55.250', name: '2qxz9' },
      { on: 'fargate', profile: test2Profile, ip: '172.31.67.70', name: 'wpdjl' },
    ],
    startDelayMinutes: 2,
  });

  // test1-ec2nodegroup: no Fargate profile, so everything lands on the node group.
  namespace(ctx, 'test1-ec2nodegroup', hoursAgo(ctx, 11.6));
  deployment(ctx, {
    namespace: 'test1-ec2nodegroup',
    name: 'nginx-ec2nodegroup',
    labels: { app: 'nginx-ec2nodegroup' },
    createdAt: hoursAgo(ctx, 11.5),
    template: { labels: { app: 'nginx-ec2nodegroup' }, spec: nginxSpec('nginx-ec2nodegroup') },
    pods: [
      { on: 'ec2', node: nodeA },
      { on: 'ec2', node: nodeB },
    ],
  });

  const services: { ns: string; name: string; hours: number; ip: string; nodePort: number; app: string; labels?: Record<string, string>; nlb?: string; dnsId?: string }[] = [
    { ns: 'test1-ec2nodegroup', name: 'nginx-ec2nodegroup', hours: 11.5, ip: '10.50.0.149', nodePort: 32097, app: 'nginx-ec2nodegroup' },
    { ns: 'test2-fargate', name: 'nginx-fargate-pod', hours: 11.1, ip: '10.50.0.201', nodePort: 30614, app: 'nginx-fargate-pod' },
    { ns: 'test3-mixed', name: 'nginx-mixed-ec2', hours: 11, ip: '10.50.0.17', nodePort: 31500, app: 'nginx-mixed-ec2', nlb: 'k8s-test3mix-nginxmix-61febb02e3', dnsId: 'ae45b4239866c787' },
    {
      ns: 'test3-mixed',
      name: 'nginx-mixed-fargate',
      hours: 10,
      ip: '10.50.0.113',
      nodePort: 31839,
      app: 'nginx-mixed-fargate',
      labels: { runon: 'fargate' },
      nlb: 'k8s-test3mix-nginxmix-9c4bce1473',
      dnsId: '4ae758d1b8d8bc46',
    },
  ];
  for (const s of services) {
    const createdAt = hoursAgo(ctx, s.hours);
    const svc = service(ctx, {
      namespace: s.ns,
      name: s.name,
      createdAt,
      type: 'LoadBalancer',
      clusterIP: s.ip,
      selector: { app: s.app },
      labels: s.labels,
      annotations: NLB_ANNOTATIONS,
      ports: [{ port: 80, targetPort: 80, nodePort: s.nodePort }],
    });
    endpoints(ctx, svc);
    provisionedNlb(ctx, svc, {
      name: s.nlb ?? lbcName(s.ns, s.name, `${ctx.aws.clusterName}/lb`),
      dnsId: s.dnsId ?? hexOf(`${ctx.aws.clusterName}/${s.ns}/${s.name}/dns`, 16),
      createdAt: new Date(createdAt.getTime() + 40_000),
    });
  }

  // An ALB Ingress in front of the mixed namespace's Fargate service (no controller acts on it yet).
  ctx.store.create({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'nginx-mixed-fargate',
      namespace: 'test3-mixed',
      creationTimestamp: k8sTime(hoursAgo(ctx, 9.5)),
      annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip' },
    },
    spec: {
      ingressClassName: 'alb',
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'nginx-mixed-fargate', port: { number: 80 } } } }] } }],
    },
    status: { loadBalancer: {} },
  });
}
