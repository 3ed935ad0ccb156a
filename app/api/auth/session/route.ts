import { toResponse } from '@/app/api/_lib/errors';
import { json } from '@/app/api/_lib/http';
import { authConfig, currentUser } from '@/lib/server/auth';
import type { SessionInfo } from '@/lib/ui/api-types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/auth/session → SessionInfo: who the caller is, for the UI's header and sign-out button. Open to all. */
export function GET(req: Request): Response {
  try {
    const cfg = authConfig();
    const body: SessionInfo = { auth: cfg.enabled, user: currentUser(req), tokens: cfg.tokens.length > 0 };
    return json(body);
  } catch (e) {
    return toResponse(e);
  }
}
