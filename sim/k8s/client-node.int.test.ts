/**
 * @kubernetes/client-node 2.0.1 (what lib/server uses) against the simulated API server over HTTPS: typed
 * list/read calls, the Watch class, and informers surviving dropped watches and expired history.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewObj } from '../store';
import { startTestApi, type TestApi } from './test-support/api-server';

let api: TestApi;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  api = await startTestApi();
  kc = new k8s.KubeConfig();
  kc.loadFromFile(api.kubeconfig);
});
afterAll(async () => {
  await api?.stop();
});

const newPod = (ns: string, name: string): NewObj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels: { app: 'informer-test' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
  status: { phase: 'Pending' },
});

/** namespace/name → resourceVersion of what the store holds now. */
function storePods(): Map<string, string> {
  return new Map(api.store.list('Pod').map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.metadata.resourceVersion]));
}

function informerPods(inf: k8s.Informer<k8s.V1Pod> & k8s.ObjectCache<k8s.V1Pod>): Map<string, string> {
  return new Map(inf.list().map((p) => [`${p.metadata!.namespace}/${p.metadata!.name}`, p.metadata!.resourceVersion!]));
}

async function until(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('@kubernetes/client-node', () => {
  it('lists, reads and filters with the typed clients', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    expect(all.items.map((p) => p.metadata!.name)).toEqual(api.store.list('Pod').map((p) => p.metadata.name));
    expect(all.metadata!.resourceVersion).toBe(String(api.store.revision));
    const fargate = await core.listPodForAllNamespaces({ fieldSelector: 'spec.schedulerName=fargate-scheduler' });
    expect(fargate.items.map((p) => p.metadata!.name)).toEqual(['nginx-fargate']);
    const paged = await core.listNamespacedPod({ namespace: 'test1-ec2', limit: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.metadata!._continue).toEqual(expect.any(String));
    const pod = await core.readNamespacedPod({ name: 'nginx-fargate', namespace: 'test2-fargate' });
    expect(pod.metadata!.annotations).toMatchObject({ CapacityProvisioned: '0.5vCPU 1GB' });
    expect(pod.metadata!.creationTimestamp).toBeInstanceOf(Date);
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(3);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const tgbs = (await custom.listNamespacedCustomObject({ group: 'elbv2.k8s.aws', version: 'v1beta1', namespace: 'test1-ec2', plural: 'targetgroupbindings' })) as { items: { spec: { targetType: string } }[] };
    expect(tgbs.items.map((t) => t.spec.targetType)).toEqual(['ip']);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const scale = await apps.readNamespacedDeploymentScale({ name: 'nginx-ec2', namespace: 'test1-ec2' });
    expect(scale.spec!.replicas).toBe(2);
  });

  it('surfaces Status errors as ApiException with the code and body', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const err = await core.readNamespacedPod({ name: 'nope', namespace: 'default' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    const e = err as k8s.ApiException<string>;
    expect(e.code).toBe(404);
    expect(JSON.parse(e.body)).toMatchObject({ reason: 'NotFound', message: 'pods "nope" not found' });
    const bad = await core.listPodForAllNamespaces({ fieldSelector: 'spec.foo=x' }).then(
      () => null,
      (x: unknown) => x as k8s.ApiException<string>,
    );
    expect(bad?.code).toBe(400);
  });

  it('patches with the patch strategies client-node offers', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const merged = await core.patchNamespacedPod(
      { name: 'nginx-fargate', namespace: 'test2-fargate', body: { metadata: { labels: { patched: 'merge' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(merged.metadata!.labels).toMatchObject({ patched: 'merge' });
    const jsonPatched = await core.patchNamespacedPod({ name: 'nginx-fargate', namespace: 'test2-fargate', body: [{ op: 'add', path: '/metadata/labels/json', value: 'yes' }] });
    expect(jsonPatched.metadata!.labels).toMatchObject({ json: 'yes' });
  });

  it('Watch streams events with their own resourceVersions', async () => {
    const seen: { type: string; name: string; rv: string }[] = [];
    let done: unknown = 'not yet';
    const from = String(api.store.revision);
    const req = await new k8s.Watch(kc).watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: from },
      (type, obj: k8s.V1Pod) => seen.push({ type, name: obj.metadata!.name!, rv: obj.metadata!.resourceVersion! }),
      (err) => (done = err),
    );
    try {
      const created = api.store.create(newPod('default', 'watched'));
      const removed = api.store.delete('Pod', 'default', 'watched')!;
      await until(() => seen.length >= 2, 10_000, 'watch events');
      expect(seen).toEqual([
        { type: 'ADDED', name: 'watched', rv: created.metadata.resourceVersion },
        { type: 'DELETED', name: 'watched', rv: removed.metadata.resourceVersion },
      ]);
      api.server.api.dropWatches('end');
      await until(() => done !== 'not yet', 10_000, 'the watch to end');
      expect(done).toBeNull(); // a clean end, not an error
    } finally {
      req.abort();
    }
  });

  it('an informer lists, watches, and stays exact through a dropped watch and an expired history', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
    const log: string[] = [];
    let connects = 0;
    const errors: unknown[] = [];
    informer.on('add', (p) => log.push(`add ${p.metadata!.namespace}/${p.metadata!.name}`));
    informer.on('update', (p) => log.push(`update ${p.metadata!.namespace}/${p.metadata!.name}`));
    informer.on('delete', (p) => log.push(`delete ${p.metadata!.namespace}/${p.metadata!.name}`));
    informer.on('connect', () => connects++);
    informer.on('error', (e) => errors.push(e));
    const inSync = () => JSON.stringify([...informerPods(informer)].sort()) === JSON.stringify([...storePods()].sort());
    await informer.start();
    try {
      await until(inSync, 10_000, 'the initial list');
      await until(() => api.server.api.activeWatches() === 1, 10_000, 'the informer watch');

      // 1. The watch is dropped; changes made while it is down replay from history when it resumes.
      api.server.api.dropWatches('end');
      api.store.create(newPod('default', 'during-drop'));
      api.store.delete('Pod', 'test2-fargate', 'nginx-pending');
      api.store.mutate('Pod', 'kube-system', 'coredns-6d8f6d9c7b-abcde', (o) => {
        o.metadata.labels = { ...o.metadata.labels, touched: 'during-drop' };
      });
      await until(inSync, 10_000, 'resync after the drop');
      expect(log.slice(-3)).toEqual(['add default/during-drop', 'delete test2-fargate/nginx-pending', 'update kube-system/coredns-6d8f6d9c7b-abcde']);

      // 2. History expires while the watch is down: the resume gets 410, the informer relists, and the relist
      //    removes what was deleted meanwhile (no ghosts) without adding anything twice.
      await until(() => api.server.api.activeWatches() === 1, 10_000, 'the informer watch');
      const connectsBefore = connects;
      api.store.expireHistory();
      api.server.api.dropWatches('end');
      api.store.delete('Pod', 'default', 'during-drop');
      api.store.create(newPod('default', 'after-expiry'));
      await until(inSync, 15_000, 'resync after the 410');
      expect(informer.get('during-drop', 'default')).toBeUndefined();
      expect(informer.get('after-expiry', 'default')).toBeDefined();
      expect(connects).toBeGreaterThan(connectsBefore);

      // 3. Live changes keep flowing on the new watch.
      api.store.create(newPod('default', 'live'));
      await until(inSync, 10_000, 'a live change');

      // No object was ever added twice without a delete in between.
      const state = new Map<string, boolean>();
      for (const entry of log) {
        const [verb, key] = entry.split(' ');
        if (verb === 'add') {
          expect(state.get(key), `duplicate add of ${key}`).not.toBe(true);
          state.set(key, true);
        } else if (verb === 'delete') {
          expect(state.get(key), `delete of unknown ${key}`).toBe(true);
          state.set(key, false);
        } else {
          expect(state.get(key), `update of unknown ${key}`).toBe(true);
        }
      }
      expect(informer.list()).toHaveLength(api.store.count('Pod'));
      expect(errors).toEqual([]);
    } finally {
      await informer.stop();
    }
  }, 60_000);

  it('an informer restarted from its error handler recovers from a reset connection', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/pods', () => core.listNamespacedPod({ namespace: 'default' }));
    let errors = 0;
    let stopped = false;
    // client-node stops an informer on any watch error other than 410; callers restart it (as lib/server must).
    informer.on('error', () => {
      errors++;
      if (!stopped) setTimeout(() => void informer.start(), 200);
    });
    await informer.start();
    try {
      await until(() => api.server.api.activeWatches() === 1, 10_000, 'the informer watch');
      api.server.api.dropWatches('reset');
      api.store.create(newPod('default', 'after-reset'));
      await until(() => informer.get('after-reset', 'default') !== undefined, 15_000, 'recovery after the reset');
      expect(errors).toBeGreaterThanOrEqual(1);
      expect(informer.list().map((p) => p.metadata!.name).sort()).toEqual(api.store.list('Pod', 'default').map((p) => p.metadata.name).sort());
    } finally {
      stopped = true;
      await informer.stop();
    }
  }, 30_000);
});
