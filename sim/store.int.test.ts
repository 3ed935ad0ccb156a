import { describe, expect, it } from 'vitest';
import { Store, ObjectStoreError, type NewObj, type Obj, type WatchEvent } from './store';

const T0 = new Date('2026-11-26T12:00:00Z');

function ns(name: string): NewObj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function pod(namespace: string, name: string, extra: Partial<NewObj['metadata']> = {}): NewObj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, ...extra }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

function fresh(opts: { historyLimit?: number } = {}): Store {
  return new Store({ now: () => T0, ...opts });
}

describe('Store create/get/list', () => {
  it('fills uid, resourceVersion and creationTimestamp, and keeps a given creationTimestamp', () => {
    const s = fresh();
    const a = s.create(ns('a'));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.resourceVersion).toBe(String(s.revision));
    expect(a.metadata.creationTimestamp).toBe('2026-11-26T12:00:00Z');
    const old = s.create(pod('a', 'old', { creationTimestamp: '2026-11-26T09:00:00Z' }));
    expect(old.metadata.creationTimestamp).toBe('2026-11-26T09:00:00Z');
  });

  it('numbers every write with the next global revision, across kinds', () => {
    const s = fresh();
    const r0 = s.revision;
    const a = s.create(ns('a'));
    const p = s.create(pod('a', 'p'));
    expect(Number(a.metadata.resourceVersion)).toBe(r0 + 1);
    expect(Number(p.metadata.resourceVersion)).toBe(r0 + 2);
    expect(s.revision).toBe(r0 + 2);
  });

  it('makes a name from generateName with a five-character suffix', () => {
    const s = fresh();
    s.create(ns('a'));
    const p = s.create(pod('a', '', { generateName: 'web-' }));
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects a duplicate name with 409 AlreadyExists', () => {
    const s = fresh();
    s.create(ns('a'));
    s.create(pod('a', 'p'));
    const err = catchErr(() => s.create(pod('a', 'p')));
    expect(err).toBeInstanceOf(ObjectStoreError);
    expect(err).toMatchObject({ code: 409, reason: 'AlreadyExists' });
  });

  it('rejects malformed objects with 422 Invalid and a message naming the problem', () => {
    const s = fresh();
    expect(catchErr(() => s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }))).toMatchObject({ code: 422, message: expect.stringContaining('metadata.namespace is required') });
    expect(catchErr(() => s.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', namespace: 'x' } }))).toMatchObject({ code: 422, message: expect.stringContaining('cluster-scoped') });
    expect(catchErr(() => s.create(pod('a', 'Bad_Name')))).toMatchObject({ code: 422, message: expect.stringContaining('RFC 1123') });
    expect(catchErr(() => s.create({ apiVersion: 'apps/v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' } }))).toMatchObject({ code: 422, message: expect.stringContaining('apiVersion v1') });
    expect(catchErr(() => s.create(pod('a', 'p', { labels: { x: 1 as unknown as string } })))).toMatchObject({ code: 422, message: expect.stringContaining('metadata.labels.x') });
    expect(s.list('Pod')).toEqual([]);
  });

  it('returns deep copies: changing a result does not change the store', () => {
    const s = fresh();
    s.create(ns('a'));
    const created = s.create(pod('a', 'p', { labels: { app: 'x' } }));
    created.metadata.labels!.app = 'changed';
    const got = s.get('Pod', 'a', 'p')!;
    got.metadata.labels!.app = 'changed too';
    s.list('Pod')[0].metadata.labels!.app = 'and again';
    expect(s.get('Pod', 'a', 'p')!.metadata.labels).toEqual({ app: 'x' });
  });

  it('lists sorted by namespace then name, in one namespace or all', () => {
    const s = fresh();
    for (const n of ['b', 'a']) s.create(ns(n));
    s.create(pod('b', 'z'));
    s.create(pod('b', 'a'));
    s.create(pod('a', 'm'));
    expect(s.list('Pod').map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['a/m', 'b/a', 'b/z']);
    expect(s.list('Pod', 'b').map((p) => p.metadata.name)).toEqual(['a', 'z']);
    expect(s.list('Pod', 'nope')).toEqual([]);
    expect(s.list('Namespace').map((n) => n.metadata.name)).toEqual(['a', 'b']);
  });
});

