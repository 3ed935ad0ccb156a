import { describe, expect, it } from 'vitest';
import { guardWrite, identify, originProblem, readOnlyReason, writeStatus } from './write-guard';

const URL_ = 'http://127.0.0.1:3107/api/c/eksworkshop/profiles';
const EDITOR = 'editor-token-0123456789abcdef';
const VIEWER = 'viewer-token-0123456789abcdef';
const TOKENS = `alice:editor:${EDITOR},bob:viewer:${VIEWER}`;

function req(headers: Record<string, string>, method = 'POST'): Request {
  return new Request(URL_, { method, headers: { host: '127.0.0.1:3107', ...headers } });
}

describe('guardWrite', () => {
  it('lets a same-origin POST through as "local" when auth is off', () => {
    expect(guardWrite(req({ origin: 'http://127.0.0.1:3107' }), {})).toEqual({ ok: true, actor: { name: 'local', role: 'local' } });
  });

  it('refuses a cross-origin POST (CSRF)', () => {
    const r = guardWrite(req({ origin: 'https://evil.example' }), {});
    expect(r).toMatchObject({ ok: false, status: 403, body: { error: 'Cross-site request refused', source: 'request' } });
    if (!r.ok) expect(r.body.detail).toBe('Origin https://evil.example is not this server (127.0.0.1:3107): writes are accepted only from Farview\'s own pages.');
    // Same host name, other port: another origin.
    expect(guardWrite(req({ origin: 'http://127.0.0.1:3000' }), {}).ok).toBe(false);
    expect(guardWrite(req({ origin: 'null' }), {})).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a POST without Origin', () => {
    const r = guardWrite(req({}), {});
    expect(r).toMatchObject({ ok: false, status: 403, body: { error: 'Request without an Origin header refused' } });
  });

  it('refuses every write under FARVIEW_READ_ONLY with a clear message', () => {
    const r = guardWrite(req({ origin: 'http://127.0.0.1:3107' }), { FARVIEW_READ_ONLY: '1' });
    expect(r).toMatchObject({ ok: false, status: 403, body: { error: 'Farview is read-only', source: 'request' } });
    if (!r.ok) expect(r.body.detail).toMatch(/^FARVIEW_READ_ONLY is set on this server: creating, replacing and deleting Fargate profiles/);
    expect(guardWrite(req({ origin: 'http://127.0.0.1:3107' }), { FARVIEW_READ_ONLY: 'false' }).ok).toBe(true);
    expect(readOnlyReason({ FARVIEW_READ_ONLY: 'please' })).toMatch(/\(value "please"\)/);
  });

  it('with tokens configured, needs an editor token', () => {
    const env = { FARVIEW_AUTH_TOKENS: TOKENS };
    const origin = 'http://127.0.0.1:3107';
    expect(guardWrite(req({ origin }), env)).toMatchObject({ ok: false, status: 401, body: { error: 'Sign-in required' } });
    expect(guardWrite(req({ origin, authorization: 'Bearer wrong-token-0123456789' }), env)).toMatchObject({ ok: false, status: 401 });
    expect(guardWrite(req({ origin, authorization: `Bearer ${VIEWER}` }), env)).toMatchObject({ ok: false, status: 403, body: { error: 'The editor role is required' }, actor: 'bob' });
    expect(guardWrite(req({ origin, authorization: `Bearer ${EDITOR}` }), env)).toEqual({ ok: true, actor: { name: 'alice', role: 'editor' } });
  });

  it('fails closed on a malformed token list, naming the entry', () => {
    const r = guardWrite(req({ origin: 'http://127.0.0.1:3107', authorization: `Bearer ${EDITOR}` }), { FARVIEW_AUTH_TOKENS: 'alice:admin:0123456789abcdef0' });
    expect(r).toMatchObject({ ok: false, status: 500, body: { error: 'Sign-in is misconfigured on this server' } });
    if (!r.ok) expect(r.body.detail).toBe('FARVIEW_AUTH_TOKENS entry 1 (alice): role must be editor or viewer, not "admin"');
    expect(writeStatus({ FARVIEW_AUTH_TOKENS: 'x' })).toMatchObject({ allowed: false, auth: true, reason: 'FARVIEW_AUTH_TOKENS entry 1 is not name:role:token' });
  });

  it('trusts X-Forwarded-Host only when told to, and only for a name of ours', () => {
    const behindProxy = req({ origin: 'https://farview.example.com', 'x-forwarded-host': 'farview.example.com', 'x-forwarded-proto': 'https' });
    expect(originProblem(behindProxy, {})).not.toBeNull();
    expect(originProblem(behindProxy, { FARVIEW_TRUST_PROXY: '1' })).not.toBeNull();
    expect(originProblem(behindProxy, { FARVIEW_TRUST_PROXY: '1', FARVIEW_PUBLIC_URL: 'https://farview.example.com' })).toBeNull();
    // A name the server does not answer to is no origin of its own, even when Origin and Host agree (DNS rebinding).
    const rebound = new Request(URL_, { method: 'POST', headers: { host: 'rebind.evil.example:3107', origin: 'http://rebind.evil.example:3107' } });
    expect(originProblem(rebound, {})).toMatchObject({ error: 'Cross-site request refused' });
  });

  it('identifies callers for reads too', () => {
    expect(identify(req({}), {})).toEqual({ name: 'local', role: 'local' });
    expect(identify(req({ authorization: `Bearer ${VIEWER}` }), { FARVIEW_AUTH_TOKENS: TOKENS })).toEqual({ name: 'bob', role: 'viewer' });
    // A browser holds a session cookie from /signin instead; a made-up one is nobody.
    expect(identify(req({ cookie: 'farview_session=v1.e30.AAAA' }), { FARVIEW_AUTH_TOKENS: TOKENS })).toBeNull();
    expect(identify(req({}), { FARVIEW_AUTH_TOKENS: TOKENS })).toBeNull();
  });

  it('tells the UI whether writes are possible', () => {
    expect(writeStatus({})).toEqual({ allowed: true, reason: null, auth: false });
    expect(writeStatus({ FARVIEW_READ_ONLY: 'yes', FARVIEW_AUTH_TOKENS: TOKENS })).toMatchObject({ allowed: false, auth: true });
  });
});
