/**
 * The simulator's metrics-server: `metrics.k8s.io/v1beta1` PodMetrics and NodeMetrics, get and list only (no
 * watch, as metrics-server serves none), in the shapes metrics-server writes (docs/protocol.md §7).
 * Usage comes from sim/usage/patterns.ts. `mode` plays the clusters where it is missing (off), where the caller
 * may not read it (forbidden) or where the aggregated API is down (unavailable).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Obj, Store } from '../store';
import { k8sTime } from '../store';
import { bytes, cpuMillis } from '../rules/quantity';
import type { UsageClock } from '../usage/clock';
import { containerUsageAt, cpuQuantity, memoryQuantity, patternOf, podSeed, type UsagePoint } from '../usage/patterns';
import { boolParam, sendJson } from './http';
import { parseLabelSelector } from './selectors';
import { StatusError, errors } from './status';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
export type MetricsMode = 'on' | 'off' | 'forbidden' | 'unavailable';
export const METRICS_MODES: readonly MetricsMode[] = ['on', 'off', 'forbidden', 'unavailable'];

/** metrics-server as the EKS add-on and the upstream manifests run it: --metric-resolution=15s. */
const RESOLUTION_MS = 15_000;
/** What the kubelet itself and the node's system daemons use, on top of the pods (EC2 / Fargate node). */
const NODE_BASE = { ec2: { cpuMilli: 35, memoryBytes: 420 * 1024 * 1024 }, fargate: { cpuMilli: 8, memoryBytes: 120 * 1024 * 1024 } };

const GROUP_VERSION = { groupVersion: `${METRICS_GROUP}/${METRICS_VERSION}`, version: METRICS_VERSION };

/** /apis/metrics.k8s.io as the aggregator serves it. */
export function metricsApiGroup() {
  return { kind: 'APIGroup', apiVersion: 'v1', name: METRICS_GROUP, versions: [GROUP_VERSION], preferredVersion: GROUP_VERSION };
}

/** The group's entry in the legacy /apis list. */
export function metricsGroupListEntry() {
  return { name: METRICS_GROUP, versions: [GROUP_VERSION], preferredVersion: GROUP_VERSION };
}

/** /apis/metrics.k8s.io/v1beta1: metrics-server leaves singularName empty and serves get and list only. */
export function metricsResourceList() {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: GROUP_VERSION.groupVersion,
    resources: [
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ],
  };
}

/** The group in aggregated discovery (/apis with the apidiscovery Accept type). */
export function metricsAggregatedItem(mode: MetricsMode) {
  const res = (resource: string, kind: string, scope: string) => ({ resource, responseKind: { group: METRICS_GROUP, version: METRICS_VERSION, kind }, scope, singularResource: '', verbs: ['get', 'list'] });
  return {
    metadata: { name: METRICS_GROUP, creationTimestamp: null },
    versions: [
      {
        version: METRICS_VERSION,
        resources: [res('nodes', 'NodeMetrics', 'Cluster'), res('pods', 'PodMetrics', 'Namespaced')],
        // An aggregated API that does not answer is listed as stale, as the aggregator does.
        freshness: mode === 'unavailable' ? 'Stale' : 'Current',
      },
    ],
  };
}

type Target = { kind: 'pods' | 'nodes'; namespace: string | null; name: string | null } | { kind: 'group' } | { kind: 'version' } | null;

/** What a path under /apis/metrics.k8s.io addresses, or null when it is not one of ours. */
export function metricsTarget(pathname: string): Target {
  const prefix = `/apis/${METRICS_GROUP}`;
  if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return null;
  const segs = pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
  if (segs.length === 0) return { kind: 'group' };
  if (segs[0] !== METRICS_VERSION) return null;
  const rest = segs.slice(1);
  if (rest.length === 0) return { kind: 'version' };
  if (rest[0] === 'nodes' && rest.length <= 2) return { kind: 'nodes', namespace: null, name: rest[1] ?? null };
  if (rest[0] === 'pods' && rest.length === 1) return { kind: 'pods', namespace: null, name: null };
  if (rest[0] === 'namespaces' && rest[2] === 'pods' && rest.length <= 4) return { kind: 'pods', namespace: rest[1], name: rest[3] ?? null };
  return null;
}

