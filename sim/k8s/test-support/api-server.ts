/**
 * Test support for the API server's integration tests: a small cluster fixture written through the store, a
 * server on a loopback port with a kubeconfig, and a bounded runner for the real kubectl binary.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store, type NewObj, type Obj } from '../../store';
import { generateTls, type SimTls } from '../../tls';
import { kubeconfigYaml } from '../kubeconfig';
import { startK8sServer, type K8sApiOptions, type K8sServer } from '../server';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

/** Fixed "now" of the fixture: creation times below are relative to it. */
export const FIXTURE_NOW = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(FIXTURE_NOW.getTime() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const H = 3_600_000;

function node(name: string, ip: string, labels: Record<string, string>, extra: { taints?: unknown[]; created: string; kubelet: string; os: string; kernel: string; runtime: string; externalIP?: string }): NewObj {
  const addresses = [{ type: 'InternalIP', address: ip }, ...(extra.externalIP ? [{ type: 'ExternalIP', address: extra.externalIP }] : []), { type: 'Hostname', address: name }];
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, creationTimestamp: extra.created, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels } },
    spec: extra.taints ? { taints: extra.taints } : {},
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses,
      capacity: { cpu: '4', memory: '16094344Ki', pods: '58' },
      allocatable: { cpu: '3920m', memory: '15078536Ki', pods: '58' },
      nodeInfo: { kubeletVersion: extra.kubelet, osImage: extra.os, kernelVersion: extra.kernel, containerRuntimeVersion: extra.runtime, architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

function pod(ns: string, name: string, opts: { labels?: Record<string, string>; annotations?: Record<string, string>; node?: string; ip?: string; phase?: string; scheduler?: string; created: string; owner?: Obj; ready?: boolean; requests?: Record<string, string> }): NewObj {
  const running = opts.phase === 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      creationTimestamp: opts.created,
      labels: opts.labels,
      annotations: opts.annotations,
      ownerReferences: opts.owner ? [{ apiVersion: opts.owner.apiVersion, kind: opts.owner.kind, name: opts.owner.metadata.name, uid: opts.owner.metadata.uid, controller: true, blockOwnerDeletion: true }] : undefined,
    },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: opts.requests ? { requests: opts.requests } : {} }],
      nodeName: opts.node,
      schedulerName: opts.scheduler ?? 'default-scheduler',
      restartPolicy: 'Always',
    },
    status: {
      phase: opts.phase ?? 'Pending',
      hostIP: opts.node ? opts.ip : undefined,
      podIP: opts.ip,
      startTime: opts.created,
      conditions: [{ type: 'Ready', status: running && opts.ready !== false ? 'True' : 'False' }],
      containerStatuses: running
        ? [
            {
              name: 'nginx',
              ready: opts.ready !== false,
              restartCount: 0,
              image: 'nginx:1.25',
              // The kubelet writes the image's digest once pulled, and "" while it is not: never leaves it out.
              imageID: 'docker.io/library/nginx@sha256:593dac25b7733ffb7afe1a72649a43e574778bf025ad60514ef40f6b5d606247',
              state: { running: { startedAt: opts.created } },
            },
          ]
        : [{ name: 'nginx', ready: false, restartCount: 0, image: 'nginx:1.25', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } }],
    },
  };
}

/** A small mixed cluster: two EC2 nodes, one Fargate node, pods in three namespaces, an NLB service, a
 * deployment with its replica set, a TargetGroupBinding and an event. Returns the store. */
