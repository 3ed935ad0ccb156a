/** Command-line arguments of `npm run sim` (sim/main.ts). Pure: parses argv, never exits. */
import { FaultSpecError, parseFaults } from './faults';
import { METRICS_MODES, type MetricsMode } from './k8s/metrics';

export interface SimArgs {
  scenario: string;
  /** Kubernetes API (HTTPS) port; 0 = any free port. */
  port: number;
  /** AWS API (HTTP) port; 0 = any free port. */
  awsPort: number;
  stateDir: string;
  speed: number;
  churn: number;
  /** Mean simulated minutes between two Spot interruptions (0 = none). */
  spotInterruptions: number;
  faults: string;
  metrics: MetricsMode;
  seed: number;
  nodes?: number;
  pods?: number;
  /** Log every request to stderr. */
  verbose: boolean;
}

export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgError';
  }
}

export const USAGE = `usage: npm run -s sim -- --scenario NAME [options]

Runs a simulated EKS cluster on 127.0.0.1: a Kubernetes API server (HTTPS) and one AWS endpoint
(EKS, Price List, ELBv2, EC2; plain HTTP). When ready it writes DIR/kubeconfig and DIR/aws.env and prints
  sim ready kubeconfig=<path> env=<path>
then runs until SIGINT or SIGTERM.

options:
  --scenario NAME    what to load: SCENARIOS
  --port N           Kubernetes API port (default 0: any free port)
  --aws-port N       AWS API port (default 0: any free port)
  --state-dir DIR    where kubeconfig and aws.env go (default .farview/sim)
  --speed X          run controllers X times faster than real time, and metrics-server's usage clock
                     too (a simulated day of usage in 86400/X seconds; default 1)
  --churn R          random pod churn events per second (default 0)
  --spot-interruptions M
                     interrupt a Spot node about every M simulated minutes (Karpenter scenarios;
                     default 0: never); its pods are rescheduled and Karpenter replaces the capacity
  --seed S           seed for names, IPs and churn (default 1)
  --nodes N          scale scenario: EC2 nodes (default 1000)
  --pods M           scale scenario: pods (default 10000)
  --faults SPEC      inject faults; SPEC is comma-separated key=value:
                       drop-watch=DUR   end all watch streams every DUR
                       reset-watch=DUR  reset all watch connections every DUR
                       error=RATE       fail this fraction of API requests with 500
                       throttle=RATE    answer this fraction with 429 (Retry-After)
                       retry-after=N    Retry-After seconds (default 1)
                       latency=DUR      delay every API request (or A-B for a random delay)
                       expire=DUR       forget the watch history every DUR (watchers get 410)
                     DUR: 500ms, 30s, 2m; RATE: 0.05 or 5%
                     e.g. drop-watch=30s,error=0.05,throttle=0.02,latency=50ms,expire=60s
  --metrics MODE     metrics-server (metrics.k8s.io): on (default), off (not installed),
                     forbidden (403 to every read), unavailable (its APIService down: 503)
  --verbose          log every request to stderr
  --help             show this help`;

/** The usage text with the scenario names filled in. */
export function usage(scenarios: readonly string[]): string {
  return USAGE.replace('SCENARIOS', scenarios.length ? scenarios.join(', ') : '(none available)');
}

function intArg(name: string, v: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(v)) throw new ArgError(`--${name} ${v}: expected a whole number`);
  const n = Number(v);
  if (n < min || n > max) throw new ArgError(`--${name} ${v}: must be between ${min} and ${max}`);
  return n;
}

function numArg(name: string, v: string, positive: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new ArgError(`--${name} ${v}: expected a number`);
  if (positive ? n <= 0 : n < 0) throw new ArgError(`--${name} ${v}: must be ${positive ? 'greater than 0' : 'zero or more'}`);
  return n;
}

const VALUE_FLAGS = ['scenario', 'port', 'aws-port', 'state-dir', 'speed', 'churn', 'spot-interruptions', 'faults', 'metrics', 'seed', 'nodes', 'pods'] as const;

/**
 * Parses argv (without node and script). Returns 'help' for --help. Throws ArgError with a one-line message
 * for anything wrong: unknown flags, missing values, bad numbers, an unknown scenario, a bad fault spec.
 */
export function parseSimArgs(argv: readonly string[], scenarios: readonly string[]): SimArgs | 'help' {
  const values = new Map<string, string>();
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--verbose') {
      verbose = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new ArgError(`unexpected argument ${JSON.stringify(arg)} (try --help)`);
    const name = m[1];
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) throw new ArgError(`unknown option --${name} (try --help)`);
    let value = m[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new ArgError(`--${name} needs a value`);
      i++;
    }
    if (values.has(name)) throw new ArgError(`--${name} given twice`);
    values.set(name, value);
  }
  const scenario = values.get('scenario');
  if (!scenario) throw new ArgError(`--scenario is required (one of: ${scenarios.join(', ')})`);
  if (scenarios.length && !scenarios.includes(scenario)) throw new ArgError(`unknown scenario "${scenario}" (one of: ${scenarios.join(', ')})`);
  const faults = values.get('faults') ?? '';
  try {
    parseFaults(faults);
  } catch (err) {
    if (err instanceof FaultSpecError) throw new ArgError(err.message);
    throw err;
  }
  const metrics = values.get('metrics') ?? 'on';
  if (!(METRICS_MODES as readonly string[]).includes(metrics)) throw new ArgError(`--metrics must be one of ${METRICS_MODES.join(', ')}; got "${metrics}"`);
  const opt = <T>(name: string, f: (v: string) => T): T | undefined => {
    const v = values.get(name);
    return v === undefined ? undefined : f(v);
  };
  const stateDir = values.get('state-dir') ?? '.farview/sim';
  if (!stateDir.trim()) throw new ArgError('--state-dir must not be empty');
  return {
    scenario,
    port: opt('port', (v) => intArg('port', v, 0, 65_535)) ?? 0,
    awsPort: opt('aws-port', (v) => intArg('aws-port', v, 0, 65_535)) ?? 0,
    stateDir,
    speed: opt('speed', (v) => numArg('speed', v, true)) ?? 1,
    churn: opt('churn', (v) => numArg('churn', v, false)) ?? 0,
    spotInterruptions: opt('spot-interruptions', (v) => numArg('spot-interruptions', v, false)) ?? 0,
    faults,
    metrics: metrics as MetricsMode,
    seed: opt('seed', (v) => intArg('seed', v, 0, 2 ** 32 - 1)) ?? 1,
    nodes: opt('nodes', (v) => intArg('nodes', v, 1, 100_000)),
    pods: opt('pods', (v) => intArg('pods', v, 0, 1_000_000)),
    verbose,
  };
}
