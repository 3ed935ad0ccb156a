import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessFor,
  anonymousExposure,
  authConfig,
  AuthConfigError,
  clearSessionCookieHeaders,
  currentUser,
  exposedHost,
  isLoopback,
  issueSession,
  listenHost,
  listeningAddresses,
  parseTokenList,
  readCookie,
  safeNextPath,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionCookieHeader,
  verifySession,
} from './auth';

const EDITOR = 'editor-token-0123456789abcdef';
const VIEWER = 'viewer-token-0123456789abcdef';
const TOKENS = `alice:editor:${EDITOR},bob:viewer:${VIEWER}`;
const SECRET = 'a-session-secret-of-at-least-32-characters!';
const ENV = { FARVIEW_AUTH_TOKENS: TOKENS, FARVIEW_SESSION_SECRET: SECRET };
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

function req(headers: Record<string, string> = {}, url = 'http://farview.test/c/eksworkshop'): Request {
  return new Request(url, { headers });
}

/** Signs `name` in as /signin does and returns the cookie header a browser would send back. */
function cookieFor(name: string, env: Record<string, string> = ENV, at = NOW): string {
  const cfg = authConfig(env, at);
  const entry = cfg.tokens.find((t) => t.name === name);
  if (!entry) throw new Error(`no ${name}`);
  return `${SESSION_COOKIE}=${issueSession(cfg, entry, at).value}`;
}

describe('token list', () => {
  it('reads name:role:token entries separated by commas or lines, with comments', () => {
    const list = parseTokenList(`# team\nalice:editor:${EDITOR}\n\nbob:viewer:${VIEWER}, carol:viewer:carol-token-0123456789`);
    expect(list?.map((t) => [t.name, t.role])).toEqual([
      ['alice', 'editor'],
      ['bob', 'viewer'],
      ['carol', 'viewer'],
    ]);
    expect(parseTokenList(undefined)).toBeNull();
    expect(parseTokenList('  \n# nothing\n')).toBeNull();
  });

  it('names the bad entry and never echoes a token', () => {
    const secretish = 'admin:root:0123456789abcdefSECRET';
    expect(() => parseTokenList(secretish)).toThrow('FARVIEW_AUTH_TOKENS entry 1 (admin): role must be editor or viewer, not "root"');
    try {
      parseTokenList(secretish);
    } catch (e) {
      expect((e as Error).message).not.toContain('SECRET');
    }
    expect(() => parseTokenList(`alice:editor:${EDITOR},bob`)).toThrow('FARVIEW_AUTH_TOKENS entry 2 is not name:role:token');
    expect(() => parseTokenList('alice:editor:short')).toThrow('at least 16 characters');
    expect(() => parseTokenList(`alice:editor:${EDITOR},alice:viewer:${VIEWER}`)).toThrow('the name alice appears twice');
    expect(() => parseTokenList(`al ice:editor:${EDITOR}`)).toThrow(AuthConfigError);
  });
});

describe('authConfig', () => {
  it('is off with nothing configured and on with tokens or proxy headers', () => {
    expect(authConfig({}).enabled).toBe(false);
    expect(authConfig(ENV).enabled).toBe(true);
    expect(authConfig({ FARVIEW_TRUST_PROXY_HEADERS: 'X-Forwarded-User' }).enabled).toBe(true);
  });

  it('fails closed on settings it cannot use', () => {
    expect(() => authConfig({ FARVIEW_AUTH_TOKENS: TOKENS, FARVIEW_AUTH_TOKENS_FILE: '/x' })).toThrow('not both');
    expect(() => authConfig({ ...ENV, FARVIEW_SESSION_SECRET: 'short' })).toThrow('at least 32 characters');
    expect(() => authConfig({ FARVIEW_TRUST_PROXY_HEADERS: 'Cookie' })).toThrow('cannot carry an identity');
    expect(() => authConfig({ FARVIEW_TRUST_PROXY_HEADERS: 'a,b,c' })).toThrow(AuthConfigError);
    expect(() => authConfig({ ...ENV, FARVIEW_SESSION_HOURS: '0' })).toThrow('FARVIEW_SESSION_HOURS');
    expect(() => currentUser(req(), { FARVIEW_AUTH_TOKENS: 'x' })).toThrow(AuthConfigError);
  });

  it('keeps one random secret per process when none is given', () => {
    const a = authConfig({ FARVIEW_AUTH_TOKENS: TOKENS });
    const b = authConfig({ FARVIEW_AUTH_TOKENS: TOKENS });
    expect(a.secretSource).toBe('random');
    expect(a.secret.equals(b.secret)).toBe(true);
    expect(authConfig(ENV).secretSource).toBe('env');
  });
});

