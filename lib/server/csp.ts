/**
 * The Content-Security-Policy of every page and answer, with a fresh nonce per request. Scripts run only from
 * this origin's files or with the nonce: Next puts the nonce on its own inline scripts (the RSC payload) when it
 * finds the policy on the request, which it does only when it renders the page per request (the root layout
 * reads the request headers, so every page is rendered so). Inline styles stay allowed: React's style={{…}}
 * attributes (the virtualised rows) are inline styles. The dev server also needs eval and its HMR websocket.
 */

/** The request header the proxy passes the nonce in, for the root layout's own inline script. */
export const NONCE_HEADER = 'x-nonce';

/** A new nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, dev: boolean = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonce'd ones load (Next's chunks) are trusted; no inline script without it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
