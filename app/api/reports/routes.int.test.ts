import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '@/sim/harness';
import { closeAllSources, getClusterSource } from '@/lib/server/registry';
import { waitFor, type Sim } from '@/tests/test-support/sim-source';
import { closeDb } from '@/lib/store/db';
import { countReportsBy, deleteReportsBefore } from '@/lib/store/reports';
import { makeTestStore, type TestStore } from '@/lib/store/test-support/backends';
import { compareReports } from '@/lib/cost/compare';
import type { CostReport } from '@/lib/cost/report';
import type { WhatIfResponse } from '@/lib/cost/whatif';
import type { ShareResponse } from '@/lib/ui/api-types';
import { GET as listRoute, POST as shareRoute } from './route';
import { GET as getRoute } from './[id]/route';
import { GET as csvRoute } from './[id]/csv/route';
import { POST as whatIfRoute } from '../c/[context]/whatif/route';

// The routes read the process environment as in production: KUBECONFIG, the AWS variables, FARVIEW_DATA_DIR.
const BASE = 'http://127.0.0.1:3107';
const ORIGIN = { Origin: BASE, Host: '127.0.0.1:3107' };
let sim: Sim;
let store: TestStore;
const saved: Record<string, string | undefined> = {};

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
}

beforeAll(async () => {
  store = await makeTestStore('pglite');
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 11 });
  setEnv({ ...sim.awsEnv, KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, ...store.env });
  delete process.env.FARVIEW_CONTEXT;
  delete process.env.DATABASE_URL;
  await waitFor('AWS data', () => getClusterSource('eksworkshop').statusOf('eks')?.state === 'ok', 30_000);
}, 90_000);

