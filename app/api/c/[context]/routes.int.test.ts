import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '@/sim/harness';
import { closeAllSources, getClusterSource } from '@/lib/server/registry';
import { viewEventStream } from '@/lib/server/sse';
import { waitFor, type Sim } from '@/tests/test-support/sim-source';
import type { ApiError, ClusterView, ContextList, PodDetail, ViewDelta } from '@/lib/view/model';
import { GET as getContexts } from '../../contexts/route';
import { GET as getEvents } from './events/route';
import { GET as getObject } from './objects/[kind]/[name]/route';
import { GET as getPod } from './pods/[namespace]/[name]/route';
import { GET as getView } from './view/route';

// The routes read the process environment exactly as in production: KUBECONFIG and the AWS variables.
let sim: Sim;
const saved: Record<string, string | undefined> = {};
const BASE = 'http://127.0.0.1:3107';

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
}

const ctxParams = (context = 'eksworkshop') => ({ params: Promise.resolve({ context }) });

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 5 });
  setEnv({ ...sim.awsEnv, KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir });
  delete process.env.FARVIEW_CONTEXT;
  // Wait until AWS data is in, so views are complete.
  await waitFor('AWS data', () => getClusterSource('eksworkshop').statusOf('eks')?.state === 'ok', 30_000);
  await waitFor('NLBs', () => getClusterSource('eksworkshop').snapshot().view.services.some((s) => s.lbState === 'active'), 10_000);
}, 60_000);

afterAll(async () => {
  await closeAllSources();
  await sim?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Reads SSE frames from a response body until `until` says stop (bounded by count and time). */
async function readFrames(res: Response, until: (frames: { event: string; id: string | null; data: string }[]) => boolean, timeoutMs = 10_000) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const dec = new TextDecoder();
  const frames: { event: string; id: string | null; data: string }[] = [];
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000 && Date.now() < deadline && !until(frames); i++) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (!chunk || chunk.done) break;
    buf += dec.decode(chunk.value, { stream: true });
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const raw = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      const lines = raw.split('\n');
      const get = (k: string) => lines.filter((l) => l.startsWith(`${k}:`)).map((l) => l.slice(k.length + 1).trimStart());
      const data = get('data').join('\n');
      if (!data) continue; // comments, retry
      frames.push({ event: get('event')[0] ?? 'message', id: get('id')[0] ?? null, data });
    }
  }
  reader.releaseLock();
  return frames;
}

describe('GET /api/contexts', () => {
  it('lists the kubeconfig contexts and the current one', async () => {
    const body = (await getContexts().json()) as ContextList;
    expect(body.current).toBe('eksworkshop');
    expect(body.error).toBeNull();
    expect(body.contexts).toEqual([{ name: 'eksworkshop', cluster: 'eksworkshop', user: 'eksworkshop-admin', namespace: null }]);
  });
});

describe('GET /api/c/[context]/view', () => {
  it('returns the whole view, gzipped when asked, with an ETag that answers 304', async () => {
    const plain = await getView(new Request(`${BASE}/api/c/eksworkshop/view`), ctxParams());
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('application/json');
    const view = (await plain.json()) as ClusterView;
    expect(view.totals.fargate.pods).toBe(4);
    expect(view.meta.context).toBe('eksworkshop');

    const zipped = await getView(new Request(`${BASE}/api/c/eksworkshop/view`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }), ctxParams());
    // Content-Encoding itself comes from next.config.js (e2e/cluster.spec.ts checks it through the server).
    const etag = zipped.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-z]+\.\d+"$/);
    const unzipped = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')) as ClusterView;
    expect(unzipped.pods.length).toBe(view.pods.length);

    const again = await getView(new Request(`${BASE}/api/c/eksworkshop/view`, { headers: { 'If-None-Match': etag ?? '' } }), ctxParams());
    // Unless the cluster changed in between (seq moved on), the client's copy is current.
    if (again.headers.get('etag') === etag) expect(again.status).toBe(304);
    else expect(again.status).toBe(200);
  });

  it('answers 400 for an impossible context name and 404 for an unknown one', async () => {
    const bad = await getView(new Request(`${BASE}/api/c/x/view`), ctxParams('bad\u0001name'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiError).source).toBe('request');
    const unknown = await getView(new Request(`${BASE}/api/c/nope/view`), ctxParams('nope'));
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as ApiError;
    expect(body.error).toBe('unknown context');
    expect(body.detail).toContain('eksworkshop');
  });
});

