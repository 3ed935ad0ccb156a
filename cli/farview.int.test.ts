/**
 * `farview size` as a user runs it: spawned with tsx, on the seed's manifests (fixtures/seed) and on bad input.
 * Expected sizes come from the seed and the EKS guide; expected prices are the price table's rates multiplied by hand.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSim } from '../sim/harness';

const root = path.resolve(__dirname, '..');
const seed = (name: string) => path.join('fixtures', 'seed', name);
const testdata = (name: string) => path.join('cli', 'testdata', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'farview-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function farview(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  if (!opts.env?.AWS_REGION) delete env.AWS_REGION;
  return new Promise((resolve) => {
    // node --import tsx runs the script in one process (the tsx binary starts a second one).
    // react-server: the server modules rightsize loads start with `import 'server-only'`, a no-op outside the browser build.
    const child = execFile(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'cli/farview.ts', ...args], { cwd: root, env, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(opts.stdin ?? '');
  });
}

interface JsonPod {
  file: string;
  document: number;
  kind: string;
  namespace: string | null;
  name: string;
  replicas: number;
  request: { cpu: string; memory: string; cpuMillis: number; memoryBytes: number };
  capacityProvisioned: string | null;
  vcpu: number | null;
  memoryGiB: number | null;
  hourlyUSD: number | null;
  monthlyUSD: number | null;
  totalHourlyUSD: number | null;
  totalMonthlyUSD: number | null;
  fargateIssues: string[];
  warnings: string[];
}

interface JsonReport {
  region: string;
  regionFrom: string;
  prices: { source: string; date: string };
  pods: JsonPod[];
  total: { pods: number; hourlyUSD: number; monthlyUSD: number };
}

function expectBadInput(run: Run, message: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^farview: /);
  expect(lines[0]).not.toMatch(/internal error|\s+at\s+\S+:\d+/);
  expect(lines[0]).toMatch(message);
}

// Each test spawns its own processes and shares nothing, so they run side by side; spawns are slow on a busy machine.
describe.concurrent('farview size on the seed manifests', { timeout: 90_000 }, () => {
  const files = ['test1-ec2nodegroup.yaml', 'test2-fargate.yaml', 'test3-mixed-namespace.yaml', 'test3-mixed-ec2.yaml', 'test3-mixed-fargate.yaml'].map(seed);

  it('--output json: exactly one object with the seed sizes and ap-southeast-1 prices', async () => {
    const run = await farview(['size', ...files, testdata('big-pod.yaml'), '--region', 'ap-southeast-1', '--output', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(run.stdout.trim().endsWith('}')).toBe(true);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.region).toBe('ap-southeast-1');
    expect(report.regionFrom).toBe('--region');
    expect(report.prices.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.prices.source).toContain('Pricing API');

    const byName = Object.fromEntries(report.pods.map((p) => [p.name, p]));
    expect(report.pods.map((p) => p.name)).toEqual(['nginx-ec2nodegroup', 'nginx-fargate-pod', 'nginx-mixed-ec2', 'nginx-mixed-fargate', 'one-cpu-eight-gi']);

    // 0.5 CPU / 750M + 256 MiB = 971.3 MiB → 0.5vCPU 1GB; 0.5 × 0.05056 + 1 × 0.00553 = 0.03081 $/h, × 730 = 22.4913
    expect(byName['nginx-fargate-pod']).toMatchObject({
      file: seed('test2-fargate.yaml'),
      document: 2,
      kind: 'Deployment',
      namespace: 'test2-fargate',
      replicas: 2,
      request: { cpu: '500m', cpuMillis: 500, memoryBytes: 750_000_000 },
      capacityProvisioned: '0.5vCPU 1GB',
      vcpu: 0.5,
      memoryGiB: 1,
      fargateIssues: [],
    });
    expect(byName['nginx-fargate-pod'].hourlyUSD).toBeCloseTo(0.03081, 10);
    expect(byName['nginx-fargate-pod'].monthlyUSD).toBeCloseTo(22.4913, 8);
    expect(byName['nginx-fargate-pod'].totalHourlyUSD).toBeCloseTo(0.06162, 10);

    // 1 CPU / 1750M → 1vCPU 2GB; 1 × 0.05056 + 2 × 0.00553 = 0.06162 $/h, × 730 = 44.9826
    expect(byName['nginx-mixed-fargate']).toMatchObject({ capacityProvisioned: '1vCPU 2GB', vcpu: 1, memoryGiB: 2, replicas: 2 });
    expect(byName['nginx-mixed-fargate'].hourlyUSD).toBeCloseTo(0.06162, 10);
    expect(byName['nginx-mixed-fargate'].monthlyUSD).toBeCloseTo(44.9826, 8);
    expect(byName['nginx-mixed-fargate'].totalMonthlyUSD).toBeCloseTo(89.9652, 8);

    // No requests → 0.25vCPU 0.5GB; 0.25 × 0.05056 + 0.5 × 0.00553 = 0.015405 $/h
    expect(byName['nginx-ec2nodegroup']).toMatchObject({ capacityProvisioned: '0.25vCPU 0.5GB', request: { cpuMillis: 0, memoryBytes: 0 } });
    expect(byName['nginx-ec2nodegroup'].hourlyUSD).toBeCloseTo(0.015405, 10);

    // 1 CPU / 8Gi → 2vCPU 9GB; 2 × 0.05056 + 9 × 0.00553 = 0.15089 $/h
    expect(byName['one-cpu-eight-gi']).toMatchObject({ kind: 'Pod', namespace: 'batch', replicas: 1, capacityProvisioned: '2vCPU 9GB', vcpu: 2, memoryGiB: 9 });
    expect(byName['one-cpu-eight-gi'].hourlyUSD).toBeCloseTo(0.15089, 10);

    // 2 + 2 + 2 + 2 + 1 pods: 2 × (0.015405 + 0.03081 + 0.015405 + 0.06162) + 0.15089
    expect(report.total.pods).toBe(9);
    expect(report.total.hourlyUSD).toBeCloseTo(2 * (0.015405 + 0.03081 + 0.015405 + 0.06162) + 0.15089, 8);
  });

  it('table output: one row per template with size, prices and the region stated', async () => {
    const run = await farview(['size', seed('test2-fargate.yaml'), seed('test3-mixed-fargate.yaml'), '--region=ap-southeast-1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^region ap-southeast-1 \(from --region\) · list prices of \d{4}-\d{2}-\d{2}/);
    expect(lines.find((l) => l.startsWith('KIND'))).toMatch(/KIND\s+NAMESPACE\s+NAME\s+PODS\s+CPU\s+MEMORY\s+\+256Mi\s+FARGATE\s+\$\/HOUR\s+\$\/MONTH\s+ALL \$\/HOUR\s+ALL \$\/MONTH\s+HEADROOM/);
    expect(lines.find((l) => l.includes('nginx-fargate-pod'))).toMatch(/^Deployment\s+test2-fargate\s+nginx-fargate-pod\s+2\s+500m\s+715\.3Mi\s+971\.3Mi\s+0\.5vCPU 1GB\s+\$0\.03081\s+\$22\.49\s+\$0\.06162\s+\$44\.98\s+0 \/ 52\.7Mi$/);
    expect(lines.find((l) => l.includes('nginx-mixed-fargate'))).toMatch(/1vCPU 2GB\s+\$0\.06162\s+\$44\.98\s+\$0\.12324\s+\$89\.97/);
    expect(run.stdout).toContain('hint: next size down: 0.25vCPU 1GB if the request drops CPU by 250m');
    expect(run.stdout).toMatch(/total: 4 pods, \$0\.18486\/hour, \$134\.95\/month/);
  });

  it('reads stdin ("-" or no file) and defaults to us-east-1, saying so', async () => {
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, resources: {requests: {cpu: 250m, memory: 256Mi}}}]}\n`;
    const piped = await farview(['size', '-o', 'json'], { stdin: yaml });
    expect(piped.code).toBe(0);
    const report = JSON.parse(piped.stdout) as JsonReport;
    expect(report.region).toBe('us-east-1');
    expect(report.regionFrom).toBe('default');
    expect(report.pods[0]).toMatchObject({ file: 'stdin', capacityProvisioned: '0.25vCPU 0.5GB' });
    // 0.25 × 0.04048 + 0.5 × 0.004445
    expect(report.pods[0].hourlyUSD).toBeCloseTo(0.0123425, 10);

    const dash = await farview(['size', '-'], { stdin: yaml });
    expect(dash.stdout).toMatch(/^region us-east-1 \(default; set --region or AWS_REGION\)/);
  });

  it('takes the region from AWS_REGION', async () => {
    const run = await farview(['size', seed('test3-mixed-fargate.yaml'), '-o', 'json'], { env: { AWS_REGION: 'eu-west-1' } });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report).toMatchObject({ region: 'eu-west-1', regionFrom: 'AWS_REGION' });
    // 1 × 0.04048 + 2 × 0.004445
    expect(report.pods[0].hourlyUSD).toBeCloseTo(0.04937, 10);
  });

  it('lists every Fargate issue and limit warning', async () => {
    const run = await farview(['size', testdata('trouble.yaml'), '-o', 'json']);
    expect(run.code).toBe(0);
    const [ds, job] = (JSON.parse(run.stdout) as JsonReport).pods;
    expect(ds.fargateIssues).toEqual([
      "DaemonSets aren't supported on Fargate: run the daemon as a sidecar container in each pod instead",
      'Pod not supported on Fargate: invalid SecurityContext fields: Privileged (container "agent")',
      'Pod not supported on Fargate: fields not supported: HostNetwork',
      'Pod not supported on Fargate: volumes not supported: proc is of an unsupported volume Type (hostPath)',
    ]);
    // 500m / 1Gi + 256Mi → 0.5vCPU 2GB; the 2-CPU limit is above it
    expect(job).toMatchObject({ kind: 'Job', replicas: 3, capacityProvisioned: '0.5vCPU 2GB', fargateIssues: [] });
    expect(job.warnings[0]).toMatch(/^container "report": CPU limit 2 is above the 0\.5 vCPU Fargate provisions/);

    const table = await farview(['size', testdata('trouble.yaml')]);
    expect(table.stdout).toContain('FARGATE WOULD REFUSE: Pod not supported on Fargate: fields not supported: HostNetwork');
    expect(table.stdout).toContain('warning: container "report": CPU limit 2');
  });

  it('prints a message, not an empty table, when there are no pods', async () => {
    const run = await farview(['size', seed('test3-mixed-namespace.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no pod templates found');
  });

  it('--help', async () => {
    const run = await farview(['size', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: farview size \[FILE\|-\]\.\.\. \[--region REGION\] \[--output table\|json\]/);
  });
});

describe.concurrent('farview size refuses bad input with exit code 2 and one line', { timeout: 90_000 }, () => {
  it('a bad quantity: the file, the document and the field', async () => {
    expectBadInput(
      await farview(['size', testdata('bad-quantity.yaml')]),
      /^farview: cli\/testdata\/bad-quantity\.yaml: document 2 \(Deployment shop\/web\): spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory: "1\.5GB" is not a valid quantity: unknown suffix/,
    );
  });

  it('an unknown kind', async () => {
    expectBadInput(await farview(['size', testdata('unknown-kind.yaml')]), /unknown-kind\.yaml: document 1: kind: unknown kind "Deploymnet" in apps\/v1/);
  });

  it('not YAML', async () => {
    expectBadInput(await farview(['size', testdata('not-yaml.yaml')]), /not-yaml\.yaml: document 1: not valid YAML or JSON: .*line \d+, column \d+$/);
    expectBadInput(await farview(['size'], { stdin: 'just some words' }), /^farview: stdin: document 1: a string, not a Kubernetes object/);
  });

  it('an alias bomb', async () => {
    expectBadInput(await farview(['size', testdata('alias-bomb.yaml')]), /alias-bomb\.yaml: document 1: refused: too many YAML alias expansions/);
  });

  it('a 50 MB file, refused without being read', async () => {
    const big = path.join(scratch, 'big.yaml');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, '#'));
    expectBadInput(await farview(['size', big]), /big\.yaml: input is 50 MiB, more than the 5 MiB limit$/);
  });

  it('a missing file', async () => {
    expectBadInput(await farview(['size', 'no/such/file.yaml']), /^farview: no\/such\/file\.yaml: cannot read: no such file$/);
  });

  it('an unknown region, from the flag or from AWS_REGION', async () => {
    expectBadInput(await farview(['size', seed('test2-fargate.yaml'), '--region', 'mars-1']), /no prices for region "mars-1"; known regions: ap-northeast-1, .*us-west-2$/);
    expectBadInput(await farview(['size', seed('test2-fargate.yaml')], { env: { AWS_REGION: 'eu-north-1' } }), /"eu-north-1".*\(region from AWS_REGION; choose one with --region\)$/);
  });

  it('an unknown flag, a bad --output, a missing command', async () => {
    expectBadInput(await farview(['size', '--verbose']), /^farview: unknown option --verbose/);
    expectBadInput(await farview(['size', '-o', 'yaml']), /^farview: option -o: expected table or json, got "yaml"$/);
    expectBadInput(await farview([]), /^farview: missing command/);
  });
});

describe('farview rightsize', () => {
  let sim: Awaited<ReturnType<typeof startSim>> | null = null;
  afterAll(async () => {
    await sim?.stop();
  });

  it('refuses bad options and contexts with exit 2 and one line', async () => {
    expectBadInput(await farview(['rightsize', '--days', '0']), /^farview: option --days: expected a whole number from 1 to 400, got "0"$/);
    expectBadInput(await farview(['rightsize', '--server', 'ftp://x']), /^farview: option --server: expected an http or https URL/);
    expectBadInput(await farview(['rightsize', 'extra']), /^farview: unexpected argument "extra"/);
    const empty = path.join(scratch, 'empty-kubeconfig');
    writeFileSync(empty, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    expectBadInput(await farview(['rightsize'], { env: { KUBECONFIG: empty, HOME: scratch } }), /^farview: no current context in the kubeconfig: choose one with --context$/);
  });

  it('reads a live cluster: every running workload, none with enough history on a cluster just started', async () => {
    sim = await startSim({ scenario: 'eksworkshop', speed: 20, seed: 6 });
    const env = { KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, FARVIEW_DATA_DIR: path.join(scratch, 'data'), ...sim.awsEnv };
    const json = await farview(['rightsize', '--namespace', 'test2-fargate', '-o', 'json'], { env });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as { window: { days: number }; recommendations: { kind: string; workload: { name: string }; message?: string }[] };
    expect(r.window.days).toBe(7);
    expect(r.recommendations.map((x) => [x.kind, x.workload.name])).toEqual([['insufficient', 'nginx-fargate-pod']]);
    expect(r.recommendations[0].message).toMatch(/^Not enough history to recommend: container nginx-fargate-pod has 0 h and 0 samples; at least 24 h and 96 samples are needed\.$/);
    const table = await farview(['rightsize', '--context', sim.ctx.clusterName], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('no workload has enough usage history yet');
    expect(table.stdout).toContain('test2-fargate/Deployment/nginx-fargate-pod: Not enough history');
    // A server that is not there is not bad input: exit 1.
    const down = await farview(['rightsize', '--context', sim.ctx.clusterName, '--server', 'http://127.0.0.1:9'], { env });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^farview: internal error: cannot reach http:\/\/127\.0\.0\.1:9/);
  }, 120_000);
});
