import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PRICES_ACCESS_KEY } from '../../sim/aws/server';
import type { NodeView } from '../view/model';
import type { ClusterSource } from './cluster-source';
import { sourceFor, waitFor, type Sim } from '../../tests/test-support/sim-source';
import { startSim } from '../../sim/harness';

// Farview's node prices against what the unmodified AWS CLI reads from the same (simulated) AWS account: the
// Spot price history of EC2 and the Price List Query API. The CLI is the independent reader; nothing here
// computes a price.

const AWS = ['/usr/local/bin/aws', '/usr/bin/aws', `${process.env.HOME}/.pyenv/shims/aws`].find((p) => existsSync(p)) ?? 'aws';

let sim: Sim;
let source: ClusterSource;

function cli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(AWS, ['--output', 'json', ...args], { encoding: 'utf8', timeout: 30_000, env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, ...sim.awsEnv } }, (err, stdout, stderr) =>
      err ? reject(new Error(`aws ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}

async function cliSpot(zone: string, type: string): Promise<number> {
  const out = JSON.parse(
    await cli(['ec2', 'describe-spot-price-history', '--instance-types', type, '--product-descriptions', 'Linux/UNIX', '--availability-zone', zone, '--start-time', new Date().toISOString()]),
  ) as { SpotPriceHistory: { SpotPrice: string }[] };
  return Number(out.SpotPriceHistory[0].SpotPrice);
}

async function cliOnDemand(type: string): Promise<number> {
  const filters = [`regionCode=ap-southeast-1`, `instanceType=${type}`, 'operatingSystem=Linux', 'tenancy=Shared', 'preInstalledSw=NA', 'capacitystatus=Used'].map((f) => {
    const [k, v] = f.split('=');
    return `Type=TERM_MATCH,Field=${k},Value=${v}`;
  });
  const out = JSON.parse(await cli(['pricing', 'get-products', '--region', 'ap-south-1', '--service-code', 'AmazonEC2', '--filters', ...filters])) as { PriceList: string[] };
  expect(out.PriceList).toHaveLength(1);
  const doc = JSON.parse(out.PriceList[0]) as { terms: { OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }> } };
  const dims = Object.values(Object.values(doc.terms.OnDemand)[0].priceDimensions);
  return Number(dims[0].pricePerUnit.USD);
}

async function cliAutoModeFee(type: string): Promise<number> {
  const filters = ['regionCode=ap-southeast-1', 'operation=EKSAutoUsage', `instancetype=${type}`].map((f) => {
    const [k, v] = f.split('=');
    return `Type=TERM_MATCH,Field=${k},Value=${v}`;
  });
  const out = JSON.parse(await cli(['pricing', 'get-products', '--region', 'ap-south-1', '--service-code', 'AmazonEKS', '--filters', ...filters])) as { PriceList: string[] };
  expect(out.PriceList).toHaveLength(1);
  const doc = JSON.parse(out.PriceList[0]) as { product: { attributes: Record<string, string> }; terms: { OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }> } };
  expect(doc.product.attributes.eksproducttype).toBe('AutoMode');
  return Number(Object.values(Object.values(doc.terms.OnDemand)[0].priceDimensions)[0].pricePerUnit.USD);
}

const ec2Nodes = (): NodeView[] => source.snapshot().view.nodes.filter((n) => n.computeType === 'ec2');

beforeAll(async () => {
  sim = await startSim({ scenario: 'modern', speed: 50, seed: 7 });
  source = sourceFor(sim);
  source.start();
  await source.ready(20_000);
  await waitFor('prices from the Price List and Spot history', () => {
    const origin = source.snapshot().view.meta.prices?.origin;
    const types = new Set(ec2Nodes().map((n) => n.instanceType));
    const fees = source.snapshot().view.meta.prices?.autoModeFee ?? {};
    return origin?.spot === 'api' && [...types].every((t) => t && origin.apiInstanceTypes.includes(t)) && 'c6a.large' in fees;
  });
}, 60_000);

afterAll(async () => {
  await source?.stop();
  await sim?.stop();
});

describe('node prices on the modern cluster', () => {
  it('a Spot node costs what EC2’s Spot price history says for its zone and type', async () => {
    const spot = ec2Nodes().filter((n) => n.capacityType === 'SPOT');
    expect(spot.length).toBe(6);
    for (const n of spot.slice(0, 3)) {
      expect(n.hourlyUSD).toBe(await cliSpot(n.zone as string, n.instanceType as string));
      expect(n.priceSource).toMatch(new RegExp(`^Spot price in ${n.zone}, EC2 spot price history at \\d\\d:\\d\\d UTC$`));
    }
  });

  it('a Graviton node has its own price, not its x86 neighbour’s', async () => {
    const arm = ec2Nodes().find((n) => n.arch === 'arm64' && n.instanceType === 'm6g.large');
    expect(arm).toBeDefined();
    expect(arm?.hourlyUSD).toBe(await cliSpot(arm?.zone as string, 'm6g.large'));
    expect(arm?.hourlyUSD).not.toBe(await cliSpot(arm?.zone as string, 'm5.large'));
  });

  it('an On-Demand node costs its Price List price, also for types the bundled table lacks', async () => {
    const m6i = ec2Nodes().find((n) => n.instanceType === 'm6i.large');
    expect(m6i?.hourlyUSD).toBe(await cliOnDemand('m6i.large'));
    expect(m6i?.priceSource).toMatch(/^On-Demand, AWS Price List API at \d\d:\d\d UTC$/);
  });

  it('an EKS Auto Mode node costs its instance plus the management fee the Price List gives its type', async () => {
    const autoMode = ec2Nodes().filter((n) => n.poolKind === 'auto');
    expect(autoMode.map((n) => n.instanceType)).toEqual(['c6a.large', 'c6a.large']);
    const [instance, fee] = [await cliOnDemand('c6a.large'), await cliAutoModeFee('c6a.large')];
    expect(fee).toBeGreaterThan(0);
    for (const n of autoMode) {
      expect(n.hourlyUSD).toBeCloseTo(instance + fee, 9);
      expect(n.feeHourlyUSD).toBe(fee);
      expect(n.priceSource).toMatch(/; plus the EKS Auto Mode management fee \$[\d.]+\/h, AWS Price List API at \d\d:\d\d UTC$/);
    }
    // A Karpenter node of the same kind of capacity pays no fee.
    expect(ec2Nodes().filter((n) => n.poolKind === 'karpenter').every((n) => n.feeHourlyUSD === 0)).toBe(true);
  });

  it('lists every kind of node pool with what its nodes cost', () => {
    const pools = [...source.snapshot().view.nodepools].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(pools.map((p) => [p.id, p.kindLabel, p.capacityTypes.join(','), p.archs.join(','), p.nodeCount])).toEqual([
      ['auto/general-purpose', 'EKS Auto Mode NodePool', 'On-Demand', 'amd64', 2],
      ['karpenter/general', 'Karpenter NodePool', 'On-Demand', 'amd64', 3],
      ['karpenter/spot-arm', 'Karpenter NodePool', 'Spot', 'arm64', 4],
      ['karpenter/spot-x86', 'Karpenter NodePool', 'Spot', 'amd64', 2],
      ['nodegroup/system', 'Managed node group', 'On-Demand', 'amd64', 2],
    ]);
    const byPool = new Map<string, number>();
    for (const n of ec2Nodes()) byPool.set(n.poolId as string, (byPool.get(n.poolId as string) ?? 0) + n.hourlyUSD);
    for (const p of pools) expect(p.hourlyUSD).toBeCloseTo(byPool.get(p.id) ?? 0, 9);
    const spotArm = pools.find((p) => p.id === 'karpenter/spot-arm');
    expect(spotArm).toMatchObject({ nodeClass: 'default', nodeClaims: 4, limits: ['cpu 200'], weight: 50, status: 'READY' });
    expect(spotArm?.disruption).toEqual(['consolidate WhenEmptyOrUnderutilized', 'after 1m', 'budget 10%']);
  });

  it('adds the EKS control plane at the price of its version’s support (1.28 is past extended support: $0.60/h)', () => {
    const { view } = source.snapshot();
    expect(view.meta.controlPlane).toMatchObject({ hourlyUSD: 0.6, support: 'extended' });
    const ec2 = ec2Nodes().reduce((s, n) => s + n.hourlyUSD, 0);
    expect(view.totals.controlPlaneHourlyUSD).toBe(0.6);
    expect(view.totals.hourlyUSD).toBeCloseTo(ec2 + view.totals.fargate.hourlyUSD + 0.6, 6);
  });

  it('says where each pod runs in the pool’s words', () => {
    const worker = source.snapshot().view.pods.find((p) => p.namespace === 'analytics');
    expect(worker?.placementReason).toMatch(/^EC2 · Karpenter NodePool spot-arm · Spot · (m6g\.large|c6g\.xlarge) node /);
  });
});

describe('with the Price List and Spot history denied', () => {
  let denied: ClusterSource;
  beforeAll(async () => {
    const awsEnv = { ...sim.awsEnv, AWS_ACCESS_KEY_ID: NO_PRICES_ACCESS_KEY };
    denied = sourceFor(sim, { awsEnv, env: { KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, ...awsEnv } });
    denied.start();
    await denied.ready(20_000);
    await waitFor('both price sources to fail', () => ['pricing', 'spot'].every((id) => denied.statusOf(id as 'pricing')?.state === 'error'));
    await waitFor('the problems in the prices', () => (denied.snapshot().view.meta.prices?.origin?.problems.length ?? 0) === 2);
  }, 60_000);
  afterAll(async () => {
    await denied?.stop();
  });

  it('uses the bundled table and says that AWS refused, and why', () => {
    const { view } = denied.snapshot();
    expect(view.meta.prices?.origin?.list).toBe('table');
    expect(denied.statusOf('pricing')?.message).toMatch(/^pricing: AccessDeniedException: .*pricing:GetProducts.* — the AWS identity needs pricing:GetProducts/);
    const m5 = view.nodes.find((n) => n.instanceType === 'm5.large');
    // The bundled table's ap-southeast-1 m5.large (docs/fargate-facts.md §4).
    expect(m5?.hourlyUSD).toBe(0.12);
    expect(m5?.priceSource).toMatch(/^On-Demand, bundled table of 2026-08-21 \(pricing: AccessDeniedException/);
    // A Spot node without a Spot price is shown at On-Demand, an upper bound, and says so.
    const spot = view.nodes.find((n) => n.capacityType === 'SPOT' && n.instanceType === 'c5.large');
    expect(spot?.priceSource ?? '').toMatch(/^Spot price unknown|^no On-Demand price/);
  });
});

describe('after a restart, with AWS refusing', () => {
  let restarted: ClusterSource;
  // What an earlier run read and kept: the Price List at 09:00 UTC.
  const kept = { region: 'ap-southeast-1', fargate: { vcpuHour: 0.05056, gbHour: 0.00553, ephemeralGbHour: 0.000122 }, onDemand: { 'c6a.large': 0.0971 }, autoModeFee: { 'c6a.large': 0.01165 }, listAt: '2026-12-03T09:00:00.000Z', spot: {}, spotAt: null, problems: [] };
  beforeAll(async () => {
    const awsEnv = { ...sim.awsEnv, AWS_ACCESS_KEY_ID: NO_PRICES_ACCESS_KEY };
    restarted = sourceFor(sim, { awsEnv, env: { KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, ...awsEnv }, priceCache: { load: async () => kept, save: async () => undefined } });
    restarted.start();
    await restarted.ready(20_000);
    await waitFor('the Price List to refuse', () => restarted.statusOf('pricing')?.state === 'error');
    await waitFor('the kept prices', () => restarted.snapshot().view.meta.prices?.origin?.listAt === kept.listAt);
    await waitFor('the refusal in the prices', () => (restarted.snapshot().view.meta.prices?.origin?.problems.length ?? 0) >= 3);
  }, 60_000);
  afterAll(async () => {
    await restarted?.stop();
  });

  it('shows the prices kept from the earlier read, with their time, and says why AWS did not answer', () => {
    const { view } = restarted.snapshot();
    expect(view.meta.prices?.origin).toMatchObject({ list: 'api', listAt: '2026-12-03T09:00:00.000Z' });
    const problems = view.meta.prices?.origin?.problems ?? [];
    expect(problems.some((p) => p.startsWith('pricing: AccessDeniedException'))).toBe(true);
    expect(problems).toContain('kept from an earlier read until AWS answers again');
    const auto = view.nodes.find((n) => n.instanceType === 'c6a.large' && n.capacityType === 'ON_DEMAND');
    expect(auto?.hourlyUSD).toBeCloseTo(0.0971 + 0.01165, 9);
    expect(auto?.priceSource).toBe('On-Demand, AWS Price List API at 09:00 UTC; plus the EKS Auto Mode management fee $0.01165/h, AWS Price List API at 09:00 UTC');
  });
});
