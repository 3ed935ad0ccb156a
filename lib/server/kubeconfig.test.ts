import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eksTargetFor, kubeConfigFor, KubeconfigError, listContexts, loadKubeconfig } from './kubeconfig';

const dir = mkdtempSync(path.join(tmpdir(), 'farview-kubeconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

// The shape `aws eks update-kubeconfig` writes (ARN names, exec plugin).
const EKS = `apiVersion: v1
kind: Config
clusters:
- name: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
  cluster:
    server: https://127.0.0.1:18444
    certificate-authority-data: LS0tLS1CRUdJTg==
contexts:
- name: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
  context:
    cluster: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
    user: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
current-context: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
users:
- name: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, ap-southeast-1, eks, get-token, --cluster-name, myeks, --output, json]
`;

const SECOND = `apiVersion: v1
kind: Config
clusters:
- name: arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks
  cluster: { server: https://shadowed.example }
- name: kind
  cluster: { server: https://127.0.0.1:6443, insecure-skip-tls-verify: true }
contexts:
- name: kind-dev
  context: { cluster: kind, user: kind-user, namespace: dev }
- name: eksctl
  context: { cluster: web.eu-west-1.eksctl.io, user: kind-user }
current-context: kind-dev
users:
- name: kind-user
  user: { token: abc }
`;

describe('loading kubeconfig files', () => {
  const a = file('a', EKS);
  const b = file('b', SECOND);

  it('merges KUBECONFIG files as kubectl does: first definition and first current-context win', () => {
    const k = loadKubeconfig({ KUBECONFIG: [a, path.join(dir, 'missing'), b].join(path.delimiter), HOME: dir });
    expect(k.contexts.map((c) => c.name)).toEqual(['arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks', 'kind-dev', 'eksctl']);
    expect(k.current).toBe('arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks');
    expect(k.clusters.find((c) => c.name.startsWith('arn:'))?.server).toBe('https://127.0.0.1:18444');
    expect(k.problems).toEqual([]);
  });

  it('lets FARVIEW_CONTEXT pick the context, and says so when it names none', () => {
    const env = { KUBECONFIG: [a, b].join(path.delimiter), HOME: dir };
    expect(listContexts({ ...env, FARVIEW_CONTEXT: 'kind-dev' }).current).toBe('kind-dev');
    const wrong = listContexts({ ...env, FARVIEW_CONTEXT: 'prod' });
    expect(wrong.error).toContain('FARVIEW_CONTEXT names context "prod"');
    expect(listContexts(env).contexts.find((c) => c.name === 'kind-dev')).toEqual({ name: 'kind-dev', cluster: 'kind', user: 'kind-user', namespace: 'dev' });
  });

  it('falls back to ~/.kube/config, and explains when there is none', () => {
    expect(listContexts({ HOME: path.join(dir, 'nohome') }).error).toBe(`no kubeconfig found: ${path.join(dir, 'nohome', '.kube', 'config')} does not exist and KUBECONFIG is not set`);
  });

  it('builds a KubeConfig for one context, and names file and context when it is incomplete', () => {
    const k = loadKubeconfig({ KUBECONFIG: b, HOME: dir });
    const kc = kubeConfigFor(k, 'kind-dev');
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(kc.getCurrentUser()?.token).toBe('abc');
    expect(() => kubeConfigFor(k, 'eksctl')).toThrow(new KubeconfigError(`kubeconfig ${b}: context "eksctl" refers to cluster "web.eu-west-1.eksctl.io", which no kubeconfig file defines`, b, 'eksctl'));
    expect(() => kubeConfigFor(k, 'nope')).toThrow(`context "nope" is not defined in ${b}`);
  });

  it('names the file that does not parse', () => {
    const bad = file('bad', 'clusters:\n  - name: x\n    cluster: {server: }\n');
    const k = loadKubeconfig({ KUBECONFIG: bad, HOME: dir });
    expect(k.problems[0]).toMatch(new RegExp(`^kubeconfig ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  });
});

describe('finding the EKS cluster of a context', () => {
  const k = loadKubeconfig({ KUBECONFIG: [file('eks', EKS), file('second', SECOND)].join(path.delimiter), HOME: dir });

  it('reads --cluster-name and --region from the exec plugin', () => {
    expect(eksTargetFor(k, 'arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks', {})).toMatchObject({ clusterName: 'myeks', region: 'ap-southeast-1' });
  });

  it('reads an ARN-shaped context name and an eksctl cluster name', () => {
    const arnOnly = loadKubeconfig({
      KUBECONFIG: file(
        'arn',
        'apiVersion: v1\nclusters: [{name: c, cluster: {server: https://x}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: "arn:aws:eks:eu-west-1:111122223333:cluster/prod", context: {cluster: c, user: u}}]\n',
      ),
      HOME: dir,
    });
    expect(eksTargetFor(arnOnly, 'arn:aws:eks:eu-west-1:111122223333:cluster/prod', {})).toMatchObject({ clusterName: 'prod', region: 'eu-west-1' });
    expect(eksTargetFor(k, 'eksctl', {})).toMatchObject({ clusterName: 'web', region: 'eu-west-1' });
  });

  it('lets FARVIEW_EKS_CLUSTER and AWS_REGION override, and says when nothing names a cluster', () => {
    expect(eksTargetFor(k, 'arn:aws:eks:ap-southeast-1:123456789012:cluster/myeks', { FARVIEW_EKS_CLUSTER: 'other', AWS_REGION: 'us-east-1' })).toMatchObject({
      clusterName: 'other',
      region: 'us-east-1',
    });
    expect(eksTargetFor(k, 'kind-dev', {})).toEqual({ clusterName: null, region: null, source: 'nothing in the context names an EKS cluster' });
  });
});
