import { hexOf } from '../aws/ids';
import type { SimContext } from '../context';
import { runningPod, deployment, endpoints, namespace, service, suffix, type Ec2NodeRef } from './build';
import { k8sTime } from '../store';

/**
 * What every EKS cluster with a managed node group runs in kube-system: CoreDNS (2 replicas, pinned to
 * EC2 by the eks.amazonaws.com/compute-type: ec2 annotation, as the EKS add-on does), the VPC CNI
 * (aws-node) and kube-proxy on every EC2 node, and optionally the AWS Load Balancer Controller
 * (2 replicas, installed from its Helm chart as in the seed). Also the default namespaces and the
 * `kubernetes` and `kube-dns` Services. Image tags are those of the EKS 1.28 add-ons of early 2024.
 */

const ECR = (region: string) => `602401143452.dkr.ecr.${region}.amazonaws.com`;

export function systemNamespaces(ctx: SimContext, createdAt: Date): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) namespace(ctx, ns, createdAt);
}

/** The `kubernetes` Service and its Endpoints: two control-plane ENIs in the cluster's private subnets. */
export function apiServerService(ctx: SimContext, createdAt: Date): void {
  const { aws, store } = ctx;
  const ips = aws.privateSubnets().slice(0, 2).map((s) => aws.allocateIp(s.id, ctx.rng)).filter((ip): ip is string => !!ip);
  const first = aws.cluster.serviceIpv4Cidr.split('/')[0].split('.').map(Number);
  const clusterIP = `${first[0]}.${first[1]}.${first[2]}.${first[3] + 1}`;
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: k8sTime(createdAt), labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443 }],
      clusterIP,
      clusterIPs: [clusterIP],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: k8sTime(createdAt), labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }],
  });
}

export function coreDns(ctx: SimContext, nodes: Ec2NodeRef[], createdAt: Date): void {
  const region = ctx.aws.region;
  const labels = { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' };
  deployment(ctx, {
    namespace: 'kube-system',
    name: 'coredns',
    labels: { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' },
    createdAt,
    template: {
      labels,
      annotations: { 'eks.amazonaws.com/compute-type': 'ec2' },
      spec: {
        serviceAccountName: 'coredns',
        priorityClassName: 'system-cluster-critical',
        dnsPolicy: 'Default',
        containers: [
          {
            name: 'coredns',
            image: `${ECR(region)}/eks/coredns:v1.10.1-eksbuild.7`,
            args: ['-conf', '/etc/coredns/Corefile'],
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
            ],
          },
        ],
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
                    { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
                  ],
                },
              ],
            },
          },
        },
      },
    },
    pods: [0, 1].map((i) => ({ on: 'ec2' as const, node: nodes[i % nodes.length] })),
    startDelayMinutes: 12,
  });
  const svc = service(ctx, {
    namespace: 'kube-system',
    name: 'kube-dns',
    createdAt,
    type: 'ClusterIP',
    clusterIP: ctx.aws.cluster.serviceIpv4Cidr.replace(/\.\d+\/\d+$/, '.10'),
    selector: { 'k8s-app': 'kube-dns' },
    labels: { 'eks.amazonaws.com/component': 'kube-dns', 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    ports: [
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
    ],
  });
  endpoints(ctx, svc);
}

