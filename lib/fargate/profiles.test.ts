import { describe, expect, it } from 'vitest';
import { describeMatch, explainNoMatch, matchProfile, PROFILE_LABEL, wildcardMatch, type ProfileLike } from './profiles';

describe('wildcardMatch', () => {
  it.each<[string, string, boolean]>([
    ['test2-fargate', 'test2-fargate', true],
    ['test2-fargate', 'test2-fargate-x', false],
    ['test2-fargate', 'xtest2-fargate', false],
    ['*', '', true],
    ['*', 'anything', true],
    ['test*', 'test2-fargate', true],
    ['*-fargate', 'test2-fargate', true],
    ['*-fargate', 'test2-fargatex', false],
    ['test?-fargate', 'test2-fargate', true],
    ['test?-fargate', 'test10-fargate', false],
    ['test?-fargate', 'test-fargate', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyy', false],
    ['**', 'x', true],
    ['*?', '', false],
    ['?*', 'x', true],
    ['', '', true],
    ['', 'a', false],
    ['?', '', false],
    ['?', 'é', true],
    ['?', '😀', true],
    // Regex syntax is literal: no injection.
    ['.*', 'anything', false],
    ['.*', '.xyz', true],
    ['te.t', 'test', false],
    ['[a-z]*', 'abc', false],
    ['[a-z]*', '[a-z]abc', true],
    ['a+', 'aa', false],
    ['(a|b)', 'a', false],
    ['^prod$', 'prod', false],
    ['prod\\', 'prod\\', true],
  ])('%j ~ %j → %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });

  it('stays fast on patterns that make backtracking regexes explode', () => {
    const started = Date.now();
    expect(wildcardMatch('a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

// The seed's two profiles (eksctl create fargateprofile … --namespace test2-fargate / --labels runon=fargate).
const seedProfiles: ProfileLike[] = [
  { name: 'test3-mixed', status: 'ACTIVE', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }] },
  { name: 'test2-fargate', status: 'ACTIVE', selectors: [{ namespace: 'test2-fargate' }] },
];

describe('matchProfile on the seed cluster', () => {
  it.each<[string, Record<string, string>, { profile: string; selectorIndex: number } | null]>([
    ['test2-fargate', { app: 'nginx-fargate-pod' }, { profile: 'test2-fargate', selectorIndex: 0 }],
    ['test3-mixed', { app: 'nginx-mixed-fargate', runon: 'fargate' }, { profile: 'test3-mixed', selectorIndex: 0 }],
    ['test3-mixed', { app: 'nginx-mixed-ec2' }, null],
    ['test3-mixed', { app: 'x', runon: 'ec2' }, null],
    ['test1-ec2nodegroup', { app: 'nginx-ec2nodegroup' }, null],
    ['kube-system', {}, null],
  ])('%s %j', (namespace, labels, expected) => {
    expect(matchProfile({ namespace, labels }, seedProfiles)).toEqual(expected);
  });
});

describe('matchProfile rules', () => {
  const both: ProfileLike[] = [
    { name: 'prod-workload', status: 'ACTIVE', selectors: [{ namespace: 'apps-*' }] },
    { name: 'beta-workload', status: 'ACTIVE', selectors: [{ namespace: 'apps-?' }] },
  ];

  it('when several match, the first by alphanumeric name wins (AWS example: beta-workload over prod-workload)', () => {
    expect(matchProfile({ namespace: 'apps-1', labels: {} }, both)?.profile).toBe('beta-workload');
    expect(matchProfile({ namespace: 'apps-1', labels: {} }, [...both].reverse())?.profile).toBe('beta-workload');
    expect(matchProfile({ namespace: 'apps-10', labels: {} }, both)?.profile).toBe('prod-workload');
  });

  it('only ACTIVE profiles capture pods', () => {
    for (const status of ['CREATING', 'DELETING', 'CREATE_FAILED', 'DELETE_FAILED']) {
      const profiles = [{ ...both[1], status }, both[0]];
      expect(matchProfile({ namespace: 'apps-1', labels: {} }, profiles)?.profile).toBe('prod-workload');
    }
  });

  it('the fargate-profile label pins a pod to that profile, which must still match', () => {
    expect(matchProfile({ namespace: 'apps-1', labels: { [PROFILE_LABEL]: 'prod-workload' } }, both)).toEqual({ profile: 'prod-workload', selectorIndex: 0 });
    expect(matchProfile({ namespace: 'other', labels: { [PROFILE_LABEL]: 'prod-workload' } }, both)).toBeNull();
    expect(matchProfile({ namespace: 'apps-1', labels: { [PROFILE_LABEL]: 'ghost' } }, both)).toBeNull();
  });

  it('reports which selector matched', () => {
    const p: ProfileLike[] = [{ name: 'multi', status: 'ACTIVE', selectors: [{ namespace: 'a' }, { namespace: 'b', labels: { tier: 'web' } }, { namespace: 'b' }] }];
    expect(matchProfile({ namespace: 'b', labels: { tier: 'web' } }, p)).toEqual({ profile: 'multi', selectorIndex: 1 });
    expect(matchProfile({ namespace: 'b', labels: {} }, p)).toEqual({ profile: 'multi', selectorIndex: 2 });
  });

  it('a selector needs every one of its labels; wildcards work in label keys and values', () => {
    const p: ProfileLike[] = [{ name: 'web', status: 'ACTIVE', selectors: [{ namespace: '*', labels: { 'app.kubernetes.io/*': 'web-?', tier: 'front' } }] }];
    expect(matchProfile({ namespace: 'x', labels: { 'app.kubernetes.io/name': 'web-1', tier: 'front' } }, p)?.profile).toBe('web');
    expect(matchProfile({ namespace: 'x', labels: { 'app.kubernetes.io/name': 'web-1' } }, p)).toBeNull();
    expect(matchProfile({ namespace: 'x', labels: { 'app.kubernetes.io/name': 'web-12', tier: 'front' } }, p)).toBeNull();
  });
});

describe('describeMatch and explainNoMatch', () => {
  it('describes a match with its selector, counting from 1', () => {
    expect(describeMatch({ profile: 'test2-fargate', selectorIndex: 0 }, seedProfiles)).toBe('profile test2-fargate, selector 1: namespace test2-fargate');
    expect(describeMatch({ profile: 'test3-mixed', selectorIndex: 0 }, seedProfiles)).toBe('profile test3-mixed, selector 1: namespace test3-mixed, labels runon=fargate');
    expect(describeMatch({ profile: 'gone', selectorIndex: 2 }, seedProfiles)).toBe('profile gone, selector 3');
  });

  it.each<[string, { namespace: string; labels: Record<string, string> }, ProfileLike[], string]>([
    ['namespace in no profile', { namespace: 'batch', labels: {} }, seedProfiles, 'namespace batch is in no Fargate profile'],
    ['missing label', { namespace: 'test3-mixed', labels: { app: 'nginx-mixed-ec2' } }, seedProfiles, 'profile test3-mixed needs label runon=fargate'],
    ['wrong label value', { namespace: 'test3-mixed', labels: { runon: 'ec2' } }, seedProfiles, 'profile test3-mixed needs label runon=fargate (pod has runon=ec2)'],
    ['no profiles', { namespace: 'x', labels: {} }, [], 'the cluster has no Fargate profile'],
    [
      'profile not ACTIVE yet',
      { namespace: 'test2-fargate', labels: {} },
      [{ name: 'test2-fargate', status: 'CREATING', selectors: [{ namespace: 'test2-fargate' }] }],
      'profile test2-fargate would match but is CREATING, not ACTIVE',
    ],
    ['pinned to a missing profile', { namespace: 'test2-fargate', labels: { [PROFILE_LABEL]: 'ghost' } }, seedProfiles, `pinned by label ${PROFILE_LABEL}=ghost: there is no profile ghost`],
    [
      'pinned to a profile of another namespace',
      { namespace: 'test2-fargate', labels: { [PROFILE_LABEL]: 'test3-mixed' } },
      seedProfiles,
      `pinned by label ${PROFILE_LABEL}=test3-mixed: namespace test2-fargate is not selected by profile test3-mixed`,
    ],
    ['a match is said so', { namespace: 'test2-fargate', labels: {} }, seedProfiles, 'matches profile test2-fargate, selector 1: namespace test2-fargate'],
  ])('%s', (_, pod, profiles, sentence) => {
    expect(explainNoMatch(pod, profiles)).toBe(sentence);
  });

  it('lists every missing label of the closest selector', () => {
    const p: ProfileLike[] = [{ name: 'p', status: 'ACTIVE', selectors: [{ namespace: 'ns', labels: { a: '1', b: '2' } }] }];
    expect(explainNoMatch({ namespace: 'ns', labels: {} }, p)).toBe('profile p needs labels a=1, b=2');
  });
});
