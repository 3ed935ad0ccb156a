/**
 * `npm run -s sim -- --scenario NAME [options]`: runs a simulated EKS cluster until SIGINT/SIGTERM.
 * Prints exactly one line on stdout when ready: `sim ready kubeconfig=<path> env=<path>`.
 * Exit codes: 0 after a clean shutdown, 2 for bad arguments, 1 when the simulator cannot start.
 */
import { SCENARIOS } from './scenarios/index';
import { ArgError, parseSimArgs, usage } from './cli-args';
import { launchSim } from './harness';

async function main(): Promise<void> {
  let args;
  try {
    args = parseSimArgs(process.argv.slice(2), SCENARIOS);
  } catch (err) {
    if (err instanceof ArgError) {
      process.stderr.write(`sim: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (args === 'help') {
    process.stdout.write(usage(SCENARIOS) + '\n');
    return;
  }
  const sim = await launchSim({
    scenario: args.scenario,
    port: args.port,
    awsPort: args.awsPort,
    stateDir: args.stateDir,
    speed: args.speed,
    churn: args.churn,
    spotInterruptions: args.spotInterruptions,
    faults: args.faults,
    metrics: args.metrics,
    seed: args.seed,
    nodes: args.nodes,
    pods: args.pods,
    log: args.verbose ? (line) => process.stderr.write(`k8s ${line}\n`) : undefined,
  });
  process.stderr.write(`sim: ${sim.ctx.clusterName} (${args.scenario}) kubernetes ${sim.k8sUrl} aws ${sim.awsUrl}\n`);
  process.stdout.write(`sim ready kubeconfig=${sim.kubeconfigPath} env=${sim.envPath}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sim: ${signal}, shutting down\n`);
    // A stuck connection must not keep the process alive forever.
    setTimeout(() => process.exit(0), 5000).unref();
    sim.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`sim: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  const msg = e?.code === 'EADDRINUSE' ? `port already in use (${e.message})` : e instanceof Error ? e.message : String(err);
  process.stderr.write(`sim: cannot start: ${msg}\n`);
  process.exit(1);
});
