import 'server-only';
/**
 * One opened kube context, kept live: an informer for every watched kind of lib/view/kinds (pods, nodes,
 * services, namespaces, events, ingresses and, when the cluster serves them, TargetGroupBindings);
 * pollers for EKS, ELBv2 and EC2; the incremental view builder; and the numbered deltas it emits, batched
 * every 250 ms, with a window of recent ones for clients that reconnect. Started explicitly (the registry starts it on first use), never at import.
 *
 * Degrades instead of dying: a broken kubeconfig, an unreachable API server, a 401, a 403 on one resource,
 * missing AWS credentials or AccessDenied each show up as the state of one source in meta.sources, and
 * everything else keeps working.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { pricesFor } from '../fargate/prices';
import type { RegionPrices } from '../fargate/types';
import { ViewBuilder, type BuilderEvent } from '../view/builder';
import type { KubeByResource, KubeNode, KubeObject, KubePod, KubeResource } from '../view/kube';
import { apiPath, KIND_LIST, type KindDescriptor } from '../view/kinds';
import type { ClusterView, EventView, PodSizing, PodView, SourceId, SourceStatus, ViewDelta } from '../view/model';
import { viewJsonChunks } from '../view/view-json';
import type { AwsClients } from './aws';
import type { EksState, LoadBalancer, Subnet } from '../view/aws';
import { AwsPoller, type PollPart } from './aws-poller';
import { gzipChunks } from './gzip';
import { ResourceInformer } from './informer';
import { eksTargetFor, kubeConfigFor, loadKubeconfig, type EksTarget, type LoadedKubeconfig } from './kubeconfig';
import { KubeApiError, kubeGetJson } from './kube-http';
import { LivePriceReader, type PriceCache } from './live-prices';
import { setting } from './config';
import { UsagePoller } from './usage-poller';
import { UsageRecorder } from './usage-recorder';
import { CostRecorder, type LedgerStatus, type LedgerStore } from './cost-recorder';
import type { HistoryState, UsageBucket, UsageSnapshot } from '../usage/types';

export interface ClusterSourceOptions {
  context: string;
  /** The merged kubeconfig; read from the environment when absent. */
  kubeconfig?: LoadedKubeconfig;
  /** Process-like environment for kubeconfig and EKS target lookup (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** An explicit AWS environment (credentials, endpoints) instead of the SDK's default chain. */
  awsEnv?: Record<string, string | undefined>;
  pollMs?: number;
  /** Where prices read from AWS are kept across restarts (the store, in the app); without it they are not kept. */
  priceCache?: PriceCache;
  /** How often the Price List and Spot prices are read (defaults FARVIEW_PRICES_REFRESH_MINUTES, FARVIEW_SPOT_REFRESH_MINUTES). */
  pricesPollMs?: number;
  spotPollMs?: number;
  /** Where the cost ledger goes (the store, in the app); without it no cost history is kept. */
  ledger?: LedgerStore;
  /** How often the ledger looks at the cluster (default FARVIEW_LEDGER_TICK_SECONDS), and how long after the first lists it starts. */
  ledgerTickMs?: number;
  ledgerStartDelayMs?: number;
  /** How often metrics-server is read (default FARVIEW_METRICS_POLL_SECONDS). */
  metricsPollMs?: number;
  /** Where the usage history goes (the store, in the app); without it no history is kept. */
  usageHistory?: { write(buckets: readonly UsageBucket[]): Promise<unknown>; prune(before: string): Promise<unknown> };
  flushMs?: number;
  /** How many recent deltas are kept for reconnecting clients, and how many rows they may hold in all. */
  deltaWindow?: number;
  deltaWindowRows?: number;
  maxEvents?: number;
  now?: () => Date;
}

export type SourceHealth =
  | { ok: true }
  | { ok: false; status: 502 | 503; source: SourceId; error: string; detail: string };

// The watched kinds come from lib/view/kinds: each is an informer and a source named after its cache.
const WATCHED = KIND_LIST.filter((k) => k.watch !== 'none');
const K8S_SOURCES = WATCHED.map((k) => k.resource as SourceId);
const ALL_SOURCES: SourceId[] = ['kubeconfig', ...K8S_SOURCES, 'eks', 'elbv2', 'ec2', 'pricing', 'spot', 'metrics'];
/** The cost ledger starts this long after the lists are in (or when a range is asked for). */
const LEDGER_START_DELAY_MS = 60_000;
/** The usage poll starts once the lists are in, or this long after start at the latest. */
const USAGE_START_LATEST_MS = 30_000;
/** The sources that say whether the cluster can be shown at all. */
const ESSENTIAL_SOURCES = WATCHED.filter((k) => k.essential).map((k) => k.resource as SourceId);

