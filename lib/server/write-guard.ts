import 'server-only';
/**
 * The gate in front of every route that changes a cluster or AWS: the request must come from a page served
 * by this very server (CSRF: Origin among the origins of host-guard.ts, scheme and port included; a POST or
 * DELETE without Origin is refused), the server must not be read-only (FARVIEW_READ_ONLY), and when sign-in is on (lib/server/auth.ts:
 * FARVIEW_AUTH_TOKENS, a token file, or a trusted proxy) the caller must be an editor. proxy.ts checks Origin
 * and roles in front of every route too; the route handlers check again so none depends on the other.
 * Pure over the request and an environment map, so tests pass their own.
 */
import { authConfig, currentUser } from './auth';
import { allowedOrigins, requestHost } from './host-guard';
import type { ApiError } from '../view/model';

export type Env = Record<string, string | undefined>;

export interface Actor {
  /** Who, for the audit log: the signed-in user, or "local" when auth is off. */
  name: string;
  role: 'editor' | 'viewer' | 'local';
}

export type GuardResult =
  | { ok: true; actor: Actor }
  | {
      ok: false;
      status: 400 | 401 | 403 | 500;
      body: ApiError;
      /** Who asked, as far as known (for the audit log of refusals). */
      actor: string;
    };

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['', '0', 'false', 'no', 'off']);

/** Why writes are off (FARVIEW_READ_ONLY), or null when they are on. Any value but 0/false/no/off counts as on. */
export function readOnlyReason(env: Env = process.env): string | null {
  const v = env.FARVIEW_READ_ONLY?.trim().toLowerCase();
  if (v === undefined || FALSE.has(v)) return null;
  const how = TRUE.has(v) ? '' : ` (value ${JSON.stringify(env.FARVIEW_READ_ONLY)})`;
  return `FARVIEW_READ_ONLY is set on this server${how}: creating, replacing and deleting Fargate profiles and restarting workloads are turned off.`;
}

/**
 * Who is calling: "local" when auth is off, the signed-in user (session cookie, Bearer token or trusted proxy
 * identity) when it is on, null when auth is on and nobody is signed in. Throws when the auth configuration is
 * malformed.
 */
export function identify(req: Request, env: Env = process.env): Actor | null {
  const u = currentUser(req, env);
  return u ? { name: u.name, role: u.role } : null;
}

/** Null when the request's Origin is a page of this server (lib/server/host-guard.ts); else why it is refused. */
export function originProblem(req: Request, env: Env = process.env): { error: string; detail: string } | null {
  const origin = req.headers.get('origin');
  const host = requestHost(req, env);
  if (origin === null || origin === '') {
    return {
      error: 'Request without an Origin header refused',
      detail: `Writes must come from a Farview page: browsers send Origin with every POST and DELETE; a script must send Origin: http://${host ?? '<this host>'} itself.`,
    };
  }
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return { error: 'Cross-site request refused', detail: `Origin ${JSON.stringify(origin)} is not a URL (opaque origins such as "null" are refused).` };
  }
  if (normalized === 'null' || !allowedOrigins(req, env).includes(normalized)) {
    return { error: 'Cross-site request refused', detail: `Origin ${origin} is not this server (${host ?? 'no Host header'}): writes are accepted only from Farview's own pages.` };
  }
  return null;
}

/**
 * Whether the caller may use this Farview at all: sign-in off (everyone is the local user) or signed in. A
 * malformed sign-in setup counts as no. For what only users may see: probe details, other reports, a live stream.
 */
export function mayUse(req: Request, env: Env = process.env): boolean {
  try {
    return identify(req, env) !== null;
  } catch {
    return false;
  }
}

/**
 * Checks a write request: Origin, read-only mode, then (when auth is on) the editor role.
 * @returns the actor to record, or the refusal to send as {error, detail, source}
 */
export function guardWrite(req: Request, env: Env = process.env): GuardResult {
  const cross = originProblem(req, env);
  if (cross) return { ok: false, status: 403, body: { ...cross, source: 'request' }, actor: 'unknown' };
  const ro = readOnlyReason(env);
  if (ro) {
    let who = 'unknown';
    try {
      who = identify(req, env)?.name ?? 'unknown';
    } catch {
      // a malformed token list is reported on its own below when writes are on
    }
    return { ok: false, status: 403, body: { error: 'Farview is read-only', detail: ro, source: 'request' }, actor: who };
  }
  let actor: Actor | null;
  try {
    actor = identify(req, env);
  } catch (e) {
    return { ok: false, status: 500, body: { error: 'Sign-in is misconfigured on this server', detail: (e as Error).message, source: 'request' }, actor: 'unknown' };
  }
  if (!actor) {
    return {
      ok: false,
      status: 401,
      body: { error: 'Sign-in required', detail: 'This Farview has sign-in on: sign in at /signin (as an editor), or send Authorization: Bearer <token>.', source: 'request' },
      actor: 'unknown',
    };
  }
  if (actor.role === 'viewer') {
    return { ok: false, status: 403, body: { error: 'The editor role is required', detail: `${actor.name} has the viewer role, which can look but not change.`, source: 'request' }, actor: actor.name };
  }
  return { ok: true, actor };
}

/** What the UI shows before anyone clicks: whether writes are possible here and, if not, why. */
export function writeStatus(env: Env = process.env): { allowed: boolean; reason: string | null; auth: boolean } {
  const ro = readOnlyReason(env);
  let auth = false;
  try {
    auth = authConfig(env).enabled;
  } catch (e) {
    return { allowed: false, reason: (e as Error).message, auth: true };
  }
  return { allowed: ro === null, reason: ro, auth };
}
