import { describe, expect, it } from 'vitest';
import type { ApiPod } from './kube';
import { comparePods, factsOfApiPod, type PodFacts } from './truth';

function apiPod(over: { uid?: string; name?: string; ready?: boolean; restarts?: number; labels?: Record<string, string>; nodeName?: string; phase?: string } = {}): ApiPod {
  return {
    metadata: { uid: over.uid ?? 'u1', namespace: 'team-07', name: over.name ?? 'app-0007-5d8f9-abcde', labels: over.labels ?? { app: 'app-0007' } },
    spec: { nodeName: over.nodeName ?? 'ip-10-0-1-7.ap-southeast-1.compute.internal', containers: [{ name: 'web' }] },
    status: {
      phase: over.phase ?? 'Running',
      containerStatuses: [{ name: 'web', ready: over.ready ?? true, restartCount: over.restarts ?? 0, state: { running: { startedAt: '2026-11-26T10:00:00Z' } } }],
    },
  };
}

describe('facts of an API pod', () => {
  it('reads READY as ready running containers over containers, and sums restarts', () => {
    expect(factsOfApiPod(apiPod({ ready: false, restarts: 2 }))).toMatchObject({ ready: '0/1', restarts: 2, phase: 'Running', nodeName: 'ip-10-0-1-7.ap-southeast-1.compute.internal' });
    const pending = apiPod();
    pending.spec.nodeName = undefined;
    pending.status = { phase: 'Pending' };
    expect(factsOfApiPod(pending)).toMatchObject({ ready: '0/1', restarts: 0, phase: 'Pending', nodeName: null });
  });
});

describe('comparePods', () => {
  const truth = [factsOfApiPod(apiPod({ uid: 'a', name: 'a' })), factsOfApiPod(apiPod({ uid: 'b', name: 'b', restarts: 1 }))];

  it('finds nothing when the view says what the API says', () => {
    expect(comparePods(truth, truth.map((t) => ({ ...t, labels: { ...t.labels } })))).toEqual([]);
  });

  it('names missing, extra, duplicate and stale rows', () => {
    const view: PodFacts[] = [
      { ...truth[1], restarts: 0, labels: { app: 'app-0007', benchlive: '3' } },
      { ...truth[1], id: 'b' },
      { ...truth[0], id: 'ghost', name: 'ghost' },
    ];
    const d = comparePods(truth, view);
    expect(d).toContainEqual({ pod: 'team-07/a', problem: 'missing' });
    expect(d).toContainEqual({ pod: 'team-07/ghost', problem: 'extra' });
    expect(d).toContainEqual({ pod: 'team-07/b', problem: 'duplicate' });
    expect(d).toHaveLength(3);
  });

  it('reports each stale field with the API value first', () => {
    const view = [truth[0], { ...truth[1], restarts: 0, ready: '0/1', labels: { app: 'app-0007', benchlive: '3' } }];
    const [d] = comparePods(truth, view);
    expect(d.problem).toBe('stale');
    expect(d.fields).toEqual({ restarts: [1, 0], ready: ['1/1', '0/1'], labels: [{ app: 'app-0007' }, { app: 'app-0007', benchlive: '3' }] });
  });
});
