/**
 * Usage as metrics-server reports it (metrics.k8s.io/v1beta1), turned into plain numbers, and the history kept
 * of it. Pure shapes: the poller (lib/server) fills them, the store keeps them, the screens and right-sizing
 * read them. CPU in millicores (fractional: metrics-server reports nanocores), memory in bytes.
 */

import type { SourceStatus } from '../view/model';
import type { Recommendation } from './recommend';

export interface Usage {
  cpuMilli: number;
  memoryBytes: number;
}

/** One pod's sample: the sum over its containers, and each container. */
export interface PodUsage extends Usage {
  namespace: string;
  name: string;
  /** The end of the window metrics-server averaged over (its `timestamp`), ISO 8601. */
  timestamp: string;
  windowSeconds: number;
  containers: Record<string, Usage>;
}

export interface NodeUsage extends Usage {
  name: string;
  timestamp: string;
  windowSeconds: number;
}

/** What the browser gets: the latest sample per pod ("namespace/name") and node, and when it was read. */
export interface UsageSnapshot {
  /** When the poll that produced these values finished (server clock); null before the first good poll. */
  fetchedAt: string | null;
  pods: Record<string, Usage>;
  nodes: Record<string, Usage>;
}

/** Whose history a sample joins: the top-level workload (a bare pod is its own), and one container of it. */
export interface SeriesKey {
  namespace: string;
  /** Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, Pod… */
  workloadKind: string;
  workloadName: string;
  container: string;
}

/**
 * One bucket of a series: every sample of every pod of the workload whose timestamp falls in
 * [start, start + bucket length). Sums and counts rather than means, so that buckets merge exactly.
 */
export interface UsageBucket extends SeriesKey {
  /** Start of the bucket, ISO 8601, aligned to the bucket length since the epoch. */
  start: string;
  samples: number;
  cpuSumMilli: number;
  cpuMaxMilli: number;
  memSumBytes: number;
  memMaxBytes: number;
}

/** What GET /api/c/[context]/usage answers: the metrics source's state and its latest samples. */
export interface UsageResponse {
  status: SourceStatus | null;
  snapshot: UsageSnapshot;
}

/** How the history behind right-sizing is kept (null fields when the server keeps none). */
export interface HistoryState {
  written: number;
  pending: number;
  dropped: number;
  problem: string | null;
  /** The newest sample time seen, ISO 8601. */
  latestSample: string | null;
}

/** What GET /api/c/[context]/rightsizing answers. */
export interface RightsizingResponse {
  window: { since: string; until: string; days: number };
  /** The rule in one sentence, shown beside the table. */
  rule: string;
  history: HistoryState | null;
  recommendations: Recommendation[];
  /** A shared report keeps the first of each kind: how many it left out. */
  omitted?: number;
}
