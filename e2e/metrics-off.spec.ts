import { expect, test } from '@playwright/test';
import path from 'node:path';
import { ClusterPage } from './pages/cluster-page';
import { startExtraDemo, type ExtraDemo } from './support/extra-demo';

// A cluster without metrics-server: a second demo (simulator started with --metrics off, its own server) beside the
// one playwright.config.ts runs. The usage columns say why they are empty, and nothing else changes.
let demo: ExtraDemo | undefined;
let BASE = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startExtraDemo({ portOffset: 202, name: 'nometrics', simArgs: ['--metrics', 'off'] });
  BASE = demo.base;
});

test.afterAll(async () => {
  await demo?.stop();
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
  // 0.4224 (two t3.xlarge) + 0.18486 (four Fargate pods) + 0.60 (the control plane of Kubernetes 1.28, past extended support).
  await expect(page.getByTestId('stat-hourly')).toContainText('$1.21/h');
});
