import { execFile } from 'node:child_process';
/**
 * The whole simulator wired together: startSim in-process (what other integration tests use) and the
 * `sim/main.ts` process (what `npm run sim` and the demo run).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { EKSClient, ListFargateProfilesCommand } from '@aws-sdk/client-eks';
import { describe, expect, it } from 'vitest';
import { startSim } from './harness';

describe('startSim', () => {
  it('starts eksworkshop and writes a kubeconfig and AWS environment that clients can use', async () => {
    const sim = await startSim({ scenario: 'eksworkshop', speed: 20 });
    try {
      expect(existsSync(sim.kubeconfigPath)).toBe(true);
      const kubeconfig = readFileSync(sim.kubeconfigPath, 'utf8');
      expect(kubeconfig).toContain('current-context: eksworkshop');
      expect(kubeconfig).toMatch(/server: https:\/\/127\.0\.0\.1:\d+/);
      expect(kubeconfig).toContain('certificate-authority-data: ');

      const kc = new k8s.KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      expect(kc.getCurrentContext()).toBe('eksworkshop');
      const pods = await kc.makeApiClient(k8s.CoreV1Api).listPodForAllNamespaces();
      expect(pods.items.length).toBe(sim.ctx.store.count('Pod'));
      expect(pods.items.some((p) => p.spec?.schedulerName === 'fargate-scheduler')).toBe(true);

      const env = sim.awsEnv;
      expect(env).toMatchObject({ AWS_REGION: 'ap-southeast-1', AWS_ACCESS_KEY_ID: expect.any(String), AWS_SECRET_ACCESS_KEY: expect.any(String) });
      // The global endpoint as well: a service the simulator lacks answers from here, never from AWS.
      for (const k of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_PRICING', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2', 'AWS_ENDPOINT_URL_EC2']) {
        expect(env[k]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      }
      // Asynchronously: the simulator answers from this process.
      const sts = await new Promise<{ stderr: string }>((resolve) =>
        execFile('aws', ['sts', 'get-caller-identity'], { encoding: 'utf8', timeout: 30_000, env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: sim.stateDir, AWS_MAX_ATTEMPTS: '1', ...env } }, (_e, _out, stderr) => resolve({ stderr: String(stderr) })),
      );
      expect(sts.stderr).toContain("this endpoint serves eks, pricing, elasticloadbalancing and ec2, not 'sts'");
      const envFile = readFileSync(path.join(sim.stateDir, 'aws.env'), 'utf8');
      expect(envFile).toContain(`AWS_ENDPOINT_URL_EKS=${env.AWS_ENDPOINT_URL_EKS}\n`);

      const eks = new EKSClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_EKS, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } });
      const profiles = await eks.send(new ListFargateProfilesCommand({ clusterName: 'eksworkshop' }));
      expect(profiles.fargateProfileNames?.length).toBeGreaterThan(0);
      eks.destroy();
    } finally {
      await sim.stop();
    }
    expect(existsSync(sim.stateDir)).toBe(false);
  }, 60_000);

  it('applies --faults to the Kubernetes API', async () => {
    const sim = await startSim({ scenario: 'empty', faults: 'throttle=1' });
    try {
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      const err = await kc
        .makeApiClient(k8s.CoreV1Api)
        .listNode()
        .then(
          () => null,
          (e: unknown) => e as k8s.ApiException<string>,
        );
      expect(err?.code).toBe(429);
      expect(sim.faults.counts.throttles).toBeGreaterThan(0);
    } finally {
      await sim.stop();
    }
  }, 60_000);
});

const TSX = path.resolve('node_modules/.bin/tsx');

function runMain(args: string[], opts: { stopWhenReady?: boolean; timeoutMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['sim/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (opts.stopWhenReady && stdout.includes('\n')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('sim/main.ts', () => {
  it('exits 2 with one line for bad arguments', async () => {
    const r = await runMain(['--scenario', 'eksworkshop', '--speed', 'fast']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sim: --speed fast: expected a number\n');
  }, 60_000);

  it('prints exactly one ready line, writes the files, and shuts down cleanly on SIGTERM', async () => {
    const dir = path.join(await import('node:os').then((os) => os.tmpdir()), `farview-main-${process.pid}`);
    const r = await runMain(['--scenario', 'empty', '--state-dir', dir], { stopWhenReady: true });
    expect(r.stdout).toBe(`sim ready kubeconfig=${dir}/kubeconfig env=${dir}/aws.env\n`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('SIGTERM, shutting down');
    expect(readFileSync(path.join(dir, 'kubeconfig'), 'utf8')).toContain('certificate-authority-data');
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  }, 90_000);
});