/** How many rows a delta carries, upserted or removed. */
function rowsIn(d: ViewDelta): number {
  let n = 0;
  for (const rows of Object.values(d.upsert)) n += rows?.length ?? 0;
  for (const ids of Object.values(d.remove)) n += ids?.length ?? 0;
  return n;
}

type Listener = (d: ViewDelta) => void;

function interestKey(i: { hostnames: Set<string>; targetGroupArns: Set<string> }): string {
  return `${[...i.hostnames].sort().join(',')}|${[...i.targetGroupArns].sort().join(',')}`;
}

/** One live kube context: see the file comment. */
export class ClusterSource {
  readonly context: string;
  /** Identifies this instance (ETags must not repeat when a source is rebuilt and seq restarts). */
  readonly epoch = Date.now().toString(36);
  private readonly opts: ClusterSourceOptions;
  private readonly builder: ViewBuilder;
  private readonly sources = new Map<SourceId, SourceStatus>();
  private readonly informers = new Map<SourceId, ResourceInformer<KubeObject>>();
  private readonly listeners = new Set<Listener>();
  private readonly window: ViewDelta[] = [];
  private windowRows = 0;
  private readonly deltaJson = new WeakMap<ViewDelta, string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly discoveryTimers = new Set<NodeJS.Timeout>();
  private poller: AwsPoller | null = null;
  private readonly livePrices: LivePriceReader;
  private usagePoller: UsagePoller | null = null;
  private recorder: UsageRecorder | null = null;
  private costRecorder: CostRecorder | null = null;
  private started = false;
  private stopped = false;
  private seqNo = 0;
  /** True once a view or a delta has gone out: from then on a client may come back for the deltas after it. */
  private served = false;
  private gzipped: { seq: number; startedAt: number; result: Promise<{ seq: number; gzip: Buffer }> } | null = null;
  private readyPromise: Promise<void> | null = null;

  /** The context's KubeConfig (null when the kubeconfig is broken): other features patch deployments with it. */
  kc: KubeConfig | null = null;
  /** The EKS cluster and region this context maps to. */
  readonly target: EksTarget;
  private clients: AwsClients | null = null;

  constructor(opts: ClusterSourceOptions) {
    this.opts = opts;
    this.context = opts.context;
    const env = opts.env ?? process.env;
    const k = opts.kubeconfig ?? loadKubeconfig(env);
    this.target = eksTargetFor(k, opts.context, env);
    let prices: RegionPrices | null = null;
    let priceProblem: string | null = null;
    if (this.target.region) {
      try {
        prices = pricesFor(this.target.region);
      } catch (e) {
        priceProblem = (e as Error).message;
      }
    }
    this.builder = new ViewBuilder({
      context: opts.context,
      region: this.target.region,
      clusterName: this.target.clusterName,
      prices,
      discounts: setting(env, 'FARVIEW_DISCOUNTS'),
      maxEvents: opts.maxEvents,
    });
    this.livePrices = new LivePriceReader({
      context: opts.context,
      region: this.target.region,
      cache: opts.priceCache,
      env,
      pricesPollMs: opts.pricesPollMs,
      spotPollMs: opts.spotPollMs,
      sdk: () => this.requireAws(),
      nodes: () => this.objects('nodes'),
      publish: (live) => this.apply({ type: 'prices', prices: live }),
      poke: (part, delayMs) => this.poller?.poke(part, delayMs),
      ready: () => this.readyPromise ?? Promise.resolve(),
      now: () => this.nowDate(),
    });
    for (const id of ALL_SOURCES) this.sources.set(id, { id, state: 'syncing', message: null, lastSyncAt: null });
    try {
      this.kc = kubeConfigFor(k, opts.context);
      this.setSource('kubeconfig', { state: 'ok', message: priceProblem ? `prices: ${priceProblem}` : null, lastSyncAt: this.nowIso() });
    } catch (e) {
      const message = (e as Error).message;
      this.setSource('kubeconfig', { state: 'error', message, lastSyncAt: null });
      for (const id of K8S_SOURCES) this.setSource(id, { state: 'error', message: 'the kubeconfig could not be used', lastSyncAt: null });
    }
  }

