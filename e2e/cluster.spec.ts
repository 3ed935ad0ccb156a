import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible } from './a11y';
import { ClusterPage, CONTEXT } from './pages/cluster-page';

// The simulator runs the seed's eksworkshop cluster (sim/scenarios/eksworkshop.ts): names, addresses and
// NLB hostnames below are the seed's (fixtures/seed/README.md).
const TEST2_PODS = ['nginx-fargate-pod-75fcf896d5-2qxz9', 'nginx-fargate-pod-75fcf896d5-wpdjl'];
const TEST3_FARGATE = ['nginx-mixed-fargate-747577644f-9lnlt', 'nginx-mixed-fargate-747577644f-n2f2x'];
const TEST3_EC2 = ['nginx-mixed-ec2-5c68c7c8df-8fmng', 'nginx-mixed-ec2-5c68c7c8df-pz7rw'];
const NLB_MIXED_EC2 = 'k8s-test3mix-nginxmix-61febb02e3-ae45b4239866c787.elb.ap-southeast-1.amazonaws.com';
const NLB_MIXED_FARGATE = 'k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function cellText(c: ClusterPage, rowText: string, column: string): Promise<string> {
  const row = c.row(rowText);
  await expect(row).toHaveCount(1);
  return ((await (await c.cell(row, column)).textContent()) ?? '').trim();
}