interface PodSample {
  pod: Readonly<Obj>;
  containers: { name: string; usage: UsagePoint }[];
}

/** The scrape a request sees: the most recent 15-second boundary of the simulated clock. */
function scrapeTime(now: Date): number {
  return Math.floor(now.getTime() / RESOLUTION_MS) * RESOLUTION_MS;
}

type Spec = { containers?: { name: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }[] };
type Status = { phase?: string; containerStatuses?: { name: string; state?: { running?: { startedAt?: string } } }[]; startTime?: string };

/** A pod's sample at `t`, or null when metrics-server would not have one: not running, or a container started
 * after the previous scrape (it needs two scrapes of every container). */
export function podSampleAt(pod: Readonly<Obj>, scenario: string, t: number, clock?: UsageClock): PodSample | null {
  const status = (pod.status ?? {}) as Status;
  if (status.phase !== 'Running' || pod.metadata.deletionTimestamp) return null;
  const spec = (pod.spec ?? {}) as Spec;
  // Start times are wall-clock; the patterns read them on the usage clock, like `t`.
  const onClock = (ms: number) => (clock ? clock.of(ms) : ms);
  const started = new Map((status.containerStatuses ?? []).map((c) => [c.name, c.state?.running?.startedAt ? onClock(Date.parse(c.state.running.startedAt)) : NaN]));
  const seed = podSeed(pod.metadata.namespace ?? '', pod.metadata.name);
  const pattern = patternOf(pod.metadata.annotations, scenario, seed);
  const containers: PodSample['containers'] = [];
  for (const c of spec.containers ?? []) {
    const since = started.get(c.name);
    if (since === undefined || !(since <= t - RESOLUTION_MS)) return null;
    const req = {
      cpuMilli: quiet(() => cpuMillis(c.resources?.requests?.cpu ?? 0)),
      memoryBytes: quiet(() => bytes(c.resources?.requests?.memory ?? 0)),
      memoryLimitBytes: quiet(() => bytes(c.resources?.limits?.memory ?? 0)),
    };
    containers.push({ name: c.name, usage: containerUsageAt(pattern, req, seed, t, since) });
  }
  return containers.length ? { pod, containers } : null;
}

function quiet(fn: () => number): number {
  try {
    return fn();
  } catch {
    return 0;
  }
}

export interface MetricsOptions {
  store: Store;
  /** The wall clock: creationTimestamp of the items is the time of the request. */
  now: () => Date;
  /** The clock samples are taken on (`timestamp`, the patterns). */
  clock: UsageClock;
  scenario: string;
  mode: MetricsMode;
}