  private nowDate(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private nowIso(): string {
    return this.nowDate().toISOString();
  }

  /** Starts informers and pollers; idempotent. Safe to call from any request. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.flushTimer = setInterval(() => this.flush(), this.opts.flushMs ?? 250);
    this.flushTimer.unref();
    // Kubernetes first, pods first: the pod list is the long pole of a big cluster, and setting up the AWS
    // clients takes a while that the API server can spend answering.
    this.startKube();
    this.startAws();
  }

  private startKube(): void {
    if (!this.kc) {
      this.readyPromise = Promise.resolve();
      return;
    }
    const kc = this.kc;
    for (const k of WATCHED) if (k.watch === 'list') this.startInformer(k.resource as SourceId, k.resource, apiPath(k.api), k.api.group);
    void kubeGetJson<{ gitVersion?: string }>(kc, '/version', { timeoutMs: 10_000 })
      .then((v) => this.apply({ type: 'meta', kubernetesVersion: v.gitVersion ?? null }))
      .catch(() => undefined);
    const discovered = WATCHED.filter((k) => k.watch === 'discover').map((k) => this.discover(k));
    const env = this.opts.env ?? process.env;
    const history = this.opts.usageHistory;
    const recorder = history
      ? new UsageRecorder({ workloadOf: (ns, name) => this.builder.podWorkload(ns, name), write: history.write, prune: history.prune, retentionDays: setting(env, 'FARVIEW_USAGE_RETENTION_DAYS') })
      : null;
    this.recorder = recorder;
    this.usagePoller = new UsagePoller({
      get: (path) => kubeGetJson(kc, path, { timeoutMs: 15_000 }),
      intervalMs: this.opts.metricsPollMs ?? setting(env, 'FARVIEW_METRICS_POLL_SECONDS') * 1000,
      now: () => this.nowDate(),
      status: (st) => this.setSource('metrics', st),
      onSamples: recorder ? (pods) => recorder.record(pods) : undefined,
    });
    this.readyPromise = Promise.all([...[...this.informers.values()].map((i) => i.synced()), ...discovered]).then(() => undefined);
    // Usage waits for the first lists (a 10,000-pod metrics list competes with them for both ends' CPU), or for
    // USAGE_START_LATEST_MS when they never complete (a forbidden or failing kind).
    const poller = this.usagePoller;
    const begin = () => {
      if (!this.stopped) poller.start();
    };
    const fallback = setTimeout(begin, USAGE_START_LATEST_MS);
    fallback.unref();
    this.discoveryTimers.add(fallback);
    void this.readyPromise.then(
      () => {
        clearTimeout(fallback);
        begin();
        // Opening the store costs seconds of the one JavaScript thread, which the first views need: the ledger
        // starts a minute after the lists are in, or at once when someone asks for a range. What ran before it
        // starts is filled in from the start times, so waiting loses nothing.
        const later = setTimeout(() => void this.startLedger(), this.opts.ledgerStartDelayMs ?? LEDGER_START_DELAY_MS);
        later.unref();
        this.discoveryTimers.add(later);
      },
      () => undefined,
    );
  }

  private ledgerStarted: Promise<void> | null = null;

  /**
   * Starts the cost ledger (once); resolves when it has looked at the cluster for the first time. It records only
   * while the pod and node lists are live.
   */
  startLedger(): Promise<void> {
    const store = this.opts.ledger;
    if (!store || this.stopped) return Promise.resolve();
    if (this.ledgerStarted) return this.ledgerStarted;
    const env = this.opts.env ?? process.env;
    this.costRecorder = new CostRecorder({
      context: this.context,
      store,
      view: () => {
        // What is billed is read from the pods and nodes: both live (nodes may be forbidden), or nothing is recorded.
        const pods = this.sources.get('pods')?.state;
        const nodes = this.sources.get('nodes')?.state;
        if (pods !== 'ok' || (nodes !== 'ok' && nodes !== 'forbidden')) return null;
        this.flush();
        // Rows as held (no accrued cost stamped): the ledger reads prices and start times only.
        return this.builder.unstampedView(this.nowDate()).view;
      },
      now: () => this.nowDate().getTime(),
      tickMs: this.opts.ledgerTickMs ?? setting(env, 'FARVIEW_LEDGER_TICK_SECONDS') * 1000,
      retentionDays: setting(env, 'FARVIEW_LEDGER_RETENTION_DAYS'),
    });
    const recorder = this.costRecorder;
    this.ledgerStarted = recorder.start().then(() => recorder.flush());
    return this.ledgerStarted;
  }

  /** How the cost ledger is doing; null when none is kept. */
  ledgerStatus(): LedgerStatus | null {
    return this.costRecorder?.status() ?? null;
  }

  /** Looks at the cluster for the ledger now and writes (tests). */
  async recordCost(): Promise<void> {
    this.costRecorder?.tick();
    await this.costRecorder?.flush();
  }

  private startInformer(id: SourceId, resource: KubeResource, path: string, group: string): void {
    if (!this.kc || this.informers.has(id)) return;
    const inf = new ResourceInformer<KubeObject>(this.kc, {
      resource: id,
      group,
      path,
      now: () => this.nowDate(),
      handlers: {
        replace: (objects) => this.apply({ type: 'replace', resource, objects }),
        upsert: (object) => this.apply({ type: 'upsert', resource, object }),
        remove: (object) => this.apply({ type: 'delete', resource, object }),
        status: (s) => this.setSource(id, s),
      },
    });
    this.informers.set(id, inf);
    inf.start();
  }

  /** A kind whose group may not be served (TargetGroupBindings: only with the AWS Load Balancer Controller); absence is normal. */
  private async discover(kind: KindDescriptor<KubeResource>): Promise<void> {
    if (!this.kc || this.stopped) return;
    const id = kind.resource as SourceId;
    const { group: groupName, plural } = kind.api;
    const why = kind.absentReason ? ` (${kind.absentReason})` : '';
    try {
      const group = await kubeGetJson<{ preferredVersion?: { version?: string }; versions?: { version: string }[] }>(this.kc, `/apis/${groupName}`, {
        timeoutMs: 15_000,
      });
      const versions = [group.preferredVersion?.version, ...(group.versions ?? []).map((v) => v.version)].filter((v): v is string => !!v);
      for (const v of [...new Set(versions)]) {
        const list = await kubeGetJson<{ resources?: { name: string }[] }>(this.kc, `/apis/${groupName}/${v}`, { timeoutMs: 15_000 });
        if ((list.resources ?? []).some((r) => r.name === plural)) {
          this.startInformer(id, kind.resource, apiPath(kind.api, v), groupName);
          await this.informers.get(id)?.synced();
          return;
        }
      }
      this.setSource(id, { state: 'absent', message: `${groupName} serves no ${plural}${why}`, lastSyncAt: this.nowIso() });
    } catch (e) {
      const absent = e instanceof KubeApiError && e.status === 404;
      this.setSource(id, {
        state: absent ? 'absent' : 'error',
        message: absent ? `API group ${groupName} is not served${why}` : `discovery of ${groupName}: ${(e as Error).message}`,
        lastSyncAt: null,
      });
    }
    // The group may be served later (or discovery may have failed): look again in a minute.
    if (!this.stopped) {
      const timer = setTimeout(() => {
        this.discoveryTimers.delete(timer);
        void this.discover(kind);
      }, 60_000);
      timer.unref();
      this.discoveryTimers.add(timer);
    }
  }

  private startAws(): void {
    const { clusterName, region } = this.target;
    const noRegion = region ? null : `no AWS region for context "${this.context}": set AWS_REGION (or use an EKS context: ${this.target.source})`;
    const sdk = () => this.requireAws();
    const eks: PollPart<unknown> = {
      id: 'eks',
      blocked: () => noRegion ?? (clusterName ? null : `cannot tell the EKS cluster of context "${this.context}": set FARVIEW_EKS_CLUSTER`),
      run: async () => {
        const { clients, fetch } = await sdk();
        return fetch.fetchEks(clients.eks, clusterName as string);
      },
      apply: (d) => this.apply({ type: 'eks', eks: d as EksState }),
    };
    const elbv2: PollPart<unknown> = {
      id: 'elbv2',
      blocked: () => noRegion,
      run: async () => {
        const { clients, fetch } = await sdk();
        const interest = this.loadBalancerInterest();
        this.polledInterest = interestKey(interest);
        return fetch.fetchLoadBalancers(clients.elbv2, interest);
      },
      apply: (d) => this.apply({ type: 'loadBalancers', loadBalancers: d as LoadBalancer[] }),
    };
    const ec2: PollPart<unknown> = {
      id: 'ec2',
      blocked: () => noRegion,
      run: async () => {
        const { clients, fetch } = await sdk();
        const eksState = this.lastEks;
        const ids = new Set([...(eksState?.profiles ?? []).flatMap((p) => p.subnets), ...(eksState?.nodegroups ?? []).flatMap((g) => g.subnets)]);
        return (await fetch.fetchSubnets(clients.ec2, eksState?.cluster?.vpcId ?? null, [...ids].sort())).map(fetch.viewSubnet);
      },
      apply: (d) => this.apply({ type: 'subnets', subnets: d as Subnet[] }),
    };
    this.poller = new AwsPoller([eks, elbv2, ec2, ...this.livePrices.parts(() => noRegion)], {
      intervalMs: this.opts.pollMs ?? 15_000,
      now: () => this.nowDate(),
      status: (id, s) => {
        this.setSource(id, s);
        if (id === 'pricing' || id === 'spot') this.livePrices.status(id, s.state === 'ok' ? null : s.message);
      },
    });
    this.poller.start();
  }

  private lastEks: EksState | null = null;
  private polledInterest = '';

  /** The prices in use: the bundled table with what AWS answered (Price List, Spot) laid over it. */
  get prices(): RegionPrices | null {
    return this.builder.pricesInUse();
  }

  private loadBalancerInterest(): { hostnames: Set<string>; targetGroupArns: Set<string> } {
    const hostnames = new Set<string>();
    for (const s of this.objects('services')) {
      for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.hostname) hostnames.add(i.hostname);
    }
    const targetGroupArns = new Set<string>();
    for (const b of this.objects('targetgroupbindings')) if (b.spec?.targetGroupARN) targetGroupArns.add(b.spec.targetGroupARN);
    return { hostnames, targetGroupArns };
  }

