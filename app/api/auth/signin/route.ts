import { authConfig, isSecureRequest, issueSession, matchToken, safeNextPath, sessionCookieHeader } from '@/lib/server/auth';
import { anonymousClientKey, peekToken, takeToken, tooManyRequests } from '@/lib/server/rate-limit';
import { toResponse } from '@/app/api/_lib/errors';
import { json, jsonError, mediaType, readBodyLimited } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A token and a return path: a few hundred bytes at most. */
const MAX_BODY_BYTES = 4 * 1024;

function see(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

/** Where a refused form sign-in goes back to: the sign-in page with the reason and the original destination. */
function backToForm(error: string, next: string): Response {
  return see(`/signin?${new URLSearchParams({ error, next }).toString()}`);
}

/**
 * POST /api/auth/signin — a token in, a session cookie out. The sign-in page posts a form (token, next) and gets a
 * 303 to `next` (or back to /signin?error=…); scripts post JSON {token} and get {user} or 401. Attempts are
 * limited by their failures, per client where the trusted proxy names it (429 with Retry-After). 400 when sign-in is off here, 413 for a body over 4 KiB,
 * 415 for anything but a urlencoded form or JSON. The proxy has already checked Origin (no login CSRF).
 */
export async function POST(req: Request): Promise<Response> {
  const type = mediaType(req);
  const form = type === 'application/x-www-form-urlencoded';
  if (!form && type !== 'application/json') {
    return jsonError(415, { error: 'unsupported media type', detail: 'send an urlencoded form (token, next) or JSON {token}', source: 'request' });
  }
  const now = Date.now();
  let cfg;
  try {
    cfg = authConfig(process.env, now);
  } catch (e) {
    return toResponse(e);
  }

  let token = '';
  let next = '/';
  const text = await readBodyLimited(req, MAX_BODY_BYTES, 'sign-in request');
  if (text instanceof Response) return text;
  if (form) {
    const p = new URLSearchParams(text);
    token = p.get('token') ?? '';
    next = safeNextPath(p.get('next'));
  } else {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return jsonError(400, { error: 'invalid sign-in request', detail: `the body is not JSON: ${(e as Error).message}`, source: 'request' });
    }
    const t = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    if (typeof t !== 'string') return jsonError(400, { error: 'invalid sign-in request', detail: 'send {"token": "<your token>"}', source: 'request' });
    token = t;
  }
  token = token.trim();

  if (!cfg.enabled || cfg.tokens.length === 0) {
    const why = cfg.enabled ? 'this server takes identities from its authenticating proxy, not tokens' : 'sign-in is off on this server (no FARVIEW_AUTH_TOKENS)';
    return form ? backToForm(why, next) : jsonError(400, { error: 'Sign-in with a token is not available', detail: why, source: 'request' });
  }

  // Only failures spend, so a user's correct token is never refused for someone else's guesses; once a client's
  // failures have emptied its bucket, no token is looked at, so a guesser learns nothing more.
  const key = anonymousClientKey(req, cfg.trustProxy);
  let left;
  try {
    left = peekToken('signin', key, now);
  } catch (e) {
    return jsonError(500, { error: 'Rate limits are misconfigured on this server', detail: (e as Error).message, source: 'request' });
  }
  if (!left.ok) return tooManyRequests('Too many failed sign-ins from this client', left.retryAfterSeconds);
  const entry = matchToken(cfg.tokens, token);
  if (!entry) {
    takeToken('signin', key, now);
    return form
      ? backToForm('That token is not valid here.', next)
      : jsonError(401, { error: 'Invalid token', detail: 'no user of this server has that token', source: 'request' });
  }

  const { value, expiresAt } = issueSession(cfg, entry, now);
  const cookie = sessionCookieHeader(value, expiresAt, isSecureRequest(req), now);
  const res = form ? see(next) : json({ user: { name: entry.name, role: entry.role }, expiresAt: expiresAt.toISOString() });
  res.headers.append('Set-Cookie', cookie);
  return res;
}