describe('Store update/mutate', () => {
  it('replaces an object, keeping uid and creationTimestamp, with a new resourceVersion', () => {
    const s = fresh();
    s.create(ns('a'));
    const p = s.create(pod('a', 'p'));
    const next: Obj = { ...p, metadata: { ...p.metadata, uid: '', creationTimestamp: '', labels: { v: '2' } } };
    const u = s.update(next);
    expect(u.metadata.uid).toBe(p.metadata.uid);
    expect(u.metadata.creationTimestamp).toBe(p.metadata.creationTimestamp);
    expect(Number(u.metadata.resourceVersion)).toBeGreaterThan(Number(p.metadata.resourceVersion));
    expect(u.metadata.labels).toEqual({ v: '2' });
  });

  it('answers a stale resourceVersion with 409 Conflict when asked to check', () => {
    const s = fresh();
    s.create(ns('a'));
    const p = s.create(pod('a', 'p'));
    s.mutate('Pod', 'a', 'p', (o) => {
      o.metadata.labels = { changed: 'yes' };
    });
    expect(catchErr(() => s.update(p, { checkVersion: true }))).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(s.update(p).metadata.labels).toBeUndefined(); // unconditional replace
  });

  it('answers an update of a missing object with 404', () => {
    const s = fresh();
    s.create(ns('a'));
    const p = s.create(pod('a', 'p'));
    s.delete('Pod', 'a', 'p');
    expect(catchErr(() => s.update(p))).toMatchObject({ code: 404, reason: 'NotFound' });
    expect(s.mutate('Pod', 'a', 'p', () => {})).toBeUndefined();
  });

  it('does not write (no event, same resourceVersion) when nothing changes', () => {
    const s = fresh();
    s.create(ns('a'));
    const p = s.create(pod('a', 'p'));
    const events: WatchEvent[] = [];
    s.subscribe((e) => events.push(e));
    const r = s.revision;
    expect(s.mutate('Pod', 'a', 'p', () => {})!.metadata.resourceVersion).toBe(p.metadata.resourceVersion);
    expect(s.update(p).metadata.resourceVersion).toBe(p.metadata.resourceVersion);
    expect(events).toEqual([]);
    expect(s.revision).toBe(r);
  });

  it('bumps metadata.generation of a Deployment when its spec changes, not when its status does', () => {
    const s = fresh();
    s.create(ns('a'));
    const d = s.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'a' }, spec: { replicas: 1 } });
    expect(d.metadata.generation).toBe(1);
    const st = s.mutate('Deployment', 'a', 'd', (o) => {
      o.status = { replicas: 1 };
    })!;
    expect(st.metadata.generation).toBe(1);
    const sp = s.mutate('Deployment', 'a', 'd', (o) => {
      (o.spec as { replicas: number }).replicas = 3;
    })!;
    expect(sp.metadata.generation).toBe(2);
  });

  it('refuses to rename through mutate', () => {
    const s = fresh();
    s.create(ns('a'));
    s.create(pod('a', 'p'));
    expect(
      catchErr(() =>
        s.mutate('Pod', 'a', 'p', (o) => {
          o.metadata.name = 'q';
        }),
      ),
    ).toMatchObject({ code: 422 });
    expect(s.get('Pod', 'a', 'p')).toBeDefined();
  });
});

describe('Store delete', () => {
  it('returns the last state with the deletion revision, and cascades to owned objects', () => {
    const s = fresh();
    s.create(ns('a'));
    const d = s.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'a' }, spec: {} });
    const owner = (o: Obj) => [{ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true }];
    const rs = s.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'd-1', namespace: 'a', ownerReferences: owner(d) }, spec: {} });
    s.create(pod('a', 'd-1-x', { ownerReferences: owner(rs) }));
    s.create(pod('a', 'lonely'));
    const events: WatchEvent[] = [];
    s.subscribe((e) => events.push(e));
    const gone = s.delete('Deployment', 'a', 'd')!;
    expect(gone.metadata.name).toBe('d');
    expect(events.map((e) => `${e.type} ${e.object.kind}/${e.object.metadata.name}`)).toEqual(['DELETED Deployment/d', 'DELETED ReplicaSet/d-1', 'DELETED Pod/d-1-x']);
    expect(events[0].object.metadata.resourceVersion).toBe(String(events[0].rv));
    expect(gone.metadata.resourceVersion).toBe(String(events[0].rv));
    expect(s.list('Pod').map((p) => p.metadata.name)).toEqual(['lonely']);
    expect(s.delete('Pod', 'a', 'nope')).toBeUndefined();
  });

  it('deleting a namespace deletes everything in it and nothing elsewhere', () => {
    const s = fresh();
    s.create(ns('a'));
    s.create(ns('b'));
    s.create(pod('a', 'p1'));
    s.create(pod('b', 'p2'));
    s.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'a' }, spec: {} });
    s.delete('Namespace', null, 'a');
    expect(s.list('Pod').map((p) => p.metadata.name)).toEqual(['p2']);
    expect(s.list('Service')).toEqual([]);
    expect(s.list('Namespace').map((n) => n.metadata.name)).toEqual(['b']);
  });
});

