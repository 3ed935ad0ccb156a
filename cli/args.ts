/** Command-line parsing for `farview`: no library, so every message is ours and precise. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OutputFormat = 'table' | 'json';

export interface SizeArgs {
  command: 'size';
  /** File paths; "-" is standard input. Empty means "standard input if it is piped". */
  inputs: string[];
  region: string | null;
  output: OutputFormat;
}

export interface RightsizeArgs {
  command: 'rightsize';
  /** The kubeconfig context; null: the current one (FARVIEW_CONTEXT, else current-context). */
  context: string | null;
  namespace: string | null;
  days: number;
  /** A running Farview server to ask instead of reading the cluster and the store here. */
  server: string | null;
  output: OutputFormat;
}

export type Args = SizeArgs | RightsizeArgs | { command: 'help' };

export const USAGE = `usage: farview size [FILE|-]... [--region REGION] [--output table|json]
       farview rightsize [--context C] [--namespace N] [--days D] [--server URL] [--output table|json]

size: sizes every pod template in Kubernetes manifests (YAML or JSON; Pod, Deployment, ReplicaSet, StatefulSet,
DaemonSet, Job, CronJob, List) as EKS Fargate would, and prices it.

  FILE               a manifest file; "-" or no FILE reads standard input
  --region REGION    price table region (default: $AWS_REGION, else us-east-1)

rightsize: recommends requests per workload from its usage history (docs/usage.md), with the evidence, the risk
and the Fargate saving, as the cost page does. It reads the cluster through the kubeconfig and the history from
the server's store (DATABASE_URL, else FARVIEW_DATA_DIR), or asks a running server with --server.

  --context C        kubeconfig context (default: FARVIEW_CONTEXT, else current-context)
  --namespace N      one namespace only
  --days D           history window in days, 1 to 400 (default 7)
  --server URL       a running Farview, e.g. http://127.0.0.1:3000 (FARVIEW_TOKEN is sent as its bearer token)

  -o, --output FMT   table (default) or json
  -h, --help         this text`;

const OUTPUTS: readonly OutputFormat[] = ['table', 'json'];

/**
 * Parses argv (without node and the script). Accepts `--flag value` and `--flag=value`; `--` ends options.
 * @throws UsageError with a one-line message
 */
export function parseArgs(argv: string[]): Args {
  if (argv.length === 0) throw new UsageError('missing command: try "farview size FILE"');
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command === 'rightsize') return parseRightsize(rest);
  if (command !== 'size') throw new UsageError(`unknown command ${JSON.stringify(command)}: the commands are "size" and "rightsize"`);

  const args: SizeArgs = { command: 'size', inputs: [], region: null, output: 'table' };
  let options = true;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!options || arg === '-' || !arg.startsWith('-')) {
      args.inputs.push(arg);
      continue;
    }
    if (arg === '--') {
      options = false;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { command: 'help' };
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const value = rest[++i];
      if (value === undefined || (value.startsWith('-') && value !== '-')) throw new UsageError(`option ${name} needs a value`);
      return value;
    };
    if (name === '--region') {
      const region = takeValue().trim();
      if (!region) throw new UsageError('option --region needs a value');
      args.region = region;
    } else if (name === '--output' || name === '-o') {
      const output = takeValue();
      if (!OUTPUTS.includes(output as OutputFormat)) throw new UsageError(`option ${name}: expected table or json, got ${JSON.stringify(output)}`);
      args.output = output as OutputFormat;
    } else {
      throw new UsageError(`unknown option ${name} (see farview size --help)`);
    }
  }
  return args;
}

/** The options of one command: each `--name value` / `--name=value` handed to `take`. */
function eachOption(rest: string[], command: string, take: (name: string, value: () => string) => boolean): 'help' | null {
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('-')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (see farview ${command} --help)`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`option ${name} needs a value`);
      return v;
    };
    if (!take(name, value)) throw new UsageError(`unknown option ${name} (see farview ${command} --help)`);
  }
  return null;
}

function parseRightsize(rest: string[]): Args {
  const args: RightsizeArgs = { command: 'rightsize', context: null, namespace: null, days: 7, server: null, output: 'table' };
  const help = eachOption(rest, 'rightsize', (name, value) => {
    if (name === '--context') args.context = nonEmpty(name, value());
    else if (name === '--namespace' || name === '-n') args.namespace = nonEmpty(name, value());
    else if (name === '--days') {
      const v = value();
      if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > 400) throw new UsageError(`option --days: expected a whole number from 1 to 400, got ${JSON.stringify(v)}`);
      args.days = Number(v);
    } else if (name === '--server') {
      const v = value();
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        throw new UsageError(`option --server: expected a URL such as http://127.0.0.1:3000, got ${JSON.stringify(v)}`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`option --server: expected an http or https URL, got ${JSON.stringify(v)}`);
      args.server = u.origin;
    } else if (name === '--output' || name === '-o') {
      const v = value();
      if (!OUTPUTS.includes(v as OutputFormat)) throw new UsageError(`option ${name}: expected table or json, got ${JSON.stringify(v)}`);
      args.output = v as OutputFormat;
    } else return false;
    return true;
  });
  return help ? { command: 'help' } : args;
}

function nonEmpty(name: string, v: string): string {
  const t = v.trim();
  if (!t) throw new UsageError(`option ${name} needs a value`);
  return t;
}
