import { describe, expect, it } from 'vitest';
import { emptyForm, formFromProfile, replacementName, toProfileSpec, type ProfileForm } from './form';
import { readProfileForm } from './parse';
import { subnetChoices, type SubnetFact } from './subnets';
import { hasErrors, issuesFor, validateProfileForm, type ValidationContext } from './validate';

const ROLE = 'arn:aws:iam::133129065110:role/eksctl-eksworkshop-cluster-FargatePodExecutionRole-1Q2W3E4R5T6Y';
// The seed's VPC: three private subnets the cluster uses, and a public one routed to an internet gateway.
const FACTS: SubnetFact[] = [
  { id: 'subnet-04a7c6e7e1589c953', zone: 'ap-southeast-1a', cidr: '172.31.48.0/20', public: false, internetGatewayId: null, inCluster: true },
  { id: 'subnet-031022a6aab9b9e70', zone: 'ap-southeast-1b', cidr: '172.31.64.0/20', public: false, internetGatewayId: null, inCluster: true },
  { id: 'subnet-0b2f6c8e1a4d79350', zone: 'ap-southeast-1a', cidr: '172.31.0.0/20', public: true, internetGatewayId: 'igw-0a6c2e8f4b1d3957e', inCluster: false },
];
const CTX: ValidationContext = {
  profiles: [
    { name: 'test2-fargate', status: 'ACTIVE' },
    { name: 'test3-mixed', status: 'ACTIVE' },
  ],
  subnets: subnetChoices(FACTS),
};

function form(over: Partial<ProfileForm> = {}): ProfileForm {
  return { ...emptyForm(ROLE), name: 'test4-batch', selectors: [{ namespace: 'test4-batch', labels: [] }], ...over };
}

