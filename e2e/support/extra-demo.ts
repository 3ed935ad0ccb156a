import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A second demo beside the one playwright.config.ts runs: its own simulator (another scenario, other flags) and
 * its own server on another port, for specs that need a different cluster. Started in beforeAll, stopped in
 * afterAll; its data directory is fresh each time.
 */
export interface ExtraDemo {
  base: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

export async function startExtraDemo(opts: { portOffset: number; name: string; scenario?: string; simArgs?: string[] }): Promise<ExtraDemo> {
  const port = Number(process.env.E2E_PORT ?? 3107) + opts.portOffset;
  const base = `http://127.0.0.1:${port}`;
  const state = path.join(ROOT, `.farview/e2e-${opts.name}`);
  const data = path.join(ROOT, `.farview/e2e-${opts.name}-data`);
  rmSync(data, { recursive: true, force: true });
  const args = ['scripts/demo.mjs', '--no-build', '--speed', '20', '--state-dir', state, ...(opts.scenario ? ['--scenario', opts.scenario] : []), ...(opts.simArgs?.length ? ['--', ...opts.simArgs] : [])];
  const demo: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), FARVIEW_DATA_DIR: data, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const stop = async () => {
    if (demo.exitCode === null) {
      const gone = new Promise((r) => demo.once('exit', r));
      demo.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (demo.exitCode === null) demo.kill('SIGKILL');
    }
    rmSync(data, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (let i = 0; i < 360 && Date.now() < deadline; i++) {
    if (demo.exitCode !== null) throw new Error(`the ${opts.name} demo exited with ${demo.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`${base} did not answer within 90 s`);
}
