/**
 * Next 16's proxy (formerly middleware): the one gate every request passes, so no route can forget it.
 *
 *  0. A Host that is not a name of this server (DNS rebinding) is refused, on every route but the probes.
 *  1. A malformed auth configuration refuses everyone (fail closed) except the liveness probe.
 *  2. Auth off on a non-loopback address refuses everyone but the probes, unless FARVIEW_ALLOW_ANONYMOUS=1.
 *  3. Bodies declared larger than 8 MiB are refused before Next buffers them.
 *  4. Every write (POST, PUT, PATCH, DELETE) needs an Origin of this server (CSRF), per lib/server/host-guard.ts,
 *     and a route that accepts it (else 405, before any rate limit is spent); undecodable
 *     paths are refused first of all (400); unknown methods get 405 from lib/server/method-guard.ts, before Next.
 *  5. With auth on: a session (or token, or trusted proxy identity) for everything but sign-in, probes and
 *     static assets; the editor role to change a cluster; shared reports open only with FARVIEW_PUBLIC_REPORTS=1.
 *  6. Rate limits under /api: on writes, on what-if runs and previews (apart), and on report creation on top;
 *     on failed bearer tokens like on failed sign-ins (lib/server/rate-limit.ts peekToken).
 * Route handlers still check what they own (write-guard, body limits); this is the layer in front.
 * The Content-Security-Policy, with its per-request nonce, is set here (lib/server/csp.ts); the other security
 * headers come from next.config.js; HSTS is added here when the request is HTTPS.
 */
import { gzipSync } from 'node:zlib';
import { NextResponse, type NextRequest } from 'next/server';
import { acceptsWrite, accessFor, anonymousExposure, authConfig, AuthConfigError, bearer, currentUser, exposedHost, isComputePost, isSecureRequest, isWriteMethod, type User } from './lib/server/auth';
import { anonymousClientKey, peekToken, takeToken, tooManyRequests, RateLimitConfigError } from './lib/server/rate-limit';
import { hostProblem } from './lib/server/host-guard';
import { originProblem } from './lib/server/write-guard';
import { viewIsGzipped } from './lib/server/view-gzip';
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from './lib/server/csp';

/** Above this a request body is refused from its Content-Length (Next would buffer up to 10 MB of it). */
const MAX_DECLARED_BODY = 8 * 1024 * 1024;
const PROBES = new Set(['/api/health', '/api/ready']);

