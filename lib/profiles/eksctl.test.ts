import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { clusterConfigYaml, eksctlCommand, shellWord } from './eksctl';
import type { ProfileSpec } from './form';

const ROLE = 'arn:aws:iam::133129065110:role/eksctl-eksworkshop-cluster-FargatePodExecutionRole-1Q2W3E4R5T6Y';
const CLUSTER = { name: 'eksworkshop', region: 'ap-southeast-1' };

function spec(over: Partial<ProfileSpec> = {}): ProfileSpec {
  return { fargateProfileName: 'test3-mixed', selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }], subnets: [], podExecutionRoleArn: '', tags: {}, ...over };
}

interface Config {
  apiVersion: string;
  kind: string;
  metadata: { name: string; region?: string };
  fargateProfiles: { name: string; podExecutionRoleARN?: string; selectors: { namespace: string; labels?: Record<string, unknown> }[]; subnets?: string[]; tags?: Record<string, unknown> }[];
}

describe('eksctlCommand', () => {
  it('writes the seed commands for test2-fargate and test3-mixed', () => {
    // The seed document, sections 3 and 4 (fixtures/seed/README.md; no --region: the seed sets it in the cluster config).
    expect(eksctlCommand(spec({ fargateProfileName: 'test2-fargate', selectors: [{ namespace: 'test2-fargate', labels: {} }] }), { name: 'eksworkshop', region: null }).command).toBe(
      'eksctl create fargateprofile \\\n    --cluster eksworkshop \\\n    --name test2-fargate \\\n    --namespace test2-fargate',
    );
    const mixed = eksctlCommand(spec(), { name: 'eksworkshop', region: null });
    expect(mixed.command).toBe('eksctl create fargateprofile \\\n    --cluster eksworkshop \\\n    --name test3-mixed \\\n    --namespace test3-mixed \\\n    --labels runon=fargate');
    expect(mixed.complete).toBe(true);
    expect(mixed.notes).toEqual([]);
  });

  it('quotes wildcards for the shell and says what the flags cannot carry', () => {
    const c = eksctlCommand(
      spec({ selectors: [{ namespace: 'team-*', labels: { tier: 'web?' } }, { namespace: 'batch', labels: {} }], subnets: ['subnet-04a7c6e7e1589c953'], podExecutionRoleArn: ROLE, tags: { team: 'web' } }),
      CLUSTER,
    );
    expect(c.command).toContain("--namespace 'team-*'");
    expect(c.command).toContain("--labels 'tier=web?'");
    expect(c.command).toContain('--tags team=web');
    expect(c.command).toContain('--region ap-southeast-1');
    expect(c.complete).toBe(false);
    expect(c.notes).toHaveLength(3);
    expect(c.notes[0]).toBe('--namespace and --labels take one selector; selector 2 needs the config file');
    expect(c.fileCommand).toBe('eksctl create fargateprofile -f fargateprofile.yaml');
  });

  it('single-quotes words safely', () => {
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('runon=fargate')).toBe('runon=fargate');
    expect(shellWord('')).toBe("''");
  });
});

describe('clusterConfigYaml', () => {
  it('holds the profile under fargateProfiles with eksctl field names', () => {
    const y = clusterConfigYaml(spec({ subnets: ['subnet-04a7c6e7e1589c953'], podExecutionRoleArn: ROLE, tags: { team: 'web' } }), CLUSTER);
    const c = parse(y, { version: '1.1' }) as Config;
    expect(c).toEqual({
      apiVersion: 'eksctl.io/v1alpha5',
      kind: 'ClusterConfig',
      metadata: { name: 'eksworkshop', region: 'ap-southeast-1' },
      fargateProfiles: [
        {
          name: 'test3-mixed',
          podExecutionRoleARN: ROLE,
          selectors: [{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }],
          subnets: ['subnet-04a7c6e7e1589c953'],
          tags: { team: 'web' },
        },
      ],
    });
  });

  it('quotes yes, true, on, 1 and other YAML look-alikes so every reader keeps them strings', () => {
    const values = ['yes', 'true', 'on', '1', 'No', 'off', 'y', '0o17', '1_000', '1:30', 'null', '~', '.5', '1e3'];
    const labels = Object.fromEntries(values.slice(0, 5).map((v, i) => [`k${i}`, v]));
    const tags = Object.fromEntries(values.map((v, i) => [`t${i}`, v]));
    const y = clusterConfigYaml(spec({ fargateProfileName: 'true', selectors: [{ namespace: '*', labels: { ...labels, on: 'yes' } }], tags }), CLUSTER);
    expect(y).toContain('k0: "yes"');
    expect(y).toContain('k1: "true"');
    expect(y).toContain('k2: "on"');
    expect(y).toContain('k3: "1"');
    expect(y).toContain('namespace: "*"');
    for (const version of ['1.1', '1.2'] as const) {
      const c = parse(y, { version }) as Config;
      const p = c.fargateProfiles[0];
      expect(p.name).toBe('true');
      expect(p.selectors[0].namespace).toBe('*');
      expect(p.selectors[0].labels).toEqual({ ...labels, on: 'yes' });
      expect(p.tags).toEqual(tags);
    }
  });

  it('leaves out what is not set (eksctl then applies its defaults)', () => {
    const c = parse(clusterConfigYaml(spec({ selectors: [{ namespace: 'test2-fargate', labels: {} }] }), { name: 'eksworkshop', region: null })) as Config;
    expect(c.metadata).toEqual({ name: 'eksworkshop' });
    expect(c.fargateProfiles[0]).toEqual({ name: 'test3-mixed', selectors: [{ namespace: 'test2-fargate' }] });
  });
});
