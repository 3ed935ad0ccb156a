import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './csp';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

describe('the Content-Security-Policy', () => {
  it('runs scripts only from this origin or with the nonce, and pins everything else here', () => {
    const nonce = newNonce();
    const csp = directives(contentSecurityPolicy(nonce, false));
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'`,
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(contentSecurityPolicy(nonce, false)).not.toMatch(/unsafe-eval|unsafe-inline'? ?[^;]*script|https?:|\*/);
    expect(csp['script-src']).not.toContain('unsafe-inline');
  });

  it('draws a new 128-bit nonce every time', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });

  it('allows eval and the HMR socket only for the dev server', () => {
    const dev = contentSecurityPolicy('n', true);
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).toContain("connect-src 'self' ws: wss:");
  });
});
