import { describe, expect, it } from 'vitest';
import { applySnapshot, ViewBuilder } from './builder';
import { viewJson, viewJsonChunks } from './view-json';
import { loadFixture, optionsFor } from '../../fixtures/view';

const fixture = loadFixture('eksworkshop');

function builder(): ViewBuilder {
  const b = new ViewBuilder(optionsFor(fixture));
  applySnapshot(b, { objects: fixture.objects, aws: fixture.aws, kubernetesVersion: fixture.kubernetesVersion });
  return b;
}

describe('viewJson', () => {
  it('is the stamped view as JSON, whatever the chunk size', () => {
    const { view, nowMs } = builder().unstampedView(fixture.now);
    const expected = JSON.parse(JSON.stringify(builder().view(fixture.now)));
    expect(JSON.parse(viewJson(view, nowMs))).toEqual(expected);
    const small = [...viewJsonChunks(view, nowMs, 500)];
    expect(small.length).toBeGreaterThan(10);
    expect(small.join('')).toBe(viewJson(view, nowMs));
    // A chunk ends at the first part that reaches the size: no chunk is much longer than asked.
    expect(Math.max(...small.map((c) => c.length))).toBeLessThan(500 + 2_000);
  });

  it('stamps accrued cost at the time asked, on rows it has already cached', () => {
    const b = builder();
    const { view, nowMs } = b.unstampedView(fixture.now);
    viewJson(view, nowMs);
    const later = nowMs + 3_600_000;
    const pods = (JSON.parse(viewJson(view, later)) as { pods: { name: string; accruedUSD: number }[] }).pods;
    const stamped = b.view(later).pods;
    expect(pods.map((p) => [p.name, p.accruedUSD])).toEqual(stamped.map((p) => [p.name, p.accruedUSD]));
    expect(stamped.some((p) => p.accruedUSD > 0)).toBe(true);
  });
});
