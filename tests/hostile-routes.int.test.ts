/**
 * Every route, fed malformed, huge and hostile input: a precise 4xx in the {error, detail, source} shape, nothing
 * stored (no report, no Fargate profile), no cluster source opened for a bogus context, and the server still
 * answering a normal request afterwards. Plus a storm of 50 quick SSE reconnects that must leave no subscriber,
 * handle or heap behind. The route handlers run in-process against the simulator, exactly as `next start` calls them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '@/sim/harness';
import { closeAllSources, getClusterSource, registeredSources } from '@/lib/server/registry';
import { waitFor, type Sim } from '@/tests/test-support/sim-source';
import { closeDb } from '@/lib/store/db';
import { listReports } from '@/lib/store/reports';
import { GET as getContexts } from '@/app/api/contexts/route';
import { GET as getHealth } from '@/app/api/health/route';
import { GET as getView } from '@/app/api/c/[context]/view/route';
import { GET as getEvents } from '@/app/api/c/[context]/events/route';
import { GET as getPod } from '@/app/api/c/[context]/pods/[namespace]/[name]/route';
import { GET as getObject } from '@/app/api/c/[context]/objects/[kind]/[name]/route';
import { POST as postWhatIf } from '@/app/api/c/[context]/whatif/route';
import { GET as getProfiles, POST as postProfile } from '@/app/api/c/[context]/profiles/route';
import { DELETE as deleteProfile, GET as getProfile } from '@/app/api/c/[context]/profiles/[name]/route';
import { POST as postPreview } from '@/app/api/c/[context]/profiles/preview/route';
import { GET as listReportsRoute, POST as postReport } from '@/app/api/reports/route';
import { GET as getReport } from '@/app/api/reports/[id]/route';
import { GET as getReportCsv } from '@/app/api/reports/[id]/csv/route';
import { POST as signIn } from '@/app/api/auth/signin/route';

const HOST = '127.0.0.1:3107';
const BASE = `http://${HOST}`;
const SAME_ORIGIN = { host: HOST, origin: BASE };

let sim: Sim;
let dataDir: string;
const saved: Record<string, string | undefined> = {};

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 31 });
  dataDir = await mkdtemp(path.join(tmpdir(), 'farview-hostile-'));
  setEnv({ ...sim.awsEnv, KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, FARVIEW_DATA_DIR: dataDir });
  for (const k of ['FARVIEW_CONTEXT', 'DATABASE_URL', 'FARVIEW_AUTH_TOKENS', 'FARVIEW_AUTH_TOKENS_FILE', 'FARVIEW_READ_ONLY', 'FARVIEW_TRUST_PROXY_HEADERS']) {
    if (!(k in saved)) saved[k] = process.env[k];
    delete process.env[k];
  }
  await waitFor('AWS data', () => getClusterSource('eksworkshop').statusOf('eks')?.state === 'ok', 30_000);
}, 90_000);

afterAll(async () => {
  await closeAllSources();
  await closeDb();
  await sim?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Asserts a precise refusal: the status, JSON {error, detail?, source} and a body that stays small. */
