/**
 * The real kubectl against the simulated API server (HTTPS, bearer token, private discovery cache).
 * /usr/bin/kubectl is a dispatcher that picks a kubectl matching the server's minor version (1.28 here); the
 * newer binaries next to it are exercised too when present.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL, startTestApi, type TestApi } from './test-support/api-server';
import { kubeconfigYaml } from './kubeconfig';

const HAVE_KUBECTL = existsSync(KUBECTL);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

/** Columns of a kubectl table line. */
const cols = (line: string) => line.trim().split(/\s{2,}|\s+(?=\S)/);
const lines = (s: string) => s.trimEnd().split('\n');

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        resources:
          requests: {cpu: 250m, memory: 256Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: external
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
`;

describe.skipIf(!HAVE_KUBECTL)('kubectl', () => {
  it('get nodes -o wide prints the printer columns, with no discovery warnings', async () => {
    const r = await api.kubectl(['get', 'nodes', '-o', 'wide']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0].split(/\s+/)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(out.slice(1).map((l) => l.split(/\s+/).slice(0, 7))).toEqual([
      ['fargate-ip-172-31-140-9.ap-southeast-1.compute.internal', 'Ready', '<none>', '3h', 'v1.28.15-eks-c0bc8ca', '172.31.140.9', '<none>'],
      ['ip-172-31-10-20.ap-southeast-1.compute.internal', 'Ready', '<none>', '13h', 'v1.28.15-eks-c0bc8ca', '172.31.10.20', '13.250.1.2'],
      ['ip-172-31-93-72.ap-southeast-1.compute.internal', 'Ready', '<none>', '13h', 'v1.28.15-eks-c0bc8ca', '172.31.93.72', '<none>'],
    ]);
  });

  it('get pods -A -o wide shows namespaces, nodes and IPs', async () => {
    const r = await api.kubectl(['get', 'pods', '-A', '-o', 'wide']);
    expect(r.stderr).toBe('');
    const out = lines(r.stdout);
    expect(out[0].split(/\s{2,}/)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    const fargate = out.find((l) => l.includes('nginx-fargate'))!.split(/\s+/);
    expect(fargate).toEqual(['test2-fargate', 'nginx-fargate', '1/1', 'Running', '0', '3h', '172.31.140.9', 'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal', '<none>', '<none>']);
    const pending = out.find((l) => l.includes('nginx-pending'))!.split(/\s+/);
    expect(pending.slice(0, 4)).toEqual(['test2-fargate', 'nginx-pending', '0/1', 'ContainerCreating']);
    expect(out).toHaveLength(1 + api.store.count('Pod'));
  });

  it('get svc -A shows the NLB hostname and ports; -L adds label columns', async () => {
    const svc = await api.kubectl(['get', 'svc', '-A']);
    expect(svc.stderr).toBe('');
    const row = lines(svc.stdout).find((l) => l.includes('nginx-ec2'))!.split(/\s+/);
    expect(row).toEqual(['test1-ec2', 'nginx-ec2', 'LoadBalancer', '10.50.0.149', 'k8s-test1ec2-nginxec2-7d894c50a4-d88e28f7253c4dc2.elb.ap-southeast-1.amazonaws.com', '80:32097/TCP', '5h']);
    const labelled = await api.kubectl(['get', 'po', '-A', '-L', 'eks.amazonaws.com/fargate-profile']);
    const out = lines(labelled.stdout);
    expect(out[0]).toMatch(/FARGATE-PROFILE$/);
    expect(out.find((l) => l.includes('nginx-fargate'))).toMatch(/test2-fargate$/);
    const all = await api.kubectl(['get', 'deploy,rs,tgb,ep,ev', '-A']);
    expect(all.stderr).toBe('');
    expect(all.stdout).toContain('deployment.apps/nginx-ec2');
    expect(all.stdout).toContain('replicaset.apps/nginx-ec2-5c68c8d5f');
    expect(all.stdout).toContain('targetgroupbinding.elbv2.k8s.aws/k8s-test1ec2-nginxec2-2c7a9e4b1d');
    expect(all.stdout).toContain('pod/nginx-pending');
  });

  it('describe pod shows the pod and its events', async () => {
    const r = await api.kubectl(['describe', 'pod', '-n', 'test2-fargate', 'nginx-pending']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Name:\s+nginx-pending$/m);
    expect(r.stdout).toMatch(/^Status:\s+Pending$/m);
    expect(r.stdout).toMatch(/Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available/);
  });

  it('logs prints the container log', async () => {
    const r = await api.kubectl(['logs', '-n', 'test1-ec2', 'nginx-ec2-5c68c8d5f-8fmng', '--tail', '3']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(3);
    expect(r.stdout).toMatch(/"GET \S+ HTTP\/1\.1" \d{3}/);
  });

  it('apply creates, then reports unchanged, then configures a change', async () => {
    const file = path.join(api.dir, 'web.yaml');
    await writeFile(file, MANIFEST);
    const first = await api.kubectl(['apply', '-f', file]);
    expect(first.stderr).toBe('');
    expect(lines(first.stdout)).toEqual(['deployment.apps/web created', 'service/web created']);
    const second = await api.kubectl(['apply', '-f', file]);
    expect(second.stderr).toBe('');
    expect(lines(second.stdout)).toEqual(['deployment.apps/web unchanged', 'service/web unchanged']);
    await writeFile(file, MANIFEST.replace('replicas: 2', 'replicas: 3').replace('nginx:1.25', 'nginx:1.27'));
    const third = await api.kubectl(['apply', '-f', file]);
    expect(lines(third.stdout)).toEqual(['deployment.apps/web configured', 'service/web unchanged']);
    const d = api.store.get('Deployment', 'default', 'web')!;
    expect(d.spec).toMatchObject({ replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } });
    expect(d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('nginx:1.27');
    const svc = api.store.get('Service', 'default', 'web')!;
    expect((svc.spec as { clusterIP: string }).clusterIP).toMatch(/^10\.100\./);
  });

  it('server-side apply creates and updates', async () => {
    const file = path.join(api.dir, 'ssa.yaml');
    await writeFile(file, MANIFEST.replace(/name: web/g, 'name: ssa'));
    const r = await api.kubectl(['apply', '--server-side', '-f', file]);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual(['deployment.apps/ssa serverside-applied', 'service/ssa serverside-applied']);
    expect(api.store.get('Deployment', 'default', 'ssa')).toBeDefined();
  });

  it('label, annotate, scale and rollout restart change the stored objects', async () => {
    expect((await api.kubectl(['label', 'deploy', 'web', 'tier=frontend'])).stdout.trim()).toBe('deployment.apps/web labeled');
    expect((await api.kubectl(['annotate', 'deploy', 'web', 'owner=team-a'])).stdout.trim()).toBe('deployment.apps/web annotated');
    expect((await api.kubectl(['scale', 'deploy', 'web', '--replicas=5'])).stdout.trim()).toBe('deployment.apps/web scaled');
    expect((await api.kubectl(['rollout', 'restart', 'deploy', 'web'])).stdout.trim()).toBe('deployment.apps/web restarted');
    const d = api.store.get('Deployment', 'default', 'web')!;
    expect(d.metadata.labels).toMatchObject({ app: 'web', tier: 'frontend' });
    expect(d.metadata.annotations).toMatchObject({ owner: 'team-a' });
    expect((d.spec as { replicas: number }).replicas).toBe(5);
    expect((d.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await api.kubectl(['label', 'deploy', 'web', 'tier-'])).stdout.trim()).toBe('deployment.apps/web unlabeled');
    expect(api.store.get('Deployment', 'default', 'web')!.metadata.labels).toEqual({ app: 'web' });
  });

  it('delete removes the object', async () => {
    const r = await api.kubectl(['delete', 'deploy', 'web']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('deployment.apps "web" deleted');
    expect(api.store.get('Deployment', 'default', 'web')).toBeUndefined();
    const missing = await api.kubectl(['get', 'pod', '-n', 'default', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
  });

  it('get pods -w prints a change as it happens', async () => {
    const child = spawn(KUBECTL, ['--kubeconfig', api.kubeconfig, '--cache-dir', path.join(api.dir, 'cache'), 'get', 'pods', '-n', 'test1-ec2', '-w'], { env: { ...process.env, HOME: api.dir } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      await until(() => out.split('\n').length >= 3, 10_000);
      api.store.mutate('Pod', 'test1-ec2', 'nginx-ec2-5c68c8d5f-8fmng', (o) => {
        const st = o.status as { containerStatuses: { ready: boolean; state: unknown }[]; phase: string };
        st.containerStatuses[0].ready = false;
        st.containerStatuses[0].state = { waiting: { reason: 'CrashLoopBackOff' } };
      });
      await until(() => out.includes('CrashLoopBackOff'), 10_000);
      const changed = out.split('\n').find((l) => l.includes('CrashLoopBackOff'))!;
      expect(cols(changed).slice(0, 3)).toEqual(['nginx-ec2-5c68c8d5f-8fmng', '0/1', 'CrashLoopBackOff']);
      expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });

  it('refuses a kubeconfig without the right token (401)', async () => {
    const bad = path.join(api.dir, 'bad-kubeconfig');
    await writeFile(bad, kubeconfigYaml({ clusterName: 'eksworkshop', server: api.server.url, caCert: api.tls.caCert, token: 'not-the-token' }));
    const r = await api.kubectl(['--kubeconfig', bad, 'get', 'pods']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/You must be logged in to the server \(Unauthorized\)/);
  });

  const others = ['1.31', '1.32', '1.33'].map((v) => path.join(path.dirname(KUBECTL), `../lib/google-cloud-sdk/bin/kubectl.${v}`)).filter((p) => existsSync(p));
  it.skipIf(others.length === 0)('newer kubectl versions discover, list and apply without warnings', async () => {
    for (const bin of others) {
      const run = (args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(bin, ['--kubeconfig', api.kubeconfig, '--cache-dir', path.join(api.dir, `cache-${path.basename(bin)}`), ...args], { env: { ...process.env, HOME: api.dir } });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code: code ?? 1, stdout, stderr });
          });
        });
      const pods = await run(['get', 'pods', '-A', '-o', 'wide']);
      expect(pods.stderr, bin).toBe('');
      expect(pods.stdout, bin).toContain('fargate-ip-172-31-140-9.ap-southeast-1.compute.internal');
      const file = path.join(api.dir, `v-${path.basename(bin)}.yaml`);
      const name = `web-${path.basename(bin).replace(/\D/g, '')}`;
      await writeFile(file, MANIFEST.replace(/name: web/g, `name: ${name}`));
      const a1 = await run(['apply', '-f', file]);
      expect(a1.stderr, bin).toBe('');
      expect(lines(a1.stdout), bin).toEqual([`deployment.apps/${name} created`, `service/${name} created`]);
      const a2 = await run(['apply', '-f', file]);
      expect(lines(a2.stdout), bin).toEqual([`deployment.apps/${name} unchanged`, `service/${name} unchanged`]);
    }
  }, 120_000);
});

async function until(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for kubectl output');
    await new Promise((r) => setTimeout(r, 50));
  }
}