describe('token file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'farview-auth-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a mounted file and picks up a rotated one', async () => {
    const file = path.join(dir, 'tokens');
    await writeFile(file, `alice:editor:${EDITOR}\n`);
    const env = { FARVIEW_AUTH_TOKENS_FILE: file, FARVIEW_SESSION_SECRET: SECRET };
    expect(currentUser(req({ authorization: `Bearer ${EDITOR}` }), env, NOW)).toEqual({ name: 'alice', role: 'editor', via: 'token' });
    const session = cookieFor('alice', env, NOW);

    // Rotated: alice's token changes. Her old token and her old session stop working.
    await writeFile(file, `alice:editor:alice-new-token-0123456789\nbob:viewer:${VIEWER}\n`);
    const later = NOW + 5_000; // past the 1 s re-check interval
    expect(currentUser(req({ authorization: `Bearer ${EDITOR}` }), env, later)).toBeNull();
    expect(currentUser(req({ cookie: session }), env, later)).toBeNull();
    expect(currentUser(req({ authorization: 'Bearer alice-new-token-0123456789' }), env, later)?.name).toBe('alice');
  });

  it('refuses everyone when the file is missing or empty, saying which file', async () => {
    expect(() => authConfig({ FARVIEW_AUTH_TOKENS_FILE: path.join(dir, 'nope') }, NOW + 10_000)).toThrow(/tokens file|FARVIEW_AUTH_TOKENS_FILE .*nope cannot be read: ENOENT/);
    const empty = path.join(dir, 'empty');
    await writeFile(empty, '# nobody yet\n');
    expect(() => authConfig({ FARVIEW_AUTH_TOKENS_FILE: empty }, NOW + 20_000)).toThrow('holds no token entries');
  });
});

