import type { FargateProfile } from '../aws/state';
import type { SimContext } from '../context';
import { ANNOTATION_SCHEME, ANNOTATION_TARGET_TYPE } from '../controllers/loadbalancer';
import { deployment, endpoints, hoursAgo, namespace, nodegroup, provisionedNlb, service, type Ec2NodeRef, type PodPlacement } from './build';
import { apiServerService, coreDns, systemNamespaces } from './system';

/**
 * A large mixed cluster for load tests: `ctx.nodes` EC2 nodes (default 1,000) in two managed node
 * groups and `ctx.pods` workload pods (default 10,000) in Deployments of 10 over 50 namespaces
 * team-00…team-49, with 10 Fargate profiles fp-00…fp-09. Profile k takes namespace team-(5k) whole and
 * the pods labelled compute=fargate in team-(5k+1), so about 30% of the pods run on Fargate, each on
 * its own node. Every namespace has one internet-facing NLB Service with IP targets. Everything is
 * written directly, already scheduled and Running, in O(pods + nodes); the same seed gives the same cluster.
 * Extra: CoreDNS (2 pods) in kube-system.
 */

const REPLICAS = 10;
const NAMESPACES = 50;
const PROFILES = 10;
const EC2_REQUESTS = [
  { cpu: '100m', memory: '128Mi' },
  { cpu: '250m', memory: '256Mi' },
  { cpu: '200m', memory: '512Mi' },
  { cpu: '50m', memory: '64Mi' },
];
// Requests that exercise the Fargate sizing table (0.5/750M is the seed's test2 pod).
const FARGATE_REQUESTS = [
  { cpu: '250m', memory: '512Mi' },
  { cpu: '0.5', memory: '750M' },
  { cpu: '1', memory: '1750M' },
  { cpu: '2', memory: '3.75Gi' },
  { cpu: '500m', memory: '1Gi' },
];

const pad = (n: number) => String(n).padStart(2, '0');

export function loadScale(ctx: SimContext): void {
  const { aws } = ctx;
  const nodeCount = Math.max(2, Math.floor(ctx.nodes));
  const podCount = Math.max(0, Math.floor(ctx.pods));
  const clusterCreated = aws.cluster.createdAt;
  systemNamespaces(ctx, clusterCreated);
  apiServerService(ctx, clusterCreated);

  const half = Math.ceil(nodeCount / 2);
  const nodes: Ec2NodeRef[] = [
    ...nodegroup(ctx, { name: 'ng-general', instanceType: 'm5.xlarge', createdAt: hoursAgo(ctx, 12.5), count: half, minSize: 1, maxSize: half * 2 }),
    ...nodegroup(ctx, { name: 'ng-compute', instanceType: 'm5.2xlarge', createdAt: hoursAgo(ctx, 12.4), count: nodeCount - half, minSize: 1, maxSize: nodeCount }),
  ];
  coreDns(ctx, nodes, new Date(clusterCreated.getTime() + 6 * 60_000));

  const profiles: FargateProfile[] = [];
  for (let k = 0; k < PROFILES; k++) {
    profiles.push(
      aws.createFargateProfile(
        {
          fargateProfileName: `fp-${pad(k)}`,
          podExecutionRoleArn: `arn:aws:iam::${aws.accountId}:role/${aws.clusterName}-fargate-pod-execution`,
          selectors: [{ namespace: `team-${pad(k * 5)}` }, { namespace: `team-${pad(k * 5 + 1)}`, labels: { compute: 'fargate' } }],
        },
        { initialStatus: 'ACTIVE', createdAt: hoursAgo(ctx, 12) },
      ),
    );
  }
  for (let i = 0; i < NAMESPACES; i++) namespace(ctx, `team-${pad(i)}`, hoursAgo(ctx, 12), { team: `team-${pad(i)}` });

  let cursor = 0;
  const perNode = new Map<string, number>();
  // Round-robin over nodes, skipping full ones (pods stay well below allocatable with these requests).
  const nextNode = (): Ec2NodeRef => {
    for (let tries = 0; tries < nodes.length; tries++) {
      const n = nodes[cursor++ % nodes.length];
      if ((perNode.get(n.name) ?? 0) < 50) {
        perNode.set(n.name, (perNode.get(n.name) ?? 0) + 1);
        return n;
      }
    }
    throw new Error(`scale scenario: ${nodes.length} nodes cannot hold ${podCount} pods`);
  };

  const firstApp = new Map<number, string>();
  const deployments = Math.ceil(podCount / REPLICAS);
  for (let d = 0; d < deployments; d++) {
    const nsIndex = d % NAMESPACES;
    const ns = `team-${pad(nsIndex)}`;
    const replicas = Math.min(REPLICAS, podCount - d * REPLICAS);
    const round = Math.floor(d / NAMESPACES);
    const profile = nsIndex % 5 === 0 || (nsIndex % 5 === 1 && round % 2 === 0) ? profiles[Math.floor(nsIndex / 5)] : undefined;
    const app = `app-${String(d).padStart(4, '0')}`;
    const labels: Record<string, string> = { app, team: ns, ...(profile && nsIndex % 5 === 1 ? { compute: 'fargate' } : {}) };
    const requests = profile ? FARGATE_REQUESTS[d % FARGATE_REQUESTS.length] : EC2_REQUESTS[d % EC2_REQUESTS.length];
    const createdAt = hoursAgo(ctx, 1 + ctx.rng() * 11);
    const pods: PodPlacement[] = [];
    for (let r = 0; r < replicas; r++) pods.push(profile ? { on: 'fargate', profile } : { on: 'ec2', node: nextNode() });
    deployment(ctx, {
      namespace: ns,
      name: app,
      createdAt,
      template: {
        labels,
        spec: { containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.24-alpine-slim', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests } }] },
      },
      pods,
    });
    if (!firstApp.has(nsIndex)) firstApp.set(nsIndex, app);
  }

  let port = 30000;
  for (const [nsIndex, app] of firstApp) {
    const ns = `team-${pad(nsIndex)}`;
    const createdAt = hoursAgo(ctx, 11);
    const svc = service(ctx, {
      namespace: ns,
      name: `${app}-public`,
      createdAt,
      type: 'LoadBalancer',
      clusterIP: ctx.aws.cluster.serviceIpv4Cidr.replace(/\.\d+\/\d+$/, `.${20 + nsIndex}`),
      selector: { app },
      annotations: { [ANNOTATION_SCHEME]: 'internet-facing', [ANNOTATION_TARGET_TYPE]: 'ip' },
      ports: [{ port: 80, targetPort: 80, nodePort: port++ }],
    });
    endpoints(ctx, svc);
    provisionedNlb(ctx, svc, { createdAt: new Date(createdAt.getTime() + 60_000) });
  }
}
