/**
 * Usage in the lists, as `kubectl top` and K9s show it. The samples come from the usage endpoint on their own
 * schedule and are attached to the live rows here, in the browser: a poll then costs one pass over the
 * collection, and rows that did not change keep their identity, so the filter's text cache and the virtual
 * rows stay valid between polls.
 */
import type { NodeView, PodView } from '../view/model';
import type { Usage, UsageSnapshot } from '../usage/types';

const MI = 1024 * 1024;

/** CPU as `kubectl top` prints it: whole millicores, rounded up ("3m"). */
export function formatCpuUsage(milli: number): string {
  return `${Math.ceil(milli)}m`;
}

/** Memory as `kubectl top` prints it: whole MiB, rounded down ("12Mi"). */
export function formatMemUsage(bytes: number): string {
  return `${Math.floor(bytes / MI)}Mi`;
}

/**
 * used / of as a whole percentage, truncated, as K9s's %CPU/R and kubectl top nodes' CPU% compute it (both
 * floor the ratio); null when there is nothing to divide by.
 */
export function percentOf(used: number | undefined, of: number | null | undefined): number | null {
  if (used === undefined || of === null || of === undefined || of <= 0) return null;
  return Math.floor((used / of) * 100);
}

/** CPU percentages start from whole millicores rounded up, the MilliValue() both tools divide. */
export function cpuPercentOf(usedMilli: number | undefined, ofMilli: number | null | undefined): number | null {
  return percentOf(usedMilli === undefined ? undefined : Math.ceil(usedMilli), ofMilli);
}

/** The four percentage columns of the pods list, by id. */
export type PodPercent = 'cpuR' | 'cpuL' | 'memR' | 'memL';

/** A pod's usage as a percentage of its request or limit; null without a sample or without that request/limit. */
export function podPercent(p: PodView, which: PodPercent): number | null {
  const u = p.usage;
  if (!u) return null;
  switch (which) {
    case 'cpuR':
      return cpuPercentOf(u.cpuMilli, p.request.cpuMillis);
    case 'cpuL':
      return cpuPercentOf(u.cpuMilli, p.limits.cpuMillis);
    case 'memR':
      return percentOf(u.memoryBytes, p.request.memoryBytes);
    case 'memL':
      return percentOf(u.memoryBytes, p.limits.memoryBytes);
  }
}

/** The key a sample is filed under: pods by "namespace/name", nodes by name. */
export const podUsageKey = (p: Pick<PodView, 'namespace' | 'name'>) => `${p.namespace}/${p.name}`;


/**
 * Attaches samples to rows. The cache is per snapshot: under one snapshot a row keeps the copy it got, so a
 * live update elsewhere in the list costs one map lookup per row and no new objects.
 */
export class UsageAttacher<R extends { usage?: Usage | null }> {
  private snapshot: UsageSnapshot | null = null;
  private cache = new WeakMap<R, R>();

  constructor(
    private readonly table: (s: UsageSnapshot) => Record<string, Usage>,
    private readonly keyOf: (row: R) => string,
  ) {}

  attach(rows: readonly R[], snapshot: UsageSnapshot | null): readonly R[] {
    if (snapshot !== this.snapshot) {
      this.snapshot = snapshot;
      this.cache = new WeakMap();
    }
    if (!snapshot) return rows;
    const table = this.table(snapshot);
    let changed = false;
    const out = rows.map((row) => {
      let next = this.cache.get(row);
      if (!next) {
        // The rows come from the view, which never carries usage: only a row with a sample is copied.
        const u = table[this.keyOf(row)];
        next = u ? { ...row, usage: u } : row;
        this.cache.set(row, next);
      }
      if (next !== row) changed = true;
      return next;
    });
    return changed ? out : rows;
  }
}

/** One attacher per collection that shows usage. */
export function podAttacher(): UsageAttacher<PodView> {
  return new UsageAttacher<PodView>((s) => s.pods, podUsageKey);
}
export function nodeAttacher(): UsageAttacher<NodeView> {
  return new UsageAttacher<NodeView>((s) => s.nodes, (n) => n.name);
}
