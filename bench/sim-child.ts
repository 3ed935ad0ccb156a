/**
 * The simulator for the benchmark, in its own process (so its work never skews the benchmark's clocks),
 * driven over Node IPC: the scale scenario starts with churn paused; the parent turns churn on and off
 * and asks how far the store has got. Run as `node --import tsx bench/sim-child.ts` with an IPC channel.
 *
 * parent → child: {type:'churn', rate} | {type:'stats'} | {type:'stop'}
 * child → parent: {type:'ready', …} | {type:'stats', pods, revision} | {type:'ok'} | {type:'error', message}
 */
import { launchSim, type RunningSim } from '../sim/harness';

export interface SimChildOptions {
  nodes: number;
  pods: number;
  churn: number;
  speed: number;
  seed: number;
  stateDir: string;
}

export type ToSim = { type: 'churn'; rate: number } | { type: 'stats' } | { type: 'stop' };

export type FromSim =
  | { type: 'ready'; kubeconfigPath: string; awsEnv: Record<string, string>; k8sUrl: string; token: string; caCert: string; context: string; pods: number; loadMs: number }
  | { type: 'stats'; pods: number; revision: number; churn: number }
  | { type: 'ok' }
  | { type: 'error'; message: string };

function send(msg: FromSim): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  if (!process.send) {
    process.stderr.write('bench/sim-child.ts runs under bench/run.ts (it needs an IPC channel)\n');
    process.exit(2);
  }
  const opts = JSON.parse(process.argv[2] ?? '{}') as SimChildOptions;
  const t0 = performance.now();
  let sim: RunningSim;
  try {
    sim = await launchSim({ scenario: 'scale', nodes: opts.nodes, pods: opts.pods, churn: opts.churn, speed: opts.speed, seed: opts.seed, stateDir: opts.stateDir });
  } catch (e) {
    send({ type: 'error', message: `the simulator did not start: ${(e as Error).message}` });
    process.exit(1);
  }
  // The churn ticker exists only when churn > 0 at start; it reads ctx.churn on every tick, so 0 pauses it.
  sim.ctx.churn = 0;
  const loadMs = performance.now() - t0;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 5000).unref();
    await sim.stop().catch(() => undefined);
    process.exit(code);
  };
  // The parent going away (crash, kill) must not leave a simulator behind.
  process.on('disconnect', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));

  process.on('message', (raw: unknown) => {
    const msg = raw as ToSim;
    if (msg.type === 'churn') {
      if (!(msg.rate >= 0) || !Number.isFinite(msg.rate)) return send({ type: 'error', message: `churn rate ${String(msg.rate)} is not a number ≥ 0` });
      sim.ctx.churn = msg.rate;
      send({ type: 'ok' });
    } else if (msg.type === 'stats') {
      send({ type: 'stats', pods: sim.ctx.store.count('Pod'), revision: sim.ctx.store.revision, churn: sim.ctx.churn });
    } else if (msg.type === 'stop') {
      void stop(0);
    } else {
      send({ type: 'error', message: `unknown message ${JSON.stringify(raw)}` });
    }
  });

  send({
    type: 'ready',
    kubeconfigPath: sim.kubeconfigPath,
    awsEnv: sim.awsEnv,
    k8sUrl: sim.k8sUrl,
    token: sim.token,
    caCert: sim.caCert,
    context: sim.ctx.clusterName,
    pods: sim.ctx.store.count('Pod'),
    loadMs,
  });
}

void main();
