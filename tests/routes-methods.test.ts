/**
 * The proxy's table of routes that accept writes (lib/server/auth.ts acceptsWrite) against the route handlers
 * under app/api: every exported POST or DELETE is in the table, and nothing else is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptsWrite } from '@/lib/server/auth';

function handlers(dir = 'app/api', prefix = '/api'): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const e of readdirSync(path.join(process.cwd(), dir), { withFileTypes: true })) {
    if (e.isDirectory() && !e.name.startsWith('_')) out.push(...handlers(path.join(dir, e.name), `${prefix}/${e.name.replace(/^\[(.+)\]$/, 'sample-$1')}`));
    else if (e.name === 'route.ts') {
      const text = readFileSync(path.join(process.cwd(), dir, e.name), 'utf8');
      out.push({ path: prefix, methods: [...text.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]) });
    }
  }
  return out;
}

describe('routes that accept writes', () => {
  it('are exactly the handlers that export a write method', () => {
    const routes = handlers();
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        expect(acceptsWrite(method, r.path), `${method} ${r.path}`).toBe(r.methods.includes(method));
      }
    }
  });
});
