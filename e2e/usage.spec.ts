import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterPage } from './pages/cluster-page';

// Usage as metrics-server reports it, next to what the same pods request. The seed's pods idle at a constant few
// millicores (sim/usage/patterns.ts), so the browser and kubectl read the same values whenever they ask.
const KUBECONFIG = process.env.E2E_KUBECONFIG ?? path.resolve(__dirname, '..', '.farview', 'e2e', 'kubeconfig');
const NS = 'test2-fargate';
// The seed's test2 pods request 500m CPU and 750M memory (fixtures/seed/README.md).
const REQUEST = { cpuMilli: 500, memoryBytes: 750e6 };

let cache: string;
test.beforeAll(() => {
  cache = mkdtempSync(path.join(os.tmpdir(), 'kubectl-cache-'));
});
test.afterAll(() => rmSync(cache, { recursive: true, force: true }));

function kubectl(...args: string[]): string {
  return execFileSync('kubectl', ['--kubeconfig', KUBECONFIG, '--cache-dir', cache, '--request-timeout', '20s', ...args], { encoding: 'utf8', timeout: 30_000 });
}

// metrics-server writes CPU as a canonical quantity ("1234567n", "1500u", "13m", "0") and memory with binary
// suffixes when exact ("5120Ki", "12Mi") or as plain bytes.
const CPU_NANOS: Record<string, number> = { n: 1, u: 1e3, m: 1e6, '': 1e9 };
const BYTES: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
function quantity(q: string, units: Record<string, number>): number {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(q);
  if (!m || !(m[2] in units)) throw new Error(`unexpected quantity ${q}`);
  return Number(m[1]) * units[m[2]];
}

/** Each pod's usage straight from metrics.k8s.io, summed over containers: nanocores and bytes. */
function rawUsage(): Map<string, { cpuNanos: number; bytes: number }> {
  const list = JSON.parse(kubectl('get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`)) as {
    items: { metadata: { name: string }; containers: { usage: { cpu: string; memory: string } }[] }[];
  };
  const out = new Map<string, { cpuNanos: number; bytes: number }>();
  for (const item of list.items) {
    let cpuNanos = 0;
    let bytes = 0;
    for (const c of item.containers) {
      cpuNanos += quantity(c.usage.cpu, CPU_NANOS);
      bytes += quantity(c.usage.memory, BYTES);
    }
    out.set(item.metadata.name, { cpuNanos, bytes });
  }
  return out;
}

test.describe('usage columns against metrics-server', () => {
  test('pods: CPU and MEM as kubectl top prints them, and their share of the request', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open(`view=pods&ns=${NS}&wide=1`);
    const top = kubectl('top', 'pods', '-n', NS, '--no-headers').trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(top.length).toBe(2);
    const raw = rawUsage();
    for (const [name, cpu, mem] of top) {
      const row = c.row(name);
      await expect(row).toHaveCount(1);
      await expect(await c.cell(row, 'CPU')).toHaveText(cpu, { timeout: 20_000 });
      await expect(await c.cell(row, 'MEM')).toHaveText(mem);
      const u = raw.get(name)!;
      // K9s's rule: whole millicores rounded up, then the percentage truncated.
      await expect(await c.cell(row, '%CPU/R')).toHaveText(String(Math.floor((Math.ceil(u.cpuNanos / 1e6) / REQUEST.cpuMilli) * 100)));
      await expect(await c.cell(row, '%MEM/R')).toHaveText(String(Math.floor((u.bytes / REQUEST.memoryBytes) * 100)));
      // The seed sets no limits: K9s prints n/a there too.
      await expect(await c.cell(row, '%CPU/L')).toHaveText('n/a');
    }
    // Shift-M sorts by memory used, the smaller first; again, the larger first.
    const order = [...raw.entries()].sort((a, b) => a[1].bytes - b[1].bytes).map(([n]) => n);
    await c.keys('Shift+M');
    await expect.poll(() => c.param('sort')).toBe('memUse');
    await expect(c.rows().first()).toContainText(order[0]);
    await c.keys('Shift+M');
    await expect.poll(() => c.param('sort')).toBe('-memUse');
    await expect(c.rows().first()).toContainText(order[1]);
    await c.screenshot('pods-usage');
  });

  test('pod detail: used against requested against what Fargate bills', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open(`view=pods&ns=${NS}`);
    const [name, cpu] = kubectl('top', 'pods', '-n', NS, '--no-headers').trim().split('\n')[0].trim().split(/\s+/);
    await c.row(name).click();
    await c.keys('Enter');
    const d = c.detail('pod');
    await expect(d).toBeVisible();
    await expect(d.getByRole('heading', { name: 'Usage vs request vs billed' })).toBeVisible();
    // 0.5 CPU / 750M + 256 MiB → billed 0.5vCPU 1GB (seed, section 六).
    await expect(d.getByRole('img', { name: new RegExp(`^CPU: ${cpu} used, 500m requested \\(\\d+ %\\), 500m billed$`) })).toBeVisible({ timeout: 20_000 });
    await expect(d.getByRole('img', { name: /^MEM: \d+Mi used, .* requested \(\d+ %\), 1024Mi billed$/ })).toBeVisible();
    await c.screenshot('pod-usage-detail');
  });

  test('nodes: CPU and memory used against allocatable', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=nodes');
    const top = kubectl('top', 'nodes', '--no-headers').trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(top.length).toBe(6);
    for (const [name, cpu, cpuPct, mem, memPct] of top) {
      const row = c.row(name.split('.')[0]);
      await expect(row).toHaveCount(1);
      // kubectl top nodes prints "35m 1%": the same figures, side by side.
      await expect(await c.cell(row, 'CPU USED')).toHaveText(`${cpu} ${cpuPct}`, { timeout: 20_000 });
      await expect(await c.cell(row, 'MEM USED')).toHaveText(`${mem} ${memPct}`);
    }
    await c.screenshot('nodes-usage');
  });
});

