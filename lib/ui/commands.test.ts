import { describe, expect, it } from 'vitest';
import { completeCommand, parseCommand } from './commands';

describe('parseCommand', () => {
  it('switches screens with K9s aliases', () => {
    const cases: [string, string][] = [
      [':po', 'pods'],
      ['no', 'nodes'],
      [':svc', 'services'],
      [':fp', 'profiles'],
      [':ng', 'nodepools'],
      [':np', 'nodepools'],
      [':nodegroups', 'nodepools'],
      [':ns', 'namespaces'],
      [':ev', 'events'],
      [':pods', 'pods'],
      [':Service', 'services'],
    ];
    for (const [input, view] of cases) expect(parseCommand(input), input).toEqual({ ok: true, target: { kind: 'view', view } });
  });

  it('scopes a namespace, all namespaces, and a filter', () => {
    expect(parseCommand(':po test3-mixed')).toEqual({ ok: true, target: { kind: 'view', view: 'pods', ns: 'test3-mixed' } });
    expect(parseCommand(':po all')).toEqual({ ok: true, target: { kind: 'view', view: 'pods', ns: null } });
    expect(parseCommand(':svc test3-mixed /fargate nlb')).toEqual({ ok: true, target: { kind: 'view', view: 'services', ns: 'test3-mixed', q: 'fargate nlb' } });
    expect(parseCommand(':no /fargate')).toEqual({ ok: true, target: { kind: 'view', view: 'nodes', q: 'fargate' } });
  });

  it('switches context and opens the other pages', () => {
    expect(parseCommand(':ctx eksworkshop')).toEqual({ ok: true, target: { kind: 'context', name: 'eksworkshop' } });
    for (const page of ['cost', 'whatif', 'audit', 'reports']) expect(parseCommand(`:${page}`)).toEqual({ ok: true, target: { kind: 'page', page } });
  });

  it('explains what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['', /type a command/],
      [':pots', /unknown command "pots"/],
      [':ctx', /name a context/],
      [':no kube-system', /not namespaced/],
      [':po a b', /one namespace at a time/],
      [':cost now', /no arguments/],
    ];
    for (const [input, re] of cases) {
      const r = parseCommand(input);
      expect(r.ok, input).toBe(false);
      if (!r.ok) expect(r.error, input).toMatch(re);
    }
  });
});

describe('completeCommand', () => {
  const known = { namespaces: ['default', 'kube-system', 'test1-ec2nodegroup', 'test2-fargate', 'test3-mixed'], contexts: ['eksworkshop', 'staging'] };

  it('completes command names from a prefix', () => {
    expect(completeCommand('', known, 20).map((c) => c.value)).toEqual(['po', 'no', 'svc', 'fp', 'np', 'ns', 'ev', 'ctx', 'cost', 'whatif', 'audit', 'reports']);
    expect(completeCommand('n', known).map((c) => c.value)).toEqual(['no', 'np', 'ns', 'nodeclaims']);
    expect(completeCommand('serv', known).map((c) => c.value)).toEqual(['service']);
  });

  it('completes namespaces and contexts after a space', () => {
    expect(completeCommand('po test', known).map((c) => c.value)).toEqual(['po test1-ec2nodegroup', 'po test2-fargate', 'po test3-mixed']);
    expect(completeCommand('ctx ', known).map((c) => c.value)).toEqual(['ctx eksworkshop', 'ctx staging']);
    expect(completeCommand('no x', known)).toEqual([]);
    expect(completeCommand('po /x', known)).toEqual([]);
  });
});
