/**
 * Usage read from the simulator's metrics-server by the product's poller, in each state a real cluster has:
 * served (the values agree with what `kubectl top` prints), not installed, forbidden, and failing after it
 * answered (the last values stay, called stale). Messages are the ones a user would act on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCpuUsage, formatMemUsage } from '../ui/usage';
import { startSim } from '../../sim/harness';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';
import type { ClusterSource } from './cluster-source';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const run = promisify(execFile);
const sims: Sim[] = [];
const sources: ClusterSource[] = [];
const servers: http.Server[] = [];
let dir: string | null = null;

afterAll(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await Promise.all(servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
  await Promise.all(sims.map((s) => s.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sim(metrics: 'on' | 'off' | 'forbidden'): Promise<Sim> {
  const s = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 4, metrics });
  sims.push(s);
  return s;
}

function open(s: Sim, kubeconfig = s.kubeconfigPath): ClusterSource {
  const src = sourceFor(s, { metricsPollMs: 200, env: { KUBECONFIG: kubeconfig, HOME: s.stateDir, ...s.awsEnv } });
  sources.push(src);
  src.start();
  return src;
}

describe('metrics-server served', () => {
  it('gives every running pod and node a sample, the same figures kubectl top prints', async () => {
    const s = await sim('on');
    const src = open(s);
    await src.ready(15_000);
    const usage = await waitFor('a usage poll', () => src.usage().fetchedAt !== null && src.usage());
    expect(src.statusOf('metrics')).toMatchObject({ state: 'ok', message: null });
    const running = src.snapshot().view.pods.filter((p) => p.status === 'Running');
    expect(running.length).toBe(16);
    for (const p of running) expect(usage.pods[`${p.namespace}/${p.name}`], `${p.namespace}/${p.name}`).toBeDefined();
    expect(Object.keys(usage.nodes).sort()).toEqual(src.snapshot().view.nodes.map((n) => n.name).sort());
    if (!existsSync(KUBECTL)) return;
    // The seed's pods idle at a constant few millicores, so the poll and kubectl read the same values.
    const { stdout } = await run(KUBECTL, ['--kubeconfig', s.kubeconfigPath, 'top', 'pods', '-A', '--no-headers']);
    const rows = stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(rows.length).toBe(16);
    for (const [ns, name, cpu, mem] of rows) {
      const u = usage.pods[`${ns}/${name}`];
      expect([formatCpuUsage(u.cpuMilli), formatMemUsage(u.memoryBytes)], `${ns}/${name}`).toEqual([cpu, mem]);
    }
  }, 60_000);
});

describe('metrics-server missing or forbidden', () => {
  it('not installed: the source is absent and says how to install it', async () => {
    const src = open(await sim('off'));
    const st = await waitFor('the metrics state', () => src.statusOf('metrics')?.state === 'absent' && src.statusOf('metrics'));
    expect(st.message).toContain('metrics-server is not installed');
    expect(st.message).toContain('components.yaml');
    expect(src.usage()).toEqual({ fetchedAt: null, pods: {}, nodes: {} });
    await src.ready(15_000);
    expect(src.health()).toEqual({ ok: true });
  }, 60_000);

  it('forbidden: names the RBAC rule to grant', async () => {
    const src = open(await sim('forbidden'));
    const st = await waitFor('the metrics state', () => src.statusOf('metrics')?.state === 'forbidden' && src.statusOf('metrics'));
    expect(st.message).toContain('forbidden');
    expect(st.message).toContain('grant get, list on pods.metrics.k8s.io and nodes.metrics.k8s.io');
    expect(src.usage().pods).toEqual({});
  }, 60_000);
});

describe('metrics-server failing after it answered', () => {
  it('keeps the last values, marked stale with their time, and recovers', async () => {
    const s = sims[0] ?? (await sim('on'));
    const upstream = new URL(s.k8sUrl);
    let failing = false;
    // Between the product and the simulator: once `failing`, metrics.k8s.io answers as an unavailable APIService.
    const server = http.createServer((req, res) => {
      if (failing && (req.url ?? '').startsWith('/apis/metrics.k8s.io/')) {
        const body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server is currently unable to handle the request', reason: 'ServiceUnavailable', code: 503 };
        res.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      const up = https.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, ca: s.caCert }, (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
      res.on('close', () => up.destroy());
    });
    servers.push(server);
    const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
    dir = await mkdtemp(path.join(tmpdir(), 'farview-usage-'));
    const kubeconfig = path.join(dir, 'proxied');
    const original = await readFile(s.kubeconfigPath, 'utf8');
    await writeFile(kubeconfig, original.replace(/server: \S+/, `server: http://127.0.0.1:${port}`).replace(/certificate-authority-data: \S+/, 'insecure-skip-tls-verify: true'));
    const src = open(s, kubeconfig);
    const before = await waitFor('a usage poll', () => src.usage().fetchedAt !== null && src.usage());
    failing = true;
    const st = await waitFor('the stale state', () => src.statusOf('metrics')?.state === 'stale' && src.statusOf('metrics'));
    expect(st.message).toContain('metrics-server is not answering');
    expect(st.message).toContain(`showing the values of ${before.fetchedAt}`);
    expect(st.lastSyncAt).toBe(before.fetchedAt);
    expect(src.usage()).toEqual(before);
    failing = false;
    // Backoff after failures is at most 16 polls of 200 ms.
    await waitFor('recovery', () => src.statusOf('metrics')?.state === 'ok', 15_000);
    expect(src.usage().fetchedAt).not.toBe(before.fetchedAt);
  }, 60_000);
});
