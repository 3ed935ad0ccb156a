import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible } from './a11y';
import { ClusterPage, CONTEXT } from './pages/cluster-page';

// Creating, replacing and deleting Fargate profiles from the browser, against the simulated eksworkshop cluster
// (speed 20: a profile is CREATING or DELETING for about a second). The spec shares the simulator with the
// other specs, so it works in namespaces and profiles of its own and deletes what it creates.
const SCREENSHOTS = path.join(__dirname, 'screenshots');
// The simulator's state directory of playwright.config.ts (FARVIEW_E2E_STATE_DIR lets a second run use its own).
const STATE = path.resolve(process.cwd(), process.env.FARVIEW_E2E_STATE_DIR ?? path.join('.farview', 'e2e'));
const KUBECONFIG = path.join(STATE, 'kubeconfig');
const SUFFIX = Date.now().toString(36).slice(-5);
const NS = `fp-e2e-${SUFFIX}`;
// Not ending in -<digits>, so the replacement's suggested name is predictably PROFILE-2.
const PROFILE = `e2e-${SUFFIX}-web`;
const REPLACEMENT = `${PROFILE}-2`;
// ap-southeast-1 list prices (docs/fargate-facts.md §4); 250m / 512Mi + 256 MiB → 0.25 vCPU / 1 GB.
const WEB_HOURLY = 0.25 * 0.05056 + 1 * 0.00553;

let cacheDir: string;

function kubectl(args: string[], input?: string): string {
  return execFileSync('kubectl', ['--kubeconfig', KUBECONFIG, '--cache-dir', cacheDir, ...args], { input, encoding: 'utf8', timeout: 30_000 });
}

function awsEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path.join(STATE, 'aws.env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

/** The profile names EKS lists, asked with the aws CLI, not through Farview. */
function eksProfiles(): string[] {
  const out = execFileSync('aws', ['eks', 'list-fargate-profiles', '--cluster-name', 'eksworkshop', '--output', 'json'], {
    env: { ...process.env, ...awsEnv(), AWS_PAGER: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return (JSON.parse(out) as { fargateProfileNames: string[] }).fargateProfileNames;
}

function deployment(name: string, namespace: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: public.ecr.aws/nginx/nginx:1.24-alpine-slim
          resources:
            requests: { cpu: 250m, memory: 512Mi }
`;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function openForm(page: Page, query = ''): Promise<void> {
  await page.goto(`/c/${CONTEXT}/profiles/new${query}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The subnets come from EC2 through the server: the form is ready once they are listed.
  await expect(page.getByTestId('fp-subnets').getByRole('checkbox').first()).toBeVisible({ timeout: 20_000 });
}

/** Profiles that are CREATING or DELETING, as the live view has them. */
async function profilesChanging(page: Page): Promise<string[]> {
  const r = await page.request.get(`/api/c/${CONTEXT}/profiles`);
  const body = (await r.json()) as { profiles: { name: string; status: string }[] };
  return body.profiles.filter((p) => p.status === 'CREATING' || p.status === 'DELETING').map((p) => p.name);
}

const field = (page: Page, id: string) => page.getByTestId(`fp-${id}`);
const issues = (page: Page, id: string) => page.getByTestId(`issues-fp-${id}-issues`);

test.beforeAll(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'farview-e2e-kubectl-'));
});

test.afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

test.describe.serial('Fargate profiles from the browser', () => {
  test('each invalid input gives its message and nothing is sent to EKS', async ({ page }) => {
    test.setTimeout(120_000);
    const before = eksProfiles();
    await openForm(page);

    const name = field(page, 'name');
    await name.fill('eks-batch');
    await expect(issues(page, 'name')).toContainText('Name must not start with "eks-"');
    await name.fill('test2-fargate');
    await expect(issues(page, 'name')).toContainText('A Fargate profile named "test2-fargate" already exists');
    await name.fill('my batch');
    await expect(issues(page, 'name')).toContainText('has a space at position 3');
    await name.fill('');
    await expect(issues(page, 'name')).toContainText('Name is required.');

    const ns = field(page, 'selectors-0-namespace');
    await ns.fill('batch.*');
    await expect(issues(page, 'selectors-0-namespace')).toContainText('only * and ? are wildcards here (regular expressions are not supported)');
    await ns.fill('Batch');
    await expect(issues(page, 'selectors-0-namespace')).toContainText('upper-case letters');

    // A label value YAML would read as a boolean stays a string, and the form says so.
    await page.getByTestId('fp-selectors-0-labels-add').click();
    await field(page, 'selectors-0-labels-0-key').fill('runon');
    await field(page, 'selectors-0-labels-0-value').fill('yes');
    await expect(issues(page, 'selectors-0-labels-0')).toContainText('stays the string "yes"');
    await field(page, 'selectors-0-labels-0-value').fill('');
    await field(page, 'selectors-0-labels-0-value').blur();
    await expect(issues(page, 'selectors-0-labels-0')).toContainText('value is required');

    // Public subnets are offered disabled, with the route that makes them public.
    const publicSubnet = page.getByTestId('fp-subnets').getByRole('checkbox', { disabled: true }).first();
    await expect(publicSubnet).toBeDisabled();
    await expect(page.getByTestId('fp-subnets')).toContainText(/public: route to an internet gateway igw-[0-9a-f]+; Fargate accepts private subnets only/);

    const role = field(page, 'podExecutionRoleArn');
    await role.fill('FargatePodExecutionRole');
    await expect(issues(page, 'podExecutionRoleArn')).toContainText('must be an IAM role ARN');

    // Five selectors at most.
    for (let i = 0; i < 4; i++) await page.getByTestId('fp-selectors-add').click();
    await expect(page.getByTestId('fp-selectors-add')).toBeDisabled();

    await page.getByTestId('profile-submit').click();
    await expect(page.getByTestId('form-error-count')).toContainText('nothing was sent');
    await shot(page, 'profile-form');
    await expectAccessible(page, 'profile form');

    // The server runs the same rules: a hand-made request with a bad form is refused before EKS sees it.
    const res = await page.request.post(`/api/c/${CONTEXT}/profiles`, {
      headers: { origin: new URL(page.url()).origin },
      data: { form: { name: 'eks-sneaky', selectors: [{ namespace: 'batch', labels: [] }], subnets: [], podExecutionRoleArn: 'x', tags: [] } },
    });
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error: string; issues: { field: string; severity: string }[] };
    expect(body.error).toBe('The profile is not valid; nothing was sent to EKS');
    expect(body.issues.filter((i) => i.severity === 'error').map((i) => i.field)).toEqual(['name', 'podExecutionRoleArn']);
    // And a write from another site is refused outright.
    const cross = await page.request.post(`/api/c/${CONTEXT}/profiles`, { headers: { origin: 'https://evil.example' }, data: { form: {} } });
    expect(cross.status()).toBe(403);

    expect(eksProfiles()).toEqual(before);
  });

  test('create a profile for a new namespace: preview, progress, restart the captured workload, new pods land on Fargate', async ({ page }) => {
    test.setTimeout(180_000);
    kubectl(['create', 'namespace', NS]);
    kubectl(['apply', '-f', '-'], deployment('web', NS));
    const c = new ClusterPage(page);
    await c.open(`view=pods&ns=${NS}`);
    await expect(c.row(/web-[a-z0-9]+-[a-z0-9]+/)).toHaveCount(1, { timeout: 20_000 });
    await expect(await c.cell(c.row(/web-[a-z0-9]+-[a-z0-9]+/), 'PLACE')).toHaveText('EC2');

    // `n` on the profiles list opens the form.
    await c.open('view=profiles');
    await c.keys('n');
    await expect(page).toHaveURL(new RegExp(`/c/${CONTEXT}/profiles/new$`));
    await expect(page.getByTestId('fp-subnets').getByRole('checkbox').first()).toBeVisible({ timeout: 20_000 });

    await field(page, 'name').fill(PROFILE);
    await field(page, 'selectors-0-namespace').fill(NS);
    await expect(field(page, 'podExecutionRoleArn')).toHaveValue(/^arn:aws:iam::\d{12}:role\//);

    // The preview: web's pod would leave its EC2 node for 0.25 vCPU / 1 GB on Fargate.
    const preview = page.getByTestId('profile-preview');
    await expect(preview).toContainText(`Preview: pods ${PROFILE} would capture (1)`, { timeout: 15_000 });
    const captured = page.getByTestId('preview-captured');
    await expect(captured).toContainText(/web-/);
    await expect(captured).toContainText('0.25vCPU 1GB');
    await expect(captured).toContainText(`$${WEB_HOURLY.toFixed(4)}`);
    await expect(page.getByTestId('eksctl-command')).toContainText(`--name ${PROFILE}`);
    await expect(page.getByTestId('eksctl-yaml')).toContainText(`namespace: "${NS}"`);
    await shot(page, 'profile-preview');
    await expectAccessible(page, 'profile form with preview');

    await page.getByTestId('profile-submit').click();
    // The first write may wait for the embedded audit store to finish opening.
    await expect(page.getByTestId('profile-progress')).toBeVisible({ timeout: 60_000 });
    await shot(page, 'profile-progress');
    await expect(page.getByTestId('progress-status')).toContainText(`${PROFILE}: ACTIVE`, { timeout: 30_000 });
    expect(eksProfiles()).toContain(PROFILE);

    // Existing pods move only when recreated: a confirmed rollout restart of web.
    await expect(page.getByTestId('restart-targets')).toContainText(`${NS}/web`);
    await page.getByTestId('restart-open').click();
    await expect(page.getByTestId('restart-dialog')).toContainText(`deployment ${NS}/web`);
    await shot(page, 'profile-restart');
    await page.getByTestId('restart-confirm').click();
    await expect(page.getByTestId('restart-landing')).toContainText(`1 of 1 pod on ${PROFILE} — all landed.`, { timeout: 30_000 });
    await expect(page.getByTestId('restart-landing')).toContainText('0.25vCPU 1GB');
    await shot(page, 'profile-progress-landed');

    // A new workload in the namespace lands on Fargate at once, with its size and price.
    kubectl(['apply', '-f', '-'], deployment('worker', NS));
    await c.open(`view=pods&ns=${NS}`);
    const worker = c.row(/worker-[a-z0-9]+-[a-z0-9]+/);
    await expect(worker).toHaveCount(1, { timeout: 20_000 });
    await expect(await c.cell(worker, 'PLACE')).toHaveText('FARGATE', { timeout: 20_000 });
    await expect(await c.cell(worker, 'PROFILE')).toHaveText(PROFILE);
    await expect(await c.cell(worker, 'BILLED')).toHaveText('0.25vCPU 1GB');
    await expect(await c.cell(worker, '$/H')).toHaveText(`$${WEB_HOURLY.toFixed(4)}`);

    // The audit log has the create, by the local user.
    await page.goto(`/c/${CONTEXT}/audit`);
    await expect(page.getByTestId('audit-table')).toContainText(`${CONTEXT}/fargate-profile/${PROFILE}`);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'fargate-profile.create' }).filter({ hasText: PROFILE }).first()).toContainText('local');
    await shot(page, 'profile-audit');
    await expectAccessible(page, 'audit log');
  });

  test('a second create while one is CREATING shows the in-use message', async ({ page, browser, baseURL }) => {
    test.setTimeout(240_000);
    // Two forms, filled in ahead; the second is sent while the first profile is still CREATING (about 1 s here).
    const other = await browser.newPage({ baseURL });
    const names: string[] = [];
    try {
      let shown = false;
      for (let attempt = 0; attempt < 3 && !shown; attempt++) {
        const a = `${PROFILE}-a${attempt}`;
        const b = `${PROFILE}-b${attempt}`;
        names.push(a, b);
        for (const [p, n] of [
          [page, a],
          [other, b],
        ] as const) {
          await openForm(p);
          await field(p, 'name').fill(n);
          await field(p, 'selectors-0-namespace').fill(`${NS}-${n.slice(-2)}`);
        }
        await page.getByTestId('profile-submit').click();
        await other.getByTestId('profile-submit').click();
        const outcome = await Promise.race([
          other.getByTestId('submit-error').waitFor({ timeout: 15_000 }).then(() => 'error' as const),
          other.getByTestId('profile-progress').waitFor({ timeout: 15_000 }).then(() => 'created' as const),
        ]);
        if (outcome === 'error') {
          await expect(other.getByTestId('submit-error')).toContainText('Another Fargate profile is being created or deleted');
          await expect(other.getByTestId('submit-error')).toContainText(`EKS said: Fargate Profile ${a} is in status CREATING`);
          await shot(other, 'profile-in-use');
          expect(eksProfiles()).not.toContain(b);
          shown = true;
        }
        // Let EKS settle before the next attempt or the clean-up.
        await expect.poll(() => profilesChanging(page), { timeout: 30_000, intervals: [500] }).toEqual([]);
      }
      expect(shown, 'the second create was never sent while the first was CREATING').toBe(true);
    } finally {
      await other.close();
      // Clean up: EKS deletes one profile at a time.
      for (const n of names) {
        if (!eksProfiles().includes(n)) continue;
        await expect
          .poll(
            async () => {
              const r = await page.request.delete(`/api/c/${CONTEXT}/profiles/${n}`, { headers: { origin: new URL(page.url()).origin }, data: { confirm: n } });
              return r.status();
            },
            { timeout: 30_000, intervals: [500] },
          )
          .toBe(200);
        await expect.poll(() => eksProfiles().includes(n), { timeout: 30_000, intervals: [500] }).toBe(false);
      }
    }
  });

  test('replace a profile: the new one goes ACTIVE, the old one is deleted, the pods follow', async ({ page }) => {
    test.setTimeout(120_000);
    const c = new ClusterPage(page);
    await c.open(`view=profiles&sel=${PROFILE}&open=detail`);
    await expect(c.detail('profile')).toBeVisible();
    await c.detail('profile').getByTestId('profile-replace').click();
    await expect(page).toHaveURL(new RegExp(`/profiles/new\\?replace=${PROFILE}$`));
    await expect(field(page, 'name')).toHaveValue(REPLACEMENT, { timeout: 20_000 });
    await expect(field(page, 'selectors-0-namespace')).toHaveValue(NS);
    // Both of the namespace's pods would move from the old profile to the new one.
    await expect(page.getByTestId('profile-preview')).toContainText(`Preview: pods ${REPLACEMENT} would capture (2)`, { timeout: 15_000 });
    await expect(page.getByTestId('preview-captured')).toContainText(`${PROFILE}`);
    await page.getByTestId('profile-submit').click();
    await expect(page.getByTestId('profile-progress')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('progress-plan')).toContainText('done', { timeout: 45_000 });
    await expect(page.getByTestId('progress-old')).toContainText('deleted');
    await shot(page, 'profile-replace');
    await expect.poll(() => eksProfiles(), { timeout: 20_000 }).toContain(REPLACEMENT);
    expect(eksProfiles()).not.toContain(PROFILE);

    // Deleting the old profile deleted its pods; their Deployments recreated them on the replacement.
    await c.open(`view=pods&ns=${NS}`);
    await expect
      .poll(async () => {
        const rows = await c.rows().all();
        const profiles = await Promise.all(rows.map(async (r) => ((await (await c.cell(r, 'PROFILE')).textContent()) ?? '').trim()));
        return profiles.length === 2 && profiles.every((p) => p === REPLACEMENT);
      }, { timeout: 30_000 })
      .toBe(true);
  });

  test('delete a profile: the dialog lists its pods, wants the name, and the pods go', async ({ page }) => {
    test.setTimeout(120_000);
    const before = kubectl(['get', 'pods', '-n', NS, '-o', 'jsonpath={.items[*].metadata.name}']).split(/\s+/).filter(Boolean);
    expect(before).toHaveLength(2);
    const c = new ClusterPage(page);
    await c.open(`view=profiles&sel=${REPLACEMENT}&open=detail`);
    await c.detail('profile').getByTestId('profile-delete').click();
    const dialog = page.getByTestId('delete-dialog');
    await expect(dialog).toContainText(`Delete Fargate profile ${REPLACEMENT}?`);
    await expect(dialog.getByTestId('delete-summary')).toContainText('EKS deletes its 2 pods');
    for (const pod of before) await expect(dialog).toContainText(pod);
    await expect(dialog).toContainText('EC2 (default scheduler), if a node has room');
    await dialog.getByTestId('delete-confirm-input').fill(PROFILE);
    await expect(dialog.getByTestId('delete-confirm')).toBeDisabled();
    await dialog.getByTestId('delete-confirm-input').fill(REPLACEMENT);
    await expect(dialog.getByTestId('delete-confirm')).toBeEnabled();
    await shot(page, 'profile-delete');
    await expectAccessible(page, 'delete dialog');
    await dialog.getByTestId('delete-confirm').click();
    await expect(dialog.getByTestId('delete-status')).toContainText(`${REPLACEMENT}: deleted`, { timeout: 30_000 });
    await expect.poll(() => eksProfiles(), { timeout: 20_000 }).not.toContain(REPLACEMENT);
    // Its pods are gone (their Deployments make new ones, on EC2 now).
    await expect
      .poll(() => kubectl(['get', 'pods', '-n', NS, '-o', 'jsonpath={.items[*].metadata.name}']).split(/\s+/).filter(Boolean).filter((p) => before.includes(p)), {
        timeout: 30_000,
      })
      .toEqual([]);
    await shot(page, 'profile-deleted');
    try {
      kubectl(['delete', 'namespace', NS, '--wait=false']);
    } catch (e) {
      console.warn(`could not delete namespace ${NS}: ${(e as Error).message}`);
    }
  });
});
