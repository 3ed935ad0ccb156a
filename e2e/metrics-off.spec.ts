import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ClusterPage } from './pages/cluster-page';

// A cluster without metrics-server: a second demo (simulator started with --metrics off, its own server) beside the
// one playwright.config.ts runs. The usage columns say why they are empty, and nothing else changes.
const ROOT = path.resolve(__dirname, '..');
const PORT = Number(process.env.E2E_PORT ?? 3107) + 202;
const BASE = `http://127.0.0.1:${PORT}`;
const STATE = path.join(ROOT, '.farview/e2e-nometrics');
const DATA = path.join(ROOT, '.farview/e2e-nometrics-data');
let demo: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rmSync(DATA, { recursive: true, force: true });
  demo = spawn(process.execPath, ['scripts/demo.mjs', '--no-build', '--speed', '20', '--state-dir', STATE, '--', '--metrics', 'off'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), FARVIEW_DATA_DIR: DATA, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const deadline = Date.now() + 90_000;
  for (let i = 0; i < 360 && Date.now() < deadline; i++) {
    if (demo.exitCode !== null) throw new Error(`the demo without metrics-server exited with ${demo.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${BASE} did not answer within 90 s`);
});

test.afterAll(async () => {
  if (demo && demo.exitCode === null) {
    const gone = new Promise((r) => demo!.once('exit', r));
    demo.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (demo.exitCode === null) demo.kill('SIGKILL');
  }
  rmSync(DATA, { recursive: true, force: true });
});

test('without metrics-server the usage columns say why, and the rest of the screen is whole', async ({ page }) => {
  const c = new ClusterPage(page);
  await page.goto(`${BASE}/c/eksworkshop?view=pods&ns=test2-fargate&wide=1`);
  await c.waitLive();
  // The banner names the missing piece and how to install it.
  await expect(page.getByText(/Usage \(metrics-server\): metrics-server is not installed/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/components\.yaml/).first()).toBeVisible();
  const row = c.row('nginx-fargate-pod-75fcf896d5-2qxz9');
  await expect(row).toHaveCount(1);
  for (const column of ['CPU', 'MEM', '%CPU/R', '%MEM/R']) {
    const cell = await c.cell(row, column);
    await expect(cell).toHaveText('—');
    await expect(cell).toHaveAttribute('title', 'no usage sample');
  }
  // Everything that does not rest on usage is as on any cluster.
  await expect(await c.cell(row, 'PLACE')).toHaveText('FARGATE');
  await expect(await c.cell(row, 'BILLED')).toHaveText('0.5vCPU 1GB');
  await expect(c.freshness()).toHaveText(/live/);
  await page.screenshot({ path: path.join(__dirname, 'screenshots', 'pods-no-metrics.png') });

  // The cost page: costs as ever, and right-sizing on usage has no history to rest on.
  await page.goto(`${BASE}/c/eksworkshop/cost`);
  const section = page.locator('section[aria-labelledby="usage-rightsizing-title"]');
  await expect(section).toContainText('No workload has enough usage history yet.', { timeout: 20_000 });
  await expect(page.getByTestId('stat-hourly')).toContainText('$0.6073');
});
