import { authConfig, AuthConfigError, currentUser } from '@/lib/server/auth';
import { jsonError } from '@/app/api/reports/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export interface SessionInfo {
  /** Whether this server has sign-in on. */
  auth: boolean;
  /** Who the caller is (name "local" with role "local" when auth is off), or null when not signed in. */
  user: { name: string; role: 'editor' | 'viewer' | 'local'; via: 'local' | 'session' | 'token' | 'proxy' } | null;
  /** Whether sign-in takes tokens (a sign-in page makes sense) rather than a proxy's identity. */
  tokens: boolean;
}

/** GET /api/auth/session → SessionInfo: who the caller is, for the UI's header and sign-out button. Open to all. */
export function GET(req: Request): Response {
  try {
    const cfg = authConfig();
    const body: SessionInfo = { auth: cfg.enabled, user: currentUser(req), tokens: cfg.tokens.length > 0 };
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return jsonError(500, { error: 'Sign-in is misconfigured on this server', detail: e instanceof AuthConfigError ? e.message : String(e), source: 'request' });
  }
}
