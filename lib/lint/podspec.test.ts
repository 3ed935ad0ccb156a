import { describe, expect, it } from 'vitest';
import { sizePod } from '../fargate/sizing';
import type { PodSpecLike } from '../fargate/types';
import { fargateIssues, limitWarnings } from './podspec';

const nginx: PodSpecLike = { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '0.5', memory: '750M' } }, ports: [{ containerPort: 80 }] }] };

describe('fargateIssues', () => {
  it('the seed’s nginx pod has none', () => {
    expect(fargateIssues(nginx, { kind: 'Deployment' })).toEqual([]);
  });

  it('DaemonSets are refused', () => {
    expect(fargateIssues(nginx, { kind: 'DaemonSet' })).toEqual([
      "DaemonSets aren't supported on Fargate: run the daemon as a sidecar container in each pod instead",
    ]);
  });

  it('privileged containers, in EKS’s words', () => {
    const spec: PodSpecLike = {
      initContainers: [{ name: 'sysctl', securityContext: { privileged: true } }],
      containers: [{ name: 'csi', securityContext: { privileged: true } }, { name: 'ok', securityContext: { privileged: false } }],
    };
    expect(fargateIssues(spec)).toEqual(['Pod not supported on Fargate: invalid SecurityContext fields: Privileged (container "sysctl", "csi")']);
  });

  it('hostNetwork and hostPort, in EKS’s words', () => {
    expect(fargateIssues({ ...nginx, hostNetwork: true })).toEqual(['Pod not supported on Fargate: fields not supported: HostNetwork']);
    expect(fargateIssues({ containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 80 }] }] })).toEqual([
      'Pod not supported on Fargate: fields not supported: port contains HostIP or HostPort',
    ]);
    expect(fargateIssues({ hostNetwork: true, containers: [{ name: 'a', ports: [{ hostIP: '0.0.0.0' }] }] })).toEqual([
      'Pod not supported on Fargate: fields not supported: HostNetwork, port contains HostIP or HostPort',
    ]);
  });

  it('hostPath and EBS volumes; emptyDir, configMap and PVCs (EFS) pass', () => {
    const spec: PodSpecLike = {
      containers: [{ name: 'a' }],
      volumes: [
        { name: 'logs', hostPath: { path: '/var/log' } },
        { name: 'data', awsElasticBlockStore: { volumeID: 'vol-1' } },
        { name: 'tmp', emptyDir: {} },
        { name: 'cfg', configMap: { name: 'c' } },
        { name: 'efs', persistentVolumeClaim: { claimName: 'efs-claim' } },
      ],
    };
    expect(fargateIssues(spec)).toEqual([
      'Pod not supported on Fargate: volumes not supported: logs is of an unsupported volume Type (hostPath)',
      'Pod not supported on Fargate: volumes not supported: data is of an unsupported volume Type (awsElasticBlockStore)',
    ]);
  });

  it('GPUs and other device-plugin resources', () => {
    const spec: PodSpecLike = {
      containers: [
        { name: 'train', resources: { limits: { 'nvidia.com/gpu': 1 } } },
        { name: 'infer', resources: { requests: { 'aws.amazon.com/neuroncore': 2 } } },
        { name: 'fpga', resources: { requests: { 'example.com/fpga': 1 } } },
      ],
    };
    expect(fargateIssues(spec)).toEqual([
      'GPUs and accelerators aren\'t available on Fargate: container "train" asks for nvidia.com/gpu',
      'GPUs and accelerators aren\'t available on Fargate: container "infer" asks for aws.amazon.com/neuroncore',
      'container "fpga" asks for example.com/fpga, an extended resource Fargate cannot provide (no device plugins)',
    ]);
  });

  it('Windows and Arm node selectors', () => {
    expect(fargateIssues({ ...nginx, nodeSelector: { 'kubernetes.io/os': 'windows' } })).toEqual(['nodeSelector kubernetes.io/os=windows: Fargate on EKS runs Linux pods only']);
    expect(fargateIssues({ ...nginx, nodeSelector: { 'kubernetes.io/arch': 'arm64' } })).toEqual(['nodeSelector kubernetes.io/arch=arm64: Fargate on EKS runs x86_64 (amd64) pods only']);
    expect(fargateIssues({ ...nginx, nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } })).toEqual([]);
  });

  it('required node affinity on arch and OS counts like a node selector', () => {
    const requiring = (...terms: { key: string; operator: string; values?: string[] }[][]): PodSpecLike => ({
      ...nginx,
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } },
    });
    const armOnly = { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] };
    expect(fargateIssues(requiring([armOnly]))).toEqual([
      'required node affinity on kubernetes.io/arch excludes amd64: Fargate on EKS runs x86_64 (amd64) pods only',
    ]);
    expect(fargateIssues(requiring([{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['linux'] }]))).toEqual([
      'required node affinity on kubernetes.io/os excludes linux: Fargate on EKS runs Linux pods only',
    ]);
    // Terms are ORed: one term that admits amd64 is enough; multi-arch images list both.
    expect(fargateIssues(requiring([armOnly], [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }]))).toEqual([]);
    expect(fargateIssues(requiring([{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }]))).toEqual([]);
    expect(fargateIssues(requiring([{ key: 'eks.amazonaws.com/compute-type', operator: 'In', values: ['fargate'] }]))).toEqual([]);
  });

  it('too large: AWS’s reason plus what the pod needs', () => {
    const spec: PodSpecLike = { containers: [{ name: 'big', resources: { requests: { cpu: '16', memory: '120Gi' } } }] };
    expect(fargateIssues(spec)).toEqual([
      "POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE: Your pod's cpu/memory requirements exceed the max Fargate configuration " +
        '(needs 16 vCPU and 120.25Gi with the 256 MiB overhead; the largest size is 16vCPU 120GB)',
    ]);
  });

  it('ephemeral storage above 175 GiB', () => {
    const spec: PodSpecLike = { containers: [{ name: 'a', resources: { requests: { 'ephemeral-storage': '200Gi' } } }] };
    expect(fargateIssues(spec)).toEqual(['ephemeral-storage request 200Gi is above the 175Gi a Fargate pod can have']);
    expect(fargateIssues({ containers: [{ name: 'a', resources: { requests: { 'ephemeral-storage': '175Gi' } } }] })).toEqual([]);
  });

  it('a bad quantity becomes an issue when it sizes the pod itself, instead of throwing', () => {
    const spec: PodSpecLike = { containers: [{ name: 'web', resources: { requests: { memory: '1.5GB' } } }] };
    expect(fargateIssues(spec)).toEqual([
      'container "web": resources.requests.memory: "1.5GB" is not a valid quantity: unknown suffix; expected a number with an optional suffix: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>',
    ]);
  });

  it('uses the sizing it is given', () => {
    const spec: PodSpecLike = { containers: [{ name: 'big', resources: { requests: { cpu: '32' } } }] };
    const sizing = sizePod(spec);
    expect(fargateIssues(spec, { sizing })).toHaveLength(1);
  });
});

