import 'server-only';
/** Helpers for the integration tests that run the server code against the simulator (not used by the application). */
import { startSim } from '../../sim/harness';
import { ClusterSource, type ClusterSourceOptions } from '../../lib/server/cluster-source';

export type Sim = Awaited<ReturnType<typeof startSim>>;

/** Polls `check` every `everyMs` until it returns a value that is not undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let i = 0; Date.now() < deadline && i < Math.ceil(timeoutMs / everyMs) + 1; i++) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A ClusterSource on the simulator's kubeconfig and AWS endpoints, without reading the process environment. */
export function sourceFor(sim: Sim, extra: Partial<ClusterSourceOptions> = {}): ClusterSource {
  const env = { KUBECONFIG: sim.kubeconfigPath, HOME: sim.stateDir, ...sim.awsEnv };
  return new ClusterSource({ context: sim.ctx.clusterName, env, awsEnv: sim.awsEnv, pollMs: 1000, flushMs: 50, ...extra });
}
