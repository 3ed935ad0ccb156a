/**
 * Next 16's proxy (formerly middleware): the one gate every request passes, so no route can forget it.
 *
 *  1. A malformed auth configuration refuses everyone (fail closed) except the liveness probe.
 *  2. Auth off on a non-loopback address refuses everyone but the probes, unless FARVIEW_ALLOW_ANONYMOUS=1.
 *  3. Bodies declared larger than 8 MiB are refused before Next buffers them.
 *  4. Every write (POST, PUT, PATCH, DELETE) needs an Origin equal to this server (CSRF).
 *  5. With auth on: a session (or token, or trusted proxy identity) for everything but sign-in, probes and
 *     static assets; the editor role to change a cluster; shared reports open only with FARVIEW_PUBLIC_REPORTS=1.
 *  6. Rate limits under /api: on writes, on what-if runs and previews (apart), and on report creation on top.
 * Route handlers still check what they own (write-guard, body limits); this is the layer in front.
 * Security headers for every response come from next.config.js; HSTS is added here when the request is HTTPS.
 */
import { gzipSync } from 'node:zlib';
import { NextResponse, type NextRequest } from 'next/server';
import { accessFor, anonymousExposure, authConfig, AuthConfigError, currentUser, exposedHost, isComputePost, isSecureRequest, isWriteMethod, type User } from './lib/server/auth';
import { takeToken, tooManyRequests, RateLimitConfigError } from './lib/server/rate-limit';
import { originProblem } from './lib/server/write-guard';
import { viewIsGzipped } from './lib/server/view-gzip';

/** Above this a request body is refused from its Content-Length (Next would buffer up to 10 MB of it). */
const MAX_DECLARED_BODY = 8 * 1024 * 1024;
const PROBES = new Set(['/api/health', '/api/ready']);

function refuse(req: NextRequest, status: number, error: string, detail: string, extra: Record<string, string> = {}): Response {
  const headers = { 'Cache-Control': 'no-store', ...extra };
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
  if (trustProxy) {
    // The proxy we trust appends the address it saw: the last entry is the one nobody else could forge.
    const hops = (req.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const last = hops.at(-1);
    if (last && last.length <= 64) return `ip:${last}`;
  }
  // Without a trusted proxy the client's address is not knowable here and X-Forwarded-For is whatever the
  // client wrote: everyone anonymous shares one bucket rather than let a forged header dodge the limit.
  return 'anonymous';
}

export function proxy(req: NextRequest): Response {
  const now = Date.now();
  const path = req.nextUrl.pathname;
  const method = req.method.toUpperCase();

  let cfg;
  try {
    cfg = authConfig(process.env, now);
  } catch (e) {
    if (path === '/api/health') return NextResponse.next();
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
  }

  let user: User | null = null;
  if (cfg.enabled) {
    const need = accessFor(method, path);
    const open = need === 'open' || (need === 'report' && cfg.publicReports);
    try {
      user = currentUser(req, process.env, now);
    } catch (e) {
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
      return NextResponse.redirect(signin, 303);
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

  const res = NextResponse.next();
  if (isSecureRequest(req)) res.headers.set('Strict-Transport-Security', 'max-age=31536000');
  return res;
}

export const config = {
  // Everything but Next's hashed static files and image optimizer; the function itself decides the rest.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