afterAll(async () => {
  await closeAllSources();
  await closeDb();
  await sim?.stop();
  await store?.dispose();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function share(body: unknown, headers: Record<string, string> = ORIGIN): Promise<Response> {
  return shareRoute(new Request(`${BASE}/api/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }));
}

async function get(id: string): Promise<Response> {
  return getRoute(new Request(`${BASE}/api/reports/${id}`), { params: Promise.resolve({ id }) });
}

async function shareOk(body: unknown): Promise<ShareResponse> {
  const res = await share(body);
  expect(res.status).toBe(201);
  return (await res.json()) as ShareResponse;
}

const kubectl = (...args: string[]) => promisify(execFile)('kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args], { timeout: 20_000 });

describe('POST /api/reports', () => {
  it('refuses requests from other origins, without Origin, not JSON, oversized or malformed', async () => {
    const body = { context: 'eksworkshop' };
    expect((await share(body, { Origin: 'http://evil.example', Host: '127.0.0.1:3107' })).status).toBe(403);
    expect((await share(body, { Host: '127.0.0.1:3107' })).status).toBe(403);
    const text = await shareRoute(new Request(`${BASE}/api/reports`, { method: 'POST', headers: { ...ORIGIN, 'Content-Type': 'text/plain' }, body: '{}' }));
    expect(text.status).toBe(415);
    const big = await share({ context: 'eksworkshop', title: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { detail: string }).detail).toMatch(/more than the 16 KiB limit/);
    const bad = await share({ context: 'eksworkshop', query: { by: 'team' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toBe('query.by must be one of namespace, workload, profile, pool, capacity, pod, got "team"');
    expect((await share({ context: 'nope' })).status).toBe(404);
  });

  it('freezes the server’s current cost view; the link gives the same report after the cluster changed and after the store reopened', async () => {
    const before = getClusterSource('eksworkshop').snapshot().view;
    const made = await shareOk({ context: 'eksworkshop', query: { by: 'workload', ns: null, place: 'all' } });
    expect(made.url).toBe(`/reports/${made.id}`);
    expect(made.title).toMatch(/^eksworkshop cost by workload, all namespaces — \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);

    const first = await get(made.id);
    expect(first.status).toBe(200);
    const firstText = await first.text();
    const { report } = JSON.parse(firstText) as { report: CostReport };
    // The seed's cluster: two t3.xlarge nodes at $0.2112 and four Fargate pods, 2 × 0.5vCPU 1GB ($0.03081) and
    // 2 × 1vCPU 2GB ($0.06162), at ap-southeast-1 list prices: 0.4224 + 0.18486 = $0.60726/h; and the EKS control
    // plane, Kubernetes 1.28 being past extended support (it ended 2025-11-26): $0.60/h.
    expect(report.prices).toMatchObject({ region: 'ap-southeast-1', fargateVcpuHour: 0.05056, fargateGbHour: 0.00553, ec2: { 't3.xlarge': 0.2112 } });
    expect(report.summary.groups.find((g) => g.key === 'cluster')).toMatchObject({ hourlyUSD: 0.6, label: 'EKS control plane (1.28, past extended support)' });
    expect(report.summary.total.hourlyUSD).toBeCloseTo(0.60726 + 0.6, 8);
    expect(report.summary.total.hourlyUSD).toBeCloseTo(before.totals.hourlyUSD, 8);
    const wl = (k: string) => report.summary.groups.find((g) => g.key === k)!;
    expect(wl('wl:test2-fargate/Deployment/nginx-fargate-pod')).toMatchObject({ fargatePods: 2, billedVcpu: 1, billedMemoryGiB: 2 });
    expect(wl('wl:test2-fargate/Deployment/nginx-fargate-pod').hourlyUSD).toBeCloseTo(0.06162, 9);
    expect(wl('wl:test3-mixed/Deployment/nginx-mixed-fargate').hourlyUSD).toBeCloseTo(0.12324, 9);
    // Right-sizing on usage goes in too: a minute-old cluster has no day of history, so nothing is recommended yet.
    expect(report.rightsizing?.window.days).toBe(7);
    expect(report.rightsizing?.recommendations.map((r) => r.kind)).toContain('insufficient');
    expect(report.rightsizing?.recommendations.some((r) => r.kind === 'recommendation')).toBe(false);

    // The cluster changes: the report does not.
    await kubectl('-n', 'test3-mixed', 'scale', 'deployment/nginx-mixed-fargate', '--replicas=3');
    await waitFor('the third pod', () => getClusterSource('eksworkshop').snapshot().view.pods.filter((p) => p.namespace === 'test3-mixed' && p.placement === 'fargate').length === 3, 20_000);
    expect(await (await get(made.id)).text()).toBe(firstText);

    // A restart, store side: close the database and open it again from disk.
    await closeDb();
    expect(await (await get(made.id)).text()).toBe(firstText);

    // A report made now shows the change, and comparing the two says why.
    const after = await shareOk({ context: 'eksworkshop', query: { by: 'workload', ns: null, place: 'all' } });
    const later = ((await (await get(after.id)).json()) as { report: CostReport }).report;
    const c = compareReports(report, later);
    const mixed = c.groups.find((g) => g.key === 'wl:test3-mixed/Deployment/nginx-mixed-fargate')!;
    expect(mixed.reasons[0]).toBe('more pods: 2 → 3 (+$0.0616/h)');
    expect(mixed.deltaHourlyUSD).toBeCloseTo(0.06162, 9);
    await kubectl('-n', 'test3-mixed', 'scale', 'deployment/nginx-mixed-fargate', '--replicas=2');
  }, 60_000);

  it('keeps concurrent shares apart: every one gets its own id and reads back', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => share({ context: 'eksworkshop', title: `concurrent ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const made = (await Promise.all(results.map((r) => r.json()))) as ShareResponse[];
    expect(new Set(made.map((m) => m.id)).size).toBe(8);
    for (const m of made) expect(((await (await get(m.id)).json()) as { title: string }).title).toBe(m.title);
    const list = (await (await listRoute(new Request(`${BASE}/api/reports?limit=200`))).json()) as { reports: { id: string }[] };
    for (const m of made) expect(list.reports.some((r) => r.id === m.id)).toBe(true);
  }, 30_000);
});

describe('GET /api/reports/[id] and /csv', () => {
  it('answers 404 JSON for unknown and malformed ids', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-an-id', '../../etc']) {
      const res = await get(id);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe('no such report');
    }
    const csv = await csvRoute(new Request(`${BASE}/api/reports/x/csv`), { params: Promise.resolve({ id: 'AAAAAAAAAAAAAAAAAAAAAA' }) });
    expect(csv.status).toBe(404);
  });

  it('exports the grouped rows and every line as CSV', async () => {
    const made = await shareOk({ context: 'eksworkshop', query: { by: 'namespace', ns: 'test2-fargate', place: 'all' } });
    const res = await csvRoute(new Request(`${BASE}/api/reports/${made.id}/csv`), { params: Promise.resolve({ id: made.id }) });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`farview-report-${made.id}-groups.csv`);
    const rows = (await res.text()).trimEnd().split('\r\n');
    expect(rows[0].startsWith('namespace,idle,pods,')).toBe(true);
    // test2-fargate: 2 × $0.03081
    expect(rows[1].split(',').slice(0, 7)).toEqual(['test2-fargate', 'false', '2', '0', '2', '0', '0.06162']);
    const lines = await csvRoute(new Request(`${BASE}/api/reports/${made.id}/csv?rows=lines`), { params: Promise.resolve({ id: made.id }) });
    expect((await lines.text()).trimEnd().split('\r\n')).toHaveLength(3);
    const bad = await csvRoute(new Request(`${BASE}/api/reports/${made.id}/csv?rows=all`), { params: Promise.resolve({ id: made.id }) });
    expect(bad.status).toBe(400);
  });
});