/** Serves every path under /apis/metrics.k8s.io; returns false for paths that are not its own. */
export function createMetrics(opts: MetricsOptions) {
  const { store, now, scenario, clock } = opts;
  const stamp = (t: number) => ({ timestamp: k8sTime(new Date(t)), window: `${RESOLUTION_MS / 1000}s` });

  function podItem(s: PodSample, t: number, created: string) {
    const m = s.pod.metadata;
    return {
      metadata: { name: m.name, namespace: m.namespace, creationTimestamp: created, ...(m.labels ? { labels: m.labels } : {}) },
      ...stamp(t),
      containers: s.containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.usage.cpuMilli), memory: memoryQuantity(c.usage.memoryBytes) } })),
    };
  }

  function nodeItems(names: string | null, t: number, created: string, labelsMatch: (l: Record<string, string> | undefined) => boolean) {
    const nodes = names === null ? store.listRaw('Node').map((e) => e.obj) : [store.getRaw('Node', null, names)].filter((n): n is Readonly<Obj> => !!n);
    const sums = new Map<string, UsagePoint>();
    for (const e of store.listRaw('Pod')) {
      const node = (e.obj.spec as { nodeName?: string } | undefined)?.nodeName;
      if (!node || (names !== null && node !== names)) continue;
      const s = podSampleAt(e.obj, scenario, t, clock);
      if (!s) continue;
      const sum = sums.get(node) ?? { cpuMilli: 0, memoryBytes: 0 };
      for (const c of s.containers) {
        sum.cpuMilli += c.usage.cpuMilli;
        sum.memoryBytes += c.usage.memoryBytes;
      }
      sums.set(node, sum);
    }
    const items = [];
    for (const n of nodes) {
      const ready = ((n.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      if (!ready || !labelsMatch(n.metadata.labels)) continue;
      const base = n.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'fargate' ? NODE_BASE.fargate : NODE_BASE.ec2;
      const sum = sums.get(n.metadata.name) ?? { cpuMilli: 0, memoryBytes: 0 };
      items.push({
        metadata: { name: n.metadata.name, creationTimestamp: created, ...(n.metadata.labels ? { labels: n.metadata.labels } : {}) },
        ...stamp(t),
        usage: { cpu: cpuQuantity(base.cpuMilli + sum.cpuMilli), memory: memoryQuantity(base.memoryBytes + sum.memoryBytes) },
      });
    }
    return items;
  }

  function serve(res: ServerResponse, method: string, target: NonNullable<Target>, q: URLSearchParams): void {
    if (opts.mode === 'unavailable') {
      throw new StatusError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', {});
    }
    if (target.kind === 'group') return sendJson(res, 200, metricsApiGroup());
    if (target.kind === 'version') return sendJson(res, 200, metricsResourceList());
    if (opts.mode === 'forbidden') {
      const verb = target.name === null ? 'list' : 'get';
      const scope = target.namespace ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
      throw new StatusError(403, 'Forbidden', `${target.kind}.${METRICS_GROUP} is forbidden: User "farview-sim-reader" cannot ${verb} resource "${target.kind}" in API group "${METRICS_GROUP}" ${scope}`, { group: METRICS_GROUP, kind: target.kind });
    }
    if (method !== 'GET' || boolParam(q, 'watch')) throw errors.methodNotAllowed(method === 'GET' ? 'WATCH' : method);
    const t = scrapeTime(new Date(clock.now()));
    const created = k8sTime(now());
    const labels = parseLabelSelector(q.get('labelSelector'));
    if (target.kind === 'nodes') {
      const items = nodeItems(target.name, t, created, labels.matches);
      if (target.name !== null) {
        if (!items.length) throw new StatusError(404, 'NotFound', `nodes.${METRICS_GROUP} "${target.name}" not found`, { name: target.name, group: METRICS_GROUP, kind: 'nodes' });
        return sendJson(res, 200, { kind: 'NodeMetrics', apiVersion: GROUP_VERSION.groupVersion, ...items[0] });
      }
      return sendJson(res, 200, { kind: 'NodeMetricsList', apiVersion: GROUP_VERSION.groupVersion, metadata: {}, items });
    }
    if (target.name !== null) {
      const pod = store.getRaw('Pod', target.namespace, target.name);
      const s = pod ? podSampleAt(pod, scenario, t, clock) : null;
      if (!s) throw new StatusError(404, 'NotFound', `pods.${METRICS_GROUP} "${target.namespace}/${target.name}" not found`, { name: `${target.namespace}/${target.name}`, group: METRICS_GROUP, kind: 'pods' });
      return sendJson(res, 200, { kind: 'PodMetrics', apiVersion: GROUP_VERSION.groupVersion, ...podItem(s, t, created) });
    }
    // One pass over the stored pods, already in namespace/name order as metrics-server sorts its answer.
    const items = [];
    for (const e of store.listRaw('Pod', target.namespace)) {
      if (!labels.matches(e.obj.metadata.labels)) continue;
      const s = podSampleAt(e.obj, scenario, t, clock);
      if (s) items.push(podItem(s, t, created));
    }
    sendJson(res, 200, { kind: 'PodMetricsList', apiVersion: GROUP_VERSION.groupVersion, metadata: {}, items });
  }

  return {
    /** True when the group shows in /apis discovery. */
    listed: opts.mode !== 'off',
    mode: opts.mode,
    handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
      const target = metricsTarget(url.pathname);
      if (target === null) return false;
      if (opts.mode === 'off') throw errors.unknownPath();
      serve(res, req.method ?? 'GET', target, url.searchParams);
      return true;
    },
  };
}

export type SimMetrics = ReturnType<typeof createMetrics>;
