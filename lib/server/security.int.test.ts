/**
 * Farview's promises about secrets, each checked against what the code does rather than what it says:
 *  - it never asks the Kubernetes API for Secrets or ConfigMaps (every request it makes is logged by the simulator);
 *  - no source file in lib/server or app/api names those APIs;
 *  - environment variable values never leave the server: not in the view, the live stream, the pod detail or YAML;
 *  - shared report ids are 128 random bits, in one exact format.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSim, type RunningSim } from '../../sim/harness';
import { newReportId, REPORT_ID } from '../store/ids';
import { closeDb } from '../store/db';
import { closeAllSources, getClusterSource } from './registry';
import { waitFor } from '../../tests/test-support/sim-source';
import { GET as getView } from '../../app/api/c/[context]/view/route';
import { GET as getEvents } from '../../app/api/c/[context]/events/route';
import { GET as getPod } from '../../app/api/c/[context]/pods/[namespace]/[name]/route';
import { GET as getObject } from '../../app/api/c/[context]/objects/[kind]/[name]/route';
import { GET as getReady } from '../../app/api/ready/route';
import { POST as shareReport } from '../../app/api/reports/route';

const ROOT = path.resolve(__dirname, '../..');
const BASE = 'http://127.0.0.1:3107';
// Values a careless dashboard would show: a plain env value, and the same value in the last-applied manifest.
const PLAIN_SECRET = 'Sup3r-Secret-Password-0001';
const APPLIED_SECRET = 'Applied-Manifest-Secret-0002';

let sim: RunningSim;
let stateDir: string;
let dataDir: string;
const requests: string[] = [];
const saved: Record<string, string | undefined> = {};

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
}

const ctx = <T extends Record<string, string>>(extra?: T) => ({ params: Promise.resolve({ context: 'eksworkshop', ...(extra as T) }) });

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'farview-sec-sim-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'farview-sec-data-'));
  sim = await launchSim({ scenario: 'eksworkshop', speed: 50, seed: 21, stateDir, log: (line) => requests.push(line) });
  setEnv({ ...sim.awsEnv, KUBECONFIG: sim.kubeconfigPath, HOME: stateDir, FARVIEW_DATA_DIR: dataDir });
  delete process.env.FARVIEW_CONTEXT;
  delete process.env.DATABASE_URL;

  // One pod carries secrets the way real ones do: env values, a secretKeyRef, and kubectl's last-applied copy.
  const pod = sim.ctx.store.list('Pod', 'test2-fargate')[0];
  sim.ctx.store.mutate('Pod', 'test2-fargate', pod.metadata.name, (o) => {
    const spec = o.spec as { containers: { env?: unknown[] }[] };
    spec.containers[0].env = [
      { name: 'DB_PASSWORD', value: PLAIN_SECRET },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } },
      { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'settings', key: 'x' } } },
    ];
    o.metadata.annotations = {
      ...o.metadata.annotations,
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { containers: [{ env: [{ name: 'TOKEN', value: APPLIED_SECRET }] }] } }),
    };
  });
  await waitFor('AWS data', () => getClusterSource('eksworkshop').statusOf('eks')?.state === 'ok', 30_000);
}, 60_000);

afterAll(async () => {
  await closeAllSources();
  await closeDb();
  await sim?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(stateDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('Secrets and ConfigMaps', () => {
  it('no server source file names their APIs', async () => {
    const files = [...(await sourceFiles(path.join(ROOT, 'lib/server'))), ...(await sourceFiles(path.join(ROOT, 'app/api'))), path.join(ROOT, 'proxy.ts')];
    expect(files.length).toBeGreaterThan(10);
    const forbidden = /(?<!\/run)\/secrets\b|\/configmaps\b|NamespacedSecret|NamespacedConfigMap|SecretForAllNamespaces|ConfigMapForAllNamespaces|['"`]secrets['"`]|['"`]configmaps['"`]/i;
    const offenders: string[] = [];
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (forbidden.test(line)) offenders.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the running server never requests them from the API server', async () => {
    // Exercise everything that reads the cluster: the view, the stream, a pod, each object kind, readiness.
    expect((await getView(new Request(`${BASE}/api/c/eksworkshop/view`), ctx())).status).toBe(200);
    const ac = new AbortController();
    const ev = await getEvents(new Request(`${BASE}/api/c/eksworkshop/events`, { signal: ac.signal }), ctx());
    await (ev.body as ReadableStream<Uint8Array>).getReader().read();
    ac.abort();
    const pod = sim.ctx.store.list('Pod', 'test2-fargate')[0];
    expect((await getPod(new Request(`${BASE}/x`), ctx({ namespace: 'test2-fargate', name: pod.metadata.name }))).status).toBe(200);
    for (const kind of ['nodes', 'namespaces', 'secrets', 'configmaps', 'secret']) {
      await getObject(new Request(`${BASE}/x?namespace=default`), ctx({ kind, name: 'x' }));
    }
    await getReady(new Request(`${BASE}/api/ready`));
    expect(requests.length).toBeGreaterThan(5);
    const touched = requests.filter((l) => /secrets|configmaps/i.test(l));
    expect(touched).toEqual([]);
    // And what it does read is the list RBAC grants (deploy/rbac.yaml): nothing outside it.
    const paths = requests.map((l) => l.split(' ')[1].split('?')[0]);
    const allowed = /^\/(version|api|apis|openapi\/.*)$|^\/apis\/elbv2\.k8s\.aws(\/v1beta1(\/targetgroupbindings)?)?$|^\/apis\/karpenter\.sh(\/v1(\/(nodepools|nodeclaims))?)?$|^\/api\/v1\/(pods|nodes|services|namespaces|events)$|^\/apis\/networking\.k8s\.io\/v1\/ingresses$|^\/apis\/metrics\.k8s\.io\/v1beta1\/(pods|nodes)$|^\/apis\/apps\/v1\/(deployments|replicasets)$|^\/apis\/apps\/v1\/namespaces\/[^/]+\/(deployments|replicasets)(\/[^/]+)?$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
  }, 30_000);
});

describe('environment variable values', () => {
  it('appear nowhere: not in the view, the live stream, the pod detail, its YAML or any object YAML', async () => {
    const pod = sim.ctx.store.list('Pod', 'test2-fargate')[0];
    const name = pod.metadata.name;
    await waitFor('the pod with env in the view', () => getClusterSource('eksworkshop').getPodObject('test2-fargate', name)?.spec?.containers?.[0]?.env?.length === 3, 10_000);

    const view = await (await getView(new Request(`${BASE}/api/c/eksworkshop/view`), ctx())).text();
    const detailRes = await getPod(new Request(`${BASE}/x`), ctx({ namespace: 'test2-fargate', name }));
    const detail = (await detailRes.json()) as { yaml: string };
    const ac = new AbortController();
    const ev = await getEvents(new Request(`${BASE}/api/c/eksworkshop/events`, { signal: ac.signal }), ctx());
    const reader = (ev.body as ReadableStream<Uint8Array>).getReader();
    let stream = '';
    for (let i = 0; i < 50 && !stream.includes('event: snapshot'); i++) {
      const c = await reader.read();
      if (c.done) break;
      stream += new TextDecoder().decode(c.value);
    }
    // The snapshot is sent in pieces; read until its frame ends.
    for (let i = 0; i < 50 && !/event: snapshot[\s\S]*\n\n/.test(stream); i++) {
      const c = await reader.read();
      if (c.done) break;
      stream += new TextDecoder().decode(c.value);
    }
    ac.abort();
    const ns = await (await getObject(new Request(`${BASE}/x`), ctx({ kind: 'namespaces', name: 'test2-fargate' }))).text();

    for (const [what, text] of Object.entries({ view, detail: JSON.stringify(detail), stream, ns })) {
      expect(text, what).not.toContain(PLAIN_SECRET);
      expect(text, what).not.toContain(APPLIED_SECRET);
    }
    // What is shown instead: the names, so people still see which variables exist.
    expect(detail.yaml).toContain('DB_PASSWORD');
    expect(detail.yaml).toContain('API_KEY');
    expect(detail.yaml).not.toContain('secretKeyRef');
    expect(detail.yaml).toContain('hidden by Farview');
  }, 30_000);
});

describe('shared report ids', () => {
  it('are 22 base64url characters carrying 128 random bits', () => {
    const n = 4000;
    const ids = Array.from({ length: n }, () => newReportId());
    expect(new Set(ids).size).toBe(n);
    for (const id of ids) expect(id).toMatch(REPORT_ID);
    // Every one of the 128 bits is set in about half of the ids: with 4000 draws, 50 % ± 5 % holds for a fair
    // bit with probability above 1 − 1e-9; a constant or biased bit (a counter, a timestamp) fails.
    const ones = new Array(128).fill(0);
    for (const id of ids) {
      const bytes = Buffer.from(id, 'base64url');
      expect(bytes.length).toBe(16);
      for (let b = 0; b < 128; b++) if (bytes[b >> 3] & (0x80 >> (b & 7))) ones[b]++;
    }
    const skewed = ones.map((c, b) => ({ b, share: c / n })).filter((x) => Math.abs(x.share - 0.5) > 0.05);
    expect(skewed).toEqual([]);
  });

  it('is what sharing a report returns, and its link names nothing else', async () => {
    const res = await shareReport(
      new Request(`${BASE}/api/reports`, {
        method: 'POST',
        headers: { host: '127.0.0.1:3107', origin: BASE, 'content-type': 'application/json' },
        body: JSON.stringify({ context: 'eksworkshop', query: { by: 'namespace' } }),
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; url: string };
    expect(body.id).toMatch(REPORT_ID);
    expect(body.url).toBe(`/reports/${body.id}`);
  }, 120_000);
});
