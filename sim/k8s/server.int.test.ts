/**
 * Wire-level tests of the simulated API server over HTTPS on 127.0.0.1: what clients send and what
 * kube-apiserver answers (docs/protocol.md §1). The fixture cluster is written through the store.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from '../faults';
import { Store } from '../store';
import { FIXTURE_NOW, fixtureStore, startTestApi, type TestApi } from './test-support/api-server';
import { openWatch, request, type ApiTarget } from './http-client';

let api: TestApi;
let t: ApiTarget;
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

beforeAll(async () => {
  api = await startTestApi({ bookmarkIntervalMs: 100 });
  t = { url: api.server.url, caCert: api.tls.caCert, token: api.token };
});
afterAll(async () => {
  await api?.stop();
});

type Json = Record<string, unknown> & { metadata?: Record<string, unknown>; items?: Json[] };
const j = (v: unknown) => v as Json;

describe('authentication and errors', () => {
  it('answers 401 Status without a token or with a wrong one, and serves /version to anyone', async () => {
    for (const token of [null, 'wrong']) {
      const r = await request(t, 'GET', '/api/v1/pods', { token });
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    }
    const v = await request(t, 'GET', '/version', { token: null });
    expect(v.status).toBe(200);
    expect(v.json).toMatchObject({ major: '1', minor: '28+', gitVersion: expect.stringMatching(/^v1\.28\.\d+-eks-[0-9a-f]{7}$/) });
  });

  it('accepts EKS tokens from `aws eks get-token`', async () => {
    const r = await request(t, 'GET', '/api/v1/namespaces', { token: 'k8s-aws-v1.aHR0cHM6Ly9zdHMuYXAtc291dGhlYXN0LTEuYW1hem9uYXdzLmNvbS8' });
    expect(r.status).toBe(200);
  });

  it('answers unknown paths and objects with NotFound Status objects', async () => {
    const unknown = await request(t, 'GET', '/api/v1/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });
    const pod = await request(t, 'GET', '/api/v1/namespaces/default/pods/nope');
    expect(pod.json).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 });
    const tgb = await request(t, 'GET', '/apis/elbv2.k8s.aws/v1beta1/namespaces/default/targetgroupbindings/nope');
    expect(tgb.json).toMatchObject({ message: 'targetgroupbindings.elbv2.k8s.aws "nope" not found', details: { name: 'nope', group: 'elbv2.k8s.aws', kind: 'targetgroupbindings' } });
  });

  it('answers 405 for methods a path does not support', async () => {
    const r = await request(t, 'POST', '/api/v1/namespaces/default/pods/x', { body: {} });
    expect(r.status).toBe(405);
    expect(j(r.json).reason).toBe('MethodNotAllowed');
  });
});

describe('discovery', () => {
  it('serves legacy discovery with short names and categories', async () => {
    const core = j((await request(t, 'GET', '/api/v1')).json);
    const res = core.resources as { name: string; shortNames?: string[]; categories?: string[]; namespaced: boolean; kind: string }[];
    expect(res.find((r) => r.name === 'pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
    expect(res.find((r) => r.name === 'nodes')).toMatchObject({ namespaced: false, shortNames: ['no'] });
    expect(res.map((r) => r.name)).toEqual(expect.arrayContaining(['pods/status', 'pods/log', 'services', 'endpoints', 'events', 'namespaces']));
    const groups = j((await request(t, 'GET', '/apis')).json).groups as { name: string }[];
    expect(groups.map((g) => g.name)).toEqual(['apps', 'networking.k8s.io', 'elbv2.k8s.aws', 'metrics.k8s.io']);
    const tgb = j((await request(t, 'GET', '/apis/elbv2.k8s.aws/v1beta1')).json).resources as { name: string; shortNames?: string[] }[];
    expect(tgb[0]).toMatchObject({ name: 'targetgroupbindings', shortNames: ['tgb'] });
    const apps = j((await request(t, 'GET', '/apis/apps/v1')).json).resources as { name: string; kind: string; group?: string }[];
    expect(apps.find((r) => r.name === 'deployments/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling' });
  });

  it('serves aggregated discovery v2 only when asked, with the exact Content-Type', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const r = await request(t, 'GET', '/apis', { headers: { Accept: accept } });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(j(r.json).kind).toBe('APIGroupDiscoveryList');
    const api2 = j((await request(t, 'GET', '/api', { headers: { Accept: accept } })).json);
    const pods = ((api2.items as Json[])[0].versions as Json[])[0].resources as Json[];
    expect(pods.find((p) => p.resource === 'pods')).toMatchObject({ responseKind: { group: '', version: 'v1', kind: 'Pod' }, scope: 'Namespaced', shortNames: ['po'] });
    const legacy = await request(t, 'GET', '/api');
    expect(legacy.headers['content-type']).toBe('application/json');
    expect(j(legacy.json).kind).toBe('APIVersions');
  });
});

describe('list', () => {
  it('lists with the current global resourceVersion and kind/apiVersion of the list', async () => {
    const r = j((await request(t, 'GET', '/api/v1/pods')).json);
    expect(r.kind).toBe('PodList');
    expect(r.apiVersion).toBe('v1');
    expect(r.metadata!.resourceVersion).toBe(String(api.store.revision));
    expect(r.items!.map((p) => `${j(p.metadata).namespace}/${j(p.metadata).name}`)).toEqual(api.store.list('Pod').map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
  });

  it('pages with limit/continue over a consistent snapshot', async () => {
    const first = j((await request(t, 'GET', '/api/v1/pods?limit=2')).json);
    expect(first.items).toHaveLength(2);
    const meta = first.metadata!;
    expect(meta.continue).toEqual(expect.any(String));
    expect(meta.remainingItemCount).toBe(api.store.count('Pod') - 2);
    // A write between pages must not show up in the later pages (same snapshot, same resourceVersion).
    api.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'aaa-late', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const names: string[] = first.items!.map((p) => String(j(p.metadata).name));
    let cont = String(meta.continue);
    for (let i = 0; i < 10 && cont; i++) {
      const page = j((await request(t, 'GET', `/api/v1/pods?limit=2&continue=${encodeURIComponent(cont)}`)).json);
      expect(page.metadata!.resourceVersion).toBe(meta.resourceVersion);
      names.push(...page.items!.map((p) => String(j(p.metadata).name)));
      cont = String(page.metadata!.continue ?? '');
    }
    expect(names).not.toContain('aaa-late');
    expect(names).toHaveLength(api.store.count('Pod') - 1);
    api.store.delete('Pod', 'default', 'aaa-late');
    const bad = await request(t, 'GET', `/api/v1/pods?limit=2&continue=${Buffer.from('{"rv":1,"start":2,"id":"gone"}').toString('base64url')}`);
    expect(bad.status).toBe(410);
    expect(j(bad.json).reason).toBe('Expired');
  });

  it('filters with label and field selectors, and rejects unsupported fields with 400', async () => {
    const byLabel = j((await request(t, 'GET', `/api/v1/pods?labelSelector=${encodeURIComponent('app in (nginx-ec2,nginx-fargate),!nothing')}`)).json);
    expect(byLabel.items!.map((p) => j(p.metadata).name)).toEqual(['nginx-ec2-5c68c8d5f-8fmng', 'nginx-ec2-5c68c8d5f-x2v9k', 'nginx-fargate']);
    const byField = j((await request(t, 'GET', `/api/v1/pods?fieldSelector=${encodeURIComponent('spec.schedulerName=fargate-scheduler')}`)).json);
    expect(byField.items!.map((p) => j(p.metadata).name)).toEqual(['nginx-fargate']);
    const onNode = j((await request(t, 'GET', `/api/v1/pods?fieldSelector=${encodeURIComponent('spec.nodeName=ip-172-31-10-20.ap-southeast-1.compute.internal,status.phase!=Failed')}`)).json);
    expect(onNode.items!.map((p) => j(p.metadata).name)).toEqual(['coredns-6d8f6d9c7b-abcde', 'nginx-ec2-5c68c8d5f-x2v9k']);
    const bad = await request(t, 'GET', '/api/v1/pods?fieldSelector=spec.foo%3Dx');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ reason: 'BadRequest', message: 'field label not supported: spec.foo', code: 400 });
    const badLabel = await request(t, 'GET', '/api/v1/pods?labelSelector=a%20b');
    expect(badLabel.status).toBe(400);
  });

  it('answers Table requests with the printer columns and PartialObjectMetadata rows', async () => {
    const r = j((await request(t, 'GET', '/api/v1/namespaces/test2-fargate/pods?limit=500', { headers: { Accept: TABLE_ACCEPT } })).json);
    expect(r.kind).toBe('Table');
    expect((r.columnDefinitions as Json[]).map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    const rows = r.rows as { cells: unknown[]; object: Json }[];
    expect(rows[0].cells).toEqual(['nginx-fargate', '1/1', 'Running', '0', '3h', '172.31.140.9', 'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal', '<none>', '<none>']);
    expect(rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { namespace: 'test2-fargate', labels: { 'eks.amazonaws.com/fargate-profile': 'test2-fargate' } } });
  });
});

describe('create, update, patch, delete', () => {
  const podBody = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...extra }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } });

  it('creates with 201, fills server fields and defaults, and supports generateName', async () => {
    const r = await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: podBody('created-1') });
    expect(r.status).toBe(201);
    const o = j(r.json);
    expect(o.metadata).toMatchObject({ name: 'created-1', namespace: 'default', uid: expect.any(String), resourceVersion: String(api.store.revision), creationTimestamp: '2026-11-26T12:00:00Z' });
    expect(o.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(o.spec).toMatchObject({ restartPolicy: 'Always', schedulerName: 'default-scheduler', containers: [{ imagePullPolicy: 'IfNotPresent' }] });
    const g = j((await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: { ...podBody(''), metadata: { generateName: 'gen-' } } })).json);
    expect(j(g.metadata).name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('refuses duplicates (409), missing namespaces (404), mismatched namespaces (400) and invalid names (422)', async () => {
    const dup = await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: podBody('created-1') });
    expect(dup.json).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'pods "created-1" already exists', details: { name: 'created-1', kind: 'pods' } });
    const nons = await request(t, 'POST', '/api/v1/namespaces/ghost/pods', { body: podBody('x') });
    expect(nons.json).toMatchObject({ code: 404, message: 'namespaces "ghost" not found' });
    const mismatch = await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: podBody('x', { namespace: 'kube-system' }) });
    expect(mismatch.status).toBe(400);
    const bad = await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: podBody('Bad_Name') });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ reason: 'Invalid', details: { name: 'Bad_Name', kind: 'Pod', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] } });
    const noImage = await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: { ...podBody('x'), spec: { containers: [{ name: 'c' }] } } });
    expect(noImage.json).toMatchObject({ code: 422, message: expect.stringContaining('spec.containers[0].image') });
    const notJson = await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('does not persist dryRun=All', async () => {
    const before = api.store.revision;
    const r = await request(t, 'POST', '/api/v1/namespaces/default/pods?dryRun=All', { body: podBody('dry') });
    expect(r.status).toBe(201);
    expect(api.store.get('Pod', 'default', 'dry')).toBeUndefined();
    expect(api.store.revision).toBe(before);
  });

  it('allocates a cluster IP and node ports for a new LoadBalancer service', async () => {
    const r = j((await request(t, 'POST', '/api/v1/namespaces/default/services', { body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 80 }] } } })).json);
    const spec = j(r.spec);
    expect(spec.clusterIP).toMatch(/^10\.100\.\d+\.\d+$/);
    expect((spec.ports as Json[])[0]).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP', nodePort: expect.any(Number) });
    expect(((spec.ports as Json[])[0].nodePort as number) >= 30000).toBe(true);
  });

  it('PUT replaces with optimistic concurrency, and keeps status unless /status is used', async () => {
    const cur = j((await request(t, 'GET', '/api/v1/namespaces/test1-ec2/pods/nginx-ec2-5c68c8d5f-8fmng')).json);
    const stale = JSON.parse(JSON.stringify(cur)) as Json;
    const next = JSON.parse(JSON.stringify(cur)) as Json;
    j(next.metadata).labels = { ...(j(next.metadata).labels as object), put: 'yes' };
    next.status = { phase: 'Failed' };
    const ok = j((await request(t, 'PUT', '/api/v1/namespaces/test1-ec2/pods/nginx-ec2-5c68c8d5f-8fmng', { body: next })).json);
    expect(j(ok.metadata).labels).toMatchObject({ put: 'yes' });
    expect(j(ok.status).phase).toBe('Running');
    const conflict = await request(t, 'PUT', '/api/v1/namespaces/test1-ec2/pods/nginx-ec2-5c68c8d5f-8fmng', { body: stale });
    expect(conflict.json).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on pods "nginx-ec2-5c68c8d5f-8fmng": the object has been modified; please apply your changes to the latest version and try again',
    });
    const st = JSON.parse(JSON.stringify(ok)) as Json;
    st.status = { ...(st.status as object), phase: 'Running', message: 'via status' };
    j(st.metadata).labels = {};
    const viaStatus = j((await request(t, 'PUT', '/api/v1/namespaces/test1-ec2/pods/nginx-ec2-5c68c8d5f-8fmng/status', { body: st })).json);
    expect(j(viaStatus.status).message).toBe('via status');
    expect(j(viaStatus.metadata).labels).toMatchObject({ put: 'yes' });
    const wrongName = await request(t, 'PUT', '/api/v1/namespaces/test1-ec2/pods/nginx-ec2-5c68c8d5f-8fmng', { body: { ...viaStatus, metadata: { ...j(viaStatus.metadata), name: 'other' } } });
    expect(wrongName.status).toBe(400);
  });

  it('applies merge, JSON, strategic and apply patches', async () => {
    const path = '/apis/apps/v1/namespaces/test1-ec2/deployments/nginx-ec2';
    const merge = j((await request(t, 'PATCH', path, { body: { metadata: { labels: { merged: 'yes' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } })).json);
    expect(j(merge.metadata).labels).toMatchObject({ app: 'nginx-ec2', merged: 'yes' });
    const jp = j((await request(t, 'PATCH', path, { body: [{ op: 'replace', path: '/spec/replicas', value: 3 }], headers: { 'Content-Type': 'application/json-patch+json' } })).json);
    expect(j(jp.spec).replicas).toBe(3);
    expect(j(jp.metadata).generation).toBe(2);
    const smp = j(
      (
        await request(t, 'PATCH', path, {
          body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } },
          headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
        })
      ).json,
    );
    const containers = j(j(j(smp.spec).template).spec).containers as Json[];
    expect(containers).toHaveLength(1);
    expect(containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.27' });
    const applied = await request(t, 'PATCH', '/api/v1/namespaces/default/services/applied?fieldManager=kubectl&force=false', {
      body: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: applied\nspec:\n  selector: {app: a}\n  ports:\n  - port: 8080\n',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });
    expect(applied.status).toBe(201);
    const again = await request(t, 'PATCH', '/api/v1/namespaces/default/services/applied?fieldManager=kubectl', {
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'applied', labels: { v: '2' } } },
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });
    expect(again.status).toBe(200);
    expect(j(j(again.json).metadata).labels).toEqual({ v: '2' });
  });

  it('rejects unknown patch types (415), strategic patches of the CRD (415) and stale patches (409)', async () => {
    const path = '/apis/apps/v1/namespaces/test1-ec2/deployments/nginx-ec2';
    const weird = await request(t, 'PATCH', path, { body: {}, headers: { 'Content-Type': 'text/plain' } });
    expect(weird.status).toBe(415);
    const crd = await request(t, 'PATCH', '/apis/elbv2.k8s.aws/v1beta1/namespaces/test1-ec2/targetgroupbindings/k8s-test1ec2-nginxec2-2c7a9e4b1d', { body: { metadata: { labels: { a: 'b' } } }, headers: { 'Content-Type': 'application/strategic-merge-patch+json' } });
    expect(crd.status).toBe(415);
    const crdMerge = await request(t, 'PATCH', '/apis/elbv2.k8s.aws/v1beta1/namespaces/test1-ec2/targetgroupbindings/k8s-test1ec2-nginxec2-2c7a9e4b1d', { body: { metadata: { labels: { a: 'b' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(crdMerge.status).toBe(200);
    const stale = await request(t, 'PATCH', path, { body: { metadata: { resourceVersion: '1', labels: { x: 'y' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(stale.status).toBe(409);
    const badOp = await request(t, 'PATCH', path, { body: [{ op: 'test', path: '/spec/replicas', value: 99 }], headers: { 'Content-Type': 'application/json-patch+json' } });
    expect(badOp.status).toBe(422);
  });

  it('serves and updates the scale subresource', async () => {
    const path = '/apis/apps/v1/namespaces/test1-ec2/deployments/nginx-ec2/scale';
    const s = j((await request(t, 'GET', path)).json);
    expect(s).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: expect.any(Number) }, status: { selector: 'app=nginx-ec2' } });
    const patched = j((await request(t, 'PATCH', path, { body: { spec: { replicas: 4 } }, headers: { 'Content-Type': 'application/merge-patch+json' } })).json);
    expect(j(patched.spec).replicas).toBe(4);
    expect((api.store.get('Deployment', 'test1-ec2', 'nginx-ec2')!.spec as { replicas: number }).replicas).toBe(4);
    const bad = await request(t, 'PUT', path, { body: { ...s, spec: { replicas: -1 } } });
    expect(bad.status).toBe(422);
  });

  it('deletes, returning the object, with preconditions and deletecollection', async () => {
    await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: podBody('to-delete', { labels: { bulk: 'yes' } }) });
    await request(t, 'POST', '/api/v1/namespaces/default/pods', { body: podBody('to-delete-2', { labels: { bulk: 'yes' } }) });
    const pre = await request(t, 'DELETE', '/api/v1/namespaces/default/pods/to-delete', { body: { preconditions: { uid: 'not-it' } } });
    expect(pre.status).toBe(409);
    const del = await request(t, 'DELETE', '/api/v1/namespaces/default/pods/to-delete', { body: { propagationPolicy: 'Background' } });
    expect(del.status).toBe(200);
    expect(j(del.json)).toMatchObject({ kind: 'Pod', metadata: { name: 'to-delete' } });
    expect((await request(t, 'GET', '/api/v1/namespaces/default/pods/to-delete')).status).toBe(404);
    const coll = j((await request(t, 'DELETE', '/api/v1/namespaces/default/pods?labelSelector=bulk%3Dyes')).json);
    expect(coll.items!.map((p) => j(p.metadata).name)).toEqual(['to-delete-2']);
  });

  it('cascades a deployment delete to its replica sets and pods, unless orphaned', async () => {
    const store = fixtureStore();
    const local = await startTestApi({ store });
    try {
      const lt = { url: local.server.url, caCert: local.tls.caCert, token: local.token };
      await request(lt, 'DELETE', '/apis/apps/v1/namespaces/test1-ec2/replicasets/nginx-ec2-5c68c8d5f?propagationPolicy=Orphan');
      expect(store.list('Pod', 'test1-ec2').map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined]);
      const d = await request(lt, 'DELETE', '/apis/apps/v1/namespaces/test1-ec2/deployments/nginx-ec2');
      expect(d.status).toBe(200);
      expect(store.list('Pod', 'test1-ec2')).toHaveLength(2);
    } finally {
      await local.stop();
    }
  });
});

describe('logs', () => {
  it('returns nginx log lines as text/plain, honouring tailLines and timestamps', async () => {
    const r = await request(t, 'GET', '/api/v1/namespaces/test2-fargate/pods/nginx-fargate/log?tailLines=2&timestamps=true');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain');
    const lines = r.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^2026-11-26T\d\d:\d\d:\d\d\.\d{9}Z \d+\.\d+\.\d+\.\d+ - - \[26\/Nov\/2026:\d\d:\d\d:\d\d \+0000\] "GET \S+ HTTP\/1\.1" \d{3} \d+ /);
    const all = await request(t, 'GET', '/api/v1/namespaces/test2-fargate/pods/nginx-fargate/log');
    expect(all.text).toContain('Configuration complete; ready for start up');
  });

  it('refuses logs of a container that has not started, or an unknown container', async () => {
    const pending = await request(t, 'GET', '/api/v1/namespaces/test2-fargate/pods/nginx-pending/log');
    expect(pending.json).toMatchObject({ code: 400, message: 'container "nginx" in pod "nginx-pending" is waiting to start: ContainerCreating' });
    const wrong = await request(t, 'GET', '/api/v1/namespaces/test2-fargate/pods/nginx-fargate/log?container=nope');
    expect(wrong.status).toBe(400);
  });
});

describe('watch', () => {
  const label = (ns: string, name: string, labels: Record<string, string>) =>
    api.store.mutate('Pod', ns, name, (o) => {
      o.metadata.labels = { ...o.metadata.labels, ...labels };
    });

  it('without resourceVersion sends ADDED for current objects, then changes, each with its own version', async () => {
    const w = await openWatch(t, '/api/v1/namespaces/test2-fargate/pods?watch=true');
    expect(w.status).toBe(200);
    await w.wait((e) => e.length >= 2);
    expect(w.events.map((e) => `${e.type} ${e.object.metadata!.name}`)).toEqual(['ADDED nginx-fargate', 'ADDED nginx-pending']);
    const changed = label('test2-fargate', 'nginx-pending', { step: '1' })!;
    await w.wait((e) => e.length >= 3);
    expect(w.events[2]).toMatchObject({ type: 'MODIFIED', object: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'nginx-pending', resourceVersion: changed.metadata.resourceVersion } } });
    w.close();
  });

  it('reads watch=True, watch=1 and watch= as the API server does (true), and watch=False, watch=0 as false', async () => {
    // The official Python client sends watch=True.
    for (const v of ['True', '1', '', 'yes']) {
      const w = await openWatch(t, `/api/v1/namespaces/test2-fargate/pods?watch=${v}`);
      await w.wait((e) => e.length >= 2);
      expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
      w.close();
    }
    for (const v of ['False', '0']) {
      const r = await request(t, 'GET', `/api/v1/namespaces/test2-fargate/pods?watch=${v}`);
      expect(j(r.json).kind).toBe('PodList');
    }
  });

  it('from a resourceVersion replays only later changes, in order, and DELETED carries the deletion version', async () => {
    const from = api.store.revision;
    label('test1-ec2', 'nginx-ec2-5c68c8d5f-x2v9k', { step: 'a' });
    api.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'short-lived', namespace: 'test1-ec2' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const gone = api.store.delete('Pod', 'test1-ec2', 'short-lived')!;
    const w = await openWatch(t, `/api/v1/pods?watch=true&resourceVersion=${from}`);
    await w.wait((e) => e.length >= 3);
    expect(w.events.map((e) => `${e.type} ${e.object.metadata!.name}`)).toEqual(['MODIFIED nginx-ec2-5c68c8d5f-x2v9k', 'ADDED short-lived', 'DELETED short-lived']);
    const rvs = w.events.map((e) => Number(e.object.metadata!.resourceVersion));
    expect(rvs[0]).toBeGreaterThan(from);
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(w.events[2].object.metadata!.resourceVersion).toBe(gone.metadata.resourceVersion);
    w.close();
  });

  it('with a selector, sends DELETED when an object stops matching and ADDED when it starts', async () => {
    const w = await openWatch(t, `/api/v1/namespaces/test2-fargate/pods?watch=true&labelSelector=${encodeURIComponent('phase=shown')}&resourceVersion=${api.store.revision}`);
    label('test2-fargate', 'nginx-pending', { phase: 'shown' });
    label('test2-fargate', 'nginx-pending', { phase: 'shown', again: 'yes' });
    label('test2-fargate', 'nginx-pending', { phase: 'hidden' });
    label('test2-fargate', 'nginx-pending', { phase: 'hidden', more: 'x' });
    await w.wait((e) => e.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    w.close();
  });

  it('answers a too-old resourceVersion with an in-stream 410 Expired ERROR and ends the stream', async () => {
    const old = api.store.revision;
    label('default', 'nope', {});
    api.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'after-expire', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    api.store.expireHistory();
    const w = await openWatch(t, `/api/v1/pods?watch=true&resourceVersion=${old}`);
    expect(w.status).toBe(200);
    expect(await w.ended(3000)).toBe(true);
    expect(w.events).toEqual([
      { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${old} (${api.store.revision})`, reason: 'Expired', code: 410 } },
    ]);
    api.store.delete('Pod', 'default', 'after-expire');
  });

  it('sends bookmarks when allowed, and ends after timeoutSeconds', async () => {
    const w = await openWatch(t, `/api/v1/namespaces/kube-system/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=${api.store.revision}`);
    expect(await w.ended(4000)).toBe(true);
    const bookmarks = w.events.filter((e) => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(bookmarks[0].object).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(api.store.revision) } });
  });

  it('marks the end of initial events for sendInitialEvents', async () => {
    const w = await openWatch(t, '/api/v1/namespaces/test2-fargate/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true');
    await w.wait((e) => e.some((x) => x.type === 'BOOKMARK'));
    const types = w.events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(w.events[2].object.metadata!.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    w.close();
  });

  it('sends Table events for a Table Accept header', async () => {
    const w = await openWatch(t, `/api/v1/namespaces/test2-fargate/pods?watch=true&resourceVersion=${api.store.revision}`, { Accept: TABLE_ACCEPT });
    label('test2-fargate', 'nginx-fargate', { table: '1' });
    label('test2-fargate', 'nginx-fargate', { table: '2' });
    await w.wait((e) => e.length >= 2);
    const [first, second] = w.events;
    expect(first.object).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', rows: [{ cells: ['nginx-fargate', '1/1', 'Running', '0', '3h', '172.31.140.9', 'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal', '<none>', '<none>'] }] });
    expect((first.object.columnDefinitions as unknown[]).length).toBe(9);
    expect(second.object.columnDefinitions).toEqual([]);
    w.close();
  });

  it('closes every open watch on request and forgets watches whose clients left', async () => {
    const a = await openWatch(t, `/api/v1/pods?watch=true&resourceVersion=${api.store.revision}`);
    const b = await openWatch(t, `/api/v1/nodes?watch=true&resourceVersion=${api.store.revision}`);
    const c = await openWatch(t, `/api/v1/services?watch=true&resourceVersion=${api.store.revision}`);
    await waitFor(() => api.server.api.activeWatches() >= 3);
    c.close();
    await waitFor(() => api.server.api.activeWatches() === 2);
    api.server.api.dropWatches('end');
    expect(await a.ended(2000)).toBe(true);
    expect(await b.ended(2000)).toBe(true);
    expect(api.server.api.activeWatches()).toBe(0);
  });
});

describe('faults', () => {
  it('fails requests with 500 or 429 + Retry-After, but never discovery', async () => {
    const store = new Store({ now: () => FIXTURE_NOW });
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    for (const [spec, code] of [['error=1', 500], ['throttle=1,retry-after=2', 429]] as const) {
      const faulty = await startTestApi({ store, faults: new FaultInjector(spec) });
      try {
        const ft = { url: faulty.server.url, caCert: faulty.tls.caCert, token: faulty.token };
        const r = await request(ft, 'GET', '/api/v1/pods');
        expect(r.status).toBe(code);
        expect(j(r.json).kind).toBe('Status');
        if (code === 429) {
          expect(r.headers['retry-after']).toBe('2');
          expect(j(r.json).details).toEqual({ retryAfterSeconds: 2 });
        }
        expect((await request(ft, 'GET', '/api/v1')).status).toBe(200);
        expect((await request(ft, 'GET', '/apis')).status).toBe(200);
      } finally {
        await faulty.stop();
      }
    }
  });
});

describe('scale', () => {
  it('serves a full list of 10,000 pods in under a second', async () => {
    const store = new Store({ now: () => FIXTURE_NOW, historyLimit: 1000 });
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } });
    for (let i = 0; i < 10_000; i++) {
      store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod-${i}`, namespace: 'big', labels: { app: `app-${i % 100}`, 'pod-template-hash': 'abc123' }, annotations: { CapacityProvisioned: '0.25vCPU 0.5GB' } },
        spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '250m', memory: '256Mi' } } }], nodeName: `node-${i % 1000}`, schedulerName: 'default-scheduler' },
        status: { phase: 'Running', podIP: `10.1.${i >> 8}.${i & 255}`, hostIP: '10.0.0.1', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-26T10:00:00Z' } } }] },
      });
    }
    const big = await startTestApi({ store });
    try {
      const bt = { url: big.server.url, caCert: big.tls.caCert, token: big.token };
      const r = await request(bt, 'GET', '/api/v1/pods');
      expect(j(r.json).items).toHaveLength(10_000);
      // Timed with curl in its own process, so the test's JSON parsing is not counted; best of three, because
      // the machine is shared.
      const ca = path.join(big.dir, 'ca.pem');
      await writeFile(ca, big.tls.caCert);
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const out = await curl(['-s', '--cacert', ca, '-H', `Authorization: Bearer ${big.token}`, '-o', '/dev/null', '-w', '%{http_code} %{size_download} %{time_total}', `${big.server.url}/api/v1/pods`]);
        const [code, size, secs] = out.split(' ');
        expect(code).toBe('200');
        expect(Number(size)).toBeGreaterThan(5_000_000);
        times.push(Number(secs));
      }
      expect(Math.min(...times)).toBeLessThan(1);
      const table = await request(bt, 'GET', '/api/v1/pods?limit=500', { headers: { Accept: TABLE_ACCEPT } });
      expect((j(table.json).rows as unknown[]).length).toBe(500);
    } finally {
      await big.stop();
    }
  }, 60_000);
});

function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('curl', args, { timeout: 20_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
