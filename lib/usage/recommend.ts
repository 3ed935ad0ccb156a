/**
 * Right-sizing on evidence: a recommended CPU and memory request per container of a workload, from the usage
 * history (5-minute buckets, lib/usage/types.ts), with the evidence it rests on, the risk seen in the window, and
 * what the change does to the bill (Fargate: the size the engine would then pick and its price; EC2: only the
 * requested capacity freed). Pure: the window, prices and thresholds are parameters.
 *
 * Current requests come per container (`ContainerResources`): PodView holds only pod totals, so the caller builds
 * them from the pod's sizing breakdown (PodSizing.containers, ContainerSizing: requests already defaulted from
 * limits), e.g. with `containersFromSizing`.
 */
import { formatCapacityProvisioned } from '../fargate/capacity';
import { HOURS_PER_MONTH } from '../fargate/prices';
import { formatBytes, formatCpu } from '../fargate/quantity';
import { MIB } from '../fargate/sizes';
import { sizePod } from '../fargate/sizing';
import type { ContainerLike, ContainerRole, ContainerSizing, FargateSize, PodSpecLike, Resources } from '../fargate/types';
import { fargateComputeHourly } from '../cost/prices';
import { fromNano, toNano } from '../cost/money';
import type { PriceInfo } from '../cost/types';
import type { PodView } from '../view/model';
import type { UsageBucket } from './types';

/** The thresholds of the rule. All are parameters so a caller (or a setting) can change them. */
export interface RightsizeRule {
  /** Percentile of the bucket means CPU is sized from (nearest rank), 0 < p ≤ 1. */
  cpuPercentile: number;
  cpuMargin: number;
  memoryMargin: number;
  cpuStepMillis: number;
  memoryStepBytes: number;
  cpuFloorMillis: number;
  memoryFloorBytes: number;
  /** A bucket whose CPU maximum reaches this share of the CPU limit counts as "CPU at its limit". */
  cpuLimitShare: number;
  /** Less history than this (first bucket start to last bucket end), or fewer samples, and nothing is recommended. */
  minSpanHours: number;
  minSamples: number;
  /** Length of one bucket, the same as the history's (5 minutes). */
  bucketSeconds: number;
}

export const DEFAULT_RULE: Readonly<RightsizeRule> = Object.freeze({
  cpuPercentile: 0.95,
  cpuMargin: 1.15,
  memoryMargin: 1.2,
  cpuStepMillis: 5,
  memoryStepBytes: 4 * MIB,
  cpuFloorMillis: 10,
  memoryFloorBytes: 32 * MIB,
  cpuLimitShare: 0.95,
  minSpanHours: 24,
  // One sample per 5-minute bucket over 24 hours; a 30 s poll gives ten times that per replica.
  minSamples: 288,
  bucketSeconds: 300,
});

const pct = (x: number) => `${Math.round(x * 1000) / 10}`;
const hours = (h: number) => `${Math.round(h * 10) / 10} h`;

/** The rule as one sentence, for the UI, the report and the CLI. */
export function ruleSentence(rule: RightsizeRule = DEFAULT_RULE): string {
  const minutes = `${Math.round((rule.bucketSeconds / 60) * 10) / 10}-minute`;
  return (
    `CPU request = p${pct(rule.cpuPercentile)} of the ${minutes} mean CPU × ${rule.cpuMargin}, rounded up to ${rule.cpuStepMillis}m ` +
    `(at least ${rule.cpuFloorMillis}m); memory request = the peak memory × ${rule.memoryMargin}, rounded up to ${formatBytes(rule.memoryStepBytes)} ` +
    `(at least ${formatBytes(rule.memoryFloorBytes)}), never below the peak, and not lowered after OOM kills; neither above the ` +
    `container's limit. Nothing is recommended with less than ${hours(rule.minSpanHours)} of history or fewer than ${rule.minSamples} samples.`
  );
}

/** The default rule's sentence. */
export const RIGHTSIZING_RULE = ruleSentence(DEFAULT_RULE);

