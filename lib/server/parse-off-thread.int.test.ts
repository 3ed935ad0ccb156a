/** The what-if reader in its worker thread: results and refusals as the route sees them, and a free event loop. */
import { describe, expect, it } from 'vitest';
import { ManifestError } from '@/lib/k8s/manifest';
import { parseOffThread } from './parse-off-thread';

const yaml = (text: string) => parseOffThread('whatif', { type: 'application/yaml', text, namespace: null });

describe('parseOffThread', () => {
  it('reads manifests and refuses bad ones like the reader does', async () => {
    const ok = await yaml('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: web, image: nginx}]}\n');
    expect(ok.ok && ok.templates.map((t) => t.name)).toEqual(['web']);
    expect(ok.ok && ok.namespace).toBe('default');
    const bad = await yaml('apiVersion: v1\nkind: Pod\nkind: Pod\n');
    expect(bad.ok ? null : bad.body.detail).toBe('document 1: not valid YAML or JSON: Map keys must be unique at line 3, column 1');
  });

  it('survives absurd nesting with a precise refusal', async () => {
    for (const text of ['['.repeat(20_000), '- '.repeat(5_000) + 'x', '{a: '.repeat(10_000)]) {
      const r = await yaml(text).catch((e: unknown) => e);
      const message = r instanceof ManifestError ? r.message : (r as { ok: boolean; body?: { detail?: string } }).body?.detail;
      expect(message, text.slice(0, 10)).toMatch(/YAML|refused|cannot/);
    }
    expect((await yaml('apiVersion: v1\nkind: Pod\nmetadata: {name: after}\nspec: {containers: [{name: a, image: a}]}\n')).ok).toBe(true);
  });

  it('keeps the event loop free while it reads a megabyte', async () => {
    const text = Array.from({ length: 90_000 }, (_, i) => `k${i}: v`).join('\n');
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 5);
    const r = await yaml(text);
    clearInterval(timer);
    expect(r.ok ? null : r.body.detail).toMatch(/has 90000 keys, more than 10000/);
    expect(ticks).toBeGreaterThan(5);
    expect(longest).toBeLessThan(100);
  });
});
