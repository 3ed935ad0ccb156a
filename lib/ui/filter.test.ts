import { describe, expect, it } from 'vitest';
import { compileFilter, matchesLabels, parseFilter, parseFilterLenient, parseLabelSelector } from './filter';

type Row = { text: string; labels: Record<string, string> };
const rows: Row[] = [
  { text: 'test2-fargate nginx-fargate-pod-75fcf896d5-2qxz9 fargate', labels: { app: 'nginx-fargate-pod' } },
  { text: 'test3-mixed nginx-mixed-ec2-5c68c7c8df-8fmng ec2', labels: { app: 'nginx-mixed-ec2' } },
  { text: 'test3-mixed nginx-mixed-fargate-747577644f-9lnlt fargate', labels: { app: 'nginx-mixed-fargate', runon: 'fargate' } },
];
const get = { text: (r: Row) => r.text, labels: (r: Row) => r.labels };

function names(input: string): string[] {
  const parsed = parseFilter(input);
  if (!parsed.ok) throw new Error(parsed.error);
  const pred = compileFilter(parsed.spec, get);
  return rows.filter(pred).map((r) => r.text.split(' ')[1]);
}

describe('parseFilter + compileFilter', () => {
  it('keeps everything for an empty filter', () => {
    expect(names('')).toHaveLength(3);
    expect(names('   ')).toHaveLength(3);
    expect(names('!')).toHaveLength(3);
  });
  it('matches every word, case-insensitively', () => {
    expect(names('fargate')).toEqual(['nginx-fargate-pod-75fcf896d5-2qxz9', 'nginx-mixed-fargate-747577644f-9lnlt']);
    expect(names('MIXED fargate')).toEqual(['nginx-mixed-fargate-747577644f-9lnlt']);
  });
  it('negates with a leading !', () => {
    expect(names('!fargate')).toEqual(['nginx-mixed-ec2-5c68c7c8df-8fmng']);
  });
  it('filters by label selector with -l, as kubectl get pods -l does', () => {
    // The seed lists the labelled pods with `kubectl get pods -n test3-mixed -l runon`.
    expect(names('-l runon')).toEqual(['nginx-mixed-fargate-747577644f-9lnlt']);
    expect(names('-l runon=fargate')).toEqual(['nginx-mixed-fargate-747577644f-9lnlt']);
    expect(names('-l !runon')).toHaveLength(2);
    expect(names('-l app!=nginx-mixed-ec2,!runon')).toEqual(['nginx-fargate-pod-75fcf896d5-2qxz9']);
    expect(names('-l app in (nginx-mixed-ec2, nginx-fargate-pod)')).toHaveLength(2);
    expect(names('-l app notin (nginx-mixed-ec2)')).toHaveLength(2);
    expect(names('!-l runon')).toHaveLength(2);
  });
  it('rejects a broken selector with a message that names the problem', () => {
    const empty = parseFilter('-l ');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error).toMatch(/empty/);
    const badKey = parseFilter('-l app$=x');
    expect(badKey.ok).toBe(false);
    if (!badKey.ok) expect(badKey.error).toContain('app$');
    const unclosed = parseLabelSelector('app in (a,b');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.error).toMatch(/unclosed/);
    const double = parseLabelSelector('a=b,,c');
    expect(double.ok).toBe(false);
  });
  it('accepts prefixed keys and empty values', () => {
    const r = parseLabelSelector('eks.amazonaws.com/fargate-profile=test3-mixed,tier=');
    expect(r.ok).toBe(true);
    if (r.ok) expect(matchesLabels({ 'eks.amazonaws.com/fargate-profile': 'test3-mixed', tier: '' }, r.requirements)).toBe(true);
  });
  it('never matches rows without labels, and matches them when negated', () => {
    const parsed = parseFilter('-l app');
    if (!parsed.ok) throw new Error(parsed.error);
    const pred = compileFilter(parsed.spec, { text: () => '', labels: () => null });
    expect(pred({})).toBe(false);
    const neg = parseFilter('!-l app');
    if (!neg.ok) throw new Error(neg.error);
    expect(compileFilter(neg.spec, { text: () => '', labels: () => null })({})).toBe(true);
  });
});

describe('parseFilterLenient', () => {
  it('keeps filtering by the part that parses while a selector is half-written', () => {
    const r = parseFilterLenient('-l app in (nginx-mixed-ec2');
    expect(r.error).toMatch(/unclosed/);
    expect(r.spec).toEqual({ kind: 'labels', requirements: [{ key: 'app', op: 'exists', values: [] }], negate: false });
    expect(parseFilterLenient('fargate')).toEqual({ spec: { kind: 'text', terms: ['fargate'], negate: false }, error: null });
  });
});