describe('Store subscribe and history', () => {
  it('delivers events in revision order even when a subscriber writes from its callback', () => {
    const s = fresh();
    s.create(ns('a'));
    const seen: number[] = [];
    s.subscribe((e) => {
      if (e.type === 'ADDED' && e.object.metadata.name === 'p') {
        s.mutate('Pod', 'a', 'p', (o) => {
          o.metadata.labels = { touched: 'yes' };
        });
      }
    });
    s.subscribe((e) => seen.push(e.rv));
    s.create(pod('a', 'p'));
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeGreaterThan(seen[0]);
  });

  it('gives each subscriber its own copy', () => {
    const s = fresh();
    s.create(ns('a'));
    s.subscribe((e) => {
      e.object.metadata.name = 'vandalised';
    });
    let name = '';
    s.subscribe((e) => (name = e.object.metadata.name));
    s.create(pod('a', 'p'));
    expect(name).toBe('p');
    expect(s.get('Pod', 'a', 'p')).toBeDefined();
  });

  it('replays the events after a resourceVersion, and answers expired for versions older than the log', () => {
    const s = fresh({ historyLimit: 5 });
    s.create(ns('a'));
    const start = s.revision;
    for (let i = 0; i < 3; i++) s.create(pod('a', `p${i}`));
    const h = s.history(start);
    expect(h).not.toBe('expired');
    expect((h as WatchEvent[]).map((e) => e.object.metadata.name)).toEqual(['p0', 'p1', 'p2']);
    expect(s.history(s.revision)).toEqual([]);
    for (let i = 3; i < 200; i++) s.create(pod('a', `p${i}`));
    expect(s.history(start)).toBe('expired');
    const recent = s.history(s.revision - 3) as WatchEvent[];
    expect(recent.map((e) => e.object.metadata.name)).toEqual(['p197', 'p198', 'p199']);
  });

  it('expireHistory makes every older resume expired, but the current revision still resumes', () => {
    const s = fresh();
    s.create(ns('a'));
    const before = s.revision;
    s.create(pod('a', 'p'));
    s.expireHistory();
    expect(s.history(before)).toBe('expired');
    expect(s.history(s.revision)).toEqual([]);
    s.create(pod('a', 'q'));
    expect((s.history(s.revision - 1) as WatchEvent[]).map((e) => e.object.metadata.name)).toEqual(['q']);
  });

  it('carries the previous state with MODIFIED raw events', () => {
    const s = fresh();
    s.create(ns('a'));
    s.create(pod('a', 'p', { labels: { v: '1' } }));
    const prevs: (string | undefined)[] = [];
    s.subscribeRaw((e) => prevs.push(e.prev?.metadata.labels?.v));
    s.mutate('Pod', 'a', 'p', (o) => {
      o.metadata.labels = { v: '2' };
    });
    expect(prevs).toEqual(['1']);
  });
});

describe('Store at scale', () => {
  it('lists 10,000 pods quickly', () => {
    const s = fresh({ historyLimit: 1000 });
    s.create(ns('a'));
    for (let i = 0; i < 10_000; i++) {
      s.create({
        ...pod('a', `pod-${String(i).padStart(5, '0')}`, { labels: { app: `app-${i % 50}` } }),
        status: { phase: 'Running', podIP: `10.0.${i >> 8}.${i & 255}` },
      });
    }
    const t0 = performance.now();
    const raw = s.listRaw('Pod');
    const json = '[' + raw.map((e) => e.json()).join(',') + ']';
    const t1 = performance.now();
    expect(raw).toHaveLength(10_000);
    expect(json.length).toBeGreaterThan(1_000_000);
    expect(t1 - t0).toBeLessThan(1000);
    const t2 = performance.now();
    expect(s.list('Pod', 'a')).toHaveLength(10_000);
    expect(performance.now() - t2).toBeLessThan(2000);
  });
});

function catchErr(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
