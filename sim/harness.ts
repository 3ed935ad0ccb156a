/**
 * Starting and stopping a whole simulated cluster in-process: the scenario, the controllers, the Kubernetes API
 * (HTTPS), the AWS API (HTTP), fault injection, and the kubeconfig / aws.env files clients use to reach them.
 * `npm run sim` (sim/main.ts) and integration tests (startSim) share launchSim.
 */
import http from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createSimContext, seededRng, type SimContext } from './context';
import { loadScenario } from './scenarios/index';
import { startControllers } from './controllers/index';
import { createAwsHandler } from './aws/server';
import { FaultInjector } from './faults';
import type { MetricsMode } from './k8s/metrics';
import { generateTls } from './tls';
import { startK8sServer, type K8sServer } from './k8s/server';
import { kubeconfigYaml } from './k8s/kubeconfig';

export { kubeconfigYaml };

export interface LaunchOptions {
  scenario: string;
  /** Kubernetes API port (0 = any free port). */
  port?: number;
  /** AWS API port (0 = any free port). */
  awsPort?: number;
  stateDir: string;
  speed?: number;
  churn?: number;
  spotInterruptions?: number;
  /** A --faults SPEC (see sim/faults.ts). */
  faults?: string;
  /** metrics-server: on (default), off, forbidden or unavailable. */
  metrics?: MetricsMode;
  seed?: number;
  nodes?: number;
  pods?: number;
  /** Receives one line per HTTP request (Kubernetes side) when set. */
  log?: (line: string) => void;
}

export interface RunningSim {
  kubeconfigPath: string;
  envPath: string;
  /** The variables written to aws.env, ready to merge into a child's environment. */
  awsEnv: Record<string, string>;
  stateDir: string;
  ctx: SimContext;
  /** https://127.0.0.1:PORT */
  k8sUrl: string;
  /** http://127.0.0.1:PORT */
  awsUrl: string;
  /** The bearer token in the kubeconfig. */
  token: string;
  /** PEM of the CA that signed the API server's certificate. */
  caCert: string;
  k8s: K8sServer;
  faults: FaultInjector;
  stop(): Promise<void>;
}

/** The environment that points the AWS SDK and CLI at the simulator's AWS endpoint. */
export function awsEnvFor(opts: { region: string; awsUrl: string; clusterName: string }): Record<string, string> {
  return {
    AWS_REGION: opts.region,
    AWS_DEFAULT_REGION: opts.region,
    AWS_ACCESS_KEY_ID: 'AKIASIMULATOR000000',
    AWS_SECRET_ACCESS_KEY: 'simulator-secret-not-a-real-key',
    // The global endpoint too, so that a service the simulator lacks fails here instead of reaching AWS.
    AWS_ENDPOINT_URL: opts.awsUrl,
    AWS_ENDPOINT_URL_EKS: opts.awsUrl,
    AWS_ENDPOINT_URL_PRICING: opts.awsUrl,
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: opts.awsUrl,
    AWS_ENDPOINT_URL_EC2: opts.awsUrl,
    FARVIEW_EKS_CLUSTER: opts.clusterName,
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a simulated cluster and writes kubeconfig and aws.env into stateDir. */
export async function launchSim(opts: LaunchOptions): Promise<RunningSim> {
  const ctx = createSimContext({
    scenario: opts.scenario,
    speed: opts.speed,
    churn: opts.churn,
    spotInterruptions: opts.spotInterruptions,
    seed: opts.seed,
    nodes: opts.nodes,
    pods: opts.pods,
  });
  const seed = ctx.seed;
  const faults = new FaultInjector(opts.faults ?? '', { rng: seededRng(seed ^ 0xfa17) });
  loadScenario(opts.scenario, ctx);

  const tls = generateTls({ commonName: ctx.clusterName, now: new Date() });
  const token = randomBytes(24).toString('hex');
  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error('sim: cleanup failed:', err);
      }
    }
    cleanups.length = 0;
  };
  try {
    const k8s = await startK8sServer({
      store: ctx.store,
      token,
      now: ctx.now,
      rng: seededRng(seed ^ 0xc1a55),
      faults,
      tls,
      port: opts.port ?? 0,
      serviceCidr: ctx.aws.cluster.serviceIpv4Cidr,
      log: opts.log,
      metrics: opts.metrics,
      scenario: opts.scenario,
      usageClock: ctx.usageClock,
      addons: ctx.addons,
    });
    cleanups.push(() => k8s.close());
    ctx.aws.setClusterEndpoint(k8s.url, Buffer.from(tls.caCert).toString('base64'));

    const awsServer = http.createServer(createAwsHandler(ctx.aws, { faults, ctx }));
    const awsPort = await listen(awsServer, opts.awsPort ?? 0);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          awsServer.close(() => resolve());
          awsServer.closeAllConnections();
        }),
    );
    const awsUrl = `http://127.0.0.1:${awsPort}`;

    const controllers = startControllers(ctx);
    cleanups.push(() => controllers.stop());
    const detachExpire = faults.onExpireHistory(() => ctx.store.expireHistory());
    faults.start();
    cleanups.push(() => {
      faults.stop();
      detachExpire();
    });

    const stateDir = path.resolve(opts.stateDir);
    await mkdir(stateDir, { recursive: true });
    const kubeconfigPath = path.join(stateDir, 'kubeconfig');
    const envPath = path.join(stateDir, 'aws.env');
    const awsEnv = awsEnvFor({ region: ctx.region, awsUrl, clusterName: ctx.clusterName });
    await writeFile(kubeconfigPath, kubeconfigYaml({ clusterName: ctx.clusterName, server: k8s.url, caCert: tls.caCert, token }), { mode: 0o600 });
    await writeFile(envPath, Object.entries(awsEnv).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 });

    return { kubeconfigPath, envPath, awsEnv, stateDir, ctx, k8sUrl: k8s.url, awsUrl, token, caCert: tls.caCert, k8s, faults, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * For integration tests: starts a simulated cluster in this process (state in a fresh temp dir unless given).
 * `stop()` shuts everything down and removes the temp dir it created.
 */
export async function startSim(opts: {
  scenario: string;
  speed?: number;
  churn?: number;
  spotInterruptions?: number;
  faults?: string;
  metrics?: MetricsMode;
  seed?: number;
  nodes?: number;
  pods?: number;
  stateDir?: string;
}): Promise<{ kubeconfigPath: string; awsEnv: Record<string, string>; stateDir: string; ctx: SimContext; stop(): Promise<void> } & RunningSim> {
  const ownDir = opts.stateDir ? null : await mkdtemp(path.join(tmpdir(), 'farview-sim-'));
  try {
    const sim = await launchSim({ ...opts, stateDir: opts.stateDir ?? ownDir! });
    return {
      ...sim,
      stop: async () => {
        await sim.stop();
        if (ownDir) await rm(ownDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
    throw err;
  }
}