describe('currentUser', () => {
  it('is "local" with auth off, whatever is sent', () => {
    expect(currentUser(req({ authorization: 'Bearer whatever' }), {})).toEqual({ name: 'local', role: 'local', via: 'local' });
  });

  it('accepts a Bearer token and refuses a wrong one without falling back to the cookie', () => {
    expect(currentUser(req({ authorization: `Bearer ${VIEWER}` }), ENV, NOW)).toEqual({ name: 'bob', role: 'viewer', via: 'token' });
    expect(currentUser(req({ authorization: 'Bearer wrong-token-0123456789abc' }), ENV, NOW)).toBeNull();
    expect(currentUser(req({ authorization: 'Bearer wrong-token-0123456789abc', cookie: cookieFor('alice') }), ENV, NOW)).toBeNull();
    expect(currentUser(req(), ENV, NOW)).toBeNull();
  });

  it('accepts the session cookie it issued, until it expires', () => {
    const cookie = cookieFor('alice');
    expect(currentUser(req({ cookie }), ENV, NOW + 60_000)).toEqual({ name: 'alice', role: 'editor', via: 'session' });
    expect(currentUser(req({ cookie: `theme=dark; ${cookie}; other=1` }), ENV, NOW)).toMatchObject({ name: 'alice' });
    // Default lifetime 12 h.
    expect(currentUser(req({ cookie }), ENV, NOW + 12 * 3_600_000 + 1000)).toBeNull();
    expect(currentUser(req({ cookie: cookie.replace(SESSION_COOKIE, SECURE_SESSION_COOKIE) }), ENV, NOW)).toMatchObject({ name: 'alice' });
  });

  it('refuses forged, tampered and foreign cookies', () => {
    const cookie = cookieFor('bob');
    const value = cookie.slice(SESSION_COOKIE.length + 1);
    const [v, body, mac] = value.split('.');
    // Change the payload to claim alice: the MAC no longer matches.
    const claim = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claim, u: 'alice' })).toString('base64url');
    expect(currentUser(req({ cookie: `${SESSION_COOKIE}=${v}.${forged}.${mac}` }), ENV, NOW)).toBeNull();
    // Signed with another secret (another server, or a restarted one without FARVIEW_SESSION_SECRET).
    const other = { ...ENV, FARVIEW_SESSION_SECRET: 'another-secret-that-is-also-32-chars-long' };
    expect(currentUser(req({ cookie }), other, NOW)).toBeNull();
    for (const junk of ['', 'v1..', 'v1.x.y', `v2.${body}.${mac}`, 'v1.' + 'A'.repeat(5000) + '.' + mac, '%00', '\u00ff\u00e9']) {
      expect(currentUser(req({ cookie: `${SESSION_COOKIE}=${junk}` }), ENV, NOW)).toBeNull();
    }
  });

  it('reads the role from the current token list, not from the cookie', () => {
    const cookie = cookieFor('bob');
    // bob is promoted with the same token: his session is an editor's now.
    const promoted = { ...ENV, FARVIEW_AUTH_TOKENS: `alice:editor:${EDITOR},bob:editor:${VIEWER}` };
    expect(currentUser(req({ cookie }), promoted, NOW)).toMatchObject({ name: 'bob', role: 'editor' });
    // bob is removed: the session ends.
    expect(currentUser(req({ cookie }), { ...ENV, FARVIEW_AUTH_TOKENS: `alice:editor:${EDITOR}` }, NOW)).toBeNull();
  });

  it('trusts proxy identity headers only when told which, mapping groups to roles', () => {
    const env = { FARVIEW_TRUST_PROXY_HEADERS: 'X-Forwarded-User,X-Forwarded-Groups', FARVIEW_EDITOR_GROUPS: 'platform,sre', FARVIEW_EDITOR_USERS: 'root@example.com' };
    expect(currentUser(req({ 'x-forwarded-user': 'dana@example.com', 'x-forwarded-groups': 'dev,sre' }), env)).toEqual({ name: 'dana@example.com', role: 'editor', via: 'proxy' });
    expect(currentUser(req({ 'x-forwarded-user': 'eve@example.com', 'x-forwarded-groups': 'dev' }), env)).toMatchObject({ role: 'viewer' });
    expect(currentUser(req({ 'x-forwarded-user': 'root@example.com' }), env)).toMatchObject({ role: 'editor' });
    expect(currentUser(req({}), env)).toBeNull();
    // With tokens only, the same header is just a header.
    expect(currentUser(req({ 'x-forwarded-user': 'dana@example.com' }), ENV, NOW)).toBeNull();
    // Control characters or absurd lengths are no identity.
    expect(currentUser(req({ 'x-forwarded-user': 'a'.repeat(300) }), env)).toBeNull();
  });
});

describe('cookies', () => {
  it('sets HttpOnly, SameSite=Strict, Path=/ and, over HTTPS, Secure with the __Host- prefix', () => {
    const exp = new Date(NOW + 3_600_000);
    expect(sessionCookieHeader('v', exp, false, NOW)).toBe(`${SESSION_COOKIE}=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`);
    expect(sessionCookieHeader('v', exp, true, NOW)).toBe(`${SECURE_SESSION_COOKIE}=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`);
    expect(clearSessionCookieHeaders(true)).toHaveLength(2);
    expect(clearSessionCookieHeaders(false)[0]).toMatch(/Max-Age=0/);
  });

  it('reads one cookie out of a header', () => {
    expect(readCookie('a=1; farview_session=xyz; b=2', 'farview_session')).toBe('xyz');
    expect(readCookie('a=1', 'farview_session')).toBeNull();
    expect(readCookie(null, 'x')).toBeNull();
  });

  it('a session names its token by a fingerprint, never the token', () => {
    const cfg = authConfig(ENV, NOW);
    const { value } = issueSession(cfg, cfg.tokens[0], NOW);
    const payload = Buffer.from(value.split('.')[1], 'base64url').toString();
    expect(payload).not.toContain(EDITOR);
    expect(JSON.parse(payload)).toMatchObject({ u: 'alice' });
    expect(verifySession(cfg, value, NOW)).toMatchObject({ name: 'alice' });
  });
});

