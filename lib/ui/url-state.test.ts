import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, isNavigation, parseViewState, serializeViewState, type ViewState } from './url-state';
import { VIEWS } from './views';

const parse = (qs: string) => parseViewState(new URLSearchParams(qs));

describe('parseViewState', () => {
  it('reads every part of a shared link', () => {
    const { state, problems } = parse('view=pods&ns=test3-mixed&q=fargate&sort=-age&sel=test3-mixed%2Fnginx-mixed-fargate-747577644f-9lnlt&wide=1&open=detail');
    expect(problems).toEqual([]);
    expect(state).toEqual({
      view: 'pods',
      ns: 'test3-mixed',
      q: 'fargate',
      sort: { column: 'age', desc: true },
      sel: 'test3-mixed/nginx-mixed-fargate-747577644f-9lnlt',
      wide: true,
      open: 'detail',
    });
  });

  it('opens on the pods screen with nothing in the address', () => {
    expect(parse('')).toEqual({ state: DEFAULT_STATE, problems: [] });
  });

  it('reports bad values precisely and falls back to defaults', () => {
    const { state, problems } = parse('view=pots&sort=colour&wide=yes&open=logs');
    expect(state.view).toBe('pods');
    expect(state.sort).toBeNull();
    expect(state.wide).toBe(false);
    expect(state.open).toBeNull();
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('"pots"');
    expect(problems[1]).toContain('"colour"');
    expect(problems[2]).toContain('wide=yes');
    expect(problems[3]).toContain('open=logs');
  });

  it('checks the sort column against the screen named in the same link', () => {
    expect(parse('view=nodes&sort=instance').state.sort).toEqual({ column: 'instance', desc: false });
    expect(parse('view=pods&sort=instance').problems[0]).toContain('pods screen has no column "instance"');
  });

  it('needs a selection to open a panel', () => {
    const { state, problems } = parse('open=yaml');
    expect(state.open).toBeNull();
    expect(problems[0]).toMatch(/sel=/);
  });
});

describe('serializeViewState', () => {
  it('writes short links and keeps parameters it does not own', () => {
    expect(serializeViewState(DEFAULT_STATE)).toBe('view=pods');
    const qs = serializeViewState({ ...DEFAULT_STATE, view: 'services', ns: 'test3-mixed' }, new URLSearchParams('view=pods&share=abc'));
    expect(qs).toBe('view=services&ns=test3-mixed&share=abc');
  });

  it('round-trips any state a user can reach', () => {
    const views = VIEWS.map((v) => v.id);
    const arb: fc.Arbitrary<ViewState> = fc.record({
      view: fc.constantFrom(...views),
      ns: fc.option(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/), { nil: null }),
      q: fc.string({ maxLength: 30 }),
      sort: fc.constant(null),
      sel: fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: null }),
      wide: fc.boolean(),
      open: fc.constantFrom(null, 'detail' as const, 'yaml' as const),
    });
    fc.assert(
      fc.property(arb, (s) => {
        const state = { ...s, open: s.sel ? s.open : null };
        const back = parseViewState(new URLSearchParams(serializeViewState(state)));
        expect(back.problems).toEqual([]);
        expect(back.state).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isNavigation', () => {
  it('treats screen, namespace and panel changes as navigation, filter and selection as refinement', () => {
    expect(isNavigation(DEFAULT_STATE, { ...DEFAULT_STATE, view: 'nodes' })).toBe(true);
    expect(isNavigation(DEFAULT_STATE, { ...DEFAULT_STATE, ns: 'x' })).toBe(true);
    expect(isNavigation({ ...DEFAULT_STATE, sel: 'a/b' }, { ...DEFAULT_STATE, sel: 'a/b', open: 'detail' })).toBe(true);
    expect(isNavigation(DEFAULT_STATE, { ...DEFAULT_STATE, q: 'x', sel: 'a/b', wide: true })).toBe(false);
  });
});