/** One container's current requests and limits (from PodSizing.containers, see containersFromSizing). */
export interface ContainerResources {
  container: string;
  /**
   * 'container' when omitted. Init containers are carried unchanged into the Fargate size: metrics-server reports
   * only running containers, so there is no history to size them from. Native sidecars are sized like containers.
   */
  role?: ContainerRole;
  request: Resources;
  limits: { cpuMillis: number | null; memoryBytes: number | null };
}

export interface WorkloadRef {
  namespace: string;
  /** Deployment, StatefulSet, DaemonSet, Job, … or Pod for a bare pod (named as the pod). */
  kind: string;
  name: string;
}

/** What the caller knows of a workload now. */
export interface WorkloadInput extends WorkloadRef {
  placement: 'fargate' | 'ec2';
  /** Pods the saving is multiplied by (the pods running now). */
  replicas: number;
  /** In pod spec order (init containers and sidecars first, as the engine reads them). */
  containers: ContainerResources[];
  /** Fargate: the size billed now (CapacityProvisioned); when absent, the engine's size for the current requests. */
  billedSize?: FargateSize | null;
  /** Container restarts seen in the window; PodView.restarts counts over the lives of the current pods instead. */
  restarts: number;
  /** OOM kills seen in the window (lastState.terminated.reason "OOMKilled"), counted by the caller. */
  oomKills: number;
}

export interface RecommendOptions {
  /** The history window the buckets were read for, ISO 8601; buckets starting outside it are ignored. */
  window: { since: string; until: string };
  /** Prices frozen for this answer; null: Fargate sizes are still given, prices and savings are null. */
  prices: PriceInfo | null;
  rule?: Partial<RightsizeRule>;
}

/** What the numbers rest on, per container. */
export interface ContainerEvidence {
  /** Start of the first bucket and end of the last one, ISO 8601 (null without buckets). */
  start: string | null;
  end: string | null;
  spanHours: number;
  buckets: number;
  samples: number;
  cpuP95Millis: number;
  cpuPeakMillis: number;
  /** At the same percentile as CPU (shown as evidence; memory is sized from the peak). */
  memoryP95Bytes: number;
  memoryPeakBytes: number;
  /** Buckets whose CPU maximum reached cpuLimitShare of the CPU limit (0 without a limit). */
  cpuAtLimitBuckets: number;
}

export interface ContainerAdvice {
  container: string;
  role: ContainerRole;
  current: { request: Resources; limits: { cpuMillis: number | null; memoryBytes: number | null } };
  /** Init containers: their current request, unchanged. */
  recommended: Resources;
  /** null for init containers (no history). */
  evidence: ContainerEvidence | null;
  /** Usage above the request: p95 CPU above the CPU request, peak memory above the memory request. */
  underRequested: { cpu: boolean; memory: boolean };
  /** The rule's value was lowered to the limit (Kubernetes rejects a request above its limit). */
  cappedAtLimit: { cpu: boolean; memory: boolean };
}

export interface Risk {
  restarts: number;
  oomKills: number;
  /** Summed over the containers. */
  cpuAtLimitBuckets: number;
  /** One sentence per risk, for the UI; empty when none was seen. */
  messages: string[];
}

export interface FargateChange {
  now: { size: FargateSize | null; capacityProvisioned: string | null; hourlyUSD: number | null };
  after: { size: FargateSize | null; capacityProvisioned: string | null; hourlyUSD: number | null };
  /** Per pod. Negative when the new size costs more. null without prices or when a size does not fit Fargate. */
  savingHourlyUSD: number | null;
  /** savingHourlyUSD × replicas × 730 h. */
  savingMonthlyUSD: number | null;
}

export interface Ec2Change {
  /** New minus current effective request of one pod (negative: capacity freed). */
  perPod: Resources;
  /** perPod × replicas. */
  total: Resources;
  note: string;
}