test.describe('cluster screens against the eksworkshop simulator', () => {
  test('the home page goes to the current context', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(new RegExp(`/c/${CONTEXT}\\?view=pods`));
    await new ClusterPage(page).waitLive();
  });

  test('pods: where each seed pod runs and the Fargate size it is billed for', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    for (const name of TEST2_PODS) {
      await expect(c.row(name)).toHaveCount(1);
      expect(await cellText(c, name, 'PLACE')).toBe('FARGATE');
      expect(await cellText(c, name, 'PROFILE')).toBe('test2-fargate');
      // 0.5 CPU / 750M + 256 MiB → 0.5vCPU 1GB (seed, section 六).
      expect(await cellText(c, name, 'REQUESTED')).toBe('500m / 750M');
      expect(await cellText(c, name, 'BILLED')).toBe('0.5vCPU 1GB');
    }
    for (const name of TEST3_FARGATE) {
      expect(await cellText(c, name, 'PLACE')).toBe('FARGATE');
      expect(await cellText(c, name, 'PROFILE')).toBe('test3-mixed');
      // 1 CPU / 1750M + 256 MiB → 1vCPU 2GB; the seed's CapacityProvisioned says the same.
      expect(await cellText(c, name, 'BILLED')).toBe('1vCPU 2GB');
    }
    for (const name of TEST3_EC2) expect(await cellText(c, name, 'PLACE')).toBe('EC2');
    const test1 = c.row(/nginx-ec2nodegroup-/);
    await expect(test1).toHaveCount(2);
    for (const row of await test1.all()) await expect(await c.cell(row, 'PLACE')).toHaveText('EC2');

    await expect(c.header()).toContainText('EC2 nodes 2');
    await expect(c.header()).toContainText('Fargate nodes 4');
    await expect(c.header()).toContainText(/pods EC2 \d+ · Fargate 4 · Pending 0/);
    await expect(c.header()).toContainText('ap-southeast-1');
    await expect(c.footer()).toContainText('<:> command');
    await c.screenshot('pods');
    await expectAccessible(page, 'pods');

    await c.keys('w');
    await expect.poll(() => c.param('wide')).toBe('1');
    for (const col of ['OWNER', 'QOS', 'ZONE', 'ANNOTATION', 'FINDINGS']) await expect(c.columnHeader(col)).toHaveCount(1);
    expect(await cellText(c, TEST3_FARGATE[0], 'ANNOTATION')).toBe('1vCPU 2GB');
    await c.screenshot('pods-wide');
    await expectAccessible(page, 'pods, wide');
  });

  test('services: the NLB endpoints, scheme, target type and backends', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=services');
    expect(await cellText(c, NLB_MIXED_EC2, 'NAME')).toBe('nginx-mixed-ec2');
    expect(await cellText(c, NLB_MIXED_FARGATE, 'NAME')).toBe('nginx-mixed-fargate');
    expect(await cellText(c, NLB_MIXED_FARGATE, 'SCHEME')).toBe('internet-facing');
    expect(await cellText(c, NLB_MIXED_FARGATE, 'TARGET')).toBe('ip');
    expect(await cellText(c, NLB_MIXED_FARGATE, 'BACKENDS')).toBe('ec2 0 · fg 2');
    await expect(c.row(NLB_MIXED_FARGATE).getByRole('link', { name: NLB_MIXED_FARGATE })).toHaveAttribute('href', `http://${NLB_MIXED_FARGATE}`);
    await expect(c.rows().filter({ hasText: /\.elb\.ap-southeast-1\.amazonaws\.com/ })).toHaveCount(4);

    // c copies the endpoint of a load-balanced service.
    await (await c.cell(c.row(NLB_MIXED_FARGATE), 'NAME')).click();
    await c.keys('c');
    await expect(c.toast()).toHaveText(`copied ${NLB_MIXED_FARGATE}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(NLB_MIXED_FARGATE);
    await c.screenshot('services');
    await expectAccessible(page, 'services');
  });

  test('nodes, profiles, node groups, namespaces and events screens', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=nodes');
    await expect(c.rows().filter({ hasText: 'FARGATE' })).toHaveCount(4);
    expect(await cellText(c, 'ip-172-31-93-72', 'INSTANCE')).toBe('t3.xlarge');
    expect(await cellText(c, 'ip-172-31-93-72', 'POOL/PROFILE')).toBe('managed-ng');
    expect(await cellText(c, 'fargate-ip-172-31-61-98', 'POOL/PROFILE')).toBe('test3-mixed');
    await c.screenshot('nodes');
    await expectAccessible(page, 'nodes');

    await c.command('fp');
    await expect.poll(() => c.param('view')).toBe('profiles');
    expect(await cellText(c, 'test3-mixed', 'SELECTORS')).toBe('test3-mixed{runon=fargate}');
    expect(await cellText(c, 'test2-fargate', 'PODS')).toBe('2');
    expect(await cellText(c, 'test2-fargate', 'STATUS')).toBe('ACTIVE');
    await c.screenshot('profiles');
    await expectAccessible(page, 'profiles');

    // :ng still opens the node pools, where the seed's managed node group is one pool.
    await c.command('ng');
    await expect.poll(() => c.param('view')).toBe('nodepools');
    expect(await cellText(c, 'managed-ng', 'KIND')).toBe('Node group');
    expect(await cellText(c, 'managed-ng', 'INSTANCE TYPES')).toBe('t3.xlarge');
    expect(await cellText(c, 'managed-ng', 'CAPACITY')).toBe('On-Demand');
    expect(await cellText(c, 'managed-ng', 'NODES')).toBe('2');
    await c.screenshot('nodepools');
    await expectAccessible(page, 'node pools');

    await c.command('ns');
    expect(await cellText(c, 'test3-mixed', 'FARGATE')).toBe('2');
    expect(await cellText(c, 'test3-mixed', 'EC2')).toBe('2');
    await c.screenshot('namespaces');
    await expectAccessible(page, 'namespaces');

    await c.command('ev');
    await expect(c.title()).toHaveText(/^Events\(all\)/);
    const types = await c.rows().evaluateAll((rows) => rows.map((r) => r.querySelector('[role=gridcell]')?.textContent ?? ''));
    // Warnings first.
    const firstNormal = types.indexOf('Normal');
    if (firstNormal !== -1) expect(types.slice(firstNormal)).not.toContain('Warning');
    await c.screenshot('events');
    await expectAccessible(page, 'events');
  });

  test('keyboard: move, open, back, yaml, wide, namespaces, sort, copy, theme, help', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    await expect(c.selectedRow()).toHaveAttribute('aria-rowindex', '2');

    await c.keys('j', 'j', 'ArrowDown');
    await expect(c.selectedRow()).toHaveAttribute('aria-rowindex', '5');
    await c.keys('k', 'ArrowUp');
    await expect(c.selectedRow()).toHaveAttribute('aria-rowindex', '3');
    await c.keys('G');
    const count = await c.rows().count();
    await expect(c.selectedRow()).toHaveAttribute('aria-rowindex', String(count + 1));
    await c.keys('g');
    await expect(c.selectedRow()).toHaveAttribute('aria-rowindex', '2');

    // Narrow to a namespace with a command, then back to all with 0.
    await c.command('po test3-mixed');
    await expect(c.title()).toHaveText('Pods(test3-mixed)[4]');
    await expect.poll(() => c.param('ns')).toBe('test3-mixed');
    await c.keys('0');
    await expect(c.title()).toHaveText(/^Pods\(all\)/);
    await page.goBack();
    await expect(c.title()).toHaveText('Pods(test3-mixed)[4]');

    // Sort with Shift+letter; the header shows the direction.
    await c.keys('Shift+N');
    await expect(c.columnHeader('NAME')).toHaveAttribute('aria-sort', 'ascending');
    await c.keys('Shift+N');
    await expect(c.columnHeader('NAME')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => c.param('sort')).toBe('-name');
    await expect(c.rows().first()).toContainText('nginx-mixed-fargate-747577644f-n2f2x');

    // Enter describes, Esc goes back, y shows YAML.
    await c.keys('g', 'Enter');
    await expect(c.detail('pod')).toBeVisible();
    await expect.poll(() => c.param('open')).toBe('detail');
    await expect(c.footer()).toContainText('<esc> back');
    await c.keys('y');
    await expect(c.yaml()).toBeVisible();
    await expect(c.yaml().getByTestId('yaml')).toContainText('kind: Pod');
    // Esc from YAML returns to the detail it came from, and once more to the list.
    await c.keys('Escape');
    await expect(c.detail('pod')).toBeVisible();
    await expect.poll(() => c.param('open')).toBe('detail');
    await c.keys('Escape');
    await expect(c.grid()).toBeVisible();
    await expect.poll(() => c.param('open')).toBeNull();
    // A K9s key Farview does not have says so, with the kubectl command for the selected pod.
    await c.keys('l');
    await expect(c.toast()).toHaveText('l (logs) is not in Farview yet: kubectl logs -f nginx-mixed-fargate-747577644f-n2f2x -n test3-mixed');

    // c copies the selection's name.
    await c.keys('c');
    await expect(c.toast()).toHaveText('copied nginx-mixed-fargate-747577644f-n2f2x');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('nginx-mixed-fargate-747577644f-n2f2x');

    // w toggles wide.
    await c.keys('w');
    await expect(c.columnHeader('QOS')).toHaveCount(1);
    await c.keys('w');
    await expect(c.columnHeader('QOS')).toHaveCount(0);

    // t toggles the theme.
    await c.keys('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await c.screenshot('light');
    await expectAccessible(page, 'pods, light theme');
    await c.keys('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    // ? shows the keys from the registry.
    await c.keys('?');
    await expect(c.help()).toBeVisible();
    await expect(c.help()).toContainText('all namespaces');
    await c.screenshot('help');
    await expectAccessible(page, 'help overlay');
    await c.keys('Escape');
    await expect(c.help()).toBeHidden();
  });

  test('filter: words, negation, label selector; keys do not fire while typing', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    await c.filter('mixed fargate');
    await expect(c.rows()).toHaveCount(2);
    await expect.poll(() => c.param('q')).toBe('mixed fargate');
    await c.filter('!fargate');
    await expect(c.rows().filter({ hasText: 'FARGATE' })).toHaveCount(0);
    await c.filter('-l runon=fargate');
    await expect(c.rows()).toHaveCount(2);
    await c.filter('-l app in (nginx-mixed-ec2');
    await expect(c.filterError()).toContainText('unclosed');

    // Typing j, g, w, 0 in the field changes the filter, not the screen.
    await c.page.keyboard.press('/');
    await c.filterInput().fill('');
    await c.page.keyboard.type('jgw0');
    await expect(c.filterInput()).toHaveValue('jgw0');
    await expect.poll(() => c.param('wide')).toBeNull();
    await c.page.keyboard.press('Escape');
    await expect(c.filterInput()).toHaveValue('');
    await expect(c.grid()).toBeFocused();
    await expect.poll(() => c.param('q')).toBeNull();
  });

  test('command bar: aliases, completion, errors, other pages', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    await c.keys(':');
    await page.keyboard.type('po test');
    await expect(c.commandBar().getByRole('option')).toHaveCount(3);
    await c.screenshot('command-bar');
    await expectAccessible(page, 'command bar');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(c.title()).toHaveText('Pods(test2-fargate)[2]');

    await c.keys(':');
    await page.keyboard.type('pots');
    await page.keyboard.press('Enter');
    await expect(c.commandBar().getByRole('alert')).toContainText('unknown command "pots"');
    await page.keyboard.press('Escape');

    await c.keys(':');
    await page.keyboard.type('sv');
    await page.keyboard.press('Tab');
    await expect(c.commandBar().getByRole('combobox')).toHaveValue('svc ');
    await page.keyboard.press('Enter');
    await expect.poll(() => c.param('view')).toBe('services');

    await c.command('cost');
    // Another engineer's page; the command only has to get there.
    await expect(page).toHaveURL(new RegExp(`/c/${CONTEXT}/cost$`), { timeout: 30_000 });
  });

  test('details: pod, node, service and profile drill-downs', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open(`view=pods&sel=test3-mixed%2F${TEST3_FARGATE[0]}&open=detail`);
    const pod = c.detail('pod');
    await expect(pod).toContainText('test3-mixed');
    await expect(pod).toContainText('effective request');
    await expect(pod).toContainText('1vCPU 2GB');
    await expect(pod).toContainText('agrees with the computed size');
    await expect(pod).toContainText('$0.0616');
    await c.screenshot('pod-detail');
    await expectAccessible(page, 'pod detail');

    await pod.getByRole('button', { name: /^fargate-ip-172-31-61-98/ }).click();
    await expect(c.detail('node')).toBeVisible();
    await expect(c.detail('node')).toContainText(TEST3_FARGATE[0]);
    await c.screenshot('node-detail');
    await expectAccessible(page, 'node detail');
    await page.goBack();
    await expect(c.detail('pod')).toBeVisible();

    await c.open('view=services&sel=test3-mixed%2Fnginx-mixed-fargate&open=detail');
    const svc = c.detail('service');
    await expect(svc.getByTestId('endpoint')).toHaveText(NLB_MIXED_FARGATE);
    await expect(svc.getByRole('table', { name: 'Load balancer targets' }).getByRole('row')).toHaveCount(3);
    await expect(svc).toContainText('172.31.61.98');
    await c.screenshot('service-detail');
    await expectAccessible(page, 'service detail');

    await c.open('view=profiles&sel=test3-mixed&open=detail');
    const prof = c.detail('profile');
    await expect(prof).toContainText('test3-mixed{runon=fargate}');
    for (const name of TEST3_FARGATE) await expect(prof).toContainText(name);
    await c.screenshot('profile-detail');
    await expectAccessible(page, 'profile detail');
  });

  test('mouse: tabs switch, headers sort, click selects, double-click opens', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: /Services/ }).click();
    await expect.poll(() => c.param('view')).toBe('services');
    await c.columnHeader('NAME').getByRole('button').click();
    await expect(c.columnHeader('NAME')).toHaveAttribute('aria-sort', 'ascending');
    await c.columnHeader('NAME').getByRole('button').click();
    await expect(c.columnHeader('NAME')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => c.param('sort')).toBe('-name');
    const row = c.row('nginx-mixed-ec2');
    const name = await c.cell(row, 'NAME');
    await name.click();
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await name.dblclick();
    await expect(c.detail('service')).toBeVisible();
  });

  test('no horizontal overflow at 1280×800 and 1920×1080, in normal and wide mode', async ({ page }) => {
    const c = new ClusterPage(page);
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      for (const query of ['view=pods', 'view=pods&wide=1', 'view=services&wide=1', 'view=nodes&wide=1', 'view=profiles&wide=1']) {
        await c.open(query);
        const overflow = await page.evaluate(() => {
          const grid = document.querySelector('[role=grid]') as HTMLElement;
          return { page: document.documentElement.scrollWidth - window.innerWidth, grid: grid.scrollWidth - grid.clientWidth };
        });
        // Every wide pods column (usage included) does not fit 1280 pixels even squeezed: that one grid scrolls
        // sideways inside its frame; the page never does.
        if (width === 1280 && query === 'view=pods&wide=1') expect(overflow.page, `${query} at ${width}×${height}`).toBe(0);
        else expect(overflow, `${query} at ${width}×${height}`).toEqual({ page: 0, grid: 0 });
      }
      await c.open('view=pods');
      await c.screenshot(`pods-${width}`);
      await c.open('view=pods&wide=1');
      await c.screenshot(`pods-wide-${width}`);
    }
  });

  test('an unknown context says what is wrong and what to do', async ({ page }) => {
    await page.goto('/c/no-such-context?view=pods');
    const error = page.getByTestId('stream-error');
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(error).toContainText('no-such-context');
    await expect(error.getByRole('link', { name: CONTEXT })).toHaveAttribute('href', `/c/${CONTEXT}?view=pods`);
    await expect(page.getByTestId('freshness')).toContainText('disconnected');
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'error-unknown-context.png') });
    await expectAccessible(page, 'error state');
  });

  test('the view API answers gzip clients with one gzip layer and others with plain JSON', async ({ request }) => {
    for (const encoding of ['gzip, deflate, br', 'identity']) {
      const res = await request.get(`/api/c/${CONTEXT}/view`, { headers: { 'Accept-Encoding': encoding } });
      expect(res.status()).toBe(200);
      expect(res.headers()['content-encoding']).toBe(encoding === 'identity' ? undefined : 'gzip');
      // The client undoes one layer; a body compressed twice would not parse.
      const view = (await res.json()) as { pods: { name: string }[] };
      expect(view.pods.map((p) => p.name)).toEqual(expect.arrayContaining([...TEST2_PODS, ...TEST3_FARGATE, ...TEST3_EC2]));
      const missing = await request.get('/api/c/no-such-context/view', { headers: { 'Accept-Encoding': encoding } });
      expect(missing.status()).toBe(404);
      expect(((await missing.json()) as { detail: string }).detail).toContain('no-such-context');
    }
  });

  test('a copied link reopens the same view', async ({ page, browser }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    await c.command('po test3-mixed');
    await c.filter('nginx');
    await c.keys('Shift+A', 'w', 'j');
    await expect(c.columnHeader('QOS')).toHaveCount(1);
    await expect.poll(() => c.param('sel')).not.toBeNull();
    const url = page.url();
    const sel = c.param('sel') ?? '';

    const other = await browser.newPage();
    try {
      const d = new ClusterPage(other);
      await other.goto(url);
      await d.waitLive();
      await expect(d.title()).toHaveText(await c.title().innerText());
      await expect(d.filterInput()).toHaveValue('nginx');
      await expect(d.columnHeader('AGE')).toHaveAttribute('aria-sort', 'ascending');
      await expect(d.columnHeader('QOS')).toHaveCount(1);
      await expect(d.selectedRow()).toContainText(sel.split('/')[1]);
    } finally {
      await other.close();
    }
  });

  test('a pod created with kubectl appears live and disappears when deleted', async ({ page }) => {
    const c = new ClusterPage(page);
    await c.open('view=pods');
    const ns = `e2e-live-${Date.now().toString(36)}`;
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kubectl-cache-'));
    // The simulator that playwright.config.ts starts writes its kubeconfig here (--state-dir .farview/e2e).
    const kubeconfig = process.env.E2E_KUBECONFIG ?? path.resolve(__dirname, '..', '.farview', 'e2e', 'kubeconfig');
    const kubectl = (...args: string[]) =>
      execFileSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cache, '--request-timeout', '20s', ...args], { encoding: 'utf8', timeout: 30_000 });
    try {
      kubectl('create', 'namespace', ns);
      await c.command(`po ${ns}`);
      await expect(c.title()).toHaveText(`Pods(${ns})[0]`);
      kubectl('run', 'live-probe', '-n', ns, '--image', 'public.ecr.aws/nginx/nginx:1.24-alpine-slim', '--restart', 'Never');
      await expect(c.row('live-probe')).toHaveCount(1, { timeout: 15_000 });
      await expect(c.title()).toHaveText(`Pods(${ns})[1]`);
      kubectl('delete', 'pod', 'live-probe', '-n', ns, '--wait=false');
      await expect(c.row('live-probe')).toHaveCount(0, { timeout: 15_000 });
    } finally {
      try {
        kubectl('delete', 'namespace', ns, '--wait=false');
      } catch {
        // Best effort: the simulator is discarded after the run anyway.
      }
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