describe('where the server listens', () => {
  it('reads --hostname, then the standalone server\'s HOSTNAME, then HOST', () => {
    expect(listenHost(['node', 'next', 'start', '--hostname', '127.0.0.1'], { HOST: '0.0.0.0' })).toBe('127.0.0.1');
    expect(listenHost(['node', 'next', 'start', '-H', '0.0.0.0'], {})).toBe('0.0.0.0');
    expect(listenHost(['node', 'next', 'start', '--hostname=10.0.0.5'], {})).toBe('10.0.0.5');
    expect(listenHost(['node', '/app/server.js'], { HOSTNAME: '0.0.0.0' })).toBe('0.0.0.0');
    expect(listenHost(['node', '/app/server.js'], {})).toBe('0.0.0.0');
    expect(listenHost(['node', 'vitest'], { HOST: '127.0.0.1' })).toBe('127.0.0.1');
  });

  it('judges by the address the server really listens on, once it does', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      expect(listeningAddresses()).toContain('127.0.0.1');
      expect(exposedHost()).toBe('127.0.0.1');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      // The answer is kept for the life of the process; later tests in this worker judge by HOST again.
      delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('farview.auth.listening.v1')];
    }
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', 'farview.example.com', '128.0.0.1']) expect(isLoopback(h)).toBe(false);
  });

  it('refuses to serve anonymously on a non-loopback address unless told to', () => {
    expect(anonymousExposure(authConfig({}), '0.0.0.0')).toMatch(/^Farview listens on 0\.0\.0\.0 with no sign-in configured/);
    expect(anonymousExposure(authConfig({}), '127.0.0.1')).toBeNull();
    expect(anonymousExposure(authConfig({ FARVIEW_ALLOW_ANONYMOUS: '1' }), '0.0.0.0')).toBeNull();
    expect(anonymousExposure(authConfig(ENV), '0.0.0.0')).toBeNull();
  });
});

describe('accessFor', () => {
  it('leaves sign-in, probes and static assets open', () => {
    for (const p of ['/signin', '/api/auth/signin', '/api/auth/signout', '/api/health', '/api/ready', '/_next/static/chunks/x.js']) expect(accessFor('GET', p)).toBe('open');
    expect(accessFor('POST', '/api/auth/signin')).toBe('open');
  });

  it('needs an editor to change a cluster, but not to compute a what-if or a preview', () => {
    expect(accessFor('POST', '/api/c/eksworkshop/profiles')).toBe('editor');
    expect(accessFor('DELETE', '/api/c/eksworkshop/profiles/test2-fargate')).toBe('editor');
    expect(accessFor('DELETE', '/api/c/eksworkshop/profiles/preview')).toBe('editor');
    expect(accessFor('POST', '/api/c/eksworkshop/profiles/x/restart-workloads')).toBe('editor');
    expect(accessFor('PATCH', '/api/c/eksworkshop/anything')).toBe('editor');
    expect(accessFor('POST', '/api/c/eksworkshop/whatif')).toBe('user');
    expect(accessFor('POST', '/api/c/eksworkshop/profiles/preview')).toBe('user');
    expect(accessFor('POST', '/api/reports')).toBe('user');
  });

  it('treats a shared report (page, JSON, CSV) specially, but never the list of reports', () => {
    expect(accessFor('GET', '/reports/AAAAAAAAAAAAAAAAAAAAAA')).toBe('report');
    expect(accessFor('GET', '/api/reports/AAAAAAAAAAAAAAAAAAAAAA')).toBe('report');
    expect(accessFor('GET', '/api/reports/AAAAAAAAAAAAAAAAAAAAAA/csv')).toBe('report');
    expect(accessFor('GET', '/api/reports')).toBe('user');
    expect(accessFor('GET', '/api/reports/')).toBe('user');
    expect(accessFor('DELETE', '/api/reports/AAAAAAAAAAAAAAAAAAAAAA')).toBe('user');
  });

  it('needs a user everywhere else', () => {
    for (const p of ['/', '/c/eksworkshop', '/calculator', '/api/contexts', '/api/c/eksworkshop/view', '/signinx', '/api/healthz', '/_next/data/x.json']) expect(accessFor('GET', p)).toBe('user');
  });
});

describe('safeNextPath', () => {
  it('keeps local paths and drops everything that could leave the site', () => {
    expect(safeNextPath('/c/eksworkshop?view=pods#x')).toBe('/c/eksworkshop?view=pods#x');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x', '/\u0000', '', null, undefined, '/' + 'a'.repeat(3000)]) {
      const out = safeNextPath(bad);
      expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
      expect(out).not.toMatch(/evil|javascript|[\r\n]/);
    }
  });
});
