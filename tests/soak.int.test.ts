/**
 * Resilience soak (opt-in: FARVIEW_SOAK=1; FARVIEW_SOAK_MINUTES, default 5). The simulator runs as its own process
 * (`npm run sim`) with every fault it can inject — watches ended and reset, watch history expired (410 and relist),
 * 5 % of requests failing with 500, 3 % throttled with 429, 5–40 ms latency — so this process holds only the
 * dashboard's ClusterSource and its heap says something about it alone. Churn is driven through the API as a user
 * would: pods deleted, Deployments scaled up and down, on EC2 and on Fargate.
 *
 * Afterwards the view must equal what the API server and EKS say, pod by pod (uid, placement, node,
 * CapacityProvisioned, billed size, $/h) and profile by profile; a client that applied every live delta must hold
 * the same view; and the heap must not climb.
 *
 *   FARVIEW_SOAK=1 FARVIEW_SOAK_MINUTES=5 npx vitest run tests/soak.int.test.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DescribeFargateProfileCommand, ListFargateProfilesCommand } from '@aws-sdk/client-eks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClients } from '@/lib/server/aws';
import { ClusterSource } from '@/lib/server/cluster-source';
import { waitFor } from '@/tests/test-support/sim-source';
import { applyDelta } from '@/lib/view/delta';
import type { ClusterView, ViewDelta } from '@/lib/view/model';

const ON = process.env.FARVIEW_SOAK === '1';
const MINUTES = Number(process.env.FARVIEW_SOAK_MINUTES ?? 5);
const FAULTS = 'drop-watch=20s,reset-watch=45s,error=0.05,throttle=0.03,retry-after=1,latency=5ms-40ms,expire=60s';
const ROOT = path.resolve(__dirname, '..');
// ap-southeast-1 Fargate list prices (docs/fargate-facts.md): per vCPU-hour and per GB-hour.
const VCPU_HOUR = 0.05056;
const GB_HOUR = 0.00553;
const DEPLOYMENTS: [string, string][] = [
  ['test1-ec2nodegroup', 'nginx-ec2nodegroup'],
  ['test2-fargate', 'nginx-fargate-pod'],
  ['test3-mixed', 'nginx-mixed-fargate'],
  ['test3-mixed', 'nginx-mixed-ec2'],
];

let dir: string;
let simProc: ChildProcess | undefined;
let kubeEnv: NodeJS.ProcessEnv;
let awsEnv: Record<string, string>;
let source: ClusterSource | undefined;

/** kubectl against the simulator, without blocking this process; retried while the injected faults get in the way. */
async function kubectl(args: string[], tries = 6): Promise<string> {
  let last = '';
  for (let i = 0; i < tries; i++) {
    const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const c = spawn('kubectl', args, { env: kubeEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      const t = setTimeout(() => c.kill('SIGKILL'), 30_000);
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      c.stderr.on('data', (d: Buffer) => (err += d.toString()));
      c.on('close', (code) => {
        clearTimeout(t);
        resolve({ code, out, err });
      });
    });
    if (r.code === 0) return r.out;
    last = r.err;
    await new Promise((res) => setTimeout(res, 300));
  }
  throw new Error(`kubectl ${args.join(' ')}: ${last}`);
}