function refuse(req: NextRequest, status: number, error: string, detail: string, extra: Record<string, string> = {}): Response {
  // A refusal is never a page that runs anything.
  const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'", ...extra };
  const path = req.nextUrl.pathname;
  if (viewIsGzipped(path, req.headers.get('accept-encoding'))) {
    const body = gzipSync(JSON.stringify({ error, detail, source: 'request' }));
    return new Response(new Uint8Array(body), { status, headers: { ...headers, 'Content-Type': 'application/json' } });
  }
  if (path.startsWith('/api/')) return Response.json({ error, detail, source: 'request' }, { status, headers });
  return new Response(`${error}\n\n${detail}\n`, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The key a client's rate-limit bucket is filed under. */
function clientKey(user: User | null, req: NextRequest, trustProxy: boolean): string {
  if (user && user.via !== 'local') return `user:${user.name}`;
  return anonymousClientKey(req, trustProxy);
}

export function proxy(req: NextRequest): Response {
  const now = Date.now();
  // Every answer carries the policy; a request that goes on to Next carries it too, with its nonce, so that
  // Next can put the nonce on the scripts it writes into the page.
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const pass = (): NextResponse => {
    const headers = new Headers(req.headers);
    headers.set(NONCE_HEADER, nonce);
    headers.set('Content-Security-Policy', policy);
    const res = NextResponse.next({ request: { headers } });
    res.headers.set('Content-Security-Policy', policy);
    return res;
  };
  const path = req.nextUrl.pathname;
  const method = req.method.toUpperCase();

  try {
    decodeURIComponent(path);
  } catch {
    return refuse(req, 400, 'Malformed path', 'The path has a percent-encoding that is not valid UTF-8.');
  }

  // Probes come from the kubelet, addressed to the pod's IP or a name of the cluster's; they reveal nothing.
  if (!PROBES.has(path)) {
    let wrongHost;
    try {
      wrongHost = hostProblem(req);
    } catch (e) {
      return refuse(req, 500, 'Farview is misconfigured', (e as Error).message);
    }
    if (wrongHost) return refuse(req, 400, wrongHost.error, wrongHost.detail);
  }

  let cfg;
  try {
    cfg = authConfig(process.env, now);
  } catch (e) {
    if (path === '/api/health') return pass();
    const why = e instanceof AuthConfigError ? e.message : String(e);
    return refuse(req, 500, 'Sign-in is misconfigured on this server', why);
  }

  const exposed = anonymousExposure(cfg, exposedHost());
  if (exposed && !PROBES.has(path)) return refuse(req, 503, 'Farview refuses to serve without sign-in on this address', exposed);

  const write = isWriteMethod(method);
  if (write) {
    const declared = Number(req.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_DECLARED_BODY) {
      return refuse(req, 413, 'Request body too large', `the body is ${declared} bytes; no Farview route accepts more than ${MAX_DECLARED_BODY} bytes`);
    }
    const cross = originProblem(req);
    if (cross) return refuse(req, 403, cross.error, cross.detail);
    if (!acceptsWrite(method, path)) return refuse(req, 405, 'Method not allowed', `${path.slice(0, 200)} does not accept ${method}.`, { Allow: 'GET, HEAD' });
  }

  let user: User | null = null;
  if (cfg.enabled) {
    const need = accessFor(method, path);
    const open = need === 'open' || (need === 'report' && cfg.publicReports);
    // A bearer token is a sign-in: wrong ones spend the client's sign-in attempts (as on the form), right ones never.
    const presented = bearer(req) !== null;
    const attempts = anonymousClientKey(req, cfg.trustProxy);
    try {
      if (presented) {
        const left = peekToken('signin', attempts, now);
        if (!left.ok) return tooManyRequests('Too many failed sign-ins from this client', left.retryAfterSeconds);
      }
      user = currentUser(req, process.env, now);
      if (presented && !user) takeToken('signin', attempts, now);
    } catch (e) {
      if (e instanceof RateLimitConfigError) return refuse(req, 500, 'Rate limits are misconfigured on this server', e.message);
      return refuse(req, 500, 'Sign-in is misconfigured on this server', (e as Error).message);
    }
    if (!open && !user) {
      if (path.startsWith('/api/')) {
        return refuse(req, 401, 'Sign-in required', 'This Farview has sign-in on: sign in at /signin, or send Authorization: Bearer <token>.', {
          'WWW-Authenticate': 'Bearer realm="farview"',
        });
      }
      // Next rewrites a same-origin redirect to a relative Location, so the address the server listens on
      // (0.0.0.0 behind a Service) never reaches the browser; a relative URL here would be refused as invalid.
      const signin = new URL('/signin', req.url);
      signin.searchParams.set('next', `${path}${req.nextUrl.search}`);
      const away = NextResponse.redirect(signin, 303);
      away.headers.set('Content-Security-Policy', policy);
      return away;
    }
    if (need === 'editor' && user && user.role !== 'editor') {
      return refuse(req, 403, 'The editor role is required', `${user.name} has the ${user.role} role, which can look but not change.`);
    }
  }

  if (write && path.startsWith('/api/') && !path.startsWith('/api/auth/')) {
    try {
      const key = clientKey(user, req, cfg.trustProxy);
      const compute = isComputePost(method, path);
      const w = takeToken(compute ? 'compute' : 'write', key, now);
      if (!w.ok) return tooManyRequests(compute ? 'Too many what-if runs and previews from this client' : 'Too many changes from this client', w.retryAfterSeconds);
      if (method === 'POST' && /^\/api\/reports\/?$/.test(path)) {
        const r = takeToken('report', key, now);
        if (!r.ok) return tooManyRequests('Too many shared reports from this client', r.retryAfterSeconds);
      }
    } catch (e) {
      if (e instanceof RateLimitConfigError) return refuse(req, 500, 'Rate limits are misconfigured on this server', e.message);
      throw e;
    }
  }

  const res = pass();
  if (isSecureRequest(req)) res.headers.set('Strict-Transport-Security', 'max-age=31536000');
  return res;
}

export const config = {
  // Everything but Next's hashed static files and image optimizer; the function itself decides the rest.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