interface Base {
  workload: WorkloadRef;
  placement: 'fargate' | 'ec2';
  replicas: number;
  window: { since: string; until: string };
  rule: string;
}

export interface Recommended extends Base {
  kind: 'recommendation';
  containers: ContainerAdvice[];
  /** Some container's recommended request differs from its current one. */
  changed: boolean;
  underRequested: boolean;
  fargate: FargateChange | null;
  ec2: Ec2Change | null;
  risk: Risk;
}

export interface Insufficient extends Base {
  kind: 'insufficient';
  /** The first container short of history, and what it has. */
  have: { container: string; spanHours: number; samples: number };
  need: { spanHours: number; samples: number };
  message: string;
}

export type Recommendation = Recommended | Insufficient;

export const EC2_NOTE =
  'On EC2 the bill does not change until nodes are consolidated (Cluster Autoscaler or Karpenter removing a node); this only changes what the pods request.';

function fail(what: string): never {
  throw new RangeError(what);
}

function checkRule(r: RightsizeRule): void {
  for (const [k, v] of Object.entries(r)) if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`rule.${k} must be a finite number ≥ 0, got ${String(v)}`);
  if (!(r.cpuPercentile > 0 && r.cpuPercentile <= 1)) fail(`rule.cpuPercentile must be in (0, 1], got ${r.cpuPercentile}`);
  for (const k of ['cpuStepMillis', 'memoryStepBytes', 'bucketSeconds', 'cpuMargin', 'memoryMargin'] as const) {
    if (!(r[k] > 0)) fail(`rule.${k} must be > 0, got ${r[k]}`);
  }
}

function checkBucket(b: UsageBucket): number {
  const where = `bucket ${b.namespace}/${b.workloadKind}/${b.workloadName} container ${JSON.stringify(b.container)} at ${JSON.stringify(b.start)}`;
  const t = Date.parse(b.start);
  if (!Number.isFinite(t)) fail(`${where}: start is not an ISO 8601 time`);
  if (!Number.isInteger(b.samples) || b.samples < 1) fail(`${where}: samples must be an integer ≥ 1, got ${b.samples}`);
  for (const k of ['cpuSumMilli', 'cpuMaxMilli', 'memSumBytes', 'memMaxBytes'] as const) {
    if (typeof b[k] !== 'number' || !Number.isFinite(b[k]) || b[k] < 0) fail(`${where}: ${k} must be a finite number ≥ 0, got ${String(b[k])}`);
  }
  return t;
}

function timeOf(iso: string, name: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) fail(`${name} must be an ISO 8601 time, got ${JSON.stringify(iso)}`);
  return t;
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Rounded up to a multiple of step. A product within a billionth of a whole number is taken as that number first
 * (100 × 1.15 is 114.99999999999999 in floating point, 80 MiB × 1.2 lands a hair above 96 MiB); nothing else is
 * rounded down, so a value one byte above a step still goes to the next one.
 */
function ceilTo(x: number, step: number): number {
  const whole = Math.round(x);
  const snapped = Math.abs(x - whole) <= 1e-9 * Math.max(1, Math.abs(x)) ? whole : x;
  return Math.ceil(snapped / step) * step;
}

const key = (ns: string, kind: string, name: string, container: string) => `${ns}\u0000${kind}\u0000${name}\u0000${container}`;

interface Timed {
  t: number;
  b: UsageBucket;
}