  /** Every object of a resource as the informer holds it. */
  objects<R extends KubeResource>(resource: R): KubeByResource[R][] {
    return this.builder.list(resource);
  }

  private apply(ev: BuilderEvent): void {
    if (this.stopped) return;
    try {
      if (ev.type === 'eks') this.lastEks = ev.eks;
      this.builder.apply(ev);
      if (ev.type === 'upsert' && ev.resource === 'nodes') this.livePrices.checkNodes([ev.object as KubeNode]);
      if (ev.type === 'replace' && ev.resource === 'nodes') this.livePrices.checkNodes(ev.objects as KubeNode[]);
      // A service got (or lost) a load balancer: describe it now rather than at the next poll.
      const lbRelevant = ev.type === 'loadBalancers' || ((ev.type === 'upsert' || ev.type === 'replace' || ev.type === 'delete') && (ev.resource === 'services' || ev.resource === 'targetgroupbindings'));
      if (lbRelevant) {
        if (interestKey(this.loadBalancerInterest()) !== this.polledInterest) this.poller?.poke('elbv2');
      }
    } catch (e) {
      // One bad object must not take the source down; it is left out and logged.
      console.error(`farview: context ${this.context}: cannot apply ${ev.type}:`, e);
    }
  }

  private setSource(id: SourceId, s: Omit<SourceStatus, 'id'>): void {
    const prev = this.sources.get(id);
    const next: SourceStatus = { id, ...s };
    if (prev && prev.state === next.state && prev.message === next.message && prev.lastSyncAt === next.lastSyncAt) return;
    this.sources.set(id, next);
    this.apply({ type: 'sources', sources: ALL_SOURCES.map((x) => this.sources.get(x) as SourceStatus) });
  }

