import { describe, expect, it } from 'vitest';
import { placementTone, severityTone, statusTone, targetsTone } from './tone';

describe('statusTone', () => {
  it('colours what kubectl and EKS print', () => {
    expect(statusTone('Running')).toBe('ok');
    expect(statusTone('Ready')).toBe('ok');
    expect(statusTone('ACTIVE')).toBe('ok');
    expect(statusTone('Pending')).toBe('warn');
    expect(statusTone('ContainerCreating')).toBe('warn');
    expect(statusTone('Init:0/1')).toBe('warn');
    expect(statusTone('Ready,SchedulingDisabled')).toBe('warn');
    expect(statusTone('DELETING')).toBe('warn');
    expect(statusTone('CrashLoopBackOff')).toBe('err');
    expect(statusTone('ImagePullBackOff')).toBe('err');
    expect(statusTone('NotReady')).toBe('err');
    expect(statusTone('CREATE_FAILED')).toBe('err');
    expect(statusTone('Completed')).toBe('ok');
    expect(statusTone('SomethingNew')).toBe('plain');
  });
});

describe('other tones', () => {
  it('map placements, targets and severities', () => {
    expect(placementTone('fargate')).toBe('fargate');
    expect(placementTone('ec2')).toBe('ec2');
    expect(placementTone('pending')).toBe('pending');
    expect(placementTone(null)).toBe('muted');
    expect(targetsTone({ targets: [], healthyTargets: 0 })).toBe('muted');
    const t = { id: '1', port: 80, health: 'healthy', reason: null, podId: null, placement: null };
    expect(targetsTone({ targets: [t, t], healthyTargets: 2 })).toBe('ok');
    expect(targetsTone({ targets: [t, t], healthyTargets: 1 })).toBe('warn');
    expect(targetsTone({ targets: [t], healthyTargets: 0 })).toBe('err');
    expect(severityTone('error')).toBe('err');
    expect(severityTone(null)).toBe('plain');
  });
});