function evidenceOf(series: readonly Timed[], cpuLimit: number | null, rule: RightsizeRule): ContainerEvidence {
  if (series.length === 0) {
    return { start: null, end: null, spanHours: 0, buckets: 0, samples: 0, cpuP95Millis: 0, cpuPeakMillis: 0, memoryP95Bytes: 0, memoryPeakBytes: 0, cpuAtLimitBuckets: 0 };
  }
  const first = series[0].t;
  const last = series[series.length - 1].t + rule.bucketSeconds * 1000;
  let samples = 0;
  let cpuPeak = 0;
  let memPeak = 0;
  let atLimit = 0;
  const cpuMeans: number[] = [];
  const memMeans: number[] = [];
  for (const { b } of series) {
    samples += b.samples;
    cpuMeans.push(b.cpuSumMilli / b.samples);
    memMeans.push(b.memSumBytes / b.samples);
    cpuPeak = Math.max(cpuPeak, b.cpuMaxMilli);
    memPeak = Math.max(memPeak, b.memMaxBytes);
    // metrics-server reports usage, not throttling (no cpu.stat counters reach the Metrics API): a bucket whose
    // maximum sits at the limit is the only sign that the container was held back.
    if (cpuLimit !== null && cpuLimit > 0 && b.cpuMaxMilli >= rule.cpuLimitShare * cpuLimit - 1e-9) atLimit++;
  }
  return {
    start: new Date(first).toISOString(),
    end: new Date(last).toISOString(),
    spanHours: (last - first) / 3_600_000,
    buckets: series.length,
    samples,
    cpuP95Millis: nearestRank(cpuMeans, rule.cpuPercentile),
    cpuPeakMillis: cpuPeak,
    memoryP95Bytes: nearestRank(memMeans, rule.cpuPercentile),
    memoryPeakBytes: memPeak,
    cpuAtLimitBuckets: atLimit,
  };
}

function adviseContainer(c: ContainerResources, ev: ContainerEvidence, oomKills: number, rule: RightsizeRule): ContainerAdvice {
  const role = c.role ?? 'container';
  let cpu = Math.max(rule.cpuFloorMillis, ceilTo(ev.cpuP95Millis * rule.cpuMargin, rule.cpuStepMillis));
  const capCpu = c.limits.cpuMillis !== null && cpu > c.limits.cpuMillis;
  if (capCpu) cpu = c.limits.cpuMillis!;
  // Never below the peak seen; after an OOM kill that peak was cut short at the limit, so not below the request either.
  const keep = Math.max(ev.memoryPeakBytes, oomKills > 0 ? c.request.memoryBytes : 0);
  let memory = Math.max(rule.memoryFloorBytes, ceilTo(Math.max(ev.memoryPeakBytes * rule.memoryMargin, keep), rule.memoryStepBytes));
  const memLimit = c.limits.memoryBytes;
  // Capped at the limit only when the limit still holds what must be kept; otherwise the risk says to raise it.
  const capMemory = memLimit !== null && memory > memLimit && memLimit >= keep;
  if (capMemory) memory = memLimit;
  return {
    container: c.container,
    role,
    current: { request: { ...c.request }, limits: { ...c.limits } },
    recommended: { cpuMillis: cpu, memoryBytes: memory },
    evidence: ev,
    underRequested: { cpu: ev.cpuP95Millis > c.request.cpuMillis, memory: ev.memoryPeakBytes > c.request.memoryBytes },
    cappedAtLimit: { cpu: capCpu, memory: capMemory },
  };
}

/** A pod spec holding exactly these requests, in the roles given, for the engine to size. */
function specOf(containers: readonly { container: string; role: ContainerRole; request: Resources }[]): PodSpecLike {
  const one = (c: { container: string; role: ContainerRole; request: Resources }): ContainerLike => ({
    name: c.container,
    ...(c.role === 'sidecar' ? { restartPolicy: 'Always' } : {}),
    resources: { requests: { cpu: `${c.request.cpuMillis}m`, memory: c.request.memoryBytes } },
  });
  return {
    initContainers: containers.filter((c) => c.role !== 'container').map(one),
    containers: containers.filter((c) => c.role === 'container').map(one),
  };
}