  /** Sends what changed since the last flush to subscribers as one numbered delta. */
  flush(): void {
    if (this.stopped || !this.builder.hasChanges()) return;
    const maxRows = this.opts.deltaWindowRows ?? 5_000;
    if (this.listeners.size === 0 && (!this.served || this.builder.pendingRows() > maxRows)) {
      // Nobody listens, and nobody holds a view this could update (none was served yet) or the window could not
      // keep it: skip building it. A client further behind gets a snapshot.
      this.builder.skipDelta();
      this.seqNo++;
      this.window.length = 0;
      this.windowRows = 0;
      return;
    }
    const change = this.builder.takeDelta(this.nowDate());
    if (!change) return;
    const delta: ViewDelta = { ...change, seq: ++this.seqNo };
    this.window.push(delta);
    this.windowRows += rowsIn(delta);
    // Keep at most deltaWindow deltas holding maxRows rows in all; a client further behind gets a snapshot instead.
    // A delta larger than that is not kept at all.
    const max = this.opts.deltaWindow ?? 600;
    while (this.window.length > 0 && (this.window.length > max || this.windowRows > maxRows)) {
      this.windowRows -= rowsIn(this.window.shift() as ViewDelta);
    }
    for (const l of [...this.listeners]) {
      try {
        l(delta);
      } catch (e) {
        console.error('farview: a delta listener failed:', e);
      }
    }
  }

