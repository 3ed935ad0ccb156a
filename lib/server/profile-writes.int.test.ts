import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../../sim/harness';
import { PROFILE_LABEL } from '../fargate/profiles';
import type { ProfileForm } from '../profiles/form';
import { listAudit, recordAudit } from '../store/audit';
import type { Db } from '../store/db';
import { makeTestStore, type TestStore } from '../store/test-support/backends';
import type { ClusterSource } from './cluster-source';
import { kubeRequest } from './kube-http';
import { formOptions, previewForm } from './profile-form';
import { restartWorkloads } from './profile-restart';
import { createProfile, deleteProfile, pendingReplacePlans, ProfileWriteError, startReplace, type AuditLog, type WriteDeps } from './profile-writes';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';
import type { Actor } from './write-guard';

// Speed 10: a profile takes 2 s to become ACTIVE (20 s simulated) and a Fargate pod 2 s to start.
let sim: Sim;
let source: ClusterSource;
let store: TestStore;
let db: Db;
let deps: WriteDeps;
const actor: Actor = { name: 'tester', role: 'local' };

const ROLE = 'arn:aws:iam::133129065110:role/farview-test-FargatePodExecutionRole';

function form(name: string, namespace: string, labels: Record<string, string> = {}): ProfileForm {
  return { name, selectors: [{ namespace, labels: Object.entries(labels).map(([key, value]) => ({ key, value })) }], subnets: [], podExecutionRoleArn: ROLE, tags: [] };
}

async function failure(p: Promise<unknown>): Promise<ProfileWriteError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProfileWriteError) return e;
    throw e;
  }
  throw new Error('expected a ProfileWriteError');
}

function simProfiles(): { name: string; status: string }[] {
  return sim.ctx.aws.listProfiles().map((p) => ({ name: p.name, status: p.status }));
}

async function kube(method: 'POST' | 'GET', path: string, body?: unknown): Promise<unknown> {
  const res = await kubeRequest(source.kc!, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body);
}

async function deploy(namespace: string, name: string, replicas: number, labels: Record<string, string> = {}): Promise<void> {
  await kube('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }).catch((e: Error) => {
    if (!/409/.test(e.message)) throw e;
  });
  const podLabels = { app: name, ...labels };
  await kube('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: podLabels }, spec: { containers: [{ name, image: 'nginx', resources: { requests: { cpu: '250m', memory: '512Mi' } } }] } },
    },
  });
}

const podsIn = (ns: string) => source.snapshot().view.pods.filter((p) => p.namespace === ns && p.phase !== 'Succeeded' && p.phase !== 'Failed');
const profileStatus = (name: string) => source.snapshot().view.profiles.find((p) => p.name === name)?.status;

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 10, seed: 7 });
  store = await makeTestStore('pglite');
  db = await store.open();
  const audit: AuditLog = { record: (e) => recordAudit(e, db), list: (o) => listAudit(o, db) };
  deps = { audit, pollMs: 200, replaceTimeoutMs: 60_000 };
  source = sourceFor(sim);
  source.start();
  await source.ready(20_000);
  await waitFor('EKS and EC2 data', () => ['eks', 'ec2'].every((id) => source.statusOf(id as 'eks')?.state === 'ok'));
}, 60_000);

afterAll(async () => {
  await source?.stop();
  await sim?.stop();
  await db?.close();
  await store?.dispose();
});