function fargateChange(now: FargateSize | null, after: FargateSize | null, replicas: number, prices: PriceInfo | null): FargateChange {
  const hourly = (s: FargateSize | null) => (s && prices ? fargateComputeHourly(s, prices) : null);
  const hNow = hourly(now);
  const hAfter = hourly(after);
  const savingNano = hNow !== null && hAfter !== null ? toNano(hNow) - toNano(hAfter) : null;
  return {
    now: { size: now && { ...now }, capacityProvisioned: now && formatCapacityProvisioned(now), hourlyUSD: hNow },
    after: { size: after && { ...after }, capacityProvisioned: after && formatCapacityProvisioned(after), hourlyUSD: hAfter },
    savingHourlyUSD: savingNano === null ? null : fromNano(savingNano),
    savingMonthlyUSD: savingNano === null ? null : fromNano(savingNano * replicas * HOURS_PER_MONTH),
  };
}

function riskOf(w: WorkloadInput, advice: readonly ContainerAdvice[], rule: RightsizeRule): Risk {
  const messages: string[] = [];
  if (w.oomKills > 0) {
    messages.push(`${w.oomKills} OOM kill${w.oomKills === 1 ? '' : 's'} in the window: the memory peak seen is cut short at the limit, so memory is not lowered.`);
  }
  if (w.restarts > 0) messages.push(`${w.restarts} container restart${w.restarts === 1 ? '' : 's'}: check why before trusting the history.`);
  let atLimit = 0;
  for (const a of advice) {
    const ev = a.evidence;
    if (ev && ev.cpuAtLimitBuckets > 0) {
      atLimit += ev.cpuAtLimitBuckets;
      messages.push(
        `Container ${a.container}: CPU reached ${pct(rule.cpuLimitShare)} % of its ${formatCpu(a.current.limits.cpuMillis ?? 0)} limit in ` +
          `${ev.cpuAtLimitBuckets} of ${ev.buckets} buckets, so it is likely throttled (metrics-server does not report throttling; this is the only sign).`,
      );
    }
    if (a.underRequested.cpu) messages.push(`Container ${a.container} uses more CPU than it requests: p${pct(rule.cpuPercentile)} ${formatCpu(ev!.cpuP95Millis)} against ${formatCpu(a.current.request.cpuMillis)}.`);
    if (a.underRequested.memory) messages.push(`Container ${a.container} uses more memory than it requests: peak ${formatBytes(ev!.memoryPeakBytes)} against ${formatBytes(a.current.request.memoryBytes)}.`);
    if (a.current.limits.memoryBytes !== null && a.recommended.memoryBytes > a.current.limits.memoryBytes) {
      messages.push(`Container ${a.container}: the memory it needs is above its ${formatBytes(a.current.limits.memoryBytes)} limit; raise the limit too (a request above the limit is rejected).`);
    }
  }
  return { restarts: w.restarts, oomKills: w.oomKills, cpuAtLimitBuckets: atLimit, messages };
}

function checkWorkload(w: WorkloadInput): void {
  const where = `workload ${w.namespace}/${w.kind}/${w.name}`;
  if (w.placement !== 'fargate' && w.placement !== 'ec2') fail(`${where}: placement must be "fargate" or "ec2", got ${JSON.stringify(w.placement)}`);
  for (const k of ['replicas', 'restarts', 'oomKills'] as const) {
    if (!Number.isInteger(w[k]) || w[k] < 0) fail(`${where}: ${k} must be an integer ≥ 0, got ${String(w[k])}`);
  }
  if (!Array.isArray(w.containers) || w.containers.length === 0) fail(`${where}: no containers given`);
  const seen = new Set<string>();
  for (const c of w.containers) {
    if (seen.has(c.container)) fail(`${where}: container ${JSON.stringify(c.container)} given twice`);
    seen.add(c.container);
    const r = c.request;
    if (!(Number.isFinite(r.cpuMillis) && r.cpuMillis >= 0 && Number.isFinite(r.memoryBytes) && r.memoryBytes >= 0)) {
      fail(`${where}: container ${JSON.stringify(c.container)}: request must hold finite numbers ≥ 0`);
    }
  }
}