  get seq(): number {
    return this.seqNo;
  }

  /** A delta as JSON, serialized once and shared by every client. */
  jsonOf(d: ViewDelta): string {
    let json = this.deltaJson.get(d);
    if (json === undefined) {
      json = JSON.stringify(d);
      this.deltaJson.set(d, json);
    }
    return json;
  }

  /** The whole view at the latest seq (pending changes are flushed first, so seq and view agree). */
  snapshot(): { seq: number; view: ClusterView } {
    this.flush();
    this.served = true;
    return { seq: this.seqNo, view: this.builder.view(this.nowDate()) };
  }

  /**
   * The snapshot as JSON text in chunks of about 64 KB, for a client that takes no gzip or a live-stream
   * snapshot. Built from rows serialized once (lib/view/view-json), so it is cheap enough not to keep.
   */
  snapshotJson(): { seq: number; chunks: Iterable<string> } {
    this.flush();
    this.served = true;
    const { view, nowMs } = this.builder.unstampedView(this.nowDate());
    return { seq: this.seqNo, chunks: viewJsonChunks(view, nowMs) };
  }

  /**
   * The snapshot gzipped, kept until the seq moves on — or, with `maxAgeMs`, reused while younger than that: its
   * seq says which view it is, and a client that follows with the deltas after that seq loses nothing. Under
   * heavy churn the server then compresses once a second instead of once per flush.
   */
  snapshotGzip(maxAgeMs = 0): Promise<{ seq: number; gzip: Buffer }> {
    this.flush();
    const c = this.gzipped;
    if (c && (c.seq === this.seqNo || Date.now() - c.startedAt < maxAgeMs)) return c.result;
    const { seq, chunks } = this.snapshotJson();
    const result = gzipChunks(chunks).then((gzip) => ({ seq, gzip }));
    const entry = { seq, startedAt: Date.now(), result };
    this.gzipped = entry;
    // A failed compression is not kept: the next caller tries again.
    result.catch(() => {
      if (this.gzipped === entry) this.gzipped = null;
    });
    return result;
  }

  /** The deltas after `seq`, or null when they are no longer kept (the client needs a new snapshot). */
  deltasSince(seq: number): ViewDelta[] | null {
    this.flush();
    if (!Number.isInteger(seq) || seq < 0 || seq > this.seqNo) return null;
    if (seq === this.seqNo) return [];
    const first = this.window[0]?.seq ?? this.seqNo + 1;
    if (seq + 1 < first) return null;
    return this.window.filter((d) => d.seq > seq);
  }

