import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter';
import { queryRows, searchText } from './query';
import { eksworkshop, manyPods } from './test-support/eksworkshop';

function spec(text: string) {
  const p = parseFilter(text);
  if (!p.ok) throw new Error(p.error);
  return p.spec;
}

describe('queryRows', () => {
  const view = eksworkshop();

  it('narrows namespaced screens to a namespace and leaves cluster-scoped ones alone', () => {
    const pods = queryRows('pods', view.pods, { ns: 'test3-mixed', filter: spec(''), sort: null });
    expect(pods.map((p) => p.name)).toEqual([
      'nginx-mixed-ec2-5c68c7c8df-8fmng',
      'nginx-mixed-ec2-5c68c7c8df-pz7rw',
      'nginx-mixed-fargate-747577644f-9lnlt',
      'nginx-mixed-fargate-747577644f-n2f2x',
    ]);
    expect(queryRows('nodes', view.nodes, { ns: 'test3-mixed', filter: spec(''), sort: null })).toHaveLength(6);
  });

  it('finds pods by what the columns show: placement, profile, billed size', () => {
    expect(queryRows('pods', view.pods, { ns: null, filter: spec('fargate 0.5vcpu'), sort: null }).map((p) => p.namespace)).toEqual([
      'test2-fargate',
      'test2-fargate',
    ]);
    expect(queryRows('pods', view.pods, { ns: null, filter: spec('1vCPU 2GB'), sort: null })).toHaveLength(2);
  });

  it('filters services by their selector with -l', () => {
    const svc = queryRows('services', view.services, { ns: null, filter: spec('-l app=nginx-mixed-fargate'), sort: null });
    expect(svc.map((s) => s.name)).toEqual(['nginx-mixed-fargate']);
  });

  it('does not search ages, which change while you type', () => {
    expect(searchText('pods', view.pods[0])).not.toMatch(/\d+h/);
  });

  it('sorts by the requested column and direction', () => {
    const byCost = queryRows('pods', view.pods, { ns: null, filter: spec(''), sort: { column: 'cost', desc: true } });
    expect(byCost[0].namespace).toBe('test3-mixed');
    expect(byCost[0].billedSize).toEqual({ vcpu: 1, memoryGiB: 2 });
  });

  it('shows warnings first on the events screen by default', () => {
    const ev = queryRows('events', view.events, { ns: null, filter: spec(''), sort: null });
    expect(ev[0].type).toBe('Warning');
  });

  it('filters and sorts 10,000 pods quickly enough to run on every keystroke', () => {
    const pods = manyPods(10_000);
    queryRows('pods', pods, { ns: null, filter: spec('x'), sort: null }); // fills the text cache once
    const start = performance.now();
    for (const q of ['s', 'sv', 'svc', 'svc-1', 'svc-12']) {
      const out = queryRows('pods', pods, { ns: null, filter: spec(q), sort: { column: 'name', desc: false } });
      expect(out.length).toBeGreaterThan(0);
    }
    const perKeystroke = (performance.now() - start) / 5;
    // Generous bound for a shared 2-core CI box; typically a few milliseconds.
    expect(perKeystroke).toBeLessThan(150);
  });
});