export function fixtureStore(opts: { historyLimit?: number } = {}): Store {
  const store = new Store({ now: () => FIXTURE_NOW, historyLimit: opts.historyLimit });
  for (const ns of ['default', 'kube-system', 'test1-ec2', 'test2-fargate']) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, creationTimestamp: ago(14 * H), labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  const ec2 = { kubelet: 'v1.28.15-eks-c0bc8ca', os: 'Amazon Linux 2', kernel: '5.10.228-219.884.amzn2.x86_64', runtime: 'containerd://1.7.23', created: ago(13 * H) };
  const ngLabels = (zone: string) => ({
    'eks.amazonaws.com/nodegroup': 'ng-1',
    'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    'node.kubernetes.io/instance-type': 't3.xlarge',
    'topology.kubernetes.io/region': 'ap-southeast-1',
    'topology.kubernetes.io/zone': zone,
  });
  store.create(node('ip-172-31-10-20.ap-southeast-1.compute.internal', '172.31.10.20', ngLabels('ap-southeast-1a'), { ...ec2, externalIP: '13.250.1.2' }));
  store.create(node('ip-172-31-93-72.ap-southeast-1.compute.internal', '172.31.93.72', ngLabels('ap-southeast-1c'), ec2));
  store.create(
    node(
      'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal',
      '172.31.140.9',
      { 'eks.amazonaws.com/compute-type': 'fargate', 'topology.kubernetes.io/zone': 'ap-southeast-1b' },
      { kubelet: 'v1.28.15-eks-c0bc8ca', os: 'Amazon Linux 2', kernel: '5.10.228-219.884.amzn2.x86_64', runtime: 'containerd://1.7.22', created: ago(3 * H), taints: [{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }] },
    ),
  );
  const deploy = store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-ec2', namespace: 'test1-ec2', creationTimestamp: ago(5 * H), labels: { app: 'nginx-ec2' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx-ec2' } },
      template: { metadata: { labels: { app: 'nginx-ec2' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
    status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  });
  const rs = store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'nginx-ec2-5c68c8d5f',
      namespace: 'test1-ec2',
      creationTimestamp: ago(5 * H),
      labels: { app: 'nginx-ec2', 'pod-template-hash': '5c68c8d5f' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-ec2', uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx-ec2', 'pod-template-hash': '5c68c8d5f' } },
      template: { metadata: { labels: { app: 'nginx-ec2', 'pod-template-hash': '5c68c8d5f' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
    },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 },
  });
  const rsLabels = { app: 'nginx-ec2', 'pod-template-hash': '5c68c8d5f' };
  store.create(pod('test1-ec2', 'nginx-ec2-5c68c8d5f-8fmng', { labels: rsLabels, node: 'ip-172-31-93-72.ap-southeast-1.compute.internal', ip: '172.31.88.14', phase: 'Running', created: ago(5 * H), owner: rs }));
  store.create(pod('test1-ec2', 'nginx-ec2-5c68c8d5f-x2v9k', { labels: rsLabels, node: 'ip-172-31-10-20.ap-southeast-1.compute.internal', ip: '172.31.12.201', phase: 'Running', created: ago(5 * H), owner: rs }));
  store.create(
    pod('test2-fargate', 'nginx-fargate', {
      labels: { app: 'nginx-fargate', 'eks.amazonaws.com/fargate-profile': 'test2-fargate' },
      annotations: { CapacityProvisioned: '0.5vCPU 1GB' },
      node: 'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal',
      ip: '172.31.140.9',
      phase: 'Running',
      scheduler: 'fargate-scheduler',
      created: ago(3 * H),
      requests: { cpu: '500m', memory: '500Mi' },
    }),
  );
  const pending = store.create(pod('test2-fargate', 'nginx-pending', { labels: { app: 'nginx-pending' }, created: ago(10 * 60_000) }));
  store.create(pod('kube-system', 'coredns-6d8f6d9c7b-abcde', { labels: { 'k8s-app': 'kube-dns' }, node: 'ip-172-31-10-20.ap-southeast-1.compute.internal', ip: '172.31.9.33', phase: 'Running', created: ago(13 * H) }));
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx-ec2', namespace: 'test1-ec2', creationTimestamp: ago(5 * H), annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } },
    spec: { type: 'LoadBalancer', clusterIP: '10.50.0.149', clusterIPs: ['10.50.0.149'], selector: { app: 'nginx-ec2' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 32097 }] },
    status: { loadBalancer: { ingress: [{ hostname: 'k8s-test1ec2-nginxec2-7d894c50a4-d88e28f7253c4dc2.elb.ap-southeast-1.amazonaws.com' }] } },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: ago(14 * H) },
    spec: { type: 'ClusterIP', clusterIP: '10.50.0.1', ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443 }] },
    status: { loadBalancer: {} },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'nginx-ec2', namespace: 'test1-ec2', creationTimestamp: ago(5 * H) },
    subsets: [{ addresses: [{ ip: '172.31.88.14' }, { ip: '172.31.12.201' }], ports: [{ port: 80, protocol: 'TCP' }] }],
  });
  store.create({
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'TargetGroupBinding',
    metadata: { name: 'k8s-test1ec2-nginxec2-2c7a9e4b1d', namespace: 'test1-ec2', creationTimestamp: ago(5 * H) },
    spec: { serviceRef: { name: 'nginx-ec2', port: 80 }, targetGroupARN: 'arn:aws:elasticloadbalancing:ap-southeast-1:133129065110:targetgroup/k8s-test1ec2-nginxec2-2c7a9e4b1d/5e0b3f9d2a7c41b8', targetType: 'ip' },
    status: { observedGeneration: 1 },
  });
  store.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'nginx-pending.17f0a1b2c3d4e5f6', namespace: 'test2-fargate', creationTimestamp: ago(10 * 60_000) },
    involvedObject: { kind: 'Pod', namespace: 'test2-fargate', name: 'nginx-pending', uid: pending.metadata.uid, apiVersion: 'v1' },
    reason: 'FailedScheduling',
    message: '0/3 nodes are available: 1 node(s) had untolerated taint {eks.amazonaws.com/compute-type: fargate}, 2 Insufficient cpu.',
    source: { component: 'default-scheduler' },
    firstTimestamp: ago(10 * 60_000),
    lastTimestamp: ago(2 * 60_000),
    count: 4,
    type: 'Warning',
  });
  return store;
}

export interface TestApi {
  server: K8sServer;
  store: Store;
  dir: string;
  kubeconfig: string;
  token: string;
  tls: SimTls;
  /** Runs kubectl with this kubeconfig and a private cache dir; bounded by timeoutMs. */
  kubectl(args: string[], opts?: { timeoutMs?: number; input?: string }): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

let sharedTls: SimTls | undefined;

/** Starts the API server over `store` (a fresh fixture by default) with a kubeconfig in a temp dir. */
export async function startTestApi(opts: Partial<K8sApiOptions> & { store?: Store } = {}): Promise<TestApi> {
  const store = opts.store ?? fixtureStore();
  sharedTls ??= generateTls();
  const tls = sharedTls;
  const token = 'test-token-0123456789';
  const server = await startK8sServer({ now: () => FIXTURE_NOW, ...opts, store, token, tls });
  const dir = await mkdtemp(path.join(tmpdir(), 'farview-k8s-test-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigYaml({ clusterName: 'eksworkshop', server: server.url, caCert: tls.caCert, token }));
  const kubectl = (args: string[], o: { timeoutMs?: number; input?: string } = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        KUBECTL,
        ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args],
        { timeout: o.timeoutMs ?? 15_000, env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
      if (o.input !== undefined) child.stdin?.end(o.input);
    });
  return {
    server,
    store,
    dir,
    kubeconfig,
    token,
    tls,
    kubectl,
    stop: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
