import { describe, expect, it } from 'vitest';
import type { ContainerStatus, KubePod } from './kube';
import { podQos, podStatusColumns } from './pod-status';

function pod(over: { containers?: string[]; init?: string[]; statuses?: ContainerStatus[]; initStatuses?: ContainerStatus[]; phase?: string; reason?: string; deleting?: boolean; ready?: boolean }): KubePod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u', ...(over.deleting ? { deletionTimestamp: '2026-03-26T12:00:00Z' } : {}) },
    spec: {
      containers: (over.containers ?? ['app']).map((name) => ({ name })),
      ...(over.init ? { initContainers: over.init.map((name) => ({ name })) } : {}),
    },
    status: {
      phase: over.phase ?? 'Running',
      ...(over.reason ? { reason: over.reason } : {}),
      containerStatuses: over.statuses,
      initContainerStatuses: over.initStatuses,
      conditions: over.ready ? [{ type: 'Ready', status: 'True' }] : [],
    },
  };
}

const running = (name: string, restarts = 0): ContainerStatus => ({ name, ready: true, restartCount: restarts, state: { running: { startedAt: 'x' } } });

// Expected strings are what `kubectl get pods` prints in these situations.
describe('kubectl STATUS, READY and RESTARTS', () => {
  it('Running', () => {
    expect(podStatusColumns(pod({ statuses: [running('app')] }))).toEqual({ status: 'Running', ready: '1/1', restarts: 0 });
  });

  it('sums restarts and counts ready containers', () => {
    const p = pod({ containers: ['a', 'b'], statuses: [running('a', 2), { name: 'b', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } }] });
    expect(podStatusColumns(p)).toEqual({ status: 'CrashLoopBackOff', ready: '1/2', restarts: 7 });
  });

  it('Pending and ContainerCreating', () => {
    expect(podStatusColumns(pod({ phase: 'Pending' })).status).toBe('Pending');
    expect(podStatusColumns(pod({ phase: 'Pending', statuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] })).status).toBe('ContainerCreating');
  });

  it('init containers: Init:N/M, Init:<reason>, Init:ExitCode', () => {
    const initRunning = pod({ phase: 'Pending', init: ['a', 'b'], initStatuses: [{ name: 'a', state: { terminated: { exitCode: 0 } } }, { name: 'b', state: { running: {} } }] });
    expect(podStatusColumns(initRunning).status).toBe('Init:1/2');
    const crash = pod({ phase: 'Pending', init: ['a'], initStatuses: [{ name: 'a', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] });
    expect(podStatusColumns(crash)).toMatchObject({ status: 'Init:CrashLoopBackOff', restarts: 3 });
    const failed = pod({ phase: 'Pending', init: ['a'], initStatuses: [{ name: 'a', state: { terminated: { exitCode: 2 } } }] });
    expect(podStatusColumns(failed).status).toBe('Init:ExitCode:2');
  });

  it('Completed, Error, ExitCode and Evicted', () => {
    expect(podStatusColumns(pod({ phase: 'Succeeded', statuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] })).status).toBe('Completed');
    expect(podStatusColumns(pod({ phase: 'Failed', statuses: [{ name: 'app', state: { terminated: { exitCode: 1 } } }] })).status).toBe('ExitCode:1');
    expect(podStatusColumns(pod({ phase: 'Failed', reason: 'Evicted' })).status).toBe('Evicted');
  });

  it('Terminating while a deletion is pending', () => {
    expect(podStatusColumns(pod({ deleting: true, statuses: [running('app')] })).status).toBe('Terminating');
  });
});

describe('QoS class', () => {
  it('uses status.qosClass, else computes it from requests and limits', () => {
    const p = pod({});
    expect(podQos({ ...p, status: { qosClass: 'Guaranteed' } })).toBe('Guaranteed');
    expect(podQos({ ...p, status: {} })).toBe('BestEffort');
    const g: KubePod = { ...p, status: {}, spec: { containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } };
    expect(podQos(g)).toBe('Guaranteed');
    const b: KubePod = { ...p, status: {}, spec: { containers: [{ name: 'a', resources: { requests: { cpu: '1' } } }] } };
    expect(podQos(b)).toBe('Burstable');
  });
});