function errors(f: ProfileForm, ctx = CTX): string[] {
  return validateProfileForm(f, ctx)
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.field}: ${i.message}`);
}

describe('validateProfileForm', () => {
  it('accepts the seed profiles as eksctl created them', () => {
    // eksctl create fargateprofile --name test3-mixed --namespace test3-mixed --labels runon=fargate, on a cluster without it.
    const f = form({ name: 'test3-mixed', selectors: [{ namespace: 'test3-mixed', labels: [{ key: 'runon', value: 'fargate' }] }] });
    expect(errors(f, { profiles: [{ name: 'test2-fargate', status: 'ACTIVE' }], subnets: CTX.subnets })).toEqual([]);
  });

  it('requires a name, refuses the eks- prefix, bad characters and duplicates', () => {
    expect(errors(form({ name: '' }))).toEqual(['name: Name is required.']);
    expect(errors(form({ name: 'eks-batch' }))[0]).toMatch(/^name: Name must not start with "eks-"/);
    expect(errors(form({ name: 'my profile' }))).toEqual([
      'name: Name may use letters, digits, hyphens (-) and underscores (_) only; "my profile" has a space at position 3.',
    ]);
    expect(errors(form({ name: '-batch' }))[0]).toMatch(/must start with a letter or a digit/);
    expect(errors(form({ name: 'a'.repeat(101) }))).toEqual(['name: Name is 101 characters long; at most 100 are allowed.']);
    expect(errors(form({ name: 'test2-fargate' }))).toEqual([
      'name: A Fargate profile named "test2-fargate" already exists in this cluster (ACTIVE); profile names are unique per cluster.',
    ]);
  });

  it('refuses an 11th profile (10 per cluster)', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `p${i}`, status: 'ACTIVE' }));
    const e = errors(form(), { profiles: ten, subnets: null });
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^form: The cluster already has 10 Fargate profiles and EKS allows 10 per cluster/);
    expect(errors(form(), { profiles: ten.slice(0, 9), subnets: null })).toEqual([]);
  });

  it('needs 1 to 5 selectors, each with a namespace', () => {
    expect(errors(form({ selectors: [] }))).toEqual(['selectors: Add at least one selector: a profile captures pods by namespace (and labels).']);
    const six = Array.from({ length: 6 }, (_, i) => ({ namespace: `ns${i}`, labels: [] }));
    expect(errors(form({ selectors: six }))).toEqual(['selectors: A profile has at most 5 selectors (EKS limit); this one has 6.']);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [] }, { namespace: '', labels: [] }] }))).toEqual([
      'selectors.1.namespace: Selector 2: namespace is required (every selector names a namespace; use * for all).',
    ]);
  });

  it('allows only * and ? as wildcards, and namespaces Kubernetes can have', () => {
    expect(errors(form({ selectors: [{ namespace: 'prod-*', labels: [] }, { namespace: 'team-?', labels: [] }] }))).toEqual([]);
    expect(errors(form({ selectors: [{ namespace: 'prod-.*', labels: [] }] }))).toEqual([
      'selectors.0.namespace: Selector 1: namespace "prod-.*" has ".": only * and ? are wildcards here (regular expressions are not supported).',
    ]);
    expect(errors(form({ selectors: [{ namespace: '^prod$', labels: [] }] }))[0]).toMatch(/has "\^": only \* and \? are wildcards/);
    expect(errors(form({ selectors: [{ namespace: 'Prod', labels: [] }] }))[0]).toMatch(/upper-case letters; Kubernetes namespaces are lower-case/);
    expect(errors(form({ selectors: [{ namespace: 'a_b', labels: [] }] }))[0]).toMatch(/has "_"; namespaces use a-z, 0-9 and -/);
    expect(errors(form({ selectors: [{ namespace: 'n'.repeat(64), labels: [] }] }))[0]).toMatch(/64 characters long; Kubernetes namespaces have at most 63/);
  });

  it('checks labels: at most 5, key 1–127, value 1–255, no duplicates, wildcards only * and ?', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(errors(form({ selectors: [{ namespace: 'a', labels: six }] }))).toEqual([
      'selectors.0.labels: Selector 1: at most 5 labels per selector (EKS limit); it has 6.',
    ]);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: '', value: 'x' }] }] }))).toEqual(['selectors.0.labels.0.key: Selector 1, label 1: key is required.']);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: 'app', value: '' }] }] }))).toEqual([
      'selectors.0.labels.0.value: Selector 1, label 1 (app): value is required; EKS needs 1 to 255 characters (use * to match any value).',
    ]);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: 'k'.repeat(128), value: 'x' }] }] }))[0]).toMatch(/128 characters long; EKS allows 1 to 127/);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: 'k', value: 'v'.repeat(256) }] }] }))[0]).toMatch(/256 characters long; EKS allows at most 255/);
    expect(
      errors(form({ selectors: [{ namespace: 'a', labels: [{ key: 'app', value: 'a' }, { key: 'app', value: 'b' }] }] })),
    ).toEqual(['selectors.0.labels.1.key: Selector 1: label key "app" is given twice (labels 1 and 2); a selector\'s labels are a map, one value per key.']);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: 'app', value: 'web-(a|b)' }] }] }))[0]).toMatch(/has "\(": only \* and \? are wildcards/);
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: 'app.kubernetes.io/name', value: 'web*' }] }] }))).toEqual([]);
    // A blank row is the empty row the form keeps for typing: ignored.
    expect(errors(form({ selectors: [{ namespace: 'a', labels: [{ key: '', value: '' }] }] }))).toEqual([]);
  });

  it('keeps yes/true/on/1 label values as strings and says so', () => {
    for (const v of ['yes', 'true', 'on', '1']) {
      const f = form({ selectors: [{ namespace: 'a', labels: [{ key: 'runon', value: v }] }] });
      const issues = validateProfileForm(f, CTX);
      expect(hasErrors(issues)).toBe(false);
      const info = issuesFor(issues, 'selectors.0.labels.0.value');
      expect(info).toHaveLength(1);
      expect(info[0].severity).toBe('info');
      expect(info[0].message).toContain(`stays the string "${v}"`);
      expect(toProfileSpec(f).selectors[0].labels.runon).toBe(v);
    }
  });

  it('offers private subnets and refuses public ones with the igw route as the reason', () => {
    const choices = subnetChoices(FACTS);
    expect(choices.map((c) => [c.id, c.selectable])).toEqual([
      ['subnet-04a7c6e7e1589c953', true],
      ['subnet-031022a6aab9b9e70', true],
      ['subnet-0b2f6c8e1a4d79350', false],
    ]);
    expect(choices[2].reason).toBe('public: route to an internet gateway igw-0a6c2e8f4b1d3957e; Fargate accepts private subnets only');
    expect(errors(form({ subnets: ['subnet-0b2f6c8e1a4d79350'] }))).toEqual([
      'subnets: Subnet subnet-0b2f6c8e1a4d79350 is public: route to an internet gateway igw-0a6c2e8f4b1d3957e; Fargate accepts private subnets only.',
    ]);
    expect(errors(form({ subnets: ['subnet-0000000000000000f'] }))).toEqual(["subnets: Subnet subnet-0000000000000000f is not a subnet of the cluster's VPC."]);
    expect(errors(form({ subnets: ['subnet-04a7c6e7e1589c953'] }))).toEqual([]);
  });

  it('requires an IAM role ARN for the pod execution role', () => {
    expect(errors(form({ podExecutionRoleArn: '' }))[0]).toMatch(/^podExecutionRoleArn: Pod execution role is required/);
    expect(errors(form({ podExecutionRoleArn: 'FargatePodExecutionRole' }))[0]).toMatch(/must be an IAM role ARN/);
    expect(errors(form({ podExecutionRoleArn: 'arn:aws:iam::12345:role/x' }))[0]).toMatch(/must be an IAM role ARN/);
    expect(errors(form({ podExecutionRoleArn: 'arn:aws-cn:iam::133129065110:role/path/x' }))).toEqual([]);
  });

  it('checks tags: no aws: prefix, no duplicates', () => {
    expect(errors(form({ tags: [{ key: 'aws:owner', value: 'x' }] }))[0]).toMatch(/uses the prefix aws:/);
    expect(errors(form({ tags: [{ key: 'team', value: 'a' }, { key: 'team', value: 'b' }] }))[0]).toMatch(/key "team" is given twice/);
    expect(errors(form({ tags: [{ key: 'team', value: '' }] }))).toEqual([]);
  });

  it('in replace mode the old profile still counts and the name must be new', () => {
    const ctx: ValidationContext = { ...CTX, replacing: 'test3-mixed' };
    expect(errors(form({ name: 'test3-mixed' }), ctx)[0]).toMatch(/already exists/);
    expect(errors(form({ name: 'test3-mixed-2' }), ctx)).toEqual([]);
  });
});

describe('form helpers', () => {
  it('prefills a replacement from the old profile under a free name', () => {
    const f = formFromProfile(
      { selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }], subnets: ['subnet-04a7c6e7e1589c953'], podExecutionRoleArn: ROLE, tags: { team: 'web' } },
      replacementName('test3-mixed', ['test3-mixed', 'test3-mixed-2']),
    );
    expect(f).toEqual({
      name: 'test3-mixed-3',
      selectors: [{ namespace: 'test3-mixed', labels: [{ key: 'runon', value: 'fargate' }] }],
      subnets: ['subnet-04a7c6e7e1589c953'],
      podExecutionRoleArn: ROLE,
      tags: [{ key: 'team', value: 'web' }],
    });
    expect(replacementName('web-7', [])).toBe('web-8');
  });
});

describe('readProfileForm', () => {
  it('reads rows or maps, and refuses non-string values instead of converting them', () => {
    const r = readProfileForm({ name: 'x', selectors: [{ namespace: 'a', labels: { runon: 'yes' } }], podExecutionRoleArn: ROLE, tags: [{ key: 't', value: '1' }] });
    expect(r).toEqual({
      ok: true,
      value: { name: 'x', selectors: [{ namespace: 'a', labels: [{ key: 'runon', value: 'yes' }] }], subnets: [], podExecutionRoleArn: ROLE, tags: [{ key: 't', value: '1' }] },
    });
    expect(readProfileForm({ name: 'x', selectors: [{ namespace: 'a', labels: { runon: true } }] })).toEqual({
      ok: false,
      issues: [{ field: 'selectors.0.labels', severity: 'error', message: 'Selector 1 label "runon" must be a string, not true.' }],
    });
    expect(readProfileForm('nope')).toEqual({ ok: false, issues: [{ field: 'form', severity: 'error', message: 'The profile must be a JSON object.' }] });
    expect(readProfileForm({ name: 5 })).toMatchObject({ ok: false, issues: [{ field: 'name', message: 'Name must be a string, not 5.' }] });
    const many = readProfileForm({ name: 'x', selectors: Array.from({ length: 101 }, () => ({ namespace: 'a' })) });
    expect(many).toMatchObject({ ok: false, issues: [{ field: 'selectors', message: 'Selectors has 101 entries; at most 100 are read.' }] });
  });
});