test.describe('right-sizing on usage', () => {
  test('a workload far below its request gets requests from its history; a new one gets none', async ({ page }) => {
    // The history grows from the moment the server first read the cluster (the first spec): at --speed 20 the
    // hour FARVIEW_RIGHTSIZE_MIN_HOURS asks for in playwright.config.ts takes three real minutes.
    test.setTimeout(240_000);
    const ns = `e2e-new-${Date.now().toString(36)}`;
    kubectl('create', 'namespace', ns);
    try {
      kubectl('create', 'deployment', 'fresh', '-n', ns, '--image', 'public.ecr.aws/nginx/nginx:1.24-alpine-slim', '--replicas', '1');
      await page.goto('/c/eksworkshop/cost');
      const section = page.locator('section[aria-labelledby="usage-rightsizing-title"]');
      await expect(section).toBeVisible({ timeout: 30_000 });
      await expect(section.getByTestId('rightsizing-rule')).toContainText('CPU request = p95 of the 5-minute mean CPU × 1.15');
      const row = section.getByTestId('usage-rightsizing-row').filter({ hasText: 'test2-fargate/Deployment/nginx-fargate-pod' });
      await expect(async () => {
        await page.reload();
        await expect(row).toHaveCount(1, { timeout: 5_000 });
      }).toPass({ timeout: 200_000, intervals: [10_000] });
      // nginx idles at a few millicores and MiB (sim/usage/patterns.ts): the rule's floors, 10m and 32Mi, then apply.
      await expect(row).toContainText('500m / 715.3Mi');
      await expect(row).toContainText('10m / 32Mi');
      // 0.5vCPU 1GB → 0.25vCPU 0.5GB: 2 pods × (0.5 × 0.05056 + 1 × 0.00553 − 0.25 × 0.05056 − 0.5 × 0.00553) × 730 h.
      await expect(row).toContainText('0.5vCPU 1GB → 0.25vCPU 0.5GB');
      await expect(row).toContainText('$22.49');
      await expect(row).toContainText(/samples/);
      await row.getByText('apply', { exact: true }).click();
      await expect(row.getByTestId('rightsize-patch')).toContainText('kubectl set resources deployment/nginx-fargate-pod -n test2-fargate -c=nginx-fargate-pod --requests=cpu=10m,memory=32Mi');
      // The deployment made a moment ago has no history yet: listed apart, nothing recommended.
      await expect(section.getByTestId('usage-rightsizing-row').filter({ hasText: `${ns}/` })).toHaveCount(0);
      const short = section.getByTestId('rightsizing-insufficient');
      await short.locator('summary').click();
      await expect(short.getByTestId('rightsizing-insufficient-row').filter({ hasText: `${ns}/Deployment/fresh` })).toHaveCount(1);
      await page.screenshot({ path: path.join(__dirname, 'screenshots', 'cost-usage-rightsizing.png'), fullPage: true });
    } finally {
      try {
        kubectl('delete', 'namespace', ns, '--wait=false');
      } catch {
        // Best effort: the simulator is discarded after the run.
      }
    }
  });
});