describe.skipIf(!ON)('soak: faults and churn for several minutes', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'farview-soak-'));
    simProc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['sim/main.ts', '--scenario', 'eksworkshop', '--speed', '20', '--seed', '51', '--faults', FAULTS, '--state-dir', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    simProc.stderr?.resume();
    const ready = await new Promise<string>((resolve, reject) => {
      let buf = '';
      const t = setTimeout(() => reject(new Error('the simulator did not start in 60 s')), 60_000);
      simProc?.stdout?.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes('sim ready')) {
          clearTimeout(t);
          resolve(buf);
        }
      });
    });
    expect(ready).toContain('sim ready');
    awsEnv = {};
    for (const line of (await readFile(path.join(dir, 'aws.env'), 'utf8')).split('\n')) {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (m) awsEnv[m[1]] = m[2];
    }
    kubeEnv = { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig'), HOME: dir };
    source = new ClusterSource({ context: 'eksworkshop', env: { KUBECONFIG: path.join(dir, 'kubeconfig'), HOME: dir, ...awsEnv }, awsEnv, pollMs: 3000, flushMs: 250 });
    source.start();
    await source.ready(60_000);
  }, 120_000);

  afterAll(async () => {
    await source?.stop();
    if (simProc && simProc.exitCode === null) {
      const gone = new Promise((r) => simProc?.once('exit', r));
      simProc.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 6000))]);
      if (simProc.exitCode === null) simProc.kill('SIGKILL');
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'converges to the API server and EKS with a heap that does not climb',
    async () => {
      const src = source as ClusterSource;
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;

      // A live client: the first snapshot, then every delta, as the browser applies them.
      let client: ClusterView = src.snapshot().view;
      let lastSeq = src.seq;
      let applied = 0;
      const off = src.subscribe((d: ViewDelta) => {
        if (d.seq <= lastSeq) return;
        client = applyDelta(client, d);
        lastSeq = d.seq;
        applied++;
      });

      const samples: { t: number; heapMB: number }[] = [];
      const started = Date.now();
      const end = started + MINUTES * 60_000;
      let churned = 0;
      let churnFailures = 0;
      let syncStamps = new Set<string>();
      for (let i = 0; i < MINUTES * 60 + 10 && Date.now() < end; i++) {
        // About once a second: delete a pod (its Deployment replaces it), or rescale a Deployment to 1–4.
        try {
          if (i % 7 === 3) {
            const [ns, name] = DEPLOYMENTS[i % DEPLOYMENTS.length];
            await kubectl(['scale', 'deployment', '-n', ns, name, `--replicas=${1 + (i % 4)}`], 2);
          } else {
            const pods = src.snapshot().view.pods.filter((p) => p.namespace.startsWith('test'));
            const p = pods[i % Math.max(1, pods.length)];
            if (p) await kubectl(['delete', 'pod', '-n', p.namespace, p.name, '--wait=false'], 2);
          }
          churned++;
        } catch {
          churnFailures++; // the injected faults refuse some; that is the point
        }
        await new Promise((r) => setTimeout(r, 700));
        syncStamps.add(src.statusOf('pods')?.lastSyncAt ?? '');
        if (i % 15 === 0) {
          gc();
          samples.push({ t: Math.round((Date.now() - started) / 1000), heapMB: process.memoryUsage().heapUsed / 2 ** 20 });
        }
      }
      const relists = syncStamps.size;
      syncStamps = new Set();

      // Churn stops; faults go on while the view settles. The truth is what the API server answers.
      const apiPods = async () => {
        const nodes = JSON.parse(await kubectl(['get', 'nodes', '-o', 'json'])) as { items: { metadata: { name: string; labels?: Record<string, string> } }[] };
        const fargate = new Set(nodes.items.filter((n) => n.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'fargate').map((n) => n.metadata.name));
        const pods = JSON.parse(await kubectl(['get', 'pods', '-A', '-o', 'json'])) as {
          items: { metadata: { uid: string; namespace: string; name: string; annotations?: Record<string, string> }; spec: { nodeName?: string }; status?: { phase?: string } }[];
        };
        return pods.items
          .map((p) => {
            const node = p.spec.nodeName ?? null;
            const phase = p.status?.phase;
            const placement = node ? (fargate.has(node) ? 'fargate' : 'ec2') : phase === 'Succeeded' || phase === 'Failed' ? 'other' : 'pending';
            return `${p.metadata.uid} ${p.metadata.namespace}/${p.metadata.name} ${placement} ${node ?? '-'} ${p.metadata.annotations?.CapacityProvisioned ?? '-'}`;
          })
          .sort();
      };
      const viewPods = (v: ClusterView) => v.pods.map((p) => `${p.id} ${p.namespace}/${p.name} ${p.placement} ${p.nodeName ?? '-'} ${p.capacityProvisioned ?? '-'}`).sort();
      const settled = await waitFor(
        'the view to equal the API server',
        async () => {
          const want = await apiPods();
          const got = viewPods(src.snapshot().view);
          return want.length > 0 && JSON.stringify(want) === JSON.stringify(got) ? got : undefined;
        },
        180_000,
        1000,
      );

      // Profiles as EKS reports them (through the same faults, retried by the SDK).
      const eks = awsClients(awsEnv.AWS_REGION, awsEnv);
      const eksProfiles = async () => {
        const names = (await eks.eks.send(new ListFargateProfilesCommand({ clusterName: 'eksworkshop' }))).fargateProfileNames ?? [];
        const out: string[] = [];
        for (const n of names) out.push(`${n} ${(await eks.eks.send(new DescribeFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: n }))).fargateProfile?.status}`);
        return out.sort();
      };
      await waitFor(
        'profiles to match EKS',
        async () => JSON.stringify(src.snapshot().view.profiles.map((p) => `${p.name} ${p.status}`).sort()) === JSON.stringify(await eksProfiles()),
        60_000,
        1000,
      );
      eks.destroy();

      const { view } = src.snapshot();
      // Sizes and money: each Fargate pod is billed what its annotation says, at the region's list price.
      let fargatePods = 0;
      for (const p of view.pods) {
        if (p.placement !== 'fargate' || !p.capacityProvisioned) continue;
        fargatePods++;
        const m = /^([\d.]+)vCPU ([\d.]+)GB$/.exec(p.capacityProvisioned);
        expect(m, p.capacityProvisioned).not.toBeNull();
        const [vcpu, gb] = [Number(m?.[1]), Number(m?.[2])];
        expect(p.billedSize).toEqual({ vcpu, memoryGiB: gb });
        expect(p.costBasis).toBe('fargate');
        expect(p.hourlyUSD).toBeCloseTo(vcpu * VCPU_HOUR + gb * GB_HOUR, 9);
      }
      for (const p of view.pods.filter((x) => x.placement === 'ec2')) expect(p.costBasis).toBe('ec2-share');
      expect(fargatePods).toBeGreaterThan(0);
      expect(new Set(view.pods.map((p) => p.id)).size).toBe(view.pods.length);
      expect(view.totals.fargate.pods).toBe(view.pods.filter((p) => p.placement === 'fargate').length);

      // The live client saw the same thing through deltas alone.
      await new Promise((r) => setTimeout(r, 600));
      src.flush();
      off();
      expect(viewPods(client)).toEqual(viewPods(src.snapshot().view));
      expect(client.pods.map((p) => `${p.id} ${p.hourlyUSD}`).sort()).toEqual(src.snapshot().view.pods.map((p) => `${p.id} ${p.hourlyUSD}`).sort());

      // Memory: after the first minute (caches warm), no steady climb between the two halves of the run.
      gc();
      const warm = samples.filter((s) => s.t >= 60);
      const half = Math.floor(warm.length / 2);
      const avg = (xs: typeof samples) => xs.reduce((a, s) => a + s.heapMB, 0) / Math.max(1, xs.length);
      const summary = {
        minutes: MINUTES,
        faults: FAULTS,
        churnActions: churned,
        churnRefusedByFaults: churnFailures,
        relists,
        deltasApplied: applied,
        pods: settled.length,
        fargatePods,
        heapMB: samples.map((s) => `${s.t}s:${s.heapMB.toFixed(1)}`).join(' '),
        firstHalfAvgMB: avg(warm.slice(0, Math.max(1, half))).toFixed(1),
        secondHalfAvgMB: avg(warm.slice(half)).toFixed(1),
        finalMB: (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1),
      };
      console.log(`soak summary ${JSON.stringify(summary)}`);
      expect(churned).toBeGreaterThan(MINUTES * 10);
      expect(relists).toBeGreaterThan(1);
      expect(avg(warm.slice(half))).toBeLessThan(avg(warm.slice(0, Math.max(1, half))) * 1.2 + 8);
    },
    (MINUTES + 8) * 60_000,
  );
});
