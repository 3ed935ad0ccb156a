import { describe, expect, it } from 'vitest';
import { sortRows, toggleSort } from './sort';
import { eksworkshop } from './test-support/eksworkshop';

describe('sortRows', () => {
  const view = eksworkshop();

  it('orders pods by namespace then name by default', () => {
    const sorted = sortRows('pods', view.pods, null);
    const keys = sorted.map((p) => `${p.namespace}/${p.name}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('sorts numbers numerically and ages youngest first ascending', () => {
    const byAge = sortRows('pods', view.pods, { column: 'age', desc: false });
    expect(byAge[0].namespace).toBe('test2-fargate');
    const byIp = sortRows('pods', view.pods, { column: 'ip', desc: false }).map((p) => p.ip);
    // 172.31.49.3 sorts before 172.31.50.8 numerically (as text "49" < "50" anyway) and 172.31.9x last.
    expect(byIp[0]).toBe('172.31.49.3');
    expect(byIp[byIp.length - 1]).toBe('172.31.91.2');
  });

  it('falls back to the default order for an unknown column', () => {
    expect(sortRows('pods', view.pods, { column: 'nope', desc: true })).toEqual(sortRows('pods', view.pods, null));
  });

  it('does not modify its input', () => {
    const before = view.pods.slice();
    sortRows('pods', view.pods, { column: 'name', desc: true });
    expect(view.pods).toEqual(before);
  });

  it('flips direction on the same column and starts ascending on a new one', () => {
    expect(toggleSort('pods', null, 'namespace')).toEqual({ column: 'namespace', desc: true });
    expect(toggleSort('pods', { column: 'name', desc: false }, 'name')).toEqual({ column: 'name', desc: true });
    expect(toggleSort('pods', { column: 'name', desc: true }, 'age')).toEqual({ column: 'age', desc: false });
  });
});
