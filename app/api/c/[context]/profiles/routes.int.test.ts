import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '@/sim/harness';
import { closeAllSources, getClusterSource } from '@/lib/server/registry';
import { waitFor, type Sim } from '@/tests/test-support/sim-source';
import { closeDb, getDb } from '@/lib/store/db';
import type { AuditEntry } from '@/lib/store/audit';
import { GET as getAudit } from '../../../audit/route';
import { DELETE as deleteProfile, GET as getProfile } from './[name]/route';
import { POST as restart } from './[name]/restart-workloads/route';
import { POST as preview } from './preview/route';
import { GET as getOptions, POST as create } from './route';

// The routes read the process environment as in production: KUBECONFIG, the AWS variables, the data dir.
let sim: Sim;
let dataDir: string;
const saved: Record<string, string | undefined> = {};
const BASE = 'http://127.0.0.1:3107';
const ORIGIN = BASE;
const ROLE = 'arn:aws:iam::133129065110:role/farview-test-FargatePodExecutionRole';
const EDITOR = 'editor-token-0123456789abcdef';
const VIEWER = 'viewer-token-0123456789abcdef';

function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!(k in saved)) saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

const params = (extra: Record<string, string> = {}) => ({ params: Promise.resolve({ context: 'eksworkshop', ...extra }) as Promise<{ context: string; name: string }> });

