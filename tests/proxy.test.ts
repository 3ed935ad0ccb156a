/**
 * The proxy (proxy.ts) as a function over requests: what it lets through (NextResponse.next(): the
 * `x-middleware-next` header) and what it answers itself. The environment is set per test and restored.
 */
import { gunzipSync } from 'node:zlib';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authConfig, issueSession, SESSION_COOKIE } from '@/lib/server/auth';
import { proxy } from '@/proxy';

const BASE = 'http://farview.test';
const EDITOR = 'proxy-editor-token-0123456789';
const VIEWER = 'proxy-viewer-token-0123456789';
const KEYS = ['FARVIEW_AUTH_TOKENS', 'FARVIEW_AUTH_TOKENS_FILE', 'FARVIEW_SESSION_SECRET', 'FARVIEW_PUBLIC_REPORTS', 'FARVIEW_ALLOW_ANONYMOUS', 'FARVIEW_RATE_LIMIT', 'FARVIEW_TRUST_PROXY', 'FARVIEW_TRUST_PROXY_HEADERS', 'HOST', 'FARVIEW_PUBLIC_URL'];
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  // Nothing listens in this process: the proxy judges exposure by HOST, as package.json's scripts pass it.
  process.env.HOST = '127.0.0.1';
  // The name these tests reach the server by, as a deployment behind that name would set it.
  process.env.FARVIEW_PUBLIC_URL = BASE;
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function req(path: string, init: { method?: string; headers?: Record<string, string> } = {}): NextRequest {
  return new NextRequest(`${BASE}${path}`, { method: init.method ?? 'GET', headers: { host: 'farview.test', ...init.headers } });
}

const passed = (res: Response) => res.headers.get('x-middleware-next') === '1';

function teamServer(extra: Record<string, string> = {}) {
  Object.assign(process.env, { FARVIEW_AUTH_TOKENS: `alice:editor:${EDITOR},bob:viewer:${VIEWER}`, FARVIEW_SESSION_SECRET: 'proxy-test-session-secret-0123456789', ...extra });
}

function sessionOf(name: string): string {
  const cfg = authConfig();
  const t = cfg.tokens.find((x) => x.name === name);
  if (!t) throw new Error(name);
  return `${SESSION_COOKIE}=${issueSession(cfg, t, Date.now()).value}`;
}

describe('DNS rebinding: the names the server answers to', () => {
  const at = (host: string, path = '/c/eksworkshop', init: { method?: string; headers?: Record<string, string> } = {}) =>
    proxy(new NextRequest(`http://${host}${path}`, { method: init.method ?? 'GET', headers: { host, ...init.headers } }));

  it('refuses a page, the view, the stream and a write addressed to a name that is not ours', async () => {
    for (const [path, method] of [['/', 'GET'], ['/c/eksworkshop', 'GET'], ['/api/c/eksworkshop/view', 'GET'], ['/api/c/eksworkshop/events', 'GET'], ['/api/reports', 'GET'], ['/api/c/eksworkshop/profiles', 'POST']]) {
      const res = at('rebind.evil.example:3000', path, { method, headers: { origin: 'http://rebind.evil.example:3000' } });
      expect(res.status, `${method} ${path}`).toBe(400);
      const text = await res.text();
      expect(text, path).toContain('Unknown host name');
      expect(text, path).toContain('FARVIEW_PUBLIC_URL');
    }
  });

  it('answers to IP addresses, localhost, the listening name and FARVIEW_PUBLIC_URL', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST', '[::1]:3000', '10.1.2.3:3000', 'farview.test']) expect(passed(at(host)), host).toBe(true);
    Object.assign(process.env, { HOST: 'farview-box.internal', FARVIEW_ALLOW_ANONYMOUS: '1' });
    expect(passed(at('farview-box.internal:3000'))).toBe(true);
    delete process.env.FARVIEW_PUBLIC_URL;
    expect(at('farview.test').status).toBe(400);
    const claiming = (host: string) => proxy(new NextRequest('http://127.0.0.1:3000/c/eksworkshop', { headers: { host } }));
    for (const host of ['evil.example@127.0.0.1', 'localhost.', '127.0.0.1.nip.example', '127.0.0.1/x', ' ']) expect(claiming(host).status, host).toBe(400);
  });

  it('lets the probes through whatever the Host, as the kubelet addresses them', () => {
    expect(passed(at('farview.farview.svc.cluster.local:3000', '/api/health'))).toBe(true);
    expect(passed(at('farview.farview.svc.cluster.local:3000', '/api/ready'))).toBe(true);
  });

  it('checks Origin against the names, scheme and port included, not against Host', () => {
    const write = (host: string, origin: string) => at(host, '/api/reports', { method: 'POST', headers: { origin } });
    process.env.HOST = '127.0.0.1';
    expect(passed(write('127.0.0.1:3100', 'http://127.0.0.1:3100'))).toBe(true);
    // The http server is not reached over https, nor by a page of another port.
    expect(write('127.0.0.1:3100', 'https://127.0.0.1:3100').status).toBe(403);
    expect(write('127.0.0.1:3100', 'http://127.0.0.1:3101').status).toBe(403);
    expect(write('127.0.0.1:3100', 'http://localhost:3100').status).toBe(403);
    // The public URL is a page of ours wherever the request is addressed.
    expect(passed(write('127.0.0.1:3100', BASE))).toBe(true);
  });
});

