/**
 * The copyable patches through unmodified kubectl, offline: `--local` makes kubectl apply `set resources` and a
 * strategic merge patch to a manifest file without a cluster, so this proves the commands and the patch are ones
 * kubectl accepts and that they change the requests and nothing else.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workloadPatch, type InPlacePatch, type RecreatePatch } from './patch';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const MI = 1024 ** 2;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - name: envoy
        image: envoyproxy/envoy:v1.31
        restartPolicy: Always
        resources: {requests: {cpu: 100m, memory: 128Mi}}
      containers:
      - name: nginx
        image: nginx:1.25
        resources:
          requests: {cpu: 500m, memory: 512Mi}
          limits: {cpu: "1"}
      - name: logger
        image: busybox:1.36
        resources: {requests: {cpu: 50m, memory: 64Mi}}
`;

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            resources: {requests: {cpu: "2", memory: 4Gi}}
`;

const POD = `apiVersion: v1
kind: Pod
metadata: {name: solo, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources: {requests: {cpu: 300m, memory: 300Mi}}
  - name: helper
    image: busybox:1.36
`;

let dir = '';
const env = () => ({ ...process.env, HOME: dir, KUBECONFIG: path.join(dir, 'no-kubeconfig') });

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: dir, env: env(), timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function kubectl(args: string[]): Promise<Record<string, unknown>> {
  const r = await run(KUBECTL, args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return parse(r.stdout) as Record<string, unknown>;
}

type Container = { name: string; resources?: unknown };
const podSpec = (o: Record<string, unknown>) => (o as { spec: { template: { spec: { containers: Container[]; initContainers?: Container[] } } } }).spec.template.spec;
const byName = (list: Container[] | undefined) => Object.fromEntries((list ?? []).map((c) => [c.name, c.resources]));

/** The flags after `kubectl set resources <kind>/<name> -n <ns>` (names are validated, so splitting on spaces is safe). */
const flagsOf = (command: string) => command.split(' ').slice(6);
/** The JSON between the single quotes of `-p '…'`. */
const jsonOf = (command: string) => /-p '(.*)'$/.exec(command)![1];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'farview-patch-'));
  await writeFile(path.join(dir, 'deploy.yaml'), DEPLOYMENT);
  await writeFile(path.join(dir, 'cronjob.yaml'), CRONJOB);
  await writeFile(path.join(dir, 'pod.yaml'), POD);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(KUBECTL))('kubectl accepts the patches (offline, --local)', () => {
  const deployment = workloadPatch({
    namespace: 'shop',
    kind: 'Deployment',
    name: 'web',
    containers: [
      { container: 'nginx', requests: { cpuMillis: 120, memoryBytes: 96 * MI } },
      { container: 'envoy', role: 'sidecar', requests: { cpuMillis: 25, memoryBytes: 60 * MI } },
    ],
  }) as InPlacePatch;

  // What both ways must produce: the two requests changed, nginx's limit and the logger untouched.
  const expected = {
    containers: {
      nginx: { requests: { cpu: '120m', memory: '96Mi' }, limits: { cpu: '1' } },
      logger: { requests: { cpu: '50m', memory: '64Mi' } },
    },
    initContainers: { envoy: { requests: { cpu: '25m', memory: '60Mi' } } },
  };

  it('kubectl set resources, one command per container, chained on the manifest', async () => {
    let file = 'deploy.yaml';
    let out: Record<string, unknown> = {};
    for (const [i, command] of deployment.setResources.entries()) {
      expect(command).toMatch(/^kubectl set resources deployment\/web -n shop -c=/);
      out = await kubectl(['set', 'resources', '-f', file, '--local', ...flagsOf(command), '-o', 'yaml']);
      file = `step-${i}.yaml`;
      await writeFile(path.join(dir, file), JSON.stringify(out));
    }
    const spec = podSpec(out);
    expect({ containers: byName(spec.containers), initContainers: byName(spec.initContainers) }).toEqual(expected);
  });

  it('kubectl patch --type strategic with the one-liner JSON, and with the YAML', async () => {
    const viaJson = podSpec(await kubectl(['patch', '-f', 'deploy.yaml', '--local', '--type', 'strategic', '-p', jsonOf(deployment.patchCommand), '-o', 'yaml']));
    expect({ containers: byName(viaJson.containers), initContainers: byName(viaJson.initContainers) }).toEqual(expected);
    await writeFile(path.join(dir, 'patch.yaml'), deployment.yaml);
    const viaFile = podSpec(await kubectl(['patch', '-f', 'deploy.yaml', '--local', '--type', 'strategic', '--patch-file', 'patch.yaml', '-o', 'yaml']));
    expect({ containers: byName(viaFile.containers), initContainers: byName(viaFile.initContainers) }).toEqual(expected);
  });

  it('a CronJob, through its job template', async () => {
    const p = workloadPatch({ namespace: 'shop', kind: 'CronJob', name: 'nightly', containers: [{ container: 'report', requests: { cpuMillis: 1000, memoryBytes: 1024 * MI } }] }) as InPlacePatch;
    const jobSpec = (o: Record<string, unknown>) => (o as { spec: { jobTemplate: { spec: { template: { spec: { containers: Container[] } } } } } }).spec.jobTemplate.spec.template.spec;
    const want = { report: { requests: { cpu: '1', memory: '1Gi' } } };
    expect(byName(jobSpec(await kubectl(['set', 'resources', '-f', 'cronjob.yaml', '--local', ...flagsOf(p.setResources[0]), '-o', 'yaml'])).containers)).toEqual(want);
    expect(byName(jobSpec(await kubectl(['patch', '-f', 'cronjob.yaml', '--local', '--type', 'strategic', '-p', jsonOf(p.patchCommand), '-o', 'yaml'])).containers)).toEqual(want);
  });

  it("a bare Pod: the recreate pipeline writes the new manifest (with the Pod read from a file instead of the cluster)", async () => {
    const p = workloadPatch({
      namespace: 'shop',
      kind: 'Pod',
      name: 'solo',
      containers: [
        { container: 'app', requests: { cpuMillis: 40, memoryBytes: 48 * MI } },
        { container: 'helper', requests: { cpuMillis: 10, memoryBytes: 32 * MI } },
      ],
    }) as RecreatePatch;
    const pipeline = p.setResources[0].replace('kubectl get pod solo -n shop -o yaml', 'cat pod.yaml').replaceAll('kubectl ', `${KUBECTL} `);
    const r = await run('bash', ['-o', 'pipefail', '-c', pipeline]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pod = parse(await readFile(path.join(dir, 'solo.yaml'), 'utf8')) as { kind: string; spec: { containers: Container[] } };
    expect(pod.kind).toBe('Pod');
    expect(byName(pod.spec.containers)).toEqual({ app: { requests: { cpu: '40m', memory: '48Mi' } }, helper: { requests: { cpu: '10m', memory: '32Mi' } } });
  });
});
