/**
 * Two replicas of the production server on one PostgreSQL, as deploy/ runs them: a report shared on one opens on
 * the other (page, JSON and CSV), and a session signed in on one is honoured by the other (one
 * FARVIEW_SESSION_SECRET). Needs a production build and a database, so it is opt-in:
 *
 *   eval "$(bash scripts/ci-postgres.sh)"; npx next build
 *   FARVIEW_REPLICA_TEST=1 npx vitest run tests/replicas.int.test.ts
 *
 * (FARVIEW_DIST_DIR picks another build directory, as next.config.js does.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '@/sim/harness';

const ROOT = path.resolve(__dirname, '..');
const DIST = process.env.FARVIEW_DIST_DIR || '.next';
const DB = process.env.FARVIEW_TEST_DATABASE_URL;
const ON = process.env.FARVIEW_REPLICA_TEST === '1';
const EDITOR = 'replica-editor-token-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Replica {
  child: ChildProcess;
  base: string;
  log: string[];
}

async function startReplica(env: NodeJS.ProcessEnv): Promise<Replica> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => log.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => log.push(c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (let i = 0; i < 360 && Date.now() < deadline; i++) {
    if (child.exitCode !== null) throw new Error(`replica exited ${child.exitCode}: ${log.join('')}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, log };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`replica on ${port} did not start: ${log.join('')}`);
}

async function stop(r: Replica | undefined): Promise<void> {
  if (!r || r.child.exitCode !== null) return;
  const gone = new Promise((res) => r.child.once('exit', res));
  r.child.kill('SIGTERM');
  await Promise.race([gone, new Promise((res) => setTimeout(res, 5000))]);
  if (r.child.exitCode === null) r.child.kill('SIGKILL');
}

describe.skipIf(!ON || !DB || !existsSync(path.join(ROOT, DIST, 'BUILD_ID')))('two replicas on one PostgreSQL', () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  let a: Replica | undefined;
  let b: Replica | undefined;
  let dataDir: string;

  beforeAll(async () => {
    sim = await startSim({ scenario: 'eksworkshop', speed: 20, seed: 61 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'farview-replicas-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...sim.awsEnv,
      KUBECONFIG: sim.kubeconfigPath,
      HOME: sim.stateDir,
      DATABASE_URL: DB,
      FARVIEW_DATA_DIR: dataDir,
      FARVIEW_AUTH_TOKENS: `ops:editor:${EDITOR}`,
      FARVIEW_SESSION_SECRET: 'one-secret-shared-by-both-replicas-0123',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    delete env.FARVIEW_CONTEXT;
    // Started one after the other: both run the store's migrations on first use, which must be safe to race,
    // but the machine is small.
    a = await startReplica(env);
    b = await startReplica(env);
  }, 240_000);

  afterAll(async () => {
    await stop(a);
    await stop(b);
    await sim?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a report shared on one replica opens on the other, and one sign-in is good on both', async () => {
    if (!a || !b) throw new Error('replicas not started');
    const signin = await fetch(`${a.base}/api/auth/signin`, { method: 'POST', headers: { Origin: a.base, 'Content-Type': 'application/json' }, body: JSON.stringify({ token: EDITOR }) });
    expect(signin.status).toBe(200);
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^farview_session=v1\./);

    // The cluster must be synced on A before a report can freeze it.
    let share: Response | undefined;
    for (let i = 0; i < 20; i++) {
      share = await fetch(`${a.base}/api/reports`, { method: 'POST', headers: { Origin: a.base, Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ context: 'eksworkshop', query: { by: 'namespace' }, title: 'replica check' }) });
      if (share.status !== 503) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(share?.status).toBe(201);
    const made = (await share?.json()) as { id: string; url: string };

    // B never saw the request, only the database.
    const json = await fetch(`${b.base}/api/reports/${made.id}`, { headers: { Cookie: cookie } });
    expect(json.status).toBe(200);
    const body = (await json.json()) as { id: string; title: string; context: string };
    expect(body).toMatchObject({ id: made.id, title: 'replica check', context: 'eksworkshop' });
    const page = await fetch(`${b.base}${made.url}`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('replica check');
    const csv = await fetch(`${b.base}/api/reports/${made.id}/csv`, { headers: { Cookie: cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const list = (await (await fetch(`${b.base}/api/reports?limit=200`, { headers: { Cookie: cookie } })).json()) as { reports: { id: string }[] };
    expect(list.reports.map((r) => r.id)).toContain(made.id);
    // Both replicas are ready on the shared store; the details are for signed-in callers, probes see verdicts.
    for (const r of [a, b]) {
      expect((await (await fetch(`${r.base}/api/ready`, { headers: { Cookie: cookie } })).json()) as { checks: { store: { detail: string } } }).toMatchObject({ checks: { store: { ok: true, detail: 'postgres' } } });
      expect(await (await fetch(`${r.base}/api/ready`)).json()).toEqual({ ok: true, checks: { store: { ok: true }, cluster: { ok: true }, auth: { ok: true } } });
    }
  }, 120_000);
});