describe('the CSP nonce', () => {
  it('is new on every request, in the answer and in the request Next renders', () => {
    const a = proxy(req('/c/eksworkshop'));
    const b = proxy(req('/c/eksworkshop'));
    const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonceOf(a)).toBeTruthy();
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    // NextResponse.next({request}) hands the rewritten request headers to Next as x-middleware-request-*.
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonceOf(a));
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(a.headers.get('content-security-policy'));
    expect(proxy(req('/api/c/%C0%AE/view')).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('methods and paths no route serves', () => {
  it('answers undecodable paths 400 (unknown methods: lib/server/method-guard.test.ts)', async () => {
    const bad = proxy(req('/api/c/%C0%AE%C0%AE/view'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'Malformed path' });
  });

  it('answers a write to a read-only route 405 without spending the write budget', () => {
    process.env.FARVIEW_RATE_LIMIT = 'write=2/min';
    for (let i = 0; i < 5; i++) expect(proxy(req('/api/c/eksworkshop/view', { method: 'POST', headers: { origin: BASE } })).status).toBe(405);
    expect(proxy(req('/api/reports/x', { method: 'DELETE', headers: { origin: BASE } })).status).toBe(405);
    // The real writes still have their whole budget.
    expect(passed(proxy(req('/api/c/eksworkshop/profiles', { method: 'POST', headers: { origin: BASE } })))).toBe(true);
    expect(passed(proxy(req('/api/c/eksworkshop/profiles/x', { method: 'DELETE', headers: { origin: BASE } })))).toBe(true);
    expect(proxy(req('/api/c/eksworkshop/profiles', { method: 'POST', headers: { origin: BASE } })).status).toBe(429);
  });
});

describe('sign-in off, on loopback', () => {
  it('lets reads through and checks the Origin of every write', async () => {
    expect(passed(proxy(req('/c/eksworkshop')))).toBe(true);
    expect(passed(proxy(req('/api/reports', { method: 'POST', headers: { origin: BASE } })))).toBe(true);
    const cross = proxy(req('/api/reports', { method: 'POST', headers: { origin: 'https://evil.example' } }));
    expect(cross.status).toBe(403);
    expect(await cross.json()).toMatchObject({ error: 'Cross-site request refused', source: 'request' });
    // Any write, anywhere, even where no handler exists.
    expect(proxy(req('/anything', { method: 'PUT' })).status).toBe(403);
    expect(proxy(req('/api/c/x/profiles/y', { method: 'DELETE', headers: { origin: 'null' } })).status).toBe(403);
  });

  it('refuses a declared body above 8 MiB before Next buffers it', async () => {
    const res = proxy(req('/api/c/x/whatif', { method: 'POST', headers: { origin: BASE, 'content-length': String(9 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
  });

  it('rate-limits writes with 429 and Retry-After, and report creation on top', async () => {
    process.env.FARVIEW_RATE_LIMIT = 'write=5/min,report=2/min';
    const post = (path: string) => proxy(req(path, { method: 'POST', headers: { origin: BASE } }));
    expect([post('/api/reports'), post('/api/reports')].map(passed)).toEqual([true, true]);
    const third = post('/api/reports');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBe(30);
    expect(await third.json()).toMatchObject({ error: 'Too many requests' });
    // Writes: 3 spent above (the refused report still counted as a write), 2 left.
    expect([post('/api/c/x/profiles'), post('/api/c/x/profiles')].map(passed)).toEqual([true, true]);
    expect(post('/api/c/x/profiles').status).toBe(429);
    // What-if runs and previews have their own bucket: the form previews as you type.
    expect(passed(post('/api/c/x/whatif'))).toBe(true);
    expect(passed(post('/api/c/x/profiles/preview'))).toBe(true);
    // Sign-in is limited by its own route, not here.
    expect(passed(post('/api/auth/signin'))).toBe(true);
  });

  it('refuses everyone but the probes when it listens beyond loopback, unless told to allow it', async () => {
    process.env.HOST = '0.0.0.0';
    const res = proxy(req('/c/eksworkshop'));
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/Farview listens on 0\.0\.0\.0 with no sign-in configured/);
    expect(passed(proxy(req('/api/health')))).toBe(true);
    expect(passed(proxy(req('/api/ready')))).toBe(true);
    process.env.FARVIEW_ALLOW_ANONYMOUS = '1';
    expect(passed(proxy(req('/c/eksworkshop')))).toBe(true);
  });
});

describe('sign-in on', () => {
  it('sends pages to /signin (relative, with where to return) and answers APIs 401', async () => {
    teamServer();
    const page = proxy(req('/c/eksworkshop?view=pods'));
    expect(page.status).toBe(303);
    // Same origin: Next sends it on as a relative Location (the e2e spec checks that over HTTP).
    expect(page.headers.get('location')).toBe(`${BASE}/signin?next=%2Fc%2Feksworkshop%3Fview%3Dpods`);
    const api = proxy(req('/api/c/eksworkshop/view'));
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBe('Bearer realm="farview"');
    for (const open of ['/signin', '/api/health', '/api/ready', '/api/auth/session']) expect(passed(proxy(req(open))), open).toBe(true);
  });

  it('lets a session or a token through, and only an editor change a cluster', async () => {
    teamServer();
    expect(passed(proxy(req('/c/eksworkshop', { headers: { cookie: sessionOf('bob') } })))).toBe(true);
    expect(passed(proxy(req('/api/c/eksworkshop/view', { headers: { authorization: `Bearer ${VIEWER}` } })))).toBe(true);
    const write = (who: string, path: string, method = 'POST') => proxy(req(path, { method, headers: { origin: BASE, cookie: sessionOf(who) } }));
    const refused = write('bob', '/api/c/eksworkshop/profiles');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'The editor role is required', detail: 'bob has the viewer role, which can look but not change.' });
    expect(write('bob', '/api/c/eksworkshop/profiles/p', 'DELETE').status).toBe(403);
    expect(passed(write('bob', '/api/c/eksworkshop/whatif'))).toBe(true);
    expect(passed(write('bob', '/api/reports'))).toBe(true);
    expect(passed(write('alice', '/api/c/eksworkshop/profiles'))).toBe(true);
  });

  it('limits failed bearer tokens per client, and never spends on correct ones', async () => {
    teamServer({ FARVIEW_RATE_LIMIT: 'signin=3/min,write=59/min', FARVIEW_TRUST_PROXY: '1' });
    const api = (token: string, from: string) => proxy(req('/api/c/eksworkshop/view', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from } }));
    // A correct token costs nothing, however often it is used.
    for (let i = 0; i < 20; i++) expect(passed(api(VIEWER, '10.0.0.1')), `use ${i}`).toBe(true);
    // Wrong ones spend: three, then this client is refused whatever it sends, without the token being looked at.
    for (let i = 0; i < 3; i++) expect(api('guess-0123456789abcdef', '10.0.0.9').status).toBe(401);
    const locked = api(VIEWER, '10.0.0.9');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ detail: expect.stringMatching(/^Too many failed sign-ins from this client: try again in \d+ s\.$/) });
    // Another client, alice's, is not affected.
    expect(passed(api(EDITOR, '10.0.0.1'))).toBe(true);
  });

  it('opens shared reports only with FARVIEW_PUBLIC_REPORTS=1, and never the list', async () => {
    teamServer();
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    expect(proxy(req(`/reports/${id}`)).status).toBe(303);
    teamServer({ FARVIEW_PUBLIC_REPORTS: '1' });
    for (const p of [`/reports/${id}`, `/api/reports/${id}`, `/api/reports/${id}/csv`]) expect(passed(proxy(req(p))), p).toBe(true);
    expect(proxy(req('/api/reports')).status).toBe(401);
    expect(proxy(req('/reports')).status).toBe(303);
  });

  it('fails closed on a malformed token list, except for liveness', async () => {
    process.env.FARVIEW_AUTH_TOKENS = 'alice:admin:0123456789abcdef0';
    const res = proxy(req('/c/eksworkshop'));
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('role must be editor or viewer');
    expect(passed(proxy(req('/api/health')))).toBe(true);
  });

  it('adds HSTS only over HTTPS, and believes X-Forwarded-Proto only behind a trusted proxy', () => {
    teamServer();
    const plain = proxy(req('/api/health'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(proxy(req('/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
    // Next builds the URL's scheme from X-Forwarded-Proto, whoever sent it: an https URL proves nothing either.
    const forged = new NextRequest('https://farview.test/api/health', { headers: { host: 'farview.test', 'x-forwarded-proto': 'https' } });
    expect(proxy(forged).headers.get('strict-transport-security')).toBeNull();
    process.env.FARVIEW_TRUST_PROXY = '1';
    expect(proxy(req('/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('refuses a view request that takes gzip with a gzip body (next.config.js declares the encoding)', async () => {
    teamServer();
    const refused = proxy(req('/api/c/eksworkshop/view', { headers: { 'accept-encoding': 'gzip, deflate, br' } }));
    expect(refused.status).toBe(401);
    expect(JSON.parse(gunzipSync(Buffer.from(await refused.arrayBuffer())).toString('utf8'))).toMatchObject({ error: 'Sign-in required' });
    expect(((await proxy(req('/api/c/eksworkshop/view')).json()) as { error: string }).error).toBe('Sign-in required');
    expect(((await proxy(req('/api/c/eksworkshop/events', { headers: { 'accept-encoding': 'gzip' } })).json()) as { error: string }).error).toBe('Sign-in required');
  });
});