async function refused(res: Response, status: number | number[], what: string): Promise<{ error: string; detail?: string }> {
  const statuses = Array.isArray(status) ? status : [status];
  const text = await res.text();
  expect(statuses, `${what}: got ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
  expect(res.headers.get('content-type') ?? '', what).toContain('application/json');
  const body = JSON.parse(text) as { error: string; detail?: string; source?: string };
  expect(typeof body.error, what).toBe('string');
  expect(body.error.length, what).toBeGreaterThan(0);
  // A refusal never echoes kilobytes of hostile input back.
  expect(text.length, what).toBeLessThan(4096);
  return body;
}

const LONG = 'a'.repeat(10 * 1024);
const HOSTILE_NAMES = [
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '..',
  'eksworkshop\u0000',
  'eksworkshop\n',
  'ctx\u202eevil',
  '🙂',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '%zz',
  LONG,
];

const p = <T extends Record<string, string>>(v: T) => ({ params: Promise.resolve(v) });

describe('a Host that is not a name of this server (DNS rebinding)', () => {
  /** Every page and route handler under app/, with sample values for its [parameters]. */
  function everyRoute(dir = 'app', prefix = ''): string[] {
    const out: string[] = [];
    for (const entry of readdirSync(path.join(process.cwd(), dir), { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_')) continue; // private folders hold no routes
        const segment = entry.name.startsWith('(') ? '' : `/${entry.name.replace(/^\[(.+)\]$/, (_, n: string) => (n === 'context' ? 'eksworkshop' : `sample-${n}`))}`;
        out.push(...everyRoute(path.join(dir, entry.name), prefix + segment));
      } else if (/^(page|route)\.tsx?$/.test(entry.name)) out.push(prefix || '/');
    }
    return out;
  }

  it('is refused on every route, for reads and writes, before any handler runs', async () => {
    const routes = everyRoute();
    expect(routes).toEqual(expect.arrayContaining(['/', '/c/eksworkshop', '/api/c/eksworkshop/view', '/api/c/eksworkshop/events', '/api/reports', '/reports/sample-id']));
    for (const route of routes.filter((r) => r !== '/api/health' && r !== '/api/ready')) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const req = new NextRequest(`${BASE}${route}`, { method, headers: { host: 'rebind.evil.example:3107', origin: 'http://rebind.evil.example:3107' } });
        const res = proxy(req);
        expect(res.status, `${method} ${route}`).toBe(400);
        expect(await res.text(), `${method} ${route}`).toContain('Unknown host name');
      }
    }
  });
});

describe('bad context names', () => {
  it('every read route answers 400 or 404, opens no cluster source, and the real context still works', async () => {
    for (const bad of HOSTILE_NAMES) {
      const what = JSON.stringify(bad.slice(0, 30));
      await refused(await getView(new Request(`${BASE}/x`), p({ context: bad })), [400, 404], `view ${what}`);
      await refused(await getEvents(new Request(`${BASE}/x`), p({ context: bad })), [400, 404], `events ${what}`);
      await refused(await getPod(new Request(`${BASE}/x`), p({ context: bad, namespace: 'default', name: 'x' })), [400, 404], `pod ${what}`);
      await refused(await getObject(new Request(`${BASE}/x`), p({ context: bad, kind: 'nodes', name: 'x' })), [400, 404], `object ${what}`);
      await refused(await getProfiles(new Request(`${BASE}/x`), p({ context: bad })), [400, 404], `profiles ${what}`);
      await refused(
        await postWhatIf(new Request(`${BASE}/x`, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': 'application/yaml' }, body: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: a}]}\n' }), p({ context: bad })),
        [400, 404],
        `whatif ${what}`,
      );
    }
    expect(registeredSources().map((s) => s.context)).toEqual(['eksworkshop']);
    expect((await getView(new Request(`${BASE}/x`), p({ context: 'eksworkshop' }))).status).toBe(200);
    expect((await getContexts()).status).toBe(200);
  }, 60_000);
});

describe('bad names, kinds and query parameters', () => {
  it('pods, objects and profiles answer 400 or 404 for names that cannot exist', async () => {
    // Names every JavaScript object has: a kind looked up in a plain object would find them.
    for (const inherited of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      await refused(await getObject(new Request(`${BASE}/x`), p({ context: 'eksworkshop', kind: inherited, name: 'x' })), 400, `kind ${inherited}`);
    }
    for (const bad of HOSTILE_NAMES) {
      const what = JSON.stringify(bad.slice(0, 30));
      await refused(await getPod(new Request(`${BASE}/x`), p({ context: 'eksworkshop', namespace: bad, name: bad })), [400, 404], `pod ${what}`);
      await refused(await getObject(new Request(`${BASE}/x`), p({ context: 'eksworkshop', kind: bad, name: 'x' })), 400, `kind ${what}`);
      await refused(await getObject(new Request(`${BASE}/x?namespace=${encodeURIComponent(bad)}`), p({ context: 'eksworkshop', kind: 'services', name: bad })), [400, 404], `service ${what}`);
      await refused(await getProfile(new Request(`${BASE}/x`), p({ context: 'eksworkshop', name: bad })), [400, 404], `profile ${what}`);
    }
  }, 60_000);

  it('the stream treats an unusable resume point as none and sends a snapshot', async () => {
    for (const since of ['-1', '1e309', 'abc', '99999999999999999999', LONG]) {
      const ac = new AbortController();
      const res = await getEvents(new Request(`${BASE}/x?since=${encodeURIComponent(since)}`, { signal: ac.signal, headers: { 'last-event-id': since.slice(0, 4000) } }), p({ context: 'eksworkshop' }));
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      for (let i = 0; i < 20 && !text.includes('event: snapshot'); i++) {
        const c = await reader.read();
        if (c.done) break;
        text += new TextDecoder().decode(c.value);
      }
      ac.abort();
      expect(text, `since=${since.slice(0, 20)}`).toContain('event: snapshot');
    }
  });

  it('the report list refuses limits and cursors it cannot use', async () => {
    for (const q of ['limit=0', 'limit=-1', 'limit=abc', 'limit=1e9', 'limit=201', `before=${LONG}`, "before=' OR 1=1 --", 'before=AAAAAAAAAAAAAAAAAAAAAA']) {
      await refused(await listReportsRoute(new Request(`${BASE}/api/reports?${q}`)), 400, q.slice(0, 30));
    }
  }, 60_000);
});

describe('shared reports', () => {
  it('unknown or malformed ids are 404, as JSON and as CSV; a bad rows= is 400', async () => {
    for (const id of [...HOSTILE_NAMES, 'AAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAB']) {
      await refused(await getReport(new Request(`${BASE}/x`), p({ id })), 404, `report ${JSON.stringify(id.slice(0, 20))}`);
      await refused(await getReportCsv(new Request(`${BASE}/x`), p({ id })), 404, `csv ${JSON.stringify(id.slice(0, 20))}`);
    }
    await refused(await getReportCsv(new Request(`${BASE}/x?rows=${LONG}`), p({ id: 'AAAAAAAAAAAAAAAAAAAAAA' })), 400, 'rows');
  }, 120_000);

  it('hostile share requests are refused and store nothing', async () => {
    const before = (await listReports({ limit: 200 })).length;
    const post = (body: string, headers: Record<string, string> = {}) =>
      postReport(new Request(`${BASE}/api/reports`, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': 'application/json', ...headers }, body }));
    await refused(await post('{not json'), 400, 'not json');
    await refused(await post('[]'), 400, 'array');
    await refused(await post(JSON.stringify({ context: LONG })), [400, 404], 'long context');
    await refused(await post(JSON.stringify({ context: '../../etc/passwd' })), [400, 404], 'traversal');
    await refused(await post(JSON.stringify({ context: 'eksworkshop', query: { by: "namespace'; DROP TABLE reports; --" } })), 400, 'sql in by');
    await refused(await post(JSON.stringify({ context: 'eksworkshop', query: { ns: '../x' } })), 400, 'bad ns');
    await refused(await post(JSON.stringify({ context: 'eksworkshop', title: LONG })), 400, 'long title');
    await refused(await post(JSON.stringify({ context: 'eksworkshop', title: 'x'.repeat(20 * 1024) })), 413, 'huge body');
    await refused(await post('context=eksworkshop', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'form');
    await refused(await post(JSON.stringify({ context: 'eksworkshop' }), { origin: 'https://evil.example' }), 403, 'cross-site');
    // Deeply nested JSON is just a bad shape.
    await refused(await post('['.repeat(5000) + ']'.repeat(5000)), 400, 'deep');
    expect((await listReports({ limit: 200 })).length).toBe(before);
  }, 120_000);
});

describe('Fargate profile writes', () => {
  it('hostile forms are refused before EKS is asked, and no profile appears', async () => {
    const profilesBefore = sim.ctx.aws.listProfiles().map((x) => x.name);
    const send = (body: string, headers: Record<string, string> = {}) =>
      postProfile(new Request(`${BASE}/x`, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': 'application/json', ...headers }, body }), p({ context: 'eksworkshop' }));
    const role = 'arn:aws:iam::133129065110:role/AmazonEKSFargatePodExecutionRole';
    const form = (f: Record<string, unknown>) => JSON.stringify({ form: { name: 'x', selectors: [{ namespace: 'x', labels: [] }], subnets: [], podExecutionRoleArn: role, tags: [], ...f } });
    await refused(await send('{'), 400, 'not json');
    await refused(await send('{}'), 400, 'empty');
    await refused(await send(form({ name: LONG })), [400, 413], 'long name');
    await refused(await send(form({ name: '../../x' })), 400, 'traversal name');
    await refused(await send(form({ name: 'x\u0000y' })), 400, 'nul name');
    await refused(await send(form({ selectors: Array.from({ length: 500 }, () => ({ namespace: 'a', labels: [] })) })), 400, '500 selectors');
    await refused(await send(form({ selectors: [{ namespace: 'Not A Namespace!', labels: [] }] })), 400, 'bad namespace');
    await refused(await send(form({ selectors: [{ namespace: 'ns', labels: Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }] })), 400, '200 labels');
    await refused(await send(form({ selectors: [{ namespace: 'ns', labels: [{ key: '🙂/ key', value: '\u202e' }] }] })), 400, 'unicode label');
    await refused(await send(form({ podExecutionRoleArn: 'arn:aws:iam::1:role/../../admin' })), 400, 'bad role');
    await refused(await send(form({ subnets: ['subnet-../../x'] })), 400, 'bad subnet');
    await refused(await send(form({ tags: 'not-a-list' })), 400, 'bad tags');
    await refused(await send('x'.repeat(70 * 1024)), 413, 'huge');
    await refused(await send(form({}), { 'content-type': 'text/plain' }), 415, 'text');
    await refused(await send(form({}), { origin: 'null' }), 403, 'opaque origin');
    await refused(await send(form({}), { origin: '' }), 403, 'no origin');
    await refused(
      await deleteProfile(new Request(`${BASE}/x`, { method: 'DELETE', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ confirm: 'nope' }) }), p({ context: 'eksworkshop', name: 'test2-fargate' })),
      400,
      'delete without the right confirm',
    );
    await refused(
      await postPreview(new Request(`${BASE}/x`, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' }, body: '['.repeat(5000) }), p({ context: 'eksworkshop' })),
      400,
      'preview deep',
    );
    expect(sim.ctx.aws.listProfiles().map((x) => x.name)).toEqual(profilesBefore);
  }, 120_000);
});

describe('what-if manifests', () => {
  const post = (body: string | ReadableStream<Uint8Array>, type = 'application/yaml', extra: Record<string, string> = {}) =>
    postWhatIf(
      new Request(`${BASE}/x`, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': type, ...extra }, body, ...(typeof body === 'string' ? {} : { duplex: 'half' }) } as RequestInit),
      p({ context: 'eksworkshop' }),
    );

  it('a YAML alias bomb is refused quickly', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    const body = await refused(await post(lines.join('\n')), [413, 422], 'alias bomb');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(body.detail ?? body.error).toMatch(/alias/i);
  });

  it('10 MB is refused without reading it all, declared or streamed', async () => {
    const ten = 'x'.repeat(10 * 1024 * 1024);
    await refused(await post(ten), 413, '10 MB');
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= 10 * 1024 * 1024) return c.close();
        sent += 64 * 1024;
        c.enqueue(new Uint8Array(64 * 1024).fill(120));
      },
    });
    await refused(await post(stream), 413, '10 MB streamed');
    expect(sent).toBeLessThan(3 * 1024 * 1024);
  });

  it('garbage, deep nesting, wrong shapes and bad namespaces get a precise 4xx', async () => {
    await refused(await post('\u0000\u0001\u0002\uFFFE binary'), [400, 422], 'binary');
    await refused(await post('['.repeat(20_000)), [400, 422], 'deep flow');
    await refused(await post('- '.repeat(5_000) + 'x'), [400, 422], 'deep block');
    await refused(await post('kind: Pod\nspec:\n  containers:\n  - name: a\n    resources:\n      requests:\n        cpu: 1e999999999\n'), 422, 'absurd cpu');
    await refused(await post('kind: Deployment\napiVersion: apps/v1\nspec:\n  replicas: 1e308\n'), [400, 422], 'absurd replicas');
    await refused(await post(''), 400, 'empty');
    await refused(await post('{"manifests": 5}', 'application/json'), 400, 'manifests not a string');
    await refused(await post('{"manifests": "kind: Pod", "namespace": "../x"}', 'application/json'), 400, 'bad namespace');
    await refused(await post('kind: Pod', 'application/x-www-form-urlencoded'), 415, 'form');
    // After all that, a real manifest is sized.
    const ok = await post('apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: test2-fargate}\nspec:\n  containers:\n  - name: web\n    image: nginx\n    resources: {requests: {cpu: 500m, memory: 750M}}\n');
    expect(ok.status).toBe(200);
  }, 60_000);

  it('a 1 MiB mapping of many keys is refused quickly, and the view and health answer at once meanwhile', async () => {
    const keys: string[] = [];
    for (let i = 0, len = 0; len < 1024 * 1024 - 64; i++) {
      keys.push(`k${i}: v\n`);
      len += keys[keys.length - 1].length;
    }
    const started = Date.now();
    const inFlight = post(keys.join(''));
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect((await getView(new Request(`${BASE}/x`), p({ context: 'eksworkshop' }))).status).toBe(200);
      expect(getHealth(new Request(`${BASE}/api/health`)).status).toBe(200);
      waits.push(performance.now() - t);
    }
    const body = await refused(await inFlight, 422, '1 MiB of keys');
    const took = Date.now() - started;
    console.log(`hostile 1 MiB paste: refused in ${took} ms; view + health meanwhile ${waits.map((w) => w.toFixed(1)).join(', ')} ms`);
    expect(body.detail).toMatch(/keys, more than 10000/);
    expect(took).toBeLessThan(5_000);
    waits.sort((a, b) => a - b);
    expect(waits[2]).toBeLessThan(100);
  }, 30_000);

  it('repeated keys are still refused, with their line', async () => {
    const body = await refused(await post('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nkind: Service\n'), 422, 'repeated key');
    expect(body.detail).toMatch(/Map keys must be unique at line 4, column 1/);
  });
});

describe('sign-in', () => {
  it('refuses malformed sign-ins precisely', async () => {
    const send = (body: string, type: string) => signIn(new Request(`${BASE}/api/auth/signin`, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': type }, body }));
    await refused(await send('token=x', 'text/plain'), 415, 'text');
    await refused(await send('x'.repeat(5000), 'application/json'), 413, 'huge');
    await refused(await send('{', 'application/json'), 400, 'not json');
    await refused(await send('{"token": 5}', 'application/json'), 400, 'number');
    // Auth is off in this process: a token sign-in says so instead of pretending.
    await refused(await send('{"token": "0123456789abcdef0123"}', 'application/json'), 400, 'auth off');
  });
});

describe('a storm of 50 quick SSE reconnects', () => {
  it('leaves no subscriber, timer or socket behind and the heap flat', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const source = getClusterSource('eksworkshop');
    // Warm up once (first-use allocations are not a leak), then measure.
    for (let i = 0; i < 5; i++) {
      const ac = new AbortController();
      const res = await getEvents(new Request(`${BASE}/x`, { signal: ac.signal }), p({ context: 'eksworkshop' }));
      await (res.body as ReadableStream<Uint8Array>).getReader().read();
      ac.abort();
    }
    await new Promise((r) => setTimeout(r, 200));
    gc();
    const subscribers = source.subscriberCount;
    const handles = process.getActiveResourcesInfo().length;
    const heap = process.memoryUsage().heapUsed;

    for (let i = 0; i < 50; i++) {
      const ac = new AbortController();
      const res = await getEvents(new Request(`${BASE}/x`, { signal: ac.signal, headers: i % 2 ? { 'last-event-id': String(source.seq) } : {} }), p({ context: 'eksworkshop' }));
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      if (i % 3 !== 0) await reader.read(); // some leave before the first byte, most after it
      ac.abort();
      if (i % 5 === 0) await reader.cancel().catch(() => undefined);
    }
    await waitFor('subscribers to go', () => source.subscriberCount === subscribers, 5_000, 50);
    await new Promise((r) => setTimeout(r, 300));
    gc();
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(handles + 3);
    // 50 snapshots of this cluster are well under 1 MB each: a leak of them would show as many MB.
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(15 * 1024 * 1024);
    expect((await getView(new Request(`${BASE}/x`), p({ context: 'eksworkshop' }))).status).toBe(200);
  }, 60_000);
});
