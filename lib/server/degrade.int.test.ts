import http from 'node:http';
import https from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../../sim/harness';
import { ClusterSource } from './cluster-source';
import { listContexts } from './kubeconfig';
import { waitFor, type Sim } from '../../tests/test-support/sim-source';

let sim: Sim;
let dir: string;
const servers: http.Server[] = [];
const sources: ClusterSource[] = [];

beforeAll(async () => {
  sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 9 });
  dir = await mkdtemp(path.join(tmpdir(), 'farview-degrade-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await Promise.all(servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

async function kubeconfigFile(name: string, server: string, token: string, extra = ''): Promise<string> {
  const file = path.join(dir, name);
  const tls = server.startsWith('http:') ? '    insecure-skip-tls-verify: true' : `    certificate-authority-data: ${Buffer.from(sim.caCert).toString('base64')}`;
  await writeFile(
    file,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\n${tls}\ncontexts:\n- name: ctx\n  context:\n    cluster: c\n    user: u\ncurrent-context: ctx\nusers:\n- name: u\n  user:\n    token: ${token}\n${extra}`,
  );
  return file;
}

function open(kubeconfig: string, awsEnv: Record<string, string> = sim.awsEnv): ClusterSource {
  const s = new ClusterSource({ context: 'ctx', env: { KUBECONFIG: kubeconfig, HOME: dir, ...awsEnv }, awsEnv, pollMs: 500, flushMs: 50 });
  sources.push(s);
  s.start();
  return s;
}

describe('a 403 on one resource', () => {
  it('marks that source forbidden with the permission to grant, and shows the rest', async () => {
    // A proxy that forbids pods and passes everything else to the simulator.
    const upstream = new URL(sim.k8sUrl);
    const proxy = await listen((req, res) => {
      if ((req.url ?? '').startsWith('/api/v1/pods')) {
        const body = JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'pods is forbidden: User "viewer" cannot list resource "pods" in API group "" at the cluster scope',
          reason: 'Forbidden',
          details: { kind: 'pods' },
          code: 403,
        });
        res.writeHead(403, { 'Content-Type': 'application/json' }).end(body);
        return;
      }
      const up = https.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, ca: sim.caCert },
        (ur) => {
          res.writeHead(ur.statusCode ?? 502, ur.headers);
          ur.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      req.pipe(up);
      res.on('close', () => up.destroy());
    });
    const s = open(await kubeconfigFile('forbidden', proxy, sim.token));
    await s.ready(15_000);
    const pods = s.statusOf('pods');
    expect(pods?.state).toBe('forbidden');
    expect(pods?.message).toContain('pods is forbidden: User "viewer" cannot list resource "pods"');
    expect(pods?.message).toContain('grant list/watch on pods');
    expect(s.statusOf('nodes')?.state).toBe('ok');
    expect(s.health()).toEqual({ ok: true });
    const { view } = s.snapshot();
    expect(view.pods).toEqual([]);
    expect(view.nodes.length).toBe(6);
    expect(view.meta.sources.find((x) => x.id === 'pods')?.state).toBe('forbidden');
  }, 30_000);
});

describe('an API server nobody can reach', () => {
  it('is reported as unreachable (503) with the reason', async () => {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const s = open(await kubeconfigFile('unreachable', `http://127.0.0.1:${port}`, 't'));
    await s.ready(10_000);
    const h = s.health();
    expect(h.ok).toBe(false);
    if (h.ok) return;
    expect(h.status).toBe(503);
    expect(h.error).toBe('cluster unreachable');
    expect(h.detail).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    expect(s.statusOf('pods')?.message).toMatch(/retrying in \d+ s/);
  }, 20_000);
});

describe('credentials the API server rejects', () => {
  it('is reported as 502 with what to do', async () => {
    const s = open(await kubeconfigFile('unauthorized', sim.k8sUrl, 'not-the-token'));
    await s.ready(10_000);
    const h = s.health();
    expect(h).toMatchObject({ ok: false, status: 502, error: 'cluster rejected the credentials' });
    expect(s.statusOf('nodes')?.message).toContain('HTTP 401');
  }, 20_000);
});

