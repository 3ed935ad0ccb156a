import type { SimAwsState } from '../aws/state';
import type { SimContext } from '../context';
import type { Store, WatchEvent } from '../store';
import type { AwsEvent } from '../aws/state';
import { EventRecorder } from './events';
import { Timers, WorkQueue } from './queue';

/**
 * How long things take in a real cluster, in seconds at speed 1 (every one is divided by --speed).
 * Fargate is the slow part: the seed waited 2–3 minutes for its pods; 20 s keeps the demo lively.
 */
export const DELAYS = {
  profileCreate: 20,
  profileDelete: 20,
  ec2PodStart: 3,
  fargatePodStart: 20,
  lbProvision: 5,
  lbActive: 30,
  targetRegistration: 10,
  targetDraining: 15,
  readinessFlip: 5,
} as const;

/** What every controller gets: the context, one work queue, one timer set, one event recorder. */
export interface Runtime {
  ctx: SimContext;
  store: Store;
  aws: SimAwsState;
  queue: WorkQueue;
  timers: Timers;
  events: EventRecorder;
  rng: () => number;
  /** Milliseconds for a DELAYS entry at the context's speed. */
  delay(seconds: number): number;
}

/** A controller: reacts to store and AWS events (cheaply, by queueing work) and syncs once at start. */
export interface Controller {
  onStore?(ev: WatchEvent): void;
  onAws?(ev: AwsEvent): void;
  /** Called once after every controller exists, to pick up objects created before start. */
  start?(): void;
  stop?(): void;
}

export function createRuntime(ctx: SimContext): Runtime {
  return {
    ctx,
    store: ctx.store,
    aws: ctx.aws,
    queue: new WorkQueue(),
    timers: new Timers(),
    events: new EventRecorder(ctx.store, ctx.now),
    rng: ctx.rng,
    delay: (seconds) => (seconds * 1000) / ctx.speed,
  };
}

/** "namespace/name" key of a namespaced object. */
export function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Splits a key made by keyOf. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
