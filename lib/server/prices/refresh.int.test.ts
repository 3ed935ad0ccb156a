import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../../../sim/harness';
import type { PriceTable } from './refresh';

// The maintainer's script, run as a maintainer runs it (npm run prices:refresh), against the simulated account:
// the table it writes carries what the unmodified AWS CLI reads from the same Price List.

let sim: Awaited<ReturnType<typeof startSim>>;
let dir: string;
const ROOT = path.resolve(__dirname, '..', '..', '..');

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
    ),
  );
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'empty', seed: 9 });
  dir = mkdtempSync(path.join(tmpdir(), 'farview-prices-'));
}, 60_000);
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run prices:refresh', () => {
  it('writes the Price List’s figures for the regions asked, and keeps the others as they were', async () => {
    const out = path.join(dir, 'prices.json');
    const r = await run('npm', ['run', '-s', 'prices:refresh', '--', '--regions', 'ap-south-1,ap-southeast-1', '--types', 'm6g.large', '--out', out], sim.awsEnv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ap-south-1: Fargate [\d.]+\/vCPU-h, [\d.]+\/GB-h; \d+ of \d+ instance types priced$/m);
    const before = JSON.parse(readFileSync(path.join(ROOT, 'lib/fargate/prices.json'), 'utf8')) as PriceTable;
    const after = JSON.parse(readFileSync(out, 'utf8')) as PriceTable;
    expect(after.version).toBe(before.version + 1);
    expect(after.regions['us-east-1']).toEqual(before.regions['us-east-1']);
    const aps1 = after.regions['ap-southeast-1'];
    expect(aps1.source).toMatch(/^AWS Price List Query API .* read \d{4}-\d\d-\d\d$/);
    expect(aps1.unverified).toEqual([]);
    // What the AWS CLI reads from the same account.
    const cli = await run('aws', ['pricing', 'get-products', '--region', 'us-east-1', '--output', 'json', '--service-code', 'AmazonEC2', '--filters',
      'Type=TERM_MATCH,Field=regionCode,Value=ap-southeast-1', 'Type=TERM_MATCH,Field=instanceType,Value=m6g.large', 'Type=TERM_MATCH,Field=operatingSystem,Value=Linux',
      'Type=TERM_MATCH,Field=tenancy,Value=Shared', 'Type=TERM_MATCH,Field=capacitystatus,Value=Used', 'Type=TERM_MATCH,Field=preInstalledSw,Value=NA'], sim.awsEnv);
    const doc = JSON.parse((JSON.parse(cli.stdout) as { PriceList: string[] }).PriceList[0]) as { terms: { OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }> } };
    const usd = Number(Object.values(Object.values(doc.terms.OnDemand)[0].priceDimensions)[0].pricePerUnit.USD);
    expect(aps1.ec2['m6g.large']).toBe(usd);
  }, 120_000);
});