/** Buckets by series, sorted by start, inside the window. */
function indexBuckets(buckets: readonly UsageBucket[], since: number, until: number): Map<string, Timed[]> {
  const out = new Map<string, Timed[]>();
  for (const b of buckets) {
    const t = checkBucket(b);
    if (t < since || t >= until) continue;
    const k = key(b.namespace, b.workloadKind, b.workloadName, b.container);
    const list = out.get(k);
    if (list) list.push({ t, b });
    else out.set(k, [{ t, b }]);
  }
  for (const list of out.values()) list.sort((x, y) => x.t - y.t);
  return out;
}

function resolve(opts: RecommendOptions): { rule: RightsizeRule; since: number; until: number } {
  const rule = { ...DEFAULT_RULE, ...opts.rule };
  checkRule(rule);
  const since = timeOf(opts.window.since, 'window.since');
  const until = timeOf(opts.window.until, 'window.until');
  if (since >= until) fail(`window.since (${opts.window.since}) must be before window.until (${opts.window.until})`);
  return { rule, since, until };
}

function recommendOne(w: WorkloadInput, index: Map<string, Timed[]>, opts: RecommendOptions, rule: RightsizeRule): Recommendation {
  checkWorkload(w);
  const base: Base = {
    workload: { namespace: w.namespace, kind: w.kind, name: w.name },
    placement: w.placement,
    replicas: w.replicas,
    window: { ...opts.window },
    rule: ruleSentence(rule),
  };
  const evidence = new Map<string, ContainerEvidence>();
  for (const c of w.containers) {
    if ((c.role ?? 'container') === 'init') continue;
    const ev = evidenceOf(index.get(key(w.namespace, w.kind, w.name, c.container)) ?? [], c.limits.cpuMillis, rule);
    if (ev.spanHours < rule.minSpanHours || ev.samples < rule.minSamples) {
      return {
        ...base,
        kind: 'insufficient',
        have: { container: c.container, spanHours: ev.spanHours, samples: ev.samples },
        need: { spanHours: rule.minSpanHours, samples: rule.minSamples },
        message:
          `Not enough history to recommend: container ${c.container} has ${hours(ev.spanHours)} and ${ev.samples} samples; ` +
          `at least ${hours(rule.minSpanHours)} and ${rule.minSamples} samples are needed.`,
      };
    }
    evidence.set(c.container, ev);
  }
  const advice = w.containers.map((c): ContainerAdvice => {
    const ev = evidence.get(c.container);
    if (ev) return adviseContainer(c, ev, w.oomKills, rule);
    return {
      container: c.container,
      role: 'init',
      current: { request: { ...c.request }, limits: { ...c.limits } },
      recommended: { ...c.request },
      evidence: null,
      underRequested: { cpu: false, memory: false },
      cappedAtLimit: { cpu: false, memory: false },
    };
  });
  const before = sizePod(specOf(w.containers.map((c) => ({ container: c.container, role: c.role ?? 'container', request: c.request }))));
  const after = sizePod(specOf(advice.map((a) => ({ container: a.container, role: a.role, request: a.recommended }))));
  const perPod = { cpuMillis: after.effective.cpuMillis - before.effective.cpuMillis, memoryBytes: after.effective.memoryBytes - before.effective.memoryBytes };
  return {
    ...base,
    kind: 'recommendation',
    containers: advice,
    changed: advice.some((a) => a.recommended.cpuMillis !== a.current.request.cpuMillis || a.recommended.memoryBytes !== a.current.request.memoryBytes),
    underRequested: advice.some((a) => a.underRequested.cpu || a.underRequested.memory),
    fargate: w.placement === 'fargate' ? fargateChange(w.billedSize ?? before.size, after.size, w.replicas, opts.prices) : null,
    ec2:
      w.placement === 'ec2'
        ? { perPod, total: { cpuMillis: perPod.cpuMillis * w.replicas, memoryBytes: perPod.memoryBytes * w.replicas }, note: EC2_NOTE }
        : null,
    risk: riskOf(w, advice, rule),
  };
}

/**
 * The recommendation for one workload from the buckets of the window (other series are ignored).
 * @throws RangeError naming the field, on a bad window, rule, workload or bucket
 */
