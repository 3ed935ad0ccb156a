import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible } from './a11y';
import { CostPage } from './pages/cost-page';

// The simulator runs the seed's eksworkshop cluster (sim/scenarios/eksworkshop.ts) in ap-southeast-1: two
// t3.xlarge nodes in node group managed-ng, and four Fargate pods — nginx-fargate-pod ×2 (500m / 750M →
// 0.5vCPU 1GB) and nginx-mixed-fargate ×2 (1 CPU / 1750M → 1vCPU 2GB). Expected prices are worked out from the
// ap-southeast-1 list prices of docs/fargate-facts.md: $0.05056 per vCPU-hour, $0.00553 per GB-hour, t3.xlarge
// $0.2112 per hour. Other specs share the cluster, so this one checks the seed's workloads by name and works in
// objects of its own.
const CONTEXT = 'eksworkshop';
const ROOT = path.resolve(__dirname, '..');
const SCREENSHOTS = path.join(__dirname, 'screenshots');
const KUBECONFIG = process.env.E2E_KUBECONFIG ?? path.join(ROOT, '.farview', 'e2e', 'kubeconfig');

function kubectl(args: string[], input?: string): string {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'kubectl-cache-'));
  try {
    return execFileSync('kubectl', ['--kubeconfig', KUBECONFIG, '--cache-dir', cache, '--request-timeout', '20s', ...args], { encoding: 'utf8', timeout: 30_000, input });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

async function share(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toBeVisible({ timeout: 30_000 });
  const url = await link.inputValue();
  expect(url).toMatch(/\/reports\/[A-Za-z0-9_-]{22}$/);
  return url;
}

test.describe('cost view, what-if and shared reports', () => {
  // The report store opens on first use, and a fresh embedded PostgreSQL (initdb) can take a minute on a busy
  // machine: open it once up front so the Share steps measure sharing, not initdb.
  test.beforeAll(async ({ request }) => {
    test.setTimeout(180_000);
    const res = await request.get('/api/reports?limit=1', { timeout: 170_000 });
    expect(res.status()).toBe(200);
  });

  test('the cost view prices the seed’s cluster, and its rows add up to the total', async ({ page }) => {
    const cost = new CostPage(page);
    await cost.open('by=workload');

    // nginx-fargate-pod: 2 × (0.5 × 0.05056 + 1 × 0.00553) = 2 × 0.03081 = 0.06162/h on 1 vCPU / 2 GB billed in all.
    const fp = cost.row('wl:test2-fargate/Deployment/nginx-fargate-pod');
    await expect(fp).toHaveCount(1);
    expect(await cost.hourly(fp)).toBeCloseTo(0.06162, 8);
    await expect(fp).toContainText('1 vCPU / 2 GB');
    // nginx-mixed-fargate: 2 × (1 × 0.05056 + 2 × 0.00553) = 2 × 0.06162 = 0.12324/h on 2 vCPU / 4 GB.
    const mixed = cost.row('wl:test3-mixed/Deployment/nginx-mixed-fargate');
    expect(await cost.hourly(mixed)).toBeCloseTo(0.12324, 8);
    await expect(mixed).toContainText('2 vCPU / 4 GB');

    // Every figure says which prices and which moment.
    // The simulated account answers the Price List API, so the figures say so (no Spot nodes in the seed).
    await expect(page.getByTestId('provenance')).toHaveText(/^List prices ap-southeast-1 \(AWS Price List API at \d{4}-\d\d-\d\d \d\d:\d\d UTC\) · at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);

    // The rows (pods and idle EC2 capacity) add up to the total.
    const perRow = await cost.rows().evaluateAll((rows) => rows.map((r) => Number(r.querySelector('[data-testid="hourly"]')?.getAttribute('data-usd'))));
    const total = await cost.hourly(cost.total());
    expect(perRow.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 8);
    await cost.screenshot('cost-workload');

    // By pod: the total is the sum of every pod's cost and each node's idle share.
    await page.keyboard.press('6');
    await expect(page).toHaveURL(/by=pod/);
    await expect(cost.row('pod:test2-fargate/nginx-fargate-pod-75fcf896d5-2qxz9')).toHaveCount(1);
    expect(await cost.hourly(cost.row('pod:test2-fargate/nginx-fargate-pod-75fcf896d5-2qxz9'))).toBeCloseTo(0.03081, 8);
    const pods = await cost.rows().evaluateAll((rows) => rows.map((r) => Number(r.querySelector('[data-testid="hourly"]')?.getAttribute('data-usd'))));
    expect(pods.reduce((a, b) => a + b, 0)).toBeCloseTo(await cost.hourly(cost.total()), 8);

    // By node pool: managed-ng's pods and its idle capacity are the two t3.xlarge nodes, 2 × 0.2112 = 0.4224/h.
    await page.keyboard.press('4');
    await expect(page).toHaveURL(/by=pool/);
    const ng = (await cost.hourly(cost.row('np:nodegroup/managed-ng'))) + (await cost.hourly(cost.row('idle:np:nodegroup/managed-ng')));
    expect(ng).toBeCloseTo(0.4224, 8);
    // By capacity type: the same two nodes are all the On-Demand capacity.
    await page.keyboard.press('5');
    await expect(page).toHaveURL(/by=capacity/);
    const od = (await cost.hourly(cost.row('cap:On-Demand'))) + (await cost.hourly(cost.row('idle:cap:On-Demand')));
    expect(od).toBeCloseTo(0.4224, 8);

    // By namespace, with the charts and the idle row on its own.
    await page.keyboard.press('1');
    await expect(page).toHaveURL(/\/cost(\?|$)(?!.*by=)/);
    await expect(cost.row('idle')).toContainText('Idle EC2 capacity');
    await expect(page.getByTestId('chart-sides')).toBeVisible();
    await expect(page.getByTestId('chart-waste')).toContainText('test3-mixed');
    // Right-sizing: nginx-mixed-fargate could run on 0.5vCPU 2GB with 500m less CPU: 2 × (0.06162 − 0.03634) × 730 = $36.91/month.
    const rs = page.getByTestId('rightsizing-row').filter({ hasText: 'test3-mixed/Deployment/nginx-mixed-fargate' });
    await expect(rs).toContainText('0.5vCPU 2GB');
    expect(Number(await rs.getByTestId('saving').getAttribute('data-usd'))).toBeCloseTo(36.9088, 6);
    await cost.screenshot('cost-namespace');
    await expectAccessible(page, 'cost view');
  });

  test('the last 24 h: chart and table from the cost ledger, adding up to the same total', async ({ page, request }) => {
    const cost = new CostPage(page, CONTEXT);
    await cost.open();
    await page.getByTestId('range-bar').getByRole('link', { name: '24h' }).click();
    await expect(page).toHaveURL(/range=24h/);
    await expect(page.getByTestId('range-table')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('cost-chart').locator('canvas')).toBeVisible();
    const cells = await page.getByTestId('range-row').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('[data-testid="range-cost"]')?.getAttribute('data-usd'))));
    const total = Number(await page.getByTestId('range-total').getByTestId('range-cost').getAttribute('data-usd'));
    expect(cells.length).toBeGreaterThan(2);
    expect(total).toBeGreaterThan(0);
    expect(cells.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
    // The chart draws the same range: its buckets add up to the table's total (read moments later, so within the
    // cost of those seconds).
    const r = (await (await request.get(`/api/c/${CONTEXT}/cost/range?range=24h`)).json()) as { total: { accruedUSD: number }; series: { groups: { usd: number[] }[] } };
    const charted = r.series.groups.reduce((s, g) => s + g.usd.reduce((a, b) => a + b, 0), 0);
    expect(charted).toBeCloseTo(r.total.accruedUSD, 6);
    expect(Math.abs(r.total.accruedUSD - total) / total).toBeLessThan(0.01);
    await expect(page.getByTestId('forecast')).toContainText('$');
    await expect(page.getByTestId('movers')).toContainText('Top movers');
    await expectAccessible(page, 'cost over a range');
    await cost.screenshot('cost-range-24h');
  });

  test('Share gives a link that a fresh browser opens to the same figures', async ({ page, browser }) => {
    const cost = new CostPage(page);
    await cost.open('by=workload&place=fargate');
    const liveTotal = await cost.hourly(cost.total());
    const url = await share(page);

    const first = await browser.newContext();
    const second = await browser.newContext();
    try {
      const a = await first.newPage();
      const res = await a.goto(url);
      expect(res?.status()).toBe(200);
      await expect(a.getByTestId('report')).toBeVisible();
      await expect(a.getByTestId('report-meta')).toContainText('by workload · all namespaces, Fargate only');
      const reportTotal = Number(await a.getByTestId('cost-total').getByTestId('hourly').getAttribute('data-usd'));
      // Unless the cluster changed in between, the frozen total is the one on screen when Share was pressed.
      expect(reportTotal).toBeCloseTo(liveTotal, 8);
      const table = await a.getByTestId('cost-table').innerText();

      const b = await second.newPage();
      await b.goto(url);
      expect(await b.getByTestId('cost-table').innerText()).toBe(table);
      await a.screenshot({ path: path.join(SCREENSHOTS, 'report.png'), fullPage: true });
      await expectAccessible(a, 'shared report');

      // Printed: black on white, without the controls.
      await a.emulateMedia({ media: 'print' });
      await expect(a.getByRole('group', { name: 'Export' })).toBeHidden();
      expect(await a.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      await a.screenshot({ path: path.join(SCREENSHOTS, 'cost-report-print.png'), fullPage: true });
      await a.emulateMedia({ media: 'screen' });

      // The exports of the same report.
      const json = await a.request.get(url.replace('/reports/', '/api/reports/'));
      expect(json.status()).toBe(200);
      const body = (await json.json()) as { report: { summary: { total: { hourlyUSD: number } } } };
      expect(body.report.summary.total.hourlyUSD).toBeCloseTo(reportTotal, 9);
      const csv = await a.request.get(`${url.replace('/reports/', '/api/reports/')}/csv`);
      expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
      expect((await csv.text()).split('\r\n')[0]).toMatch(/^workload,idle,pods,/);

      // The list of saved reports has it.
      await b.goto('/reports');
      await expect(b.getByTestId('report-list-row').first()).toBeVisible();
      await expect(b.locator(`a[href="${new URL(url).pathname}"]`)).toHaveCount(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('unknown and malformed report ids are 404', async ({ page }) => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'no-such-report']) {
      const res = await page.goto(`/reports/${id}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByTestId('report-not-found')).toContainText('No such report');
      const api = await page.request.get(`/api/reports/${id}`);
      expect(api.status()).toBe(404);
      expect(((await api.json()) as { error: string }).error).toBe('no such report');
    }
    const cmp = await page.goto('/reports/compare?a=AAAAAAAAAAAAAAAAAAAAAA&b=AAAAAAAAAAAAAAAAAAAAAQ');
    expect(cmp?.status()).toBe(404);
  });

  test('what-if sizes the seed’s manifests as the CLI does', async ({ page }) => {
    const files = readdirSync(path.join(ROOT, 'fixtures', 'seed'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(ROOT, 'fixtures', 'seed', f));
    const cli = JSON.parse(
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'cli', 'farview.ts'), 'size', ...files, '--region', 'ap-southeast-1', '--output', 'json'], {
        encoding: 'utf8',
        timeout: 60_000,
      }),
    ) as { pods: { name: string; capacityProvisioned: string | null; hourlyUSD: number | null }[] };
    expect(cli.pods.length).toBe(4);

    await page.goto(`/c/${CONTEXT}/whatif`);
    await expect(page.getByRole('heading', { name: 'What if I deploy this?' })).toBeVisible();
    await page.getByTestId('upload').setInputFiles(files);
    await expect(page.getByTestId('manifests')).toHaveValue(/nginx-mixed-fargate/);
    await page.getByTestId('whatif-run').click();
    await expect(page.getByTestId('whatif-results')).toBeVisible({ timeout: 30_000 });

    for (const p of cli.pods) {
      const row = page.locator(`[data-testid="whatif-row"][data-name="${p.name}"]`);
      await expect(row.getByTestId('capacity')).toHaveText(p.capacityProvisioned ?? '—');
      expect(Number(await row.getByTestId('fargate-hourly').getAttribute('data-usd'))).toBeCloseTo(p.hourlyUSD ?? NaN, 8);
    }
    const landing = (name: string) => page.locator(`[data-testid="whatif-row"][data-name="${name}"]`).getByTestId('landing');
    await expect(landing('nginx-fargate-pod')).toHaveText('FARGATE test2-fargate');
    await expect(landing('nginx-mixed-fargate')).toHaveText('FARGATE test3-mixed');
    await expect(landing('nginx-mixed-ec2')).toHaveText('EC2');
    await expect(page.locator('[data-testid="whatif-row"][data-name="nginx-mixed-ec2"]').getByTestId('reason')).toHaveText('EC2: profile test3-mixed needs label runon=fargate');
    await expect(landing('nginx-ec2nodegroup')).toHaveText('EC2');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'whatif.png'), fullPage: true });
    await expectAccessible(page, 'what-if');

    // A manifest Fargate would refuse, and one that cannot be read.
    await page.getByTestId('manifests').fill(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: test2-fargate}\nspec:\n  hostNetwork: true\n  containers:\n  - name: agent\n    image: busybox\n    securityContext: {privileged: true}\n',
    );
    await page.getByTestId('whatif-run').click();
    await expect(landing('agent')).toHaveText('REFUSED test2-fargate');
    await expect(page.locator('[data-testid="whatif-row"][data-name="agent"]').getByTestId('issues')).toContainText('Pod not supported on Fargate: invalid SecurityContext fields: Privileged');

    await page.getByTestId('manifests').fill('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        resources: {requests: {memory: 1.5GB}}\n');
    await page.getByTestId('whatif-run').click();
    await expect(page.getByTestId('whatif-error')).toContainText('document 1 (Deployment d): spec.template.spec.containers[0].resources.requests.memory: "1.5GB" is not a valid quantity');
  });

  test('compare shows what changed after a deployment is scaled with kubectl', async ({ page }) => {
    // A Deployment of our own in the namespace-wide Fargate profile's namespace: 250m / 512Mi → 512Mi + 256Mi
    // = 768Mi fits 0.25vCPU 1GB, 0.25 × 0.05056 + 1 × 0.00553 = $0.01817 per pod-hour.
    const name = `cost-e2e-${Date.now().toString(36)}`;
    const manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'test2-fargate' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.24-alpine-slim', resources: { requests: { cpu: '250m', memory: '512Mi' } } }] },
        },
      },
    };
    kubectl(['apply', '-f', '-'], JSON.stringify(manifest));
    try {
      const key = `wl:test2-fargate/Deployment/${name}`;
      const cost = new CostPage(page);
      await cost.open('by=workload&ns=test2-fargate');
      const row = cost.row(key);
      // One pod on Fargate at its price.
      await expect.poll(async () => ((await row.count()) ? cost.hourly(row) : 0), { timeout: 30_000 }).toBeCloseTo(0.01817, 8);
      const before = await share(page);

      kubectl(['scale', `deployment/${name}`, '-n', 'test2-fargate', '--replicas', '3']);
      await expect.poll(async () => cost.hourly(row), { timeout: 30_000 }).toBeCloseTo(3 * 0.01817, 8);
      await page.getByRole('button', { name: 'close' }).click();
      const after = await share(page);

      const id = (u: string) => new URL(u).pathname.split('/').pop();
      await page.goto(`/reports/compare?a=${id(before)}&b=${id(after)}`);
      const changed = page.locator(`[data-testid="compare-row"][data-key="${key}"]`);
      await expect(changed).toBeVisible();
      // Two more pods at $0.01817: +$0.03634/h, all of it from the pod count.
      await expect(changed.getByTestId('why')).toHaveText('more pods: 1 → 3 (+$0.0363/h)');
      expect(Number(await changed.getByTestId('delta').locator('[data-usd]').first().getAttribute('data-usd'))).toBeCloseTo(0.03634, 8);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'compare.png'), fullPage: true });
      await expectAccessible(page, 'compare');
    } finally {
      kubectl(['delete', 'deployment', name, '-n', 'test2-fargate', '--wait=false']);
    }
  });
});
