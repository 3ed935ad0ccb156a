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

export type Args = SizeArgs | { command: 'help' };

export const USAGE = `usage: farview size [FILE|-]... [--region REGION] [--output table|json]

Sizes every pod template in Kubernetes manifests (YAML or JSON; Pod, Deployment, ReplicaSet, StatefulSet,
DaemonSet, Job, CronJob, List) as EKS Fargate would, and prices it.

  FILE               a manifest file; "-" or no FILE reads standard input
  --region REGION    price table region (default: $AWS_REGION, else us-east-1)
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
  if (command !== 'size') throw new UsageError(`unknown command ${JSON.stringify(command)}: the only command is "size"`);

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
