import { describe, expect, it } from 'vitest';
import { LiveViewStore } from './live-store';
import { decodeDelta, decodeSnapshot, decodeViewBody } from './sse-messages';
import { eksworkshop, pod } from './test-support/eksworkshop';

describe('LiveViewStore', () => {
  it('has nothing to show before the first snapshot and ignores deltas until then', () => {
    const s = new LiveViewStore();
    expect(s.snapshot()).toBeNull();
    expect(s.applyDelta({ seq: 1, upsert: {}, remove: {} })).toBe('no-snapshot');
  });

  it('applies upserts in place, removals, and keeps untouched collections identical', () => {
    const s = new LiveViewStore();
    const view = eksworkshop();
    s.applySnapshot(10, view);
    const first = s.snapshot();
    if (!first) throw new Error('no snapshot');
    expect(first.view.pods).toHaveLength(view.pods.length);
    expect(s.snapshot()).toBe(first); // no change, same object

    const changed = { ...view.pods[3], status: 'Terminating' };
    const added = pod({ ns: 'e2e-live', name: 'live-probe', placement: 'pending', node: null, ip: null, status: 'Pending' });
    expect(s.applyDelta({ seq: 11, upsert: { pods: [changed, added] }, remove: { pods: [view.pods[0].id] } })).toBe('applied');
    const second = s.snapshot();
    if (!second) throw new Error('no snapshot');
    expect(second.seq).toBe(11);
    expect(second.view.pods.map((p) => p.id)).not.toContain(view.pods[0].id);
    // The updated pod keeps its position (rows update in place), the new one is appended.
    expect(second.view.pods[2]).toBe(changed);
    expect(second.view.pods[second.view.pods.length - 1]).toBe(added);
    expect(second.view.nodes).toBe(first.view.nodes);
    expect(second.view.services).toBe(first.view.services);
  });

  it('ignores deltas it has already applied', () => {
    const s = new LiveViewStore();
    s.applySnapshot(5, eksworkshop());
    s.snapshot();
    expect(s.applyDelta({ seq: 5, upsert: { pods: [] }, remove: {} })).toBe('duplicate');
    expect(s.changed).toBe(false);
  });

  it('updates header data from meta and totals', () => {
    const s = new LiveViewStore();
    const view = eksworkshop();
    s.applySnapshot(1, view);
    s.snapshot();
    s.applyDelta({ seq: 2, upsert: {}, remove: {}, totals: { ...view.totals, pendingPods: 3 } });
    expect(s.snapshot()?.view.totals.pendingPods).toBe(3);
  });

  it('takes a new snapshot wholesale', () => {
    const s = new LiveViewStore();
    s.applySnapshot(1, eksworkshop());
    const smaller = { ...eksworkshop(), pods: [] };
    s.applySnapshot(50, smaller);
    expect(s.snapshot()?.view.pods).toEqual([]);
    expect(s.lastSeq).toBe(50);
  });

  it('applies 10,000 pod updates in well under a frame budget per batch', () => {
    const s = new LiveViewStore();
    const view = eksworkshop();
    s.applySnapshot(1, view);
    const many = Array.from({ length: 10_000 }, (_, i) => pod({ ns: `ns-${i % 40}`, name: `p-${i}`, placement: 'ec2', node: 'n', ip: null }));
    s.applyDelta({ seq: 2, upsert: { pods: many }, remove: {} });
    const start = performance.now();
    for (let i = 0; i < 20; i++) {
      s.applyDelta({ seq: 3 + i, upsert: { pods: [{ ...many[i * 7], restarts: i }] }, remove: {} });
      s.snapshot();
    }
    expect((performance.now() - start) / 20).toBeLessThan(50);
  });
});

describe('stream message decoding', () => {
  it('accepts a snapshot and a delta of the documented shape', () => {
    const view = eksworkshop();
    const snap = decodeSnapshot(JSON.stringify({ seq: 3, view }));
    expect(snap.ok).toBe(true);
    const delta = decodeDelta(JSON.stringify({ seq: 4, upsert: { pods: [view.pods[0]] }, remove: { events: ['x'] } }));
    expect(delta.ok).toBe(true);
    if (delta.ok) expect(delta.value.remove.events).toEqual(['x']);
  });

  it('says what is wrong with a bad message', () => {
    const notJson = decodeSnapshot('{"seq": 1, "view": ');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/not JSON/);
    const noId = decodeDelta(JSON.stringify({ seq: 4, upsert: { pods: [{ name: 'x' }] }, remove: {} }));
    expect(noId.ok).toBe(false);
    if (!noId.ok) expect(noId.error).toBe('delta.upsert.pods[0] has no string id');
    const noSeq = decodeDelta(JSON.stringify({ upsert: {}, remove: {} }));
    if (!noSeq.ok) expect(noSeq.error).toMatch(/seq/);
    const badView = decodeSnapshot(JSON.stringify({ seq: 1, view: { meta: { context: 'x' }, totals: {}, pods: 'no' } }));
    expect(badView).toEqual({ ok: false, error: 'snapshot view.pods is not an array' });
  });

  it('reads GET /view: the body is the view, its seq comes in X-Farview-Seq', () => {
    const view = eksworkshop();
    const got = decodeViewBody(JSON.stringify(view), '12');
    expect(got.ok && got.value.seq).toBe(12);
    expect(got.ok && got.value.view.pods.length).toBe(view.pods.length);
    expect(decodeViewBody(JSON.stringify(view), null)).toEqual({ ok: false, error: 'snapshot has no numeric seq' });
    expect(decodeViewBody(JSON.stringify(view), 'abc')).toEqual({ ok: false, error: 'snapshot has no numeric seq' });
    expect(decodeViewBody('<html>proxy error</html>', '3')).toMatchObject({ ok: false, error: expect.stringMatching(/not JSON/) });
  });
});
