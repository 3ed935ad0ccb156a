import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Security over real HTTP, through the production server and its proxy:
 *  - the demo server (sign-in off, 127.0.0.1): security headers, the CSP not breaking any page, CSRF refused
 *    centrally (even on a route that has no write handler), hostile URLs and bodies answered with precise 4xx, a
 *    storm of EventSource reconnects survived;
 *  - a second server started here with tokens: sign-in, session cookie, viewer vs editor, sign-out;
 *  - a third on 0.0.0.0 without sign-in: it refuses to serve.
 */

const port = Number(process.env.E2E_PORT ?? 3107);
const ROOT = path.resolve(__dirname, '..');
const SIM_DIR = path.join(ROOT, '.farview/e2e');
const EDITOR = 'e2e-editor-token-0123456789abcdef';
const VIEWER = 'e2e-viewer-token-0123456789abcdef';

function simEnv(): Record<string, string> {
  const env: Record<string, string> = { KUBECONFIG: path.join(SIM_DIR, 'kubeconfig') };
  for (const line of readFileSync(path.join(SIM_DIR, 'aws.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

/** Starts another production server on the same build and simulator; resolves once /api/health answers. */
async function startServer(p: number, host: string, extra: Record<string, string>): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...simEnv(), NEXT_TELEMETRY_DISABLED: '1', FARVIEW_DATA_DIR: path.join(ROOT, `.farview/e2e-sec-${p}`), ...extra };
  delete env.FARVIEW_CONTEXT;
  delete env.FARVIEW_AUTH_TOKENS;
  Object.assign(env, extra);
  const child = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '--hostname', host, '--port', String(p)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.resume();
  child.stderr?.resume();
  const deadline = Date.now() + 60_000;
  for (let i = 0; i < 240 && Date.now() < deadline; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${p} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${p}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server on ${p} did not answer within 60 s`);
}

/** Stops a server started by startServer and deletes its report store. */
async function stopServer(child: ChildProcess | undefined, p: number): Promise<void> {
  if (child && child.exitCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(path.join(ROOT, `.farview/e2e-sec-${p}`), { recursive: true, force: true });
}

async function expectApiError(res: Awaited<ReturnType<APIRequestContext['get']>>, statuses: number[], what: string) {
  expect(statuses, `${what}: ${res.status()} ${(await res.text()).slice(0, 200)}`).toContain(res.status());
  const body = (await res.json()) as { error?: unknown };
  expect(typeof body.error, what).toBe('string');
}

test.describe('the production server, sign-in off', () => {
  test('sends the security headers on pages and API answers', async ({ request }) => {
    for (const url of ['/calculator', '/api/health', '/api/contexts']) {
      const res = await request.get(url);
      const h = res.headers();
      expect(h['content-security-policy'], url).toContain("default-src 'self'");
      expect(h['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(h['content-security-policy'], url).toContain("object-src 'none'");
      expect(h['content-security-policy'], url).not.toContain('unsafe-eval');
      // Scripts need this response's nonce: no inline script runs without it.
      const scripts = /script-src ([^;]*)/.exec(h['content-security-policy'])?.[1] ?? '';
      expect(scripts, url).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
      expect(scripts, url).not.toContain('unsafe-inline');
      expect(h['x-content-type-options'], url).toBe('nosniff');
      expect(h['referrer-policy'], url).toBe('same-origin');
      expect(h['permissions-policy'], url).toContain('camera=()');
      expect(h['x-frame-options'], url).toBe('DENY');
      expect(h['x-powered-by'], url).toBeUndefined();
    }
  });

  test('the pages run under the CSP with no violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/calculator');
    await expect(page.getByRole('heading', { name: 'Fargate size calculator' })).toBeVisible();
    await page.goto('/c/eksworkshop');
    await expect(page.getByText('test2-fargate').first()).toBeVisible({ timeout: 30_000 });
    await page.goto('/');
    await page.waitForURL(/\/c\//, { timeout: 30_000 });
    expect(violations).toEqual([]);
  });

  test('refuses cross-site and Origin-less writes centrally, even where no route handles the write', async ({ request }) => {
    const evil = { Origin: 'https://evil.example', 'Content-Type': 'application/json' };
    await expectApiError(await request.post('/api/reports', { headers: evil, data: { context: 'eksworkshop' } }), [403], 'share from evil');
    await expectApiError(await request.post('/api/contexts', { headers: evil, data: {} }), [403], 'write to a read-only route');
    await expectApiError(await request.delete('/api/c/eksworkshop/profiles/test2-fargate', { headers: { Origin: 'null' } }), [403], 'opaque origin');
    // Playwright's request sends no Origin by itself: a script that forgets it is refused too.
    await expectApiError(await request.post('/api/c/eksworkshop/profiles', { data: {} }), [403], 'no origin');
  });

  test('hostile URLs and bodies get a precise 4xx and the server stays up', async ({ request, baseURL }) => {
    const origin = { Origin: baseURL ?? `http://127.0.0.1:${port}` };
    for (const ctx of ['..%2F..%2Fetc%2Fpasswd', 'ctx%E2%80%AEevil', '%F0%9F%99%82', 'a'.repeat(10_000), '%00']) {
      await expectApiError(await request.get(`/api/c/${ctx}/view`), [400, 404], `context ${ctx.slice(0, 20)}`);
    }
    // %2e%2e is a dot segment: the URL becomes /api/c/view, which no route serves (Next's own 404 page).
    expect((await request.get('/api/c/%2e%2e/view')).status()).toBe(404);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', "'%20OR%201=1%20--", 'AAAAAAAAAAAAAAAAAAAAAA', 'x'.repeat(5000)]) {
      await expectApiError(await request.get(`/api/reports/${id}`), [404], `report ${id.slice(0, 20)}`);
    }
    await expectApiError(await request.get('/api/reports?limit=1e9'), [400], 'limit');
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    await expectApiError(await request.post('/api/c/eksworkshop/whatif', { headers: { ...origin, 'Content-Type': 'application/yaml' }, data: bomb }), [413, 422], 'alias bomb');
    await expectApiError(await request.post('/api/c/eksworkshop/whatif', { headers: { ...origin, 'Content-Type': 'application/yaml' }, data: 'x'.repeat(10 * 1024 * 1024) }), [413], '10 MB');
    await expectApiError(await request.post('/api/c/eksworkshop/profiles', { headers: { ...origin, 'Content-Type': 'application/json' }, data: { form: { name: '../../x', selectors: [] } } }), [400], 'profile form');
    // Traversal through the open paths does not reach a protected route's data.
    for (const p of ['/api/auth/..%2Fc%2Feksworkshop%2Fview', '/_next/static/..%2F..%2Fapi%2Fcontexts']) {
      const res = await request.get(p);
      expect(res.status(), p).toBeGreaterThanOrEqual(400);
    }
    expect((await request.get('/api/health')).status()).toBe(200);
    expect((await request.get('/api/c/eksworkshop/view')).status()).toBe(200);
  });

  test('survives 50 quick EventSource reconnects', async ({ page, request }) => {
    await page.goto('/calculator');
    const opened = await page.evaluate(async () => {
      let count = 0;
      for (let i = 0; i < 50; i++) {
        const es = new EventSource('/api/c/eksworkshop/events');
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          es.onopen = () => {
            count++;
            if (i % 2) done();
          };
          es.addEventListener('snapshot', done);
          setTimeout(done, 3000);
        });
        es.close();
      }
      return count;
    });
    expect(opened).toBeGreaterThanOrEqual(45);
    expect((await request.get('/api/health')).status()).toBe(200);
    const view = await request.get('/api/c/eksworkshop/view');
    expect(view.status()).toBe(200);
  });
});

