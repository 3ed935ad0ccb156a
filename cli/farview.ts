/**
 * farview — command-line entry. Thin: parse arguments, read files or stdin, call the engine, print.
 * Bad input of any kind ends with exit code 2 and one line on stderr, never a stack trace.
 */
import { pricesFor, UnknownRegionError } from '../lib/fargate/prices';
import { QuantityError } from '../lib/fargate/quantity';
import { DEFAULT_MAX_MANIFEST_BYTES, ManifestError } from '../lib/k8s/manifest';
import { parseArgs, USAGE, UsageError } from './args';
import { InputError, readFileInput, readStdin, type Input } from './inputs';
import { chooseRegion, sizeReport } from './size';
import { renderTable } from './table';

const BAD_INPUT = 2;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'rightsize') {
    // The cluster and store code loads only for this command: `size` stays an engine-only start.
    const { renderRightsizing, rightsize } = await import('./rightsize');
    const r = await rightsize(args);
    process.stdout.write(args.output === 'json' ? `${JSON.stringify(r, null, 2)}\n` : renderRightsizing(r));
    return 0;
  }
  const region = chooseRegion(args.region, process.env);
  try {
    pricesFor(region.region);
  } catch (e) {
    if (e instanceof UnknownRegionError && region.from !== '--region') throw new UsageError(`${e.message} (region from ${region.from}; choose one with --region)`);
    throw e;
  }
  const names = args.inputs.length ? args.inputs : ['-'];
  if (args.inputs.length === 0 && process.stdin.isTTY) throw new UsageError('no input: give manifest files, or pipe one to stdin (see farview size --help)');
  if (names.filter((n) => n === '-').length > 1) throw new UsageError('stdin ("-") can be read only once');

  const inputs: Input[] = [];
  for (const name of names) {
    inputs.push(name === '-' ? await readStdin(process.stdin, DEFAULT_MAX_MANIFEST_BYTES) : await readFileInput(name, DEFAULT_MAX_MANIFEST_BYTES));
  }
  const report = sizeReport(inputs, region);
  process.stdout.write(args.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report));
  return 0;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const expected = e instanceof UsageError || e instanceof InputError || e instanceof ManifestError || e instanceof QuantityError || e instanceof UnknownRegionError;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`farview: ${expected ? '' : 'internal error: '}${oneLine(message)}\n`);
    process.exitCode = expected ? BAD_INPUT : 1;
  },
);
