import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ClusterPage } from './pages/cluster-page';
import { CostPage } from './pages/cost-page';
import { startExtraDemo, type ExtraDemo } from './support/extra-demo';

// The `modern` scenario (sim/scenarios/modern.ts): a managed node group, Karpenter NodePools for On-Demand, Spot
// x86 and Spot Graviton, an EKS Auto Mode pool and Fargate, in a demo of its own. Prices come from the simulated
// account's Price List and Spot history; the unmodified AWS CLI reads the same account to check them.
const CONTEXT = 'farview-modern';
const ROOT = path.resolve(__dirname, '..');
const SCREENSHOTS = path.join(__dirname, 'screenshots');
let demo: ExtraDemo | undefined;

function awsEnv(): Record<string, string> {
  const text = readFileSync(path.join(ROOT, '.farview/e2e-modern/aws.env'), 'utf8');
  return Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function aws(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('aws', ['--output', 'json', ...args], { encoding: 'utf8', timeout: 30_000, env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, AWS_MAX_ATTEMPTS: '1', ...awsEnv() } }, (err, out, stderr) =>
      err ? reject(new Error(String(stderr) || err.message)) : resolve(String(out)),
    ),
  );
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startExtraDemo({ portOffset: 203, name: 'modern', scenario: 'modern' });
});

test.afterAll(async () => {
  await demo?.stop();
});

test('the node pools screen shows every kind of pool, and a Spot Graviton node costs its Spot price', async ({ page }) => {
  const c = new ClusterPage(page);
  await page.goto(`${demo!.base}/c/${CONTEXT}?view=nodepools`);
  await c.waitLive();
  const expected: [string, string, string, string][] = [
    ['general', 'Karpenter', 'On-Demand', 'amd64'],
    ['general-purpose', 'Auto Mode', 'On-Demand', 'amd64'],
    ['spot-arm', 'Karpenter', 'Spot', 'arm64'],
    ['spot-x86', 'Karpenter', 'Spot', 'amd64'],
    ['system', 'Node group', 'On-Demand', 'amd64'],
  ];
  await expect(c.rows()).toHaveCount(expected.length);
  // The row whose NAME cell reads exactly `name` (by its text: a long name's cell is two spans, head and tail).
  const poolRow = (name: string) => c.rows().filter({ has: page.getByRole('gridcell').filter({ hasText: new RegExp(`^${name}$`) }) });
  for (const [name, kind, capacity, arch] of expected) {
    const row = poolRow(name);
    await expect(await c.cell(row, 'KIND')).toHaveText(kind);
    await expect(await c.cell(row, 'CAPACITY')).toHaveText(capacity);
    await expect(await c.cell(row, 'ARCH')).toHaveText(arch);
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'nodepools-modern.png') });

  // By mouse: the Spot Graviton pool's detail, with its NodePool's limits and disruption, and its nodes.
  await poolRow('spot-arm').dblclick();
  const detail = c.detail('nodepool');
  await expect(detail).toContainText('Karpenter NodePool');
  await expect(detail).toContainText('cpu 200');
  await expect(detail).toContainText('consolidate WhenEmptyOrUnderutilized; after 1m; budget 10%');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'nodepool-detail.png') });

  // One of its nodes: the Spot price the CLI reads for its zone and type is the node's $/hour.
  await detail.getByRole('button', { name: /^ip-/ }).first().click();
  const node = c.detail('node');
  await expect(node).toContainText('Spot');
  const zone = (await node.getByText(/^ap-southeast-1[abc]$/).first().textContent()) ?? '';
  const type = (await node.getByText(/^(m6g\.large|c6g\.xlarge)$/).first().textContent()) ?? '';
  const history = JSON.parse(await aws(['ec2', 'describe-spot-price-history', '--instance-types', type, '--product-descriptions', 'Linux/UNIX', '--availability-zone', zone, '--start-time', new Date().toISOString()])) as {
    SpotPriceHistory: { SpotPrice: string }[];
  };
  const spot = Number(history.SpotPriceHistory[0].SpotPrice);
  await expect(node).toContainText(`$${spot.toFixed(4)}`);
  await expect(node).toContainText(`Spot price in ${zone}, EC2 spot price history at`);
});

test('the cost page groups EC2 by pool and capacity type and shows the control plane line', async ({ page }) => {
  const cost = new CostPage(page, CONTEXT, demo!.base);
  await cost.open('by=pool');
  await expect(page.getByTestId('provenance')).toHaveText(/^List prices ap-southeast-1 \(AWS Price List API at \d{4}-\d\d-\d\d \d\d:\d\d UTC; Spot from EC2 at \d\d:\d\d UTC\) · at /);
  for (const key of ['np:karpenter/general', 'np:karpenter/spot-arm', 'np:karpenter/spot-x86', 'np:auto/general-purpose', 'np:nodegroup/system', 'side:fargate', 'cluster']) {
    await expect(cost.row(key)).toHaveCount(1);
  }
  // Kubernetes 1.28 is past extended support (EKS calendar: it ended 2025-11-26): $0.60 per cluster-hour.
  expect(await cost.hourly(cost.row('cluster'))).toBe(0.6);
  await expect(cost.row('cluster')).toContainText('EKS control plane (1.28, past extended support)');
  const total = await cost.hourly(cost.total());
  expect((await cost.allHourly()).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 8);
  await cost.screenshot('cost-by-pool');

  await cost.open('by=capacity');
  for (const key of ['cap:Spot', 'cap:On-Demand', 'idle:cap:Spot', 'idle:cap:On-Demand', 'side:fargate', 'cluster']) await expect(cost.row(key)).toHaveCount(1);
  expect((await cost.allHourly()).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 8);
  // The EC2 side of EC2 vs Fargate is the sum of the nodes' real prices: Spot where Spot, Price List elsewhere.
  const view = (await (await page.request.get(`${demo!.base}/api/c/${CONTEXT}/view`)).json()) as { nodes: { computeType: string; hourlyUSD: number }[] };
  const ec2 = view.nodes.filter((n) => n.computeType === 'ec2').reduce((a, n) => a + n.hourlyUSD, 0);
  const spotAndOd = (await cost.hourly(cost.row('cap:Spot'))) + (await cost.hourly(cost.row('idle:cap:Spot'))) + (await cost.hourly(cost.row('cap:On-Demand'))) + (await cost.hourly(cost.row('idle:cap:On-Demand')));
  expect(spotAndOd).toBeCloseTo(ec2, 6);
  await cost.screenshot('cost-by-capacity');
});
