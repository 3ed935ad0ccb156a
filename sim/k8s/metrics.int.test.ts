/**
 * The simulator's metrics-server through clients no one here wrote: kubectl top and @kubernetes/client-node's
 * Metrics helper. Expected values follow the pattern rules of sim/usage/patterns.ts worked by hand, and the
 * units kubectl prints (docs/protocol.md: CPU rounded up to millicores, memory truncated to MiB).
 */
import * as k8s from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { FIXTURE_NOW, KUBECTL, fixtureStore, startTestApi, type TestApi } from './test-support/api-server';

const HAVE_KUBECTL = existsSync(KUBECTL);
const started = new Date(FIXTURE_NOW.getTime() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');

/** A running pod on the first EC2 node that follows `pattern`. */
function addPod(store: Store, name: string, pattern: string, requests: Record<string, string>, labels: Record<string, string> = {}) {
  store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: started, labels: { app: name, ...labels }, annotations: { 'sim.farview.dev/usage': pattern } },
    spec: { nodeName: 'ip-172-31-10-20.ap-southeast-1.compute.internal', containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests } }] },
    status: { phase: 'Running', startTime: started, containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx:1.25', state: { running: { startedAt: started } } }] },
  });
}

let api: TestApi;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  const store = fixtureStore();
  // FIXTURE_NOW is 12:00 UTC: the daily sine is at its midpoint, so CPU is 40 % of the request and memory 40 %.
  // 250m → 100m; 256 MiB × 0.4 = 104,857.6 KiB → 104,858 KiB ("104858Ki"), which kubectl prints as 102Mi.
  addPod(store, 'daily-web', 'daily', { cpu: '250m', memory: '256Mi' }, { tier: 'web' });
  // spiky: the first minute of every ten after the start is a burst at 3× the request (the pod started an hour
  // ago, so 12:00 is in one): 3 × 200m = 600m; memory 30 % of 100 MiB = 30 MiB.
  addPod(store, 'spiky-batch', 'spiky', { cpu: '200m', memory: '100Mi' });
  api = await startTestApi({ store });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(api.kubeconfig);
});
afterAll(async () => {
  await api?.stop();
});

const table = (s: string) => s.trimEnd().split('\n').map((l) => l.trim().split(/\s+/));

describe.skipIf(!HAVE_KUBECTL)('kubectl top', () => {
  it('top pods prints what the patterns give, and lists only running pods', async () => {
    const r = await api.kubectl(['top', 'pods', '-n', 'default']);
    expect(r.stderr).toBe('');
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(rows).toContainEqual(['daily-web', '100m', '102Mi']);
    expect(rows).toContainEqual(['spiky-batch', '600m', '30Mi']);
  });

  it('top pods -A and --containers', async () => {
    const all = table((await api.kubectl(['top', 'pods', '-A'])).stdout);
    expect(all[0]).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(all).toContainEqual(['default', 'daily-web', '100m', '102Mi']);
    // The fixture's pending pod has no sample, as metrics-server has none for it.
    const pending = api.store.list('Pod').filter((p) => (p.status as { phase?: string }).phase !== 'Running');
    for (const p of pending) expect(all.map((row) => row[1])).not.toContain(p.metadata.name);
    const c = table((await api.kubectl(['top', 'pods', '-n', 'default', '--containers'])).stdout);
    expect(c[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(c).toContainEqual(['daily-web', 'app', '100m', '102Mi']);
  });

  it('top pods with a label selector, and a pod metrics-server does not know', async () => {
    const r = table((await api.kubectl(['top', 'pods', '-n', 'default', '-l', 'tier=web'])).stdout);
    expect(r.slice(1).map((x) => x[0])).toEqual(['daily-web']);
    const missing = await api.kubectl(['top', 'pod', 'nope', '-n', 'default']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('pods.metrics.k8s.io "default/nope" not found');
  });

  it('top nodes lists every Ready node with its usage against allocatable', async () => {
    const rows = table((await api.kubectl(['top', 'nodes'])).stdout);
    expect(rows[0].slice(0, 2)).toEqual(['NAME', 'CPU(cores)']);
    const names = rows.slice(1).map((x) => x[0]);
    expect(names).toEqual(expect.arrayContaining(['ip-172-31-10-20.ap-southeast-1.compute.internal', 'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal']));
    // The first node carries both pods above: at least 100m + 600m of their CPU.
    const first = rows.find((x) => x[0] === 'ip-172-31-10-20.ap-southeast-1.compute.internal')!;
    expect(Number(first[1].replace('m', ''))).toBeGreaterThanOrEqual(700);
  });
});

describe('the Metrics API as client-node reads it', () => {
  it('getPodMetrics and getNodeMetrics', async () => {
    const m = new k8s.Metrics(kc);
    const pods = await m.getPodMetrics('default');
    const daily = pods.items.find((p) => p.metadata.name === 'daily-web');
    expect(daily?.containers).toEqual([{ name: 'app', usage: { cpu: '100m', memory: '104858Ki' } }]);
    expect(daily?.window).toBe('15s');
    expect(daily?.timestamp).toBe('2026-11-26T12:00:00Z');
    const nodes = await m.getNodeMetrics();
    expect(nodes.kind).toBe('NodeMetricsList');
    expect(nodes.items.length).toBeGreaterThan(0);
  });

  it('is discoverable, and answers a watch the way metrics-server does (it serves none)', async () => {
    const group = await (await fetchApi('/apis/metrics.k8s.io')).json();
    expect(group.preferredVersion.groupVersion).toBe('metrics.k8s.io/v1beta1');
    const list = await (await fetchApi('/apis')).json();
    expect(list.groups.map((g: { name: string }) => g.name)).toContain('metrics.k8s.io');
    const watch = await fetchApi('/apis/metrics.k8s.io/v1beta1/pods?watch=true');
    expect(watch.status).toBe(405);
  });
});

/** A GET with the kubeconfig's token over the simulator's TLS: status and parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw API documents of several shapes
function fetchApi(path: string, on: TestApi = api): Promise<{ status: number; json(): Promise<Record<string, any>> }> {
  return new Promise((resolve, reject) => {
    const req = https.get(`${on.server.url}${path}`, { ca: on.tls.caCert, headers: { Authorization: `Bearer ${on.token}` }, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: async () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
  });
}

describe.skipIf(!HAVE_KUBECTL)('clusters without a working metrics-server', () => {
  it.each([
    ['off', /Metrics API not available/, 404],
    ['forbidden', /pods\.metrics\.k8s\.io is forbidden: User ".*" cannot list resource "pods" in API group "metrics\.k8s\.io"/, 403],
    // kubectl's discovery finds the group stale and gives up before asking, as on a cluster whose metrics-server is down.
    ['unavailable', /Metrics API not available/, 503],
  ] as const)('--metrics %s', async (mode, message, status) => {
    const other = await startTestApi({ metrics: mode });
    try {
      const r = await other.kubectl(['top', 'pods', '-A']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      const raw = await fetchApi('/apis/metrics.k8s.io/v1beta1/pods', other);
      expect(raw.status).toBe(status);
      if (mode === 'unavailable') expect((await raw.json()).message).toBe('the server is currently unable to handle the request');
    } finally {
      await other.stop();
    }
  });
});