describe('profile writes against the simulated eksworkshop cluster', () => {
  it('offers the cluster\'s private subnets and refuses the public ones with their igw route', async () => {
    const o = await formOptions(source, deps);
    expect(o.clusterName).toBe('eksworkshop');
    expect(o.subnets?.filter((s) => s.selectable).map((s) => s.id).sort()).toEqual(['subnet-031022a6aab9b9e70', 'subnet-04a7c6e7e1589c953', 'subnet-0eaf9054aa6daa68e']);
    const pub = o.subnets?.filter((s) => !s.selectable) ?? [];
    expect(pub.length).toBeGreaterThan(0);
    expect(pub.every((s) => /^public: route to an internet gateway igw-[0-9a-f]+; Fargate accepts private subnets only$/.test(s.reason ?? ''))).toBe(true);
    // The roles the seed's two profiles use are offered.
    expect([...o.roles].sort()).toEqual(sim.ctx.aws.listProfiles().map((p) => p.podExecutionRoleArn).sort());
  });

  it('refuses invalid input with its message and sends nothing to EKS', async () => {
    const before = simProfiles();
    const pub = (await formOptions(source, deps)).subnets!.find((s) => s.public)!.id;
    const cases: [ProfileForm, RegExp][] = [
      [form('eks-batch', 'batch'), /must not start with "eks-"/],
      [form('test2-fargate', 'batch'), /already exists/],
      [{ ...form('batch', 'batch'), subnets: [pub] }, /is public: route to an internet gateway igw-/],
      [form('batch', 'batch.*'), /only \* and \? are wildcards/],
      [{ ...form('batch', 'batch'), podExecutionRoleArn: '' }, /Pod execution role is required/],
    ];
    for (const [f, message] of cases) {
      const e = await failure(createProfile(source, { form: f }, actor, deps));
      expect(e.status).toBe(400);
      expect(e.body.error).toBe('The profile is not valid; nothing was sent to EKS');
      expect(e.body.detail).toMatch(message);
    }
    expect(simProfiles()).toEqual(before);
  });

  it('previews on the server: a profile for test1-ec2nodegroup takes its two pods off the EC2 nodes', async () => {
    const r = await previewForm(source, form('test1-fargate', 'test1-ec2nodegroup'));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.preview?.captured.map((c) => [c.from.placement, c.capacityProvisioned])).toEqual([
      ['ec2', '0.25vCPU 0.5GB'],
      ['ec2', '0.25vCPU 0.5GB'],
    ]);
    expect(r.yaml).toContain('namespace: "test1-ec2nodegroup"');
    expect(r.eksctl.command).toContain('--namespace test1-ec2nodegroup');
  });

  it('creates a profile through EKS, which goes CREATING → ACTIVE in the live view; a second create meanwhile is "in use"', async () => {
    const created = await createProfile(source, { form: form('batch', 'batch'), clientRequestToken: 'create-batch-0001' }, actor, deps);
    expect(created).toMatchObject({ name: 'batch', status: 'CREATING' });
    expect('id' in created.audit).toBe(true);
    expect(profileStatus('batch')).toBe('CREATING'); // refreshAws ran before the answer

    const busy = await failure(createProfile(source, { form: form('batch2', 'batch2') }, actor, deps));
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ error: 'Another Fargate profile is being created or deleted', source: 'eks', code: 'ResourceInUseException' });
    expect(busy.body.detail).toMatch(/^EKS said: Fargate Profile batch is in status CREATING/);

    await waitFor('batch ACTIVE', () => profileStatus('batch') === 'ACTIVE', 20_000);
    const entries = await listAudit({ limit: 20 }, db);
    expect(entries.find((e) => e.action === 'fargate-profile.create' && e.result === 'ok')).toMatchObject({ actor: 'tester', target: 'eksworkshop/fargate-profile/batch' });
    expect(entries.find((e) => e.action === 'fargate-profile.create' && e.result === 'error' && /in status CREATING/.test(e.detail ?? ''))).toBeTruthy();
  }, 40_000);

  it('pods deployed into the new namespace land on Fargate; deleting the profile deletes them', async () => {
    await deploy('batch', 'worker', 2);
    await waitFor('2 worker pods on Fargate', () => podsIn('batch').filter((p) => p.placement === 'fargate' && p.profile === 'batch').length === 2, 20_000);
    const onFargate = podsIn('batch').map((p) => p.name);
    // 250m / 512Mi + 256 MiB = 768 MiB → 0.25 vCPU / 1 GB.
    expect(podsIn('batch').map((p) => p.capacityProvisioned)).toEqual(['0.25vCPU 1GB', '0.25vCPU 1GB']);

    const wrong = await failure(deleteProfile(source, 'batch', { confirm: 'bat' }, actor, deps));
    expect(wrong.status).toBe(400);
    expect(simProfiles().find((p) => p.name === 'batch')?.status).toBe('ACTIVE');

    const d = await deleteProfile(source, 'batch', { confirm: 'batch' }, actor, deps);
    expect(d.status).toBe('DELETING');
    expect(d.impact.pods.map((p) => p.name).sort()).toEqual([...onFargate].sort());
    await waitFor('profile batch gone', () => !simProfiles().some((p) => p.name === 'batch'), 20_000);
    await waitFor('old pods deleted', () => podsIn('batch').every((p) => !onFargate.includes(p.name)), 20_000);
    await waitFor('replacements on EC2', () => podsIn('batch').filter((p) => p.placement === 'ec2').length === 2, 20_000);
  }, 60_000);

  it('restarts the captured Deployments so their pods land on the new profile', async () => {
    await createProfile(source, { form: form('test1-fargate', 'test1-ec2nodegroup') }, actor, deps);
    await waitFor('test1-fargate ACTIVE', () => profileStatus('test1-fargate') === 'ACTIVE', 20_000);

    const stray = await failure(restartWorkloads(source, 'test1-fargate', { deployments: [{ namespace: 'kube-system', name: 'coredns' }] }, actor, deps));
    expect(stray.status).toBe(409);

    const r = await restartWorkloads(source, 'test1-fargate', { deployments: [{ namespace: 'test1-ec2nodegroup', name: 'nginx-ec2nodegroup' }] }, actor, deps);
    expect(r.results).toEqual([{ namespace: 'test1-ec2nodegroup', name: 'nginx-ec2nodegroup', ok: true, detail: expect.stringMatching(/^restartedAt /) }]);
    await waitFor(
      'nginx-ec2nodegroup on Fargate',
      () => {
        const ps = podsIn('test1-ec2nodegroup');
        return ps.length === 2 && ps.every((p) => p.placement === 'fargate' && p.labels[PROFILE_LABEL] === 'test1-fargate');
      },
      30_000,
    );
  }, 60_000);

  it('replaces a profile: the new one goes ACTIVE, then the old one is deleted; the plan is in the audit log', async () => {
    await waitFor('no profile changing', () => simProfiles().every((p) => p.status === 'ACTIVE'), 20_000);
    const { state, done } = await startReplace(source, 'test3-mixed', { form: form('test3-mixed-2', 'test3-mixed', { runon: 'fargate' }) }, actor, deps);
    expect(state.created).toBe(true);
    expect(await pendingReplacePlans('eksworkshop', deps)).toHaveLength(1);
    const end = await done;
    expect(end.outcome).toBe('done');
    expect(simProfiles().map((p) => p.name)).toContain('test3-mixed-2');
    expect(simProfiles().map((p) => p.name)).not.toContain('test3-mixed');
    expect(await pendingReplacePlans('eksworkshop', deps)).toEqual([]);
    // The labelled pods are recreated by their Deployment and land on the replacement.
    await waitFor(
      'nginx-mixed-fargate on test3-mixed-2',
      () => podsIn('test3-mixed').filter((p) => p.placement === 'fargate' && p.profile === 'test3-mixed-2').length === 2,
      30_000,
    );
  }, 90_000);
});
