import 'server-only';
/**
 * Reads what pods and nodes use from metrics-server (metrics.k8s.io/v1beta1) on a schedule, through the same
 * Kubernetes gateway as the informers, and keeps the latest sample of each for the screens. metrics-server has
 * no watch, so this is a poll; its state is one source of the view (`metrics`) and degrades like the others:
 * not installed, not allowed, or failing (the last values are kept and called stale, with their age).
 */
import { parseNodeMetrics, parsePodMetrics } from '../usage/parse';
import type { NodeUsage, PodUsage, Usage, UsageSnapshot } from '../usage/types';
import type { SourceStatus } from '../view/model';
import { KubeApiError } from './kube-http';

export const INSTALL_HINT =
  'install it with `kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml` or the EKS add-on `metrics-server`';
export const RBAC_HINT = 'grant get, list on pods.metrics.k8s.io and nodes.metrics.k8s.io (the ClusterRole system:aggregated-metrics-reader has them)';

const PODS_PATH = '/apis/metrics.k8s.io/v1beta1/pods';
const NODES_PATH = '/apis/metrics.k8s.io/v1beta1/nodes';
/** After this many failures in a row the wait stops growing. */
const MAX_BACKOFF_MS = 5 * 60_000;

export interface UsagePollerOptions {
  /** GET a path of the API server as JSON; throws KubeApiError on an error status. */
  get(path: string): Promise<unknown>;
  intervalMs: number;
  now?: () => Date;
  status(s: Omit<SourceStatus, 'id'>): void;
  /** Receives every good poll's pod samples (the history recorder). */
  onSamples?(pods: readonly PodUsage[], nodes: readonly NodeUsage[]): void;
}

/** What a failed poll means for the user, in one sentence. */
export function describeMetricsError(e: unknown): { state: SourceStatus['state']; message: string } {
  const status = e instanceof KubeApiError ? e.status : 0;
  const text = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (status === 404) return { state: 'absent', message: `metrics-server is not installed (metrics.k8s.io is not served): ${INSTALL_HINT}` };
  if (status === 403) return { state: 'forbidden', message: `${text} — ${RBAC_HINT}` };
  if (status === 503) return { state: 'error', message: 'metrics-server is not answering (the metrics.k8s.io APIService is unavailable): check its pod and `kubectl get apiservice v1beta1.metrics.k8s.io`' };
  return { state: 'error', message: `metrics-server: ${text}${status ? ` (HTTP ${status})` : ''}` };
}

/** Polls metrics-server; see the file comment. */
export class UsagePoller {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private failures = 0;
  private latest: UsageSnapshot = { fetchedAt: null, pods: {}, nodes: {} };

  constructor(private readonly opts: UsagePollerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The latest samples; empty maps before the first good poll. */
  snapshot(): UsageSnapshot {
    return this.latest;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref();
  }

  /** One poll; exported for tests through `pollNow`. */
  async pollNow(): Promise<void> {
    const [podList, nodeList] = await Promise.all([this.opts.get(PODS_PATH), this.opts.get(NODES_PATH)]);
    const pods = parsePodMetrics(podList);
    const nodes = parseNodeMetrics(nodeList);
    const podMap: Record<string, Usage> = {};
    for (const p of pods.items) podMap[`${p.namespace}/${p.name}`] = { cpuMilli: p.cpuMilli, memoryBytes: p.memoryBytes };
    const nodeMap: Record<string, Usage> = {};
    for (const n of nodes.items) nodeMap[n.name] = { cpuMilli: n.cpuMilli, memoryBytes: n.memoryBytes };
    const at = this.now().toISOString();
    this.latest = { fetchedAt: at, pods: podMap, nodes: nodeMap };
    const skipped = pods.skipped + nodes.skipped;
    this.opts.status({ state: 'ok', message: skipped ? `${skipped} metrics items could not be read and were left out` : null, lastSyncAt: at });
    this.opts.onSamples?.(pods.items, nodes.items);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    try {
      await this.pollNow();
      this.failures = 0;
      this.schedule(this.opts.intervalMs);
    } catch (e) {
      if (this.stopped) return;
      this.failures++;
      const d = describeMetricsError(e);
      const had = this.latest.fetchedAt;
      // A failing server keeps its last values on screen, marked stale with their time.
      const state = d.state === 'error' && had ? 'stale' : d.state;
      this.opts.status({ state, message: had && state === 'stale' ? `${d.message}; showing the values of ${had}` : d.message, lastSyncAt: had });
      // Nothing to show from an absent or forbidden source: forget old values rather than show them as current.
      if (d.state !== 'error') this.latest = { fetchedAt: null, pods: {}, nodes: {} };
      this.schedule(Math.min(MAX_BACKOFF_MS, this.opts.intervalMs * 2 ** Math.min(this.failures, 4)));
    }
  }
}