describe('POST /api/c/[context]/whatif', () => {
  const call = (body: BodyInit, type = 'application/json', context = 'eksworkshop', query = '') =>
    whatIfRoute(new Request(`${BASE}/api/c/${context}/whatif${query}`, { method: 'POST', headers: { 'Content-Type': type }, body }), { params: Promise.resolve({ context }) });
  const seed = ['test1-ec2nodegroup', 'test2-fargate', 'test3-mixed-ec2', 'test3-mixed-fargate']
    .map((f) => readFileSync(path.join(process.cwd(), 'fixtures', 'seed', `${f}.yaml`), 'utf8'))
    .join('\n---\n');

  it('places the seed’s manifests against the live profiles, as the CLI sizes them', async () => {
    const res = await call(JSON.stringify({ manifests: seed }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as WhatIfResponse;
    const row = (n: string) => body.rows.find((r) => r.name === n)!;
    expect(row('nginx-fargate-pod')).toMatchObject({ landing: 'fargate', profile: 'test2-fargate', capacityProvisioned: '0.5vCPU 1GB' });
    expect(row('nginx-mixed-fargate')).toMatchObject({ landing: 'fargate', profile: 'test3-mixed', capacityProvisioned: '1vCPU 2GB' });
    expect(row('nginx-mixed-ec2')).toMatchObject({ landing: 'ec2', reason: 'EC2: profile test3-mixed needs label runon=fargate' });
    expect(row('nginx-ec2nodegroup').landing).toBe('ec2');
    // `farview size fixtures/seed/*.yaml --region ap-southeast-1`: total $0.24648/hour for all 8 pods on Fargate
    expect(body.totals.fargateHourlyUSD).toBeCloseTo(0.24648, 9);
    expect(body.reference).toMatchObject({ instanceType: 't3.xlarge', hourlyUSD: 0.2112, nodes: 2 });
    expect(body.profiles).toEqual([{ name: 'test2-fargate', status: 'ACTIVE' }, { name: 'test3-mixed', status: 'ACTIVE' }]);
  }, 30_000);

  it('reads uploaded files one by one, naming the file of each template and of a bad document', async () => {
    const files = ['test2-fargate', 'test3-mixed-fargate'].map((f) => ({ name: `${f}.yaml`, text: readFileSync(path.join(process.cwd(), 'fixtures', 'seed', `${f}.yaml`), 'utf8') }));
    const body = (await (await call(JSON.stringify({ files }))).json()) as WhatIfResponse;
    expect(body.rows.map((r) => [r.source, r.name])).toEqual([
      ['test2-fargate.yaml', 'nginx-fargate-pod'],
      ['test3-mixed-fargate.yaml', 'nginx-mixed-fargate'],
    ]);
    const bad = await call(JSON.stringify({ files: [...files, { name: 'broken.yaml', text: 'kind: Deployment\n' }] }));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: string; file: string }).detail).toBe('broken.yaml: document 1: apiVersion: missing (kind Deployment)');
  });

  it('accepts raw YAML with ?namespace=', async () => {
    const res = await call('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n', 'application/yaml', 'eksworkshop', '?namespace=test2-fargate');
    const body = (await res.json()) as WhatIfResponse;
    expect(body.rows[0]).toMatchObject({ namespace: 'test2-fargate', namespaceDefaulted: true, landing: 'fargate', capacityProvisioned: '0.25vCPU 0.5GB' });
  });

  it('gives the reader’s precise message for a bad manifest, and refuses oversized input', async () => {
    const bad = await call(JSON.stringify({ manifests: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        resources: {requests: {memory: 1.5GB}}\n' }));
    expect(bad.status).toBe(422);
    const err = (await bad.json()) as { detail: string; document: number; field: string };
    expect(err.document).toBe(1);
    expect(err.field).toBe('spec.template.spec.containers[0].resources.requests.memory');
    expect(err.detail).toContain('"1.5GB" is not a valid quantity');
    const huge = await call('x'.repeat(1024 * 1024 + 1), 'text/plain');
    expect(huge.status).toBe(413);
    expect((await call(JSON.stringify({ manifests: '' }))).status).toBe(400);
    expect((await call(JSON.stringify({ manifests: seed, namespace: 'Bad NS' }))).status).toBe(400);
    expect((await call('{}', 'application/octet-stream')).status).toBe(415);
  });
});

describe('the report quota and retention', () => {
  it('refuses a share past the user\'s quota with a 429 that says why, and deletes reports past their retention', async () => {
    const held = await countReportsBy('local');
    setEnv({ FARVIEW_REPORT_QUOTA: String(held + 1) });
    try {
      const kept = await shareOk({ context: 'eksworkshop', title: 'within the quota' });
      const over = await share({ context: 'eksworkshop', title: 'one too many' });
      expect(over.status).toBe(429);
      expect(((await over.json()) as { detail: string }).detail).toBe(
        `local has ${held + 1} stored reports, the most FARVIEW_REPORT_QUOTA (${held + 1}) allows on this server; reports are deleted after 400 days (FARVIEW_REPORT_RETENTION_DAYS).`,
      );
      expect((await get(kept.id)).status).toBe(200);
      // Retention: nothing shared today is older than a day; everything is older than a moment from now.
      expect(await deleteReportsBefore(new Date(Date.now() - 24 * 3600_000))).toBe(0);
      expect(await deleteReportsBefore(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(held + 1);
      expect((await get(kept.id)).status).toBe(404);
      expect(await countReportsBy('local')).toBe(0);
    } finally {
      setEnv({ FARVIEW_REPORT_QUOTA: '1000' });
    }
  });
});
