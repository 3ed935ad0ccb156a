/**
 * Expected cells come from real `kubectl get` output: the seed document (eksworkshop, ap-southeast-1) and the
 * API server's printers as docs/protocol.md §1.9 lists them.
 */
import { describe, expect, it } from 'vitest';
import type { Obj } from '../store';
import { columnsFor, humanDuration, rowFor, tableFor } from './tables';

const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (the AGE column)', () => {
  it('renders the ages seen in real kubectl output', () => {
    expect(humanDuration(71 * S)).toBe('71s'); // seed: fargate pods "71s"
    expect(humanDuration(89 * S)).toBe('89s'); // seed: aws-load-balancer-controller "89s"
    expect(humanDuration(5 * M + 10 * S)).toBe('5m10s');
    expect(humanDuration(15 * M)).toBe('15m'); // seed: service "15m"
    expect(humanDuration(22 * M + 30 * S)).toBe('22m'); // sample node "22m"
    expect(humanDuration(3 * H + 12 * M + 5 * S)).toBe('3h12m'); // sample pod "3h12m"
    expect(humanDuration(7 * H + 56 * M)).toBe('7h56m'); // sample Fargate node "7h56m"
    expect(humanDuration(10 * H + 40 * M)).toBe('10h'); // seed: mixed fargate pods "10h"
    expect(humanDuration(11 * H + 5 * M)).toBe('11h'); // seed: mixed ec2 pods "11h"
    expect(humanDuration(329 * D + 3 * H)).toBe('329d');
  });

  it('never shows a negative age for a clock a second behind', () => {
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-5 * S)).toBe('<invalid>');
  });
});

function seedPod(name: string, ns: string, node: string, ip: string, created: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, uid: 'u', resourceVersion: '1', creationTimestamp: created, labels: { app: 'nginx-mixed-fargate', 'eks.amazonaws.com/fargate-profile': 'test3-mixed' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], nodeName: node, schedulerName: 'fargate-scheduler' },
    status: {
      phase: 'Running',
      podIP: ip,
      hostIP: ip,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: created } } }],
    },
  };
}

describe('pod rows', () => {
  it('match the seed\'s `kubectl get pods -o wide` row for a Fargate pod', () => {
    const created = '2023-01-10T00:00:00Z';
    const p = seedPod('nginx-mixed-fargate-747577644f-9lnlt', 'test3-mixed', 'fargate-ip-172-31-61-98.ap-southeast-1.compute.internal', '172.31.61.98', created);
    const row = rowFor(p, at(created, 10 * H + 20 * M));
    expect(row.cells).toEqual(['nginx-mixed-fargate-747577644f-9lnlt', '1/1', 'Running', '0', '10h', '172.31.61.98', 'fargate-ip-172-31-61-98.ap-southeast-1.compute.internal', '<none>', '<none>']);
    expect(row.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { namespace: 'test3-mixed', labels: { 'eks.amazonaws.com/fargate-profile': 'test3-mixed' } } });
  });

  it('uses the pod columns of the API server (priority 1 for the -o wide ones)', () => {
    expect(columnsFor('Pod').map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
  });

  it('shows waiting reasons, Terminating, restarts with their age, and Completed conditions', () => {
    const created = '2026-11-26T10:00:00Z';
    const base = seedPod('p', 'n', 'node', '10.0.0.1', created);
    const now = at(created, H);
    const waiting: Obj = { ...base, status: { phase: 'Pending', containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] } };
    expect(rowFor(waiting, now).cells.slice(1, 4)).toEqual(['0/1', 'ImagePullBackOff', '0']);
    const terminating: Obj = { ...base, metadata: { ...base.metadata, deletionTimestamp: created } };
    expect(rowFor(terminating, now).cells[2]).toBe('Terminating');
    const restarted: Obj = {
      ...base,
      status: { phase: 'Running', containerStatuses: [{ name: 'nginx', ready: true, restartCount: 3, state: { running: {} }, lastState: { terminated: { finishedAt: '2026-11-26T10:55:00Z', exitCode: 1 } } }] },
    };
    expect(rowFor(restarted, now).cells[3]).toBe('3 (5m ago)');
    const done: Obj = { ...base, status: { phase: 'Succeeded', containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }] } };
    const row = rowFor(done, now);
    expect(row.cells[2]).toBe('Completed');
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: '' }]);
  });
});

