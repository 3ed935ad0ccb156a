/**
 * The official Python client (Debian's python3-kubernetes, unmodified) against the simulated API server: a list in
 * pages with limit and continue, and a watch from a resourceVersion that receives the change made after it. The
 * client sends `watch=True`, which the API server reads as true.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './test-support/api-server';

/** Debian's interpreter: python3-kubernetes installs for it (.ci/run installs the package). */
const PYTHON = '/usr/bin/python3';

const SCRIPT = String.raw`
import json, sys, threading, time
from kubernetes import client, config, watch
config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
names, token, pages = [], None, 0
while pages < 20:
    r = v1.list_pod_for_all_namespaces(limit=2, _continue=token)
    pages += 1
    names += [p.metadata.name for p in r.items]
    token = r.metadata._continue
    if not token:
        break
rv = v1.list_namespaced_pod('test2-fargate').metadata.resource_version
print(json.dumps({'names': names, 'pages': pages, 'rv': rv}), flush=True)
sys.stdin.readline()
events = []
for e in watch.Watch().stream(v1.list_namespaced_pod, 'test2-fargate', resource_version=rv, timeout_seconds=10):
    events.append([e['type'], e['object'].metadata.name, e['object'].metadata.labels.get('step')])
    break
print(json.dumps({'events': events}), flush=True)
`;

// Skipped, and said so, where the package is not installed; CI installs it.
const HAVE = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import kubernetes'], { timeout: 20_000 }).status === 0;
if (!HAVE) it.skip(`${PYTHON} cannot import kubernetes: apt-get install python3-kubernetes`, () => undefined);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

describe.skipIf(!HAVE)('the official Python client', () => {
  it('lists in pages with limit and continue, and watches from a resourceVersion', async () => {
    const out: string[] = [];
    let step: (() => void) | null = null;
    const done = new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(PYTHON, ['-c', SCRIPT, api.kubeconfig], { timeout: 60_000, encoding: 'utf8', env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: api.dir } }, (err, _stdout, stderr) =>
        resolve({ code: err ? 1 : 0, stderr }),
      );
      child.stdout?.on('data', (d: Buffer) => {
        out.push(...d.toString().split('\n').filter(Boolean));
        if (out.length === 1) step?.();
      });
      step = () => {
        // The change the watch must see, made after the client read its resourceVersion.
        api.store.mutate('Pod', 'test2-fargate', 'nginx-pending', (o) => {
          o.metadata.labels = { ...o.metadata.labels, step: 'py' };
        });
        child.stdin?.write('\n');
      };
    });
    const r = await done;
    expect(r.stderr).toBe('');
    const listed = JSON.parse(out[0]) as { names: string[]; pages: number };
    const all = api.store.list('Pod').map((p) => p.metadata.name);
    expect([...listed.names].sort()).toEqual([...all].sort());
    expect(listed.pages).toBe(Math.ceil(all.length / 2));
    expect(JSON.parse(out[1])).toEqual({ events: [['MODIFIED', 'nginx-pending', 'py']] });
  });
});
