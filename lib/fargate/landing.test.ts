import { describe, expect, it } from 'vitest';
import { landPod, neverOnFargate, takingProfile } from './landing';
import type { ProfileLike } from './profiles';

const PROFILES: ProfileLike[] = [
  { name: 'test2-fargate', status: 'ACTIVE', selectors: [{ namespace: 'test2-fargate' }] },
  { name: 'test3-mixed', status: 'ACTIVE', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }] },
  { name: 'draft', status: 'CREATING', selectors: [{ namespace: 'test4' }] },
];

describe('where a new pod lands', () => {
  it('DaemonSet pods never run on Fargate', () => {
    expect(neverOnFargate('DaemonSet')).toBe(true);
    expect(neverOnFargate('Deployment')).toBe(false);
    expect(neverOnFargate(null)).toBe(false);
    expect(takingProfile({ namespace: 'test2-fargate', labels: {} }, 'DaemonSet', PROFILES)).toBeNull();
    expect(landPod({ namespace: 'test2-fargate', labels: {} }, { ownerKind: 'DaemonSet', profiles: PROFILES, hasEc2Nodes: true, fargateRefuses: false })).toEqual({ landing: 'ec2', match: null });
  });

  it('the first ACTIVE profile that selects the pod takes it', () => {
    expect(landPod({ namespace: 'test3-mixed', labels: { runon: 'fargate' } }, { ownerKind: 'Deployment', profiles: PROFILES, hasEc2Nodes: true, fargateRefuses: false })).toEqual({
      landing: 'fargate',
      match: { profile: 'test3-mixed', selectorIndex: 0 },
    });
    // Selected, but Fargate would refuse it: it stays Pending, and the profile is still named.
    expect(landPod({ namespace: 'test2-fargate', labels: {} }, { ownerKind: 'Pod', profiles: PROFILES, hasEc2Nodes: true, fargateRefuses: true }).landing).toBe('refused');
  });

  it('a pod no ACTIVE profile takes goes to EC2, or stays Pending without EC2 nodes', () => {
    expect(landPod({ namespace: 'test4', labels: {} }, { ownerKind: 'Deployment', profiles: PROFILES, hasEc2Nodes: true, fargateRefuses: false }).landing).toBe('ec2');
    expect(landPod({ namespace: 'test3-mixed', labels: {} }, { ownerKind: 'Deployment', profiles: PROFILES, hasEc2Nodes: false, fargateRefuses: false })).toEqual({ landing: 'pending', match: null });
  });
});
