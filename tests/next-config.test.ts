/** next.config.js: the security headers every response carries (the CSP: lib/server/csp.test.ts), and when the build is standalone. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const CONFIG = path.resolve(__dirname, '../next.config.js');

interface Header {
  key: string;
  value: string;
}
interface Config {
  output?: string;
  poweredByHeader?: boolean;
  outputFileTracingIncludes?: Record<string, string[]>;
  headers(): Promise<{ source: string; headers: Header[] }[]>;
}

/** Loads next.config.js afresh under the given environment. */
function load(env: Record<string, string | undefined>): Config {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    delete require.cache[require.resolve(CONFIG)];
    return require(CONFIG) as Config;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('next.config.js', () => {
  it('sends the security headers on every path; the CSP comes from the proxy, with a nonce', async () => {
    const cfg = load({ NODE_ENV: 'production' });
    const [rule] = await cfg.headers();
    expect(rule.source).toBe('/:path*');
    const h = Object.fromEntries(rule.headers.map((x) => [x.key, x.value]));
    expect(h['Content-Security-Policy']).toBeUndefined();
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('same-origin');
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(h['Permissions-Policy']).toContain('camera=()');
    expect(cfg.poweredByHeader).toBe(false);
  });

  it('builds standalone only when the image asks, and ships the migrations it reads at run time', () => {
    expect(load({ FARVIEW_OUTPUT: undefined }).output).toBeUndefined();
    const image = load({ FARVIEW_OUTPUT: 'standalone' });
    expect(image.output).toBe('standalone');
    expect(image.outputFileTracingIncludes?.['/**']).toContain('./lib/store/migrations/*.sql');
  });
});
