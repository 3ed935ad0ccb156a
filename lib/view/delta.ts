/**
 * The order of every collection in a ClusterView, and applying a ViewDelta to a view — what the browser
 * does with the SSE stream, and what tests use to check that deltas rebuild the same view.
 */
import type { ClusterView, CollectionName, EventView, ViewDelta } from './model';
import { PLAIN_KINDS, type PlainCollectionName } from './kinds';
import { compareEvents } from './rows';

type Row = { id: string; name?: string; namespace?: string };

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceName(a: Row, b: Row): number {
  return cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name ?? '', b.name ?? '') || cmp(a.id, b.id);
}

function byName(a: Row, b: Row): number {
  return cmp(a.name ?? '', b.name ?? '') || cmp(a.id, b.id);
}

/** Pods and services by namespace then name; nodes, profiles, node groups, namespaces by name; events newest first. */
// Plain kinds: by namespace then name, or by name when cluster-scoped.
const PLAIN_ORDER = Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.api.namespaced ? byNamespaceName : byName])) as Record<PlainCollectionName, (a: Row, b: Row) => number>;

export const COLLECTION_ORDER: Record<CollectionName, (a: never, b: never) => number> = {
  pods: byNamespaceName,
  services: byNamespaceName,
  nodes: byName,
  profiles: byName,
  nodepools: byName,
  namespaces: byName,
  events: (a: EventView, b: EventView) => compareEvents(a, b),
  ...PLAIN_ORDER,
};

export const COLLECTIONS: CollectionName[] = ['pods', 'nodes', 'services', 'profiles', 'nodepools', 'namespaces', 'events', ...PLAIN_KINDS.map((k) => k.resource)];

/** Sorts a collection in place in its canonical order and returns it. */
export function sortCollection<T>(name: CollectionName, rows: T[]): T[] {
  return rows.sort(COLLECTION_ORDER[name] as (a: T, b: T) => number);
}

/**
 * The view after a delta: upserted rows replace rows with the same id (or are added), removed ids go, and
 * meta, totals and findings are replaced when the delta carries them. Returns a new view; the input is not
 * changed. Collections come back in canonical order.
 */
export function applyDelta(view: ClusterView, delta: ViewDelta): ClusterView {
  const next: ClusterView = { ...view };
  if (delta.meta) next.meta = delta.meta;
  if (delta.totals) next.totals = delta.totals;
  if (delta.findings) next.findings = delta.findings;
  for (const name of COLLECTIONS) {
    const upserts = (delta.upsert[name] ?? []) as Row[];
    const removes = delta.remove[name] ?? [];
    if (upserts.length === 0 && removes.length === 0) continue;
    const rows = new Map<string, Row>(((view[name] ?? []) as Row[]).map((r) => [r.id, r]));
    for (const id of removes) rows.delete(id);
    for (const r of upserts) rows.set(r.id, r);
    (next as unknown as Record<CollectionName, Row[]>)[name] = sortCollection(name, [...rows.values()]);
  }
  return next;
}
