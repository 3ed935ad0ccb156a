/**
 * Samples into buckets: every metrics-server sample of every container is added to the bucket of its workload,
 * container and time (5 minutes by default, aligned to the epoch), as sums, counts and maxima. Pure and
 * in-memory; the recorder (lib/server/usage-recorder.ts) drains closed buckets into the store.
 */
import type { OwnerRef } from '../view/model';
import type { PodUsage, UsageBucket } from './types';

export const BUCKET_SECONDS = 300;

/** The start of the bucket holding `ms`, in milliseconds since the epoch. */
export function bucketStartMs(ms: number, bucketSeconds = BUCKET_SECONDS): number {
  const len = bucketSeconds * 1000;
  return Math.floor(ms / len) * len;
}

const SEP = '\u0000';

/** Accumulates buckets; `drain` hands over those that closed. */
export class BucketAccumulator {
  private readonly open = new Map<string, UsageBucket>();
  /** The last sample time seen per pod: metrics-server answers the same sample until its next scrape. */
  private readonly lastSample = new Map<string, string>();

  constructor(private readonly bucketSeconds = BUCKET_SECONDS) {}

  /**
   * Adds one poll's pod samples. `workloadOf` names each pod's top-level workload (null: a bare pod, which is
   * its own). A sample already added (same pod, same timestamp) is skipped. Returns how many were added.
   */
  add(pods: readonly PodUsage[], workloadOf: (namespace: string, name: string) => OwnerRef | null): number {
    let added = 0;
    const seen = new Set<string>();
    for (const p of pods) {
      const podKey = `${p.namespace}/${p.name}`;
      seen.add(podKey);
      if (this.lastSample.get(podKey) === p.timestamp) continue;
      const t = Date.parse(p.timestamp);
      if (!Number.isFinite(t)) continue;
      this.lastSample.set(podKey, p.timestamp);
      const w = workloadOf(p.namespace, p.name) ?? { kind: 'Pod', name: p.name };
      const start = new Date(bucketStartMs(t, this.bucketSeconds)).toISOString();
      for (const [container, u] of Object.entries(p.containers)) {
        const key = [p.namespace, w.kind, w.name, container, start].join(SEP);
        const b = this.open.get(key);
        if (b) {
          b.samples++;
          b.cpuSumMilli += u.cpuMilli;
          b.memSumBytes += u.memoryBytes;
          if (u.cpuMilli > b.cpuMaxMilli) b.cpuMaxMilli = u.cpuMilli;
          if (u.memoryBytes > b.memMaxBytes) b.memMaxBytes = u.memoryBytes;
        } else {
          this.open.set(key, {
            namespace: p.namespace,
            workloadKind: w.kind,
            workloadName: w.name,
            container,
            start,
            samples: 1,
            cpuSumMilli: u.cpuMilli,
            cpuMaxMilli: u.cpuMilli,
            memSumBytes: u.memoryBytes,
            memMaxBytes: u.memoryBytes,
          });
        }
      }
      added++;
    }
    // Pods that are gone leave no memory behind.
    for (const k of this.lastSample.keys()) if (!seen.has(k)) this.lastSample.delete(k);
    return added;
  }

  /** Removes and returns the buckets that ended at or before `nowMs` (all of them with `all`). */
  drain(nowMs: number, all = false): UsageBucket[] {
    const out: UsageBucket[] = [];
    const len = this.bucketSeconds * 1000;
    for (const [k, b] of this.open) {
      if (all || Date.parse(b.start) + len <= nowMs) {
        out.push(b);
        this.open.delete(k);
      }
    }
    return out;
  }

  /** Buckets still open (for status and tests). */
  get size(): number {
    return this.open.size;
  }
}