describe('an exec credential plugin (as aws eks get-token)', () => {
  it('runs the plugin and uses the token it prints', async () => {
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: sim.token } });
    const script = path.join(dir, 'get-token.js');
    await writeFile(script, `process.stdout.write(${JSON.stringify(credential)});\n`);
    const exec = `    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${process.execPath}\n      args: [${script}]\n`;
    const file = await kubeconfigFile('exec', sim.k8sUrl, 'unused', '');
    await writeFile(file, (await import('node:fs')).readFileSync(file, 'utf8').replace('    token: unused\n', exec));
    const s = open(file);
    await s.ready(15_000);
    expect(s.statusOf('pods')).toMatchObject({ state: 'ok', message: null });
    expect(s.snapshot().view.pods.length).toBe(16);
  }, 30_000);
});

describe('a broken kubeconfig', () => {
  it('names the file and the context when the context points at a missing cluster', async () => {
    const file = path.join(dir, 'dangling');
    await writeFile(file, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts:\n- name: ctx\n  context:\n    cluster: gone\n    user: u\nusers:\n- name: u\n  user:\n    token: t\ncurrent-context: ctx\n');
    const s = open(file);
    await s.ready(5_000);
    expect(s.statusOf('kubeconfig')?.state).toBe('error');
    expect(s.statusOf('kubeconfig')?.message).toBe(`kubeconfig ${file}: context "ctx" refers to cluster "gone", which no kubeconfig file defines`);
    expect(s.health()).toMatchObject({ ok: false, status: 503, source: 'kubeconfig' });
    // The view still renders, empty, with the reason.
    expect(s.snapshot().view.meta.sources.find((x) => x.id === 'kubeconfig')?.state).toBe('error');
  });

  it('lists contexts from the good files and names the bad one', async () => {
    const bad = path.join(dir, 'garbage');
    await writeFile(bad, 'clusters: [ this is: not yaml\n');
    const good = await kubeconfigFile('good', sim.k8sUrl, sim.token);
    const list = listContexts({ KUBECONFIG: [bad, good].join(path.delimiter), HOME: dir });
    expect(list.contexts.map((c) => c.name)).toEqual(['ctx']);
    expect(list.current).toBe('ctx');
    expect(list.error).toContain(`kubeconfig ${bad}:`);
  });
});

describe('AWS that cannot be asked', () => {
  it('without credentials: EKS, ELBv2 and EC2 report it and the Kubernetes part still works', async () => {
    const env = { ...sim.awsEnv };
    delete (env as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
    delete (env as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    const s = open(await kubeconfigFile('nocreds', sim.k8sUrl, sim.token), env);
    await s.ready(10_000);
    await waitFor('the EKS error', () => s.statusOf('eks')?.state === 'error', 10_000);
    expect(s.statusOf('eks')?.message).toMatch(/no AWS credentials/);
    expect(s.statusOf('pods')?.state).toBe('ok');
    const { view } = s.snapshot();
    expect(view.pods.length).toBe(16);
    expect(view.profiles).toEqual([]);
    // Without profiles the Fargate pods are still on Fargate, by their nodes and labels.
    expect(view.totals.fargate.pods).toBe(4);
  }, 20_000);

  it('with AccessDenied on EKS: the banner says which permissions are missing', async () => {
    const denied = await listen((req, res) => {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
      res.end(JSON.stringify({ message: 'User: arn:aws:iam::123456789012:user/viewer is not authorized to perform: eks:DescribeCluster' }));
    });
    const s = open(await kubeconfigFile('denied', sim.k8sUrl, sim.token), { ...sim.awsEnv, AWS_ENDPOINT_URL_EKS: denied });
    await s.ready(10_000);
    await waitFor('the EKS error', () => s.statusOf('eks')?.state === 'error', 10_000);
    expect(s.statusOf('eks')?.message).toContain('AccessDeniedException');
    expect(s.statusOf('eks')?.message).toContain('eks:DescribeCluster');
    expect(s.statusOf('eks')?.message).toContain('needs eks:DescribeCluster, eks:ListNodegroups');
    await waitFor('ELBv2 data', () => s.statusOf('elbv2')?.state === 'ok', 10_000);
    expect(s.statusOf('pods')?.state).toBe('ok');
  }, 20_000);
});