export function loadBalancerController(ctx: SimContext, nodes: Ec2NodeRef[], createdAt: Date, webhookIp: string): void {
  const labels = { 'app.kubernetes.io/instance': 'aws-load-balancer-controller', 'app.kubernetes.io/name': 'aws-load-balancer-controller' };
  deployment(ctx, {
    namespace: 'kube-system',
    name: 'aws-load-balancer-controller',
    labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/version': 'v2.7.1', 'helm.sh/chart': 'aws-load-balancer-controller-1.7.1' },
    annotations: { 'meta.helm.sh/release-name': 'aws-load-balancer-controller', 'meta.helm.sh/release-namespace': 'kube-system' },
    createdAt,
    template: {
      labels,
      annotations: { 'prometheus.io/port': '8080', 'prometheus.io/scrape': 'true' },
      spec: {
        serviceAccountName: 'aws-load-balancer-controller',
        priorityClassName: 'system-cluster-critical',
        terminationGracePeriodSeconds: 10,
        securityContext: { fsGroup: 65534 },
        containers: [
          {
            name: 'aws-load-balancer-controller',
            image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.7.1',
            args: [`--cluster-name=${ctx.aws.clusterName}`, '--ingress-class=alb'],
            ports: [
              { name: 'webhook-server', containerPort: 9443, protocol: 'TCP' },
              { name: 'metrics-server', containerPort: 8080, protocol: 'TCP' },
            ],
            resources: {},
            securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false },
          },
        ],
      },
    },
    pods: [0, 1].map((i) => ({ on: 'ec2' as const, node: nodes[(i + 1) % nodes.length] })),
  });
  const svc = service(ctx, {
    namespace: 'kube-system',
    name: 'aws-load-balancer-webhook-service',
    createdAt,
    type: 'ClusterIP',
    clusterIP: webhookIp,
    selector: labels,
    labels: { ...labels, 'app.kubernetes.io/component': 'webhook', 'app.kubernetes.io/managed-by': 'Helm' },
    ports: [{ name: 'webhook-server', port: 443, targetPort: 'webhook-server' }],
  });
  endpoints(ctx, svc);
}

/** aws-node and kube-proxy: one pod per EC2 node, owned by a DaemonSet (not a served kind, so only referenced). */
export function nodeDaemons(ctx: SimContext, nodes: Ec2NodeRef[], createdAt: Date): void {
  const region = ctx.aws.region;
  const daemon = (name: string) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid: `${hexOf(`${ctx.aws.clusterName}/ds/${name}`, 8)}-${hexOf(`ds/${name}/2`, 4)}-4${hexOf(`ds/${name}/3`, 3)}-a${hexOf(`ds/${name}/4`, 3)}-${hexOf(`ds/${name}/5`, 12)}` });
  const specs: { name: string; labels: Record<string, string>; spec: Record<string, unknown> }[] = [
    {
      name: 'aws-node',
      labels: { 'app.kubernetes.io/instance': 'aws-vpc-cni', 'app.kubernetes.io/name': 'aws-node', 'controller-revision-hash': '5c9f6dd8b6', 'k8s-app': 'aws-node', 'pod-template-generation': '1' },
      spec: {
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        serviceAccountName: 'aws-node',
        terminationGracePeriodSeconds: 10,
        initContainers: [
          { name: 'aws-vpc-cni-init', image: `${ECR(region)}/amazon-k8s-cni-init:v1.15.1-eksbuild.1`, resources: { requests: { cpu: '25m' } }, securityContext: { privileged: true } },
        ],
        containers: [
          {
            name: 'aws-node',
            image: `${ECR(region)}/amazon-k8s-cni:v1.15.1-eksbuild.1`,
            ports: [{ name: 'metrics', containerPort: 61678, protocol: 'TCP' }],
            resources: { requests: { cpu: '25m' } },
            securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
          },
          {
            name: 'aws-eks-nodeagent',
            image: `${ECR(region)}/amazon/aws-network-policy-agent:v1.0.4-eksbuild.1`,
            resources: { requests: { cpu: '25m' } },
            securityContext: { capabilities: { add: ['NET_ADMIN'] }, privileged: true },
          },
        ],
        tolerations: [{ operator: 'Exists' }],
      },
    },
    {
      name: 'kube-proxy',
      labels: { 'controller-revision-hash': '7d5f8b6c4f', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
      spec: {
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        serviceAccountName: 'kube-proxy',
        containers: [
          {
            name: 'kube-proxy',
            image: `${ECR(region)}/eks/kube-proxy:v1.28.2-minimal-eksbuild.2`,
            command: ['kube-proxy', '--v=2', '--config=/var/lib/kube-proxy-config/config', '--hostname-override=$(NODE_NAME)'],
            resources: { requests: { cpu: '100m' } },
            securityContext: { privileged: true },
          },
        ],
        tolerations: [{ operator: 'Exists' }],
      },
    },
  ];
  for (const d of specs) {
    const owner = daemon(d.name);
    for (const node of nodes) {
      runningPod(ctx, {
        namespace: 'kube-system',
        name: `${d.name}-${suffix(ctx)}`,
        labels: d.labels,
        spec: d.spec,
        owner,
        placement: { on: 'ec2', node },
        createdAt,
        startedAt: new Date(createdAt.getTime() + 20_000),
      });
    }
  }
}
