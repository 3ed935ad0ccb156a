import { describe, expect, it } from 'vitest';
import type { Obj } from '../store';
import { fargateIncompatibility, matchesNodeSelection, podSpec, tolerates, untoleratedTaint } from './placement';

const pod = (spec: Record<string, unknown>, owner?: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z', ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner, name: 'x', uid: 'o' }] } : {}) },
  spec,
});

const fargateNode: Obj = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'fargate-ip-1-2-3-4', uid: 'n', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { taints: [{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }] },
};

describe('Fargate compatibility (docs/fargate-facts.md §5 messages)', () => {
  it('accepts an ordinary pod', () => {
    expect(fargateIncompatibility(pod({ containers: [{ name: 'c', image: 'nginx' }] }))).toBeNull();
  });

  it('reports privileged containers, host networking and host ports with the scheduler wording', () => {
    expect(fargateIncompatibility(pod({ containers: [{ name: 'c', securityContext: { privileged: true } }] }))).toBe(
      'Pod not supported on Fargate: invalid SecurityContext fields: Privileged',
    );
    expect(fargateIncompatibility(pod({ hostNetwork: true, containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }] }] }))).toBe(
      'Pod not supported on Fargate: fields not supported: HostNetwork, port contains HostIP or HostPort',
    );
    expect(fargateIncompatibility(pod({ containers: [{ name: 'c' }], volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] }))).toBe(
      'Pod not supported on Fargate: volumes not supported: logs is of an unsupported volume Type',
    );
  });

  it('refuses DaemonSet pods', () => {
    expect(fargateIncompatibility(pod({ containers: [{ name: 'c' }] }, 'DaemonSet'))).toContain('DaemonSet pods are not supported');
  });
});

describe('taints and node selection', () => {
  it('keeps pods without a toleration off Fargate nodes', () => {
    expect(untoleratedTaint(podSpec(pod({ containers: [] })), fargateNode)).toMatchObject({ key: 'eks.amazonaws.com/compute-type' });
    expect(untoleratedTaint(podSpec(pod({ containers: [], tolerations: [{ operator: 'Exists' }] })), fargateNode)).toBeNull();
    expect(tolerates([{ key: 'eks.amazonaws.com/compute-type', operator: 'Equal', value: 'fargate', effect: 'NoSchedule' }], { key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' })).toBe(true);
    expect(tolerates([{ key: 'eks.amazonaws.com/compute-type', value: 'ec2' }], { key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' })).toBe(false);
  });

  it('applies nodeSelector and required node affinity', () => {
    const labels = { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' };
    const affinity = (op: string, values?: string[]) => ({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: op, values }] }] } },
    });
    expect(matchesNodeSelection(podSpec(pod({ containers: [], nodeSelector: { 'kubernetes.io/os': 'linux' } })), labels)).toBe(true);
    expect(matchesNodeSelection(podSpec(pod({ containers: [], nodeSelector: { 'kubernetes.io/os': 'windows' } })), labels)).toBe(false);
    expect(matchesNodeSelection(podSpec(pod({ containers: [], affinity: affinity('NotIn', ['fargate']) })), labels)).toBe(true);
    expect(matchesNodeSelection(podSpec(pod({ containers: [], affinity: affinity('In', ['fargate']) })), labels)).toBe(false);
    expect(matchesNodeSelection(podSpec(pod({ containers: [], affinity: affinity('DoesNotExist') })), labels)).toBe(true);
  });
});
