import { clearSessionCookieHeaders, isSecureRequest } from '@/lib/server/auth';
import { json, mediaType } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/auth/signout → ends the session cookie. A form post (the UI's sign-out button) gets a 303 to /signin;
 * anything else gets 200 {signedOut: true}. Sessions are stateless, so this clears the browser's copy; removing
 * or rotating a token is what ends every session of that token everywhere.
 */
export async function POST(req: Request): Promise<Response> {
  const form = mediaType(req) === 'application/x-www-form-urlencoded';
  const res = form
    ? new Response(null, { status: 303, headers: { Location: '/signin', 'Cache-Control': 'no-store' } })
    : json({ signedOut: true });
  for (const c of clearSessionCookieHeaders(isSecureRequest(req))) res.headers.append('Set-Cookie', c);
  return res;
}
