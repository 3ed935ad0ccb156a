/** Command-line arguments of `npm run bench` (bench/run.ts). Pure: parses argv, never exits. */

export interface BenchArgs {
  nodes: number;
  pods: number;
  /** Background pod events per second from the simulator's churn controller during the live phase. */
  churn: number;
  /** Where the JSON results go (relative to the working directory). */
  json: string;
  /** Port of the production server on 127.0.0.1 (0: a free port). */
  port: number;
  /** Simulator speed (controller delays are divided by it). */
  speed: number;
  /** Browser samples: navigations, filter keystrokes, live updates. */
  firstRowsRuns: number;
  filterKeystrokes: number;
  liveSamples: number;
  /** Requests of the whole view. */
  viewRequests: number;
  /** Give up on the whole run after this many seconds. */
  timeoutS: number;
  /** Write V8 CPU profiles of the server into this folder (node --cpu-prof). */
  cpuProfDir: string | null;
  /** Write a Chrome performance trace of the filter and live phases into this folder. */
  traceDir: string | null;
  /** Skip `next build` even when the build looks missing. */
  noBuild: boolean;
  seed: number;
}

export class BenchArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchArgError';
  }
}

export const BENCH_USAGE = `usage: npm run bench [-- options]

Starts the simulator's scale scenario and the production server (next start) on 127.0.0.1, measures
the view route, kubectl, the browser (first rows, filter, live updates) and server memory, prints a
table with targets and writes JSON.

options:
  --nodes N             EC2 nodes (default 1000)
  --pods M              pods (default 10000)
  --churn R             background pod events per second during the live phase (default 50)
  --json FILE           results file (default bench/results.json)
  --port N              dashboard port on 127.0.0.1 (default 0: any free port)
  --speed X             simulator speed (default 1)
  --first-rows-runs N   browser navigations, fresh context each (default 5)
  --filter-keys N       filter keystrokes measured (default 24, at least 20)
  --live-samples N      live updates measured (default 40)
  --view-requests N     GETs of the whole view (default 30, at least 20)
  --seed S              simulator seed (default 1)
  --timeout S           abort the whole run after S seconds (default 900)
  --cpu-prof DIR        run the server with node --cpu-prof, profiles into DIR
  --trace DIR           record Chrome performance traces into DIR
  --no-build            never run next build
  --help                show this help`;

const INT_FLAGS: Record<string, { key: keyof BenchArgs; min: number; max: number }> = {
  nodes: { key: 'nodes', min: 2, max: 100_000 },
  pods: { key: 'pods', min: 1, max: 1_000_000 },
  port: { key: 'port', min: 0, max: 65_535 },
  'first-rows-runs': { key: 'firstRowsRuns', min: 1, max: 100 },
  'filter-keys': { key: 'filterKeystrokes', min: 20, max: 1000 },
  'live-samples': { key: 'liveSamples', min: 5, max: 1000 },
  'view-requests': { key: 'viewRequests', min: 20, max: 10_000 },
  seed: { key: 'seed', min: 0, max: 2 ** 32 - 1 },
  timeout: { key: 'timeoutS', min: 30, max: 24 * 3600 },
};
const NUM_FLAGS: Record<string, { key: keyof BenchArgs; positive: boolean }> = {
  churn: { key: 'churn', positive: false },
  speed: { key: 'speed', positive: true },
};
const STRING_FLAGS: Record<string, keyof BenchArgs> = { json: 'json', 'cpu-prof': 'cpuProfDir', trace: 'traceDir' };

export function defaultBenchArgs(): BenchArgs {
  return {
    nodes: 1000,
    pods: 10_000,
    churn: 50,
    json: 'bench/results.json',
    port: 0,
    speed: 1,
    firstRowsRuns: 5,
    filterKeystrokes: 24,
    liveSamples: 40,
    viewRequests: 30,
    timeoutS: 900,
    cpuProfDir: null,
    traceDir: null,
    noBuild: false,
    seed: 1,
  };
}

/**
 * Parses argv (without node and script). Returns 'help' for --help. Throws BenchArgError with a one-line
 * message for an unknown flag, a missing value, or a number out of range.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | 'help' {
  const out = defaultBenchArgs() as unknown as Record<string, unknown>;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--no-build') {
      out.noBuild = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new BenchArgError(`unexpected argument ${JSON.stringify(arg)} (try --help)`);
    const name = m[1];
    const known = name in INT_FLAGS || name in NUM_FLAGS || name in STRING_FLAGS;
    if (!known) throw new BenchArgError(`unknown option --${name} (try --help)`);
    let value = m[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new BenchArgError(`--${name} needs a value`);
      i++;
    }
    if (seen.has(name)) throw new BenchArgError(`--${name} given twice`);
    seen.add(name);
    if (name in INT_FLAGS) {
      const { key, min, max } = INT_FLAGS[name];
      if (!/^\d+$/.test(value)) throw new BenchArgError(`--${name} ${value}: expected a whole number`);
      const n = Number(value);
      if (n < min || n > max) throw new BenchArgError(`--${name} ${value}: must be between ${min} and ${max}`);
      out[key] = n;
    } else if (name in NUM_FLAGS) {
      const { key, positive } = NUM_FLAGS[name];
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new BenchArgError(`--${name} ${value}: expected a number`);
      if (positive ? n <= 0 : n < 0) throw new BenchArgError(`--${name} ${value}: must be ${positive ? 'greater than 0' : 'zero or more'}`);
      out[key] = n;
    } else {
      if (!value.trim()) throw new BenchArgError(`--${name} must not be empty`);
      out[STRING_FLAGS[name]] = value;
    }
  }
  return out as unknown as BenchArgs;
}