export function recommendWorkload(w: WorkloadInput, buckets: readonly UsageBucket[], opts: RecommendOptions): Recommendation {
  const { rule, since, until } = resolve(opts);
  return recommendOne(w, indexBuckets(buckets, since, until), opts, rule);
}

const savingOf = (r: Recommendation) => (r.kind === 'recommendation' ? (r.fargate?.savingMonthlyUSD ?? 0) : 0);
const refText = (r: Recommendation) => `${r.workload.namespace}/${r.workload.kind}/${r.workload.name}/${r.placement}`;

/**
 * Recommendations for many workloads: Fargate savings first (largest first), then the rest, insufficient history
 * last, each group by namespace, kind and name.
 * @throws RangeError as recommendWorkload
 */
export function recommendAll(workloads: readonly WorkloadInput[], buckets: readonly UsageBucket[], opts: RecommendOptions): Recommendation[] {
  const { rule, since, until } = resolve(opts);
  const index = indexBuckets(buckets, since, until);
  const out = workloads.map((w) => recommendOne(w, index, opts, rule));
  return out.sort(
    (a, b) =>
      Number(a.kind === 'insufficient') - Number(b.kind === 'insufficient') ||
      savingOf(b) - savingOf(a) ||
      (refText(a) < refText(b) ? -1 : refText(a) > refText(b) ? 1 : 0),
  );
}

/** Current requests per container from the engine's sizing breakdown of one of the workload's pods. */
export function containersFromSizing(sizing: readonly ContainerSizing[]): ContainerResources[] {
  return sizing.map((c) => ({ container: c.name, role: c.role, request: { ...c.request }, limits: { ...c.limits } }));
}

/** A workload as the view sees it: its pods grouped, before the caller adds containers and OOM kills. */
export interface WorkloadGroup extends WorkloadRef {
  placement: 'fargate' | 'ec2';
  replicas: number;
  /** Sum of PodView.restarts: over the lives of the current pods, not only the window. */
  restarts: number;
  /** The billed size most of the pods have (Fargate), else null. */
  billedSize: FargateSize | null;
  /** Pod names, sorted: read the container sizing from the first. */
  pods: string[];
}

/**
 * PodView rows grouped by top-level workload (a bare pod is its own, kind "Pod") and placement; pending and
 * other pods are left out (nothing runs, nothing is billed).
 */
export function groupWorkloads(pods: readonly PodView[]): WorkloadGroup[] {
  const groups = new Map<string, { g: WorkloadGroup; sizes: Map<string, { size: FargateSize; n: number }> }>();
  for (const p of [...pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (p.placement !== 'fargate' && p.placement !== 'ec2') continue;
    const kind = p.workload?.kind ?? 'Pod';
    const name = p.workload?.name ?? p.name;
    const k = `${key(p.namespace, kind, name, '')}${p.placement}`;
    let e = groups.get(k);
    if (!e) {
      e = { g: { namespace: p.namespace, kind, name, placement: p.placement, replicas: 0, restarts: 0, billedSize: null, pods: [] }, sizes: new Map() };
      groups.set(k, e);
    }
    e.g.replicas++;
    e.g.restarts += p.restarts;
    e.g.pods.push(p.name);
    if (p.placement === 'fargate' && p.billedSize) {
      const sk = `${p.billedSize.vcpu}/${p.billedSize.memoryGiB}`;
      const s = e.sizes.get(sk);
      if (s) s.n++;
      else e.sizes.set(sk, { size: { ...p.billedSize }, n: 1 });
    }
  }
  const out = [...groups.values()].map(({ g, sizes }) => {
    let best: { size: FargateSize; n: number } | null = null;
    for (const s of sizes.values()) if (!best || s.n > best.n) best = s;
    return { ...g, billedSize: best ? best.size : null };
  });
  const text = (g: WorkloadGroup) => `${g.namespace}\u0000${g.kind}\u0000${g.name}\u0000${g.placement}`;
  return out.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