  /** How many clients listen to deltas (for tests and status). */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Calls `fn` with every delta from now on; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.served = true;
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves when every informer has listed once (or failed), or after `timeoutMs`. */
  async ready(timeoutMs = 15_000): Promise<void> {
    this.start();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.readyPromise ?? Promise.resolve(),
      new Promise<void>((r) => {
        timer = setTimeout(r, timeoutMs);
        timer.unref();
      }),
    ]);
    if (timer) clearTimeout(timer);
  }

  /** Whether the cluster can be shown at all: a broken kubeconfig or an API server nobody reached is not. */
  health(): SourceHealth {
    const kcs = this.sources.get('kubeconfig');
    if (kcs?.state === 'error') {
      return { ok: false, status: 503, source: 'kubeconfig', error: 'kubeconfig unusable', detail: kcs.message ?? '' };
    }
    const k8s = ESSENTIAL_SOURCES.map((id) => this.sources.get(id) as SourceStatus);
    if (k8s.some((s) => s.state === 'ok' || s.state === 'stale' || s.state === 'forbidden' || s.lastSyncAt)) return { ok: true };
    const failed = k8s.find((s) => s.state === 'error');
    if (!failed) return { ok: true }; // still syncing
    const unauthorized = /HTTP 401|Unauthorized/.test(failed.message ?? '');
    return unauthorized
      ? { ok: false, status: 502, source: failed.id, error: 'cluster rejected the credentials', detail: failed.message ?? '' }
      : { ok: false, status: 503, source: failed.id, error: 'cluster unreachable', detail: failed.message ?? '' };
  }

  statusOf(id: SourceId): SourceStatus | undefined {
    return this.sources.get(id);
  }

  /** Polls AWS now (after a write such as creating a Fargate profile) and flushes the result. */
  async refreshAws(): Promise<void> {
    this.start();
    await this.poller?.refresh();
    this.flush();
  }

  /**
   * The SDK clients and gateways, for a poll. The SDK loads on the first poll, after the Kubernetes lists have
   * started: it takes a while to load, and the API server can answer meanwhile.
   */
  private async requireAws(): Promise<{ clients: AwsClients; fetch: typeof import('./aws') }> {
    const loaded = await this.loadAws();
    if (!loaded) throw new Error(this.stopped ? 'the source has stopped' : `no AWS region for context "${this.context}": set AWS_REGION (or use an EKS context: ${this.target.source})`);
    return loaded;
  }

  /** SDK clients for this context's region (null when no region is known). */
  async aws(): Promise<AwsClients | null> {
    return (await this.loadAws())?.clients ?? null;
  }

  private awsLoaded: Promise<{ clients: AwsClients; fetch: typeof import('./aws') } | null> | null = null;

  /** The SDK clients and the fetchers, loaded once (null when no region is known or the source has stopped). */
  private loadAws(): Promise<{ clients: AwsClients; fetch: typeof import('./aws') } | null> {
    this.awsLoaded ??= import('./aws').then((fetch) => {
      const region = this.target.region;
      if (!region || this.stopped) return null;
      this.clients = fetch.awsClients(region, this.opts.awsEnv);
      return { clients: this.clients, fetch };
    });
    return this.awsLoaded;
  }

  /** The latest usage samples of pods ("namespace/name") and nodes; empty before metrics-server answered. */
  usage(): UsageSnapshot {
    return this.usagePoller?.snapshot() ?? { fetchedAt: null, pods: {}, nodes: {} };
  }

  /** How the usage history is doing; null when none is kept. */
  historyState(): HistoryState | null {
    return this.recorder?.state() ?? null;
  }

  /** Writes the usage buckets held in memory (shutdown, tests). */
  async flushHistory(): Promise<void> {
    await this.recorder?.flush(true);
  }

  /** The pod object as the API server sent it (plain JSON), or undefined. */
  getPodObject(namespace: string, name: string): KubePod | undefined {
    return this.builder.object('pods', `${namespace}/${name}`);
  }

  /** A plain object from the caches: nodes and namespaces by name, services by "namespace/name". */
  getObject<R extends KubeResource>(resource: R, key: string): KubeByResource[R] | undefined {
    return this.builder.object(resource, key);
  }

  /** A pod's sizing breakdown (right-sizing reads it per workload); null when the pod is unknown or unsized. */
  podSizing(namespace: string, name: string): PodSizing | null {
    return this.builder.podSizing(namespace, name);
  }

  /** What the pod detail route shows: the row, the sizing chain, the pod's events and object. */
  podDetail(namespace: string, name: string): { pod: PodView; sizing: PodSizing | null; object: KubePod; events: EventView[] } | null {
    this.flush();
    return this.builder.podDetail(namespace, name, this.nowDate());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    for (const t of this.discoveryTimers) clearTimeout(t);
    this.poller?.stop();
    this.usagePoller?.stop();
    this.livePrices.stop();
    await this.recorder?.flush(true).catch(() => undefined);
    await this.costRecorder?.stop().catch(() => undefined);
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    this.clients?.destroy();
    this.listeners.clear();
  }
}