describe('GET /api/c/[context]/events', () => {
  it('sends a snapshot, then deltas; resumes from Last-Event-ID; and lets go when the client leaves', async () => {
    const source = getClusterSource('eksworkshop');
    const ac = new AbortController();
    const res = await getEvents(new Request(`${BASE}/api/c/eksworkshop/events`, { signal: ac.signal }), ctxParams());
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const subscribersBefore = source.subscriberCount;
    expect(subscribersBefore).toBeGreaterThan(0);
    const first = await readFrames(res, (f) => f.length >= 1);
    expect(first[0].event).toBe('snapshot');
    const snap = JSON.parse(first[0].data) as { seq: number; view: ClusterView };
    expect(String(snap.seq)).toBe(first[0].id);
    expect(snap.view.pods.length).toBeGreaterThan(10);

    // A change in the cluster arrives as a delta carrying that pod.
    const pod = snap.view.pods.find((p) => p.namespace === 'test3-mixed' && p.placement === 'ec2');
    if (!pod) throw new Error('no pod');
    sim.ctx.store.mutate('Pod', pod.namespace, pod.name, (o) => {
      o.metadata.labels = { ...o.metadata.labels, team: 'sse-test' };
    });
    const more = await readFrames(res, (f) => f.some((x) => x.event === 'delta' && x.data.includes('sse-test')));
    const delta = more.map((f) => JSON.parse(f.data) as ViewDelta).find((d) => d.upsert.pods?.some((p) => p.labels.team === 'sse-test'));
    expect(delta?.seq).toBeGreaterThan(snap.seq);
    ac.abort();
    await waitFor('the subscriber to go', () => source.subscriberCount === subscribersBefore - 1, 5_000);

    // Reconnect with Last-Event-ID = the snapshot's seq: only the deltas since, no snapshot.
    const ac2 = new AbortController();
    const res2 = await getEvents(new Request(`${BASE}/api/c/eksworkshop/events`, { signal: ac2.signal, headers: { 'Last-Event-ID': String(snap.seq) } }), ctxParams());
    const resumed = await readFrames(res2, (f) => f.some((x) => x.id === String(delta?.seq)));
    ac2.abort();
    expect(resumed.every((f) => f.event === 'delta')).toBe(true);
    expect(resumed[0].id).toBe(String(snap.seq + 1));

    // A seq the server never issued gets a fresh snapshot.
    const ac3 = new AbortController();
    const res3 = await getEvents(new Request(`${BASE}/api/c/eksworkshop/events?since=99999999`, { signal: ac3.signal }), ctxParams());
    const fresh = await readFrames(res3, (f) => f.length >= 1);
    ac3.abort();
    expect(fresh[0].event).toBe('snapshot');
  }, 30_000);
});

/** Reads an SSE stream until `enough` says so or it ends (at most 500 chunks). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, enough: (text: string) => boolean): Promise<{ text: string; done: boolean }> {
  const dec = new TextDecoder();
  let text = '';
  for (let i = 0; i < 500 && !enough(text); i++) {
    const r = await reader.read();
    if (r.done) return { text, done: true };
    text += dec.decode(r.value, { stream: true });
  }
  return { text, done: false };
}

describe('SSE keep-alive', () => {
  it('sends a comment line between deltas so proxies keep the stream open', async () => {
    const ac = new AbortController();
    const stream = viewEventStream(getClusterSource('eksworkshop'), { since: null, signal: ac.signal, heartbeatMs: 50 });
    const { text } = await readUntil(stream.getReader(), (t) => t.includes(': keep-alive'));
    ac.abort();
    expect(text.startsWith('retry: 2000\n\nevent: snapshot\n')).toBe(true);
    expect(text).toContain('\n\n: keep-alive\n\n');
  });
});

describe('SSE and the sign-in behind it', () => {
  it('ends a stream once its caller is no longer allowed, at the next heartbeat', async () => {
    const ac = new AbortController();
    let allowed = true;
    const stream = viewEventStream(getClusterSource('eksworkshop'), { since: null, signal: ac.signal, heartbeatMs: 50, stillAllowed: () => allowed });
    const reader = stream.getReader();
    const first = await readUntil(reader, (t) => t.includes(': keep-alive'));
    allowed = false;
    const rest = await readUntil(reader, () => false);
    const text = first.text + rest.text;
    const done = rest.done;
    ac.abort();
    expect(done).toBe(true);
    expect(text.endsWith('event: signed-out\ndata: {}\n\n')).toBe(true);
  });
});

describe('GET /api/c/[context]/pods/[namespace]/[name]', () => {
  it('returns the pod row, its sizing, its events and its YAML', async () => {
    const view = getClusterSource('eksworkshop').snapshot().view;
    const pod = view.pods.find((p) => p.namespace === 'test2-fargate');
    if (!pod) throw new Error('no pod');
    const res = await getPod(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', namespace: pod.namespace, name: pod.name }) });
    expect(res.status).toBe(200);
    const d = (await res.json()) as PodDetail;
    expect(d.pod.id).toBe(pod.id);
    expect(d.sizing.effective).toEqual({ cpuMillis: 500, memoryBytes: 750_000_000 });
    expect(d.sizing.capacityProvisioned).toBe('0.5vCPU 1GB');
    expect(d.yaml).toContain(`name: ${pod.name}`);
    expect(d.yaml).not.toContain('managedFields');
    expect(d.events.every((e) => e.object.name === pod.name)).toBe(true);

    const missing = await getPod(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', namespace: 'test2-fargate', name: 'nope' }) });
    expect(missing.status).toBe(404);
  });
});

describe('GET /api/c/[context]/objects/[kind]/[name]', () => {
  it('returns YAML for nodes, services and namespaces, and says what is wrong otherwise', async () => {
    const view = getClusterSource('eksworkshop').snapshot().view;
    const node = view.nodes[0];
    const n = await getObject(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', kind: 'nodes', name: node.name }) });
    expect(n.status).toBe(200);
    expect(((await n.json()) as { yaml: string }).yaml).toContain(`name: ${node.name}`);

    const s = await getObject(new Request(`${BASE}/x?namespace=test3-mixed`), { params: Promise.resolve({ context: 'eksworkshop', kind: 'services', name: 'nginx-mixed-fargate' }) });
    expect(((await s.json()) as { yaml: string }).yaml).toContain('aws-load-balancer-nlb-target-type: ip');

    const ns = await getObject(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', kind: 'namespace', name: 'test2-fargate' }) });
    expect(ns.status).toBe(200);

    const noNs = await getObject(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', kind: 'services', name: 'nginx-mixed-fargate' }) });
    expect(noNs.status).toBe(400);
    const secret = await getObject(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', kind: 'secrets', name: 'x' }) });
    expect(secret.status).toBe(400);
    const gone = await getObject(new Request(`${BASE}/x`), { params: Promise.resolve({ context: 'eksworkshop', kind: 'nodes', name: 'nope' }) });
    expect(gone.status).toBe(404);
  });
});