test.describe('requests no browser page of ours sends', () => {
  /** A raw request, with any method, path and Host (fetch would refuse some of them). */
  function raw(path: string, method = 'GET', host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const r = httpRequest({ host: '127.0.0.1', port, path, method, headers: { Host: host, Origin: `http://${host}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      r.on('error', reject);
      r.setTimeout(10_000, () => r.destroy(new Error('timed out')));
      r.end(method === 'POST' ? '{}' : undefined);
    });
  }

  test('pages, the view, the stream and writes addressed to a foreign name are refused (DNS rebinding)', async () => {
    for (const [path, method] of [['/', 'GET'], ['/c/eksworkshop', 'GET'], ['/api/c/eksworkshop/view', 'GET'], ['/api/c/eksworkshop/events', 'GET'], ['/api/c/eksworkshop/profiles', 'POST']]) {
      const res = await raw(path, method, `rebind.evil.example:${port}`);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body, path).toContain('Unknown host name');
    }
  });

  test('TRACE is 405 and an undecodable path 400, not 500', async () => {
    expect((await raw('/api/c/eksworkshop/view', 'TRACE')).status).toBe(405);
    expect((await raw('/', 'TRACE')).status).toBe(405);
    const bad = await raw('/api/c/%C0%AE%C0%AE/view');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Malformed path');
  });
});

test.describe('a team server with sign-in', () => {
  const authPort = port + 101;
  let server: ChildProcess | undefined;
  const base = `http://127.0.0.1:${authPort}`;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = await startServer(authPort, '127.0.0.1', {
      FARVIEW_AUTH_TOKENS: `alice:editor:${EDITOR},bob:viewer:${VIEWER}`,
      FARVIEW_SESSION_SECRET: 'e2e-session-secret-of-at-least-32-chars',
    });
  });
  test.afterAll(async () => {
    await stopServer(server, authPort);
  });

  async function signIn(page: Page, token: string, next = '/calculator') {
    await page.goto(`${base}${next}`);
    await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(next).replace(/[/]/g, '\\/')}`));
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  test('sends a visitor to /signin, and API callers get 401; probes stay open', async ({ request }) => {
    const page = await request.get(`${base}/c/eksworkshop?view=pods`, { maxRedirects: 0 });
    expect(page.status()).toBe(303);
    expect(page.headers().location).toBe('/signin?next=%2Fc%2Feksworkshop%3Fview%3Dpods');
    await expectApiError(await request.get(`${base}/api/c/eksworkshop/view`), [401], 'view');
    await expectApiError(await request.get(`${base}/api/reports`), [401], 'report list');
    await expectApiError(await request.get(`${base}/api/reports/AAAAAAAAAAAAAAAAAAAAAA`), [401], 'report without public reports');
    expect((await request.get(`${base}/api/health`)).status()).toBe(200);
    expect([200, 503]).toContain((await request.get(`${base}/api/ready`)).status());
    // A token works for scripts.
    expect((await request.get(`${base}/api/c/eksworkshop/view`, { headers: { Authorization: `Bearer ${VIEWER}` } })).status()).toBe(200);
  });

  test('the sign-in page is accessible and says when a token is wrong', async ({ page }) => {
    await signIn(page, 'not-the-right-token-000000');
    // (Next's route announcer is an empty alert region too.)
    await expect(page.getByRole('alert').filter({ hasText: 'token' })).toHaveText('That token is not valid here.');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('an editor signs in with an HttpOnly SameSite=Strict session and lands where they were going', async ({ page, context }) => {
    await signIn(page, EDITOR);
    // The calculator writes its inputs into the query string once it runs.
    await expect(page).toHaveURL(new RegExp(`^${base}/calculator(\\?|$)`));
    await expect(page.getByRole('heading', { name: 'Fargate size calculator' })).toBeVisible();
    const [cookie] = (await context.cookies(base)).filter((c) => c.name === 'farview_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).json());
    expect(session).toMatchObject({ auth: true, user: { name: 'alice', role: 'editor', via: 'session' } });
    // Signing out ends it.
    const out = await page.evaluate(async () => (await fetch('/api/auth/signout', { method: 'POST' })).status);
    expect(out).toBe(200);
    await page.goto(`${base}/calculator`);
    await expect(page).toHaveURL(/\/signin\?next=/);
  });

  test('a viewer can look and share but not change a cluster', async ({ page }) => {
    await signIn(page, VIEWER, '/calculator');
    await expect(page).toHaveURL(new RegExp(`^${base}/calculator(\\?|$)`));
    const results = await page.evaluate(async () => {
      const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
      return {
        create: await post('/api/c/eksworkshop/profiles', { form: {} }),
        del: await fetch('/api/c/eksworkshop/profiles/test2-fargate', { method: 'DELETE' }).then((r) => r.status),
        view: await fetch('/api/c/eksworkshop/view').then((r) => r.status),
        share: await post('/api/reports', { context: 'eksworkshop', query: { by: 'namespace' } }),
      };
    });
    expect(results.create).toMatchObject({ status: 403, body: { error: 'The editor role is required' } });
    expect(results.del).toBe(403);
    expect(results.view).toBe(200);
    expect(results.share.status).toBe(201);
    expect(results.share.body.id).toMatch(/^[A-Za-z0-9_-]{21}[AQgw]$/);
  });
});

test.describe('a team server whose report links are public', () => {
  const publicPort = port + 103;
  let server: ChildProcess | undefined;
  const base = `http://127.0.0.1:${publicPort}`;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = await startServer(publicPort, '127.0.0.1', {
      FARVIEW_AUTH_TOKENS: `alice:editor:${EDITOR},bob:viewer:${VIEWER}`,
      FARVIEW_SESSION_SECRET: 'e2e-session-secret-of-at-least-32-chars',
      FARVIEW_PUBLIC_REPORTS: '1',
    });
  });
  test.afterAll(async () => {
    await stopServer(server, publicPort);
  });

  test('a shared link shows its report and no other report; a signed-in user can pick one to compare', async ({ browser, request }) => {
    const share = async (by: string) => {
      const res = await request.post(`${base}/api/reports`, {
        headers: { Authorization: `Bearer ${VIEWER}`, Origin: base },
        data: { context: 'eksworkshop', query: { by } },
      });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const first = await share('namespace');
    const second = await share('profile');

    const anonymous = await browser.newContext();
    const page = await anonymous.newPage();
    await page.goto(`${base}/reports/${second}`);
    await expect(page.getByRole('link', { name: 'CSV', exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(first);
    await expect(page.getByTestId('compare-with')).toHaveCount(0);
    await anonymous.close();

    const signedIn = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${VIEWER}` } });
    const own = await signedIn.newPage();
    await own.goto(`${base}/reports/${second}`);
    await expect(own.getByTestId('compare-with').locator(`option[value="${first}"]`)).toHaveCount(1);
    await signedIn.close();
  });
});

test.describe('a server on 0.0.0.0 without sign-in', () => {
  const openPort = port + 102;
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = await startServer(openPort, '0.0.0.0', {});
  });
  test.afterAll(async () => {
    await stopServer(server, openPort);
  });

  test('refuses to serve, says why, and is not ready', async ({ request }) => {
    const res = await request.get(`http://127.0.0.1:${openPort}/api/contexts`);
    expect(res.status()).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^Farview listens on 0\.0\.0\.0 with no sign-in configured/);
    const page = await request.get(`http://127.0.0.1:${openPort}/`);
    expect(page.status()).toBe(503);
    expect((await request.get(`http://127.0.0.1:${openPort}/api/health`)).status()).toBe(200);
    expect((await request.get(`http://127.0.0.1:${openPort}/api/ready`)).status()).toBe(503);
  });
});
