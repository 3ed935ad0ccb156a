import { IdSource } from './aws/ids';
import { SimAwsState } from './aws/state';
import { Store } from './store';
import { usageClock, type UsageClock } from './usage/clock';
import type { Addon } from './k8s/resources';

/**
 * Everything the simulator's parts share: the Kubernetes object store, the AWS account state, the
 * clock, a seeded random source and the run options. One per simulated cluster.
 */
export interface SimContext {
  store: Store;
  aws: SimAwsState;
  /** Controller delays (profile creation, pod start, NLB provisioning) are divided by this. */
  speed: number;
  seed: number;
  /** Churn events per second (0 = none). */
  churn: number;
  /** Mean simulated minutes between Spot interruptions (0 = none). */
  spotInterruptions: number;
  /** Scale scenario: EC2 nodes and pods to create. */
  nodes: number;
  pods: number;
  now: () => Date;
  /** metrics-server's clock: `speed` times faster than `now`, so that --speed also speeds usage. */
  usageClock: UsageClock;
  /** The scenario, whose default usage patterns the metrics-server and the OOM-killing kubelet follow. */
  scenario: string;
  rng: () => number;
  region: string;
  clusterName: string;
  /** Add-ons the scenario's cluster runs (their CRDs are served, their controllers run). */
  addons: readonly Addon[];
}

/** Region and cluster name of each scenario (the seed's cluster for eksworkshop and empty). */
export const SCENARIO_CLUSTERS: Record<string, { region: string; clusterName: string; addons?: readonly Addon[] }> = {
  eksworkshop: { region: 'ap-southeast-1', clusterName: 'eksworkshop' },
  empty: { region: 'ap-southeast-1', clusterName: 'eksworkshop' },
  scale: { region: 'ap-southeast-1', clusterName: 'farview-scale' },
  modern: { region: 'ap-southeast-1', clusterName: 'farview-modern', addons: ['karpenter'] },
};

/**
 * A deterministic generator (mulberry32): the same seed always yields the same sequence, so scenarios,
 * generated names and churn replay exactly.
 */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds the shared context for a scenario. Region and cluster name come from the scenario unless given;
 * the store's generated names and uids derive from the seed. Throws on an unknown scenario or a
 * non-positive speed.
 */
export function createSimContext(opts: Partial<Omit<SimContext, 'store' | 'aws' | 'usageClock' | 'addons'>> & { scenario: string }): SimContext {
  const cluster = SCENARIO_CLUSTERS[opts.scenario];
  if (!cluster) throw new Error(`unknown scenario ${JSON.stringify(opts.scenario)}; known: ${Object.keys(SCENARIO_CLUSTERS).join(', ')}`);
  const speed = opts.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`speed must be a positive number, got ${String(opts.speed)}`);
  const churn = opts.churn ?? 0;
  if (!Number.isFinite(churn) || churn < 0) throw new Error(`churn must be zero or a positive number of events per second, got ${String(opts.churn)}`);
  const seed = opts.seed ?? 1;
  const now = opts.now ?? (() => new Date());
  const rng = opts.rng ?? seededRng(seed);
  const region = opts.region ?? cluster.region;
  const clusterName = opts.clusterName ?? cluster.clusterName;
  const uids = new IdSource(`uid/${seed}`);
  // The store draws generateName suffixes from its own stream so that controller randomness does not shift them.
  const store = new Store({ now, rng: seededRng(seed ^ 0x5eed), newUid: () => uids.uuid() });
  const aws = new SimAwsState({ region, clusterName, now });
  return {
    store,
    aws,
    speed,
    seed,
    churn,
    spotInterruptions: opts.spotInterruptions ?? 0,
    nodes: opts.nodes ?? 1000,
    pods: opts.pods ?? 10_000,
    now,
    usageClock: usageClock(now, speed),
    scenario: opts.scenario,
    rng,
    region,
    clusterName,
    addons: cluster.addons ?? [],
  };
}
