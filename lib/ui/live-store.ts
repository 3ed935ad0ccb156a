/**
 * The browser's copy of a ClusterView, kept as one Map per collection so a delta costs O(changes), not
 * O(cluster). Reading produces an immutable ClusterView whose arrays are rebuilt only for collections
 * that changed since the last read; untouched collections keep their identity, so memoized filters and
 * sorts downstream do no work. Pure: no timers, no I/O — the caller decides when to publish.
 */
import { PLAIN_COLLECTIONS } from '../view/kinds';
import type { ClusterMeta, ClusterView, CollectionName, Finding, Totals, ViewDelta } from '../view/model';

export const COLLECTIONS: readonly CollectionName[] = ['pods', 'nodes', 'services', 'profiles', 'nodepools', 'namespaces', 'events', ...PLAIN_COLLECTIONS];

type Item = NonNullable<ClusterView[CollectionName]>[number];

export type DeltaOutcome = 'applied' | 'duplicate' | 'no-snapshot';

export interface LiveSnapshot {
  /** The sequence number of the last snapshot or delta applied. */
  seq: number;
  view: ClusterView;
}

export class LiveViewStore {
  private maps = new Map<CollectionName, Map<string, Item>>();
  private arrays = new Map<CollectionName, Item[]>();
  private dirty = new Set<CollectionName>();
  private meta: ClusterMeta | null = null;
  private totals: Totals | null = null;
  private findings: Finding[] = [];
  private seq = -1;
  private headerDirty = false;
  private current: LiveSnapshot | null = null;

  /** Sequence number of the last applied message; -1 before the first snapshot. */
  get lastSeq(): number {
    return this.seq;
  }

  /** True once a snapshot has been applied. */
  get ready(): boolean {
    return this.meta !== null;
  }

  /** Replace everything with a full view. */
  applySnapshot(seq: number, view: ClusterView): void {
    this.maps.clear();
    this.arrays.clear();
    for (const name of COLLECTIONS) {
      const m = new Map<string, Item>();
      for (const item of view[name] ?? []) m.set(item.id, item);
      this.maps.set(name, m);
      this.dirty.add(name);
    }
    this.meta = view.meta;
    this.totals = view.totals;
    this.findings = view.findings ?? [];
    this.seq = seq;
    this.headerDirty = true;
  }

  /**
   * Apply one delta: upserts replace by id (an existing row keeps its position), removals drop ids.
   * Deltas at or below the last sequence number were already applied and are ignored.
   */
  applyDelta(delta: ViewDelta): DeltaOutcome {
    if (!this.meta) return 'no-snapshot';
    if (delta.seq <= this.seq) return 'duplicate';
    for (const name of COLLECTIONS) {
      const up = delta.upsert?.[name];
      const rm = delta.remove?.[name];
      if (!up?.length && !rm?.length) continue;
      const m = this.maps.get(name) ?? new Map<string, Item>();
      this.maps.set(name, m);
      if (rm) for (const id of rm) m.delete(id);
      if (up) for (const item of up) m.set(item.id, item);
      this.dirty.add(name);
    }
    if (delta.meta) {
      this.meta = delta.meta;
      this.headerDirty = true;
    }
    if (delta.totals) {
      this.totals = delta.totals;
      this.headerDirty = true;
    }
    if (delta.findings) {
      this.findings = delta.findings;
      this.headerDirty = true;
    }
    this.seq = delta.seq;
    return 'applied';
  }

  /** True when something changed since the last snapshot() call. */
  get changed(): boolean {
    return this.headerDirty || this.dirty.size > 0;
  }

  /**
   * The current view. The same object is returned until something changes; after a change, only the
   * collections that changed get new arrays.
   */
  snapshot(): LiveSnapshot | null {
    if (!this.meta || !this.totals) return null;
    if (this.current && !this.changed) return this.current;
    for (const name of this.dirty) this.arrays.set(name, Array.from(this.maps.get(name)?.values() ?? []));
    this.dirty.clear();
    this.headerDirty = false;
    const arr = <N extends CollectionName>(n: N) => (this.arrays.get(n) ?? []) as ClusterView[N];
    this.current = {
      seq: this.seq,
      view: {
        meta: this.meta,
        totals: this.totals,
        findings: this.findings,
        pods: arr('pods'),
        nodes: arr('nodes'),
        services: arr('services'),
        profiles: arr('profiles'),
        nodepools: arr('nodepools'),
        namespaces: arr('namespaces'),
        events: arr('events'),
        ...Object.fromEntries(PLAIN_COLLECTIONS.map((n) => [n, arr(n)])),
      },
    };
    return this.current;
  }
}
