import { describe, expect, it } from 'vitest';
import type { KubeNode } from './kube';
import { capacityLabel, nodeInfo } from './node-info';

const node = (name: string, labels: Record<string, string>, providerID?: string): KubeNode => ({
  metadata: { name, uid: `uid-${name}`, labels, creationTimestamp: '2026-12-01T00:00:00Z' },
  spec: providerID ? { providerID } : {},
  status: { allocatable: { cpu: '1930m', memory: '7134Mi', pods: '29' }, conditions: [{ type: 'Ready', status: 'True' }] },
});

// Label sets as the launchers write them (recorded nodes: a self-managed Karpenter node in ap-northeast-2, and EKS
// Auto Mode's general-purpose and system pools), cut to the labels that classify a node.
const KARPENTER = {
  'karpenter.k8s.aws/ec2nodeclass': 'default',
  'karpenter.sh/capacity-type': 'on-demand',
  'karpenter.sh/nodepool': 'default',
  'karpenter.sh/registered': 'true',
  'kubernetes.io/arch': 'amd64',
  'node.kubernetes.io/instance-type': 'c5a.2xlarge',
  'topology.kubernetes.io/zone': 'ap-northeast-2b',
};
const AUTO_SYSTEM = {
  'app.kubernetes.io/managed-by': 'eks',
  'beta.kubernetes.io/arch': 'arm64',
  'eks.amazonaws.com/compute-type': 'auto',
  'eks.amazonaws.com/nodeclass': 'default',
  'karpenter.sh/capacity-type': 'on-demand',
  'karpenter.sh/nodepool': 'system',
  'kubernetes.io/arch': 'arm64',
  'node.kubernetes.io/instance-type': 'c6g.large',
  'topology.kubernetes.io/zone': 'us-east-1f',
};

describe('what launched a node', () => {
  it('a Karpenter node: its NodePool, capacity type and architecture', () => {
    const n = nodeInfo(node('ip-192-168-104-167.ap-northeast-2.compute.internal', KARPENTER));
    expect(n).toMatchObject({ computeType: 'ec2', poolKind: 'karpenter', pool: 'default', capacityType: 'ON_DEMAND', arch: 'amd64', instanceType: 'c5a.2xlarge' });
  });

  it('an EKS Auto Mode node, named by its instance id: Auto Mode before Karpenter, Graviton from kubernetes.io/arch', () => {
    const n = nodeInfo(node('i-027e220f54c38cad4', AUTO_SYSTEM));
    expect(n).toMatchObject({ computeType: 'ec2', poolKind: 'auto', pool: 'system', capacityType: 'ON_DEMAND', arch: 'arm64', instanceType: 'c6g.large' });
  });

  it('a Karpenter Spot node', () => {
    expect(nodeInfo(node('a', { ...KARPENTER, 'karpenter.sh/capacity-type': 'spot' })).capacityType).toBe('SPOT');
    expect(nodeInfo(node('b', { ...KARPENTER, 'karpenter.sh/capacity-type': 'reserved' })).capacityType).toBe('RESERVED');
  });

  it('a managed node group node, with the capacity type EKS writes', () => {
    const labels = { 'eks.amazonaws.com/nodegroup': 'managed-ng', 'eks.amazonaws.com/capacityType': 'SPOT', 'node.kubernetes.io/instance-type': 't3.medium' };
    expect(nodeInfo(node('ip-10-0-1-2', labels))).toMatchObject({ poolKind: 'nodegroup', pool: 'managed-ng', capacityType: 'SPOT' });
    expect(nodeInfo(node('ip-10-0-1-3', { ...labels, 'eks.amazonaws.com/capacityType': 'CAPACITY_BLOCK' })).capacityType).toBe('CAPACITY_BLOCK');
  });

  it('a self-managed node: eksctl’s group name, else "self-managed"; no capacity label is unknown, not On-Demand', () => {
    expect(nodeInfo(node('n1', { 'alpha.eksctl.io/nodegroup-name': 'ng-legacy', 'node.kubernetes.io/instance-type': 'm5.large' }))).toMatchObject({
      poolKind: 'self-managed',
      pool: 'ng-legacy',
      capacityType: null,
    });
    expect(nodeInfo(node('n2', {}, 'aws:///ap-southeast-1a/i-0123'))).toMatchObject({ poolKind: 'self-managed', pool: 'self-managed' });
  });

  it('Fargate nodes belong to no pool; hybrid nodes to the hybrid pool', () => {
    expect(nodeInfo(node('fargate-ip-10-0-3-4', { 'eks.amazonaws.com/compute-type': 'fargate' }))).toMatchObject({ poolKind: null, pool: null, capacityType: 'FARGATE' });
    expect(nodeInfo(node('mi-0123', { 'eks.amazonaws.com/compute-type': 'hybrid' }))).toMatchObject({ computeType: 'other', poolKind: 'hybrid' });
  });

  it('capacity types read as AWS’s consoles write them', () => {
    expect(['ON_DEMAND', 'SPOT', 'CAPACITY_BLOCK', 'RESERVED', 'FARGATE', null].map(capacityLabel)).toEqual(['On-Demand', 'Spot', 'Capacity Block', 'Reserved', 'Fargate', '—']);
  });
});