describe('limitWarnings', () => {
  it('none for requests = limits that fit', () => {
    const spec: PodSpecLike = { containers: [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] };
    expect(limitWarnings(spec, sizePod(spec))).toEqual([]);
  });

  it('a CPU limit above the provisioned vCPU: the cgroup StartError', () => {
    // stacksimplify-app3: requests 1/2Gi, limits 2/4Gi on 1vCPU 3GB
    const spec: PodSpecLike = { containers: [{ name: 'app3', resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } } }] };
    expect(limitWarnings(spec, sizePod(spec))).toEqual([
      'container "app3": CPU limit 2 is above the 1 vCPU Fargate provisions (1vCPU 3GB); the container fails to start (StartError: cpu.cfs_quota_us: invalid argument). Set the limit to at most the request.',
      'container "app3": memory limit 4Gi is above the 3GB Fargate provisions; the pod can never use it',
      'container "app3": limits differ from requests; EKS documents requests = limits on Fargate, and only requests size the pod',
    ]);
  });

  it('limits within the size but above requests: only the soft warning', () => {
    const spec: PodSpecLike = { containers: [{ name: 'a', resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } }] };
    // 500m / 512Mi + 256Mi → 0.5vCPU 1GB; the 1 CPU limit is above 0.5 vCPU
    expect(limitWarnings(spec, sizePod(spec))).toEqual([
      'container "a": CPU limit 1 is above the 0.5 vCPU Fargate provisions (0.5vCPU 1GB); the container fails to start (StartError: cpu.cfs_quota_us: invalid argument). Set the limit to at most the request.',
      'container "a": limits differ from requests; EKS documents requests = limits on Fargate, and only requests size the pod',
    ]);
  });

  it('memory written in millibytes', () => {
    const spec: PodSpecLike = { containers: [{ name: 'a', resources: { requests: { cpu: '250m', memory: '500m' } } }] };
    expect(limitWarnings(spec, sizePod(spec))).toContain('container "a": memory requests "500m" means 500 thousandths of a byte; did you mean "500Mi"?');
  });

  it('no requests at all, native sidecars, pod-level resources and pod overhead are called out', () => {
    const spec: PodSpecLike = {
      initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
      containers: [{ name: 'a' }],
      resources: { requests: { cpu: '1' } },
      overhead: { memory: '120Mi' },
    };
    expect(limitWarnings(spec, sizePod(spec))).toEqual([
      'no CPU or memory requests: Fargate gives the smallest size, 0.25vCPU 0.5GB',
      'native sidecars (init containers with restartPolicy: Always) are not documented for Fargate: sized with the Kubernetes formula, unverified',
      "pod-level resources (spec.resources) are not documented for Fargate: the size comes from the containers' requests",
      "pod overhead (spec.overhead, from the RuntimeClass) is not documented for Fargate: the size leaves it out and counts only the containers' requests and the 256 MiB",
    ]);
  });
});
