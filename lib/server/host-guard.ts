/**
 * Which names this server answers to (against DNS rebinding) and which origins may write to it (CSRF).
 *
 * A page on evil.example whose name is made to resolve to 127.0.0.1 talks to Farview as "same origin" and sends
 * `Host: evil.example`; with sign-in off (the loopback default) it could read the cluster and change it. So the
 * Host must be a name we are meant to be reached by: an IP address (no rebinding can produce one), `localhost`,
 * the name the server was started on (HOST), or FARVIEW_PUBLIC_URL's. Origins are then checked against that list,
 * scheme and port included, never against whatever Host the request claims.
 * Pure over the request and an environment map, so tests pass their own.
 */
import { isIP } from 'node:net';
import { isSecureRequest, listenHost, trustProxy } from './auth';
import { setting, type Env } from './config';

/** The host the browser addressed (X-Forwarded-Host only behind a trusted proxy), as sent: "name:port". */
export function requestHost(req: Request, env: Env = process.env): string | null {
  const forwarded = trustProxy(env) ? req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : null;
  return forwarded || req.headers.get('host');
}

/** The name part of "name:port", "[v6]:port" or a bare name, lower case; null when it is not a host. */
function hostname(host: string): string | null {
  try {
    const u = new URL(`http://${host}`);
    if (u.host.toLowerCase() !== host.toLowerCase().replace(/:80$/, '')) return null; // userinfo, paths and such
    return u.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

/** The names this server answers to besides IP addresses. */
export function allowedNames(env: Env = process.env): string[] {
  const names = new Set(['localhost']);
  const listen = listenHost(process.argv, env).toLowerCase();
  if (listen && !isIP(listen.replace(/^\[|\]$/g, ''))) names.add(listen);
  const pub = setting(env, 'FARVIEW_PUBLIC_URL');
  if (pub) names.add(hostname(pub.host) ?? pub.host);
  return [...names];
}

/** Null when the request is addressed to a name of this server; else why it is refused. */
export function hostProblem(req: Request, env: Env = process.env): { error: string; detail: string } | null {
  const host = requestHost(req, env);
  if (!host) return { error: 'Request without a Host header refused', detail: 'HTTP/1.1 requests name the host they are sent to; this one did not.' };
  const name = hostname(host);
  if (name !== null && (isIP(name) !== 0 || allowedNames(env).includes(name))) return null;
  const shown = JSON.stringify(host.length > 100 ? `${host.slice(0, 100)}…` : host);
  const pub = env.FARVIEW_PUBLIC_URL?.trim();
  return {
    error: 'Unknown host name',
    detail:
      `This Farview does not answer to ${shown}: only to IP addresses, ${allowedNames(env).join(', ')}. ` +
      (pub ? `FARVIEW_PUBLIC_URL is ${pub}.` : `If users reach it by that name, set FARVIEW_PUBLIC_URL to the address they use (e.g. https://farview.example.com).`),
  };
}

/** The origins a page of this server can have: FARVIEW_PUBLIC_URL's, and this request's own when its Host is ours. */
export function allowedOrigins(req: Request, env: Env = process.env): string[] {
  const out: string[] = [];
  const pub = setting(env, 'FARVIEW_PUBLIC_URL');
  if (pub) out.push(pub.origin);
  const host = requestHost(req, env);
  if (host && !hostProblem(req, env)) {
    try {
      out.push(new URL(`${isSecureRequest(req, env) ? 'https' : 'http'}://${host}`).origin);
    } catch {
      // an unparsable Host has no origin
    }
  }
  return out;
}