describe('node rows', () => {
  it('match the sample Table cells of an EC2 node and a Fargate node', () => {
    const ec2: Obj = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'ip-192-168-9-205.ap-southeast-1.compute.internal', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-03-26T03:07:41Z', labels: { 'eks.amazonaws.com/nodegroup': 'myeks-1nd-node-group', tier: 'primary' } },
      spec: { providerID: 'aws:///ap-southeast-1c/i-0a1b2c3d4e5f60789' },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'InternalIP', address: '192.168.9.205' },
          { type: 'ExternalIP', address: '13.229.157.220' },
          { type: 'Hostname', address: 'ip-192-168-9-205.ap-southeast-1.compute.internal' },
        ],
        nodeInfo: { kernelVersion: '6.12.68-92.122.amzn2023.x86_64', osImage: 'Amazon Linux 2023.10.20260216', containerRuntimeVersion: 'containerd://2.1.5', kubeletVersion: 'v1.34.4-eks-f69f56f' },
      },
    };
    expect(rowFor(ec2, at('2026-03-26T03:07:41Z', 22 * M + 10 * S)).cells).toEqual([
      'ip-192-168-9-205.ap-southeast-1.compute.internal',
      'Ready',
      '<none>',
      '22m',
      'v1.34.4-eks-f69f56f',
      '192.168.9.205',
      '13.229.157.220',
      'Amazon Linux 2023.10.20260216',
      '6.12.68-92.122.amzn2023.x86_64',
      'containerd://2.1.5',
    ]);
    const fargate: Obj = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'fargate-ip-10-7-94-68.eu-central-1.compute.internal', uid: 'u', resourceVersion: '1', creationTimestamp: '2023-03-16T07:01:23Z', labels: { 'eks.amazonaws.com/compute-type': 'fargate' } },
      spec: { taints: [{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }] },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '10.7.94.68' }, { type: 'Hostname', address: 'ip-10-7-94-68.eu-central-1.compute.internal' }],
        nodeInfo: { kernelVersion: '4.14.305-227.531.amzn2.x86_64', osImage: 'Amazon Linux 2', containerRuntimeVersion: 'containerd://1.6.6', kubeletVersion: 'v1.24.10-eks-e1b9b7a' },
      },
    };
    expect(rowFor(fargate, at('2023-03-16T07:01:23Z', 7 * H + 56 * M)).cells).toEqual([
      'fargate-ip-10-7-94-68.eu-central-1.compute.internal',
      'Ready',
      '<none>',
      '7h56m',
      'v1.24.10-eks-e1b9b7a',
      '10.7.94.68',
      '<none>',
      'Amazon Linux 2',
      '4.14.305-227.531.amzn2.x86_64',
      'containerd://1.6.6',
    ]);
  });

  it('reports NotReady, cordoned nodes and roles', () => {
    const n: Obj = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'node-role.kubernetes.io/worker': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    };
    const cells = rowFor(n, new Date('2026-01-01T00:01:00Z')).cells;
    expect(cells.slice(1, 3)).toEqual(['NotReady,SchedulingDisabled', 'worker']);
  });
});

describe('service rows', () => {
  it('match the seed\'s `kubectl get svc` row for an NLB service', () => {
    const svc: Obj = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'service-nginx-ec2nodegroup', namespace: 'nginx-ec2', uid: 'u', resourceVersion: '1', creationTimestamp: '2023-01-10T00:00:00Z' },
      spec: { type: 'LoadBalancer', clusterIP: '10.50.0.149', selector: { app: 'nginx-ec2' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 32097 }] },
      status: { loadBalancer: { ingress: [{ hostname: 'k8s-nginxec2-servicen-7d894c50a4-d88e28f7253c4dc2.elb.ap-southeast-1.amazonaws.com' }] } },
    };
    expect(rowFor(svc, at('2023-01-10T00:00:00Z', 15 * M + 20 * S)).cells).toEqual([
      'service-nginx-ec2nodegroup',
      'LoadBalancer',
      '10.50.0.149',
      'k8s-nginxec2-servicen-7d894c50a4-d88e28f7253c4dc2.elb.ap-southeast-1.amazonaws.com',
      '80:32097/TCP',
      '15m',
      'app=nginx-ec2',
    ]);
    const pending: Obj = { ...svc, status: { loadBalancer: {} } };
    expect(rowFor(pending, new Date()).cells[3]).toBe('<pending>');
  });
});

describe('other kinds', () => {
  it('deployment rows read READY as ready/desired (seed: aws-load-balancer-controller 2/2 2 2 89s)', () => {
    const d: Obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'aws-load-balancer-controller', namespace: 'kube-system', uid: 'u', resourceVersion: '1', creationTimestamp: '2023-01-10T00:00:00Z' },
      spec: { replicas: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'aws-load-balancer-controller' } }, template: { spec: { containers: [{ name: 'controller', image: 'public.ecr.aws/eks/aws-load-balancer-controller:v2.4.4' }] } } },
      status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    };
    expect(rowFor(d, at('2023-01-10T00:00:00Z', 89 * S)).cells.slice(0, 5)).toEqual(['aws-load-balancer-controller', '2/2', 2, 2, '89s']);
  });

  it('TargetGroupBinding rows use the CRD printer columns', () => {
    expect(columnsFor('TargetGroupBinding').map((c) => c.name)).toEqual(['Name', 'SERVICE-NAME', 'SERVICE-PORT', 'TARGET-TYPE', 'ARN', 'AGE']);
    const t: Obj = {
      apiVersion: 'elbv2.k8s.aws/v1beta1',
      kind: 'TargetGroupBinding',
      metadata: { name: 'k8s-default-tetris-2c7a9e4b1d', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-03-26T16:52:14Z' },
      spec: { serviceRef: { name: 'tetris', port: 80 }, targetGroupARN: 'arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/k8s-default-tetris-2c7a9e4b1d/5e0b3f9d2a7c41b8', targetType: 'ip' },
    };
    expect(rowFor(t, at('2026-03-26T16:52:14Z', 43 * S)).cells).toEqual(['k8s-default-tetris-2c7a9e4b1d', 'tetris', 80, 'ip', 'arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/k8s-default-tetris-2c7a9e4b1d/5e0b3f9d2a7c41b8', '43s']);
  });

  it('a Table carries its columns, list metadata and one row per object', () => {
    const t = tableFor('Namespace', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', uid: 'u', resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Active' } }], new Date('2026-01-02T00:00:00Z'), { resourceVersion: '9' });
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '9' } });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(t.rows[0].cells).toEqual(['default', 'Active', '24h']);
  });
});