function request(pathname: string, method: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${pathname}`, {
    method,
    headers: { host: '127.0.0.1:3107', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const form = (name: string, namespace: string) => ({ name, selectors: [{ namespace, labels: [] }], subnets: [], podExecutionRoleArn: ROLE, tags: [] });
const names = () => sim.ctx.aws.listProfiles().map((p) => p.name).sort();

async function audit(query = ''): Promise<AuditEntry[]> {
  const res = await getAudit(new Request(`${BASE}/api/audit${query}`, { headers: { host: '127.0.0.1:3107' } }));
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 20, seed: 11 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'farview-routes-'));
  setEnv({ ...sim.awsEnv, KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, FARVIEW_DATA_DIR: dataDir, FARVIEW_CONTEXT: undefined, FARVIEW_READ_ONLY: undefined, FARVIEW_AUTH_TOKENS: undefined });
  await waitFor('AWS data', () => getClusterSource('eksworkshop').statusOf('eks')?.state === 'ok', 30_000);
  // A fresh embedded store runs initdb and the migrations: do it here, not inside the first test's time.
  await getDb();
}, 120_000);

afterAll(async () => {
  await closeAllSources();
  await closeDb();
  await sim?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('the write gate on the profile routes', () => {
  it('refuses a cross-origin POST and records the refusal', async () => {
    const before = names();
    const res = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('batch', 'batch') }, { origin: 'https://evil.example' }), params());
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'Cross-site request refused', source: 'request' });
    expect(names()).toEqual(before);
    const [last] = await audit('?limit=1');
    expect(last).toMatchObject({ action: 'fargate-profile.create', result: 'error', actor: 'unknown', context: 'eksworkshop' });
    expect(last.detail).toMatch(/^Cross-site request refused/);
  });

  it('refuses a POST or DELETE without Origin', async () => {
    const post = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('batch', 'batch') }), params());
    expect(post.status).toBe(403);
    expect((await post.json()).error).toBe('Request without an Origin header refused');
    const del = await deleteProfile(request('/api/c/eksworkshop/profiles/test2-fargate', 'DELETE', { confirm: 'test2-fargate' }), params({ name: 'test2-fargate' }));
    expect(del.status).toBe(403);
    expect(names()).toContain('test2-fargate');
  });

  it('refuses every write under FARVIEW_READ_ONLY with a clear message, while reads and previews work', async () => {
    setEnv({ FARVIEW_READ_ONLY: '1' });
    try {
      const res = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('batch', 'batch') }, { origin: ORIGIN }), params());
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body).toMatchObject({ error: 'Farview is read-only', source: 'request' });
      expect(body.detail).toMatch(/FARVIEW_READ_ONLY is set on this server/);
      const del = await deleteProfile(request('/api/c/eksworkshop/profiles/test2-fargate', 'DELETE', { confirm: 'test2-fargate' }, { origin: ORIGIN }), params({ name: 'test2-fargate' }));
      expect(del.status).toBe(403);
      const rs = await restart(request('/api/c/eksworkshop/profiles/test2-fargate/restart-workloads', 'POST', { deployments: [] }, { origin: ORIGIN }), params({ name: 'test2-fargate' }));
      expect(rs.status).toBe(403);
      const opts = await (await getOptions(request('/api/c/eksworkshop/profiles', 'GET'), params())).json();
      expect(opts.writes).toMatchObject({ allowed: false });
      const pv = await preview(request('/api/c/eksworkshop/profiles/preview', 'POST', { form: form('batch', 'test1-ec2nodegroup') }), params());
      expect(pv.status).toBe(200);
      expect(names()).toEqual(['test2-fargate', 'test3-mixed']);
    } finally {
      setEnv({ FARVIEW_READ_ONLY: undefined });
    }
  });

  it('with FARVIEW_AUTH_TOKENS, a viewer token cannot write and no token cannot read the audit log', async () => {
    setEnv({ FARVIEW_AUTH_TOKENS: `alice:editor:${EDITOR},bob:viewer:${VIEWER}` });
    try {
      const viewer = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('batch', 'batch') }, { origin: ORIGIN, authorization: `Bearer ${VIEWER}` }), params());
      expect(viewer.status).toBe(403);
      expect((await viewer.json()).error).toBe('The editor role is required');
      const anon = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('batch', 'batch') }, { origin: ORIGIN }), params());
      expect(anon.status).toBe(401);
      const noToken = await getAudit(new Request(`${BASE}/api/audit`, { headers: { host: '127.0.0.1:3107' } }));
      expect(noToken.status).toBe(401);
      // An editor gets through the gate; the form is invalid, so the server's validator answers.
      const editor = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('eks-batch', 'batch') }, { origin: ORIGIN, authorization: `Bearer ${EDITOR}` }), params());
      expect(editor.status).toBe(400);
      const body = await editor.json();
      expect(body.error).toBe('The profile is not valid; nothing was sent to EKS');
      expect(body.issues[0]).toMatchObject({ field: 'name', severity: 'error' });
      const read = await getAudit(new Request(`${BASE}/api/audit?limit=1`, { headers: { host: '127.0.0.1:3107', authorization: `Bearer ${VIEWER}` } }));
      const [last] = ((await read.json()) as { entries: AuditEntry[] }).entries;
      expect(last).toMatchObject({ actor: 'alice', action: 'fargate-profile.create', result: 'error' });
    } finally {
      setEnv({ FARVIEW_AUTH_TOKENS: undefined });
    }
  });
});

describe('the profile routes', () => {
  it('GET offers subnets, roles and limits; POST preview answers issues, preview and the eksctl equivalents', async () => {
    const opts = await (await getOptions(request('/api/c/eksworkshop/profiles', 'GET'), params())).json();
    expect(opts.writes).toEqual({ allowed: true, reason: null, auth: false });
    expect(opts.limits.profilesPerCluster).toBe(10);
    expect(opts.subnets.some((s: { selectable: boolean }) => !s.selectable)).toBe(true);
    const res = await preview(request('/api/c/eksworkshop/profiles/preview', 'POST', { form: form('test1-fargate', 'test1-ec2nodegroup') }), params());
    const body = await res.json();
    expect(body.preview.captured).toHaveLength(2);
    expect(body.eksctl.command).toContain('--name test1-fargate');
    expect(body.yaml).toContain('fargateProfiles:');
  });

  it('creates with a same-origin POST (201) and audits who did it', async () => {
    const res = await create(request('/api/c/eksworkshop/profiles', 'POST', { form: form('batch', 'batch') }, { origin: ORIGIN }), params());
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'batch', status: 'CREATING' });
    expect(names()).toContain('batch');
    const [last] = await audit('?context=eksworkshop&action=fargate-profile.create&limit=1');
    expect(last).toMatchObject({ actor: 'local', result: 'ok', target: 'eksworkshop/fargate-profile/batch' });
    await waitFor('batch ACTIVE', () => sim.ctx.aws.getProfile('batch')?.status === 'ACTIVE', 10_000);
  });

  it('DELETE needs the name typed again; GET shows what a delete would remove', async () => {
    const impact = await (await getProfile(request('/api/c/eksworkshop/profiles/test2-fargate', 'GET'), params({ name: 'test2-fargate' }))).json();
    expect(impact.deleteImpact.pods).toHaveLength(2);
    const res = await deleteProfile(request('/api/c/eksworkshop/profiles/batch', 'DELETE', { confirm: 'Batch' }, { origin: ORIGIN }), params({ name: 'batch' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("Type the profile's name to confirm the delete");
    const ok = await deleteProfile(request('/api/c/eksworkshop/profiles/batch', 'DELETE', { confirm: 'batch' }, { origin: ORIGIN }), params({ name: 'batch' }));
    expect(ok.status).toBe(200);
    await waitFor('batch gone', () => !names().includes('batch'), 10_000);
  });

  it('answers malformed bodies with 400 and the reason', async () => {
    const res = await create(
      new Request(`${BASE}/api/c/eksworkshop/profiles`, { method: 'POST', headers: { host: '127.0.0.1:3107', origin: ORIGIN, 'content-type': 'application/json' }, body: '{"form":' }),
      params(),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/^the body is not JSON/);
  });
});
