/**
 * The delta outbox: which rows of each collection the next delta upserts or removes, whether totals,
 * findings and meta go with it, and the findings of every object (the cluster-wide list is built from
 * them). Also caches each collection in canonical order until one of its rows changes.
 */
import { COLLECTIONS, sortCollection } from '../delta';
import type { CollectionName, Finding } from '../model';
import { cmp, jsonEqual } from './util';

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function emptyOut(): Record<CollectionName, Set<string>> {
  return Object.fromEntries(COLLECTIONS.map((c) => [c, new Set<string>()])) as Record<CollectionName, Set<string>>;
}

export class Outbox {
  upsert: Record<CollectionName, Set<string>> = emptyOut();
  remove: Record<CollectionName, Set<string>> = emptyOut();
  totalsDirty = true;
  findingsDirty = true;
  metaDirty = true;
  private readonly findingsByObject = new Map<string, Finding[]>();
  private readonly sorted = new Map<CollectionName, unknown[]>();

  markUpsert(c: CollectionName, id: string): void {
    this.upsert[c].add(id);
    this.remove[c].delete(id);
    this.sorted.delete(c);
  }

  markRemoved(c: CollectionName, id: string): void {
    this.remove[c].add(id);
    this.upsert[c].delete(id);
    this.sorted.delete(c);
  }

  /** A collection's rows in canonical order, sorted again only after one of them changed. */
  sortedRows<T>(c: CollectionName, all: () => { id: string }[]): T[] {
    let rows = this.sorted.get(c);
    if (!rows) {
      rows = sortCollection(c, all());
      this.sorted.set(c, rows);
    }
    return rows as T[];
  }

  setFindings(key: string, findings: Finding[]): void {
    const old = this.findingsByObject.get(key);
    if (!old && findings.length === 0) return;
    if (old && jsonEqual(old, findings)) return;
    if (findings.length === 0) this.findingsByObject.delete(key);
    else this.findingsByObject.set(key, findings);
    // Info findings stay on their objects; only a change in the others changes the cluster-wide list.
    const listed = (l: Finding[] | undefined) => (l ?? []).filter((f) => f.severity !== 'info');
    if (!jsonEqual(listed(old), listed(findings))) this.findingsDirty = true;
  }

  /** Errors and warnings of every object, most severe first (info findings stay on their objects). */
  findingsNow(): Finding[] {
    const all: Finding[] = [];
    for (const list of this.findingsByObject.values()) for (const f of list) if (f.severity !== 'info') all.push(f);
    return all.sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        cmp(a.object ?? '', b.object ?? '') ||
        cmp(a.rule, b.rule) ||
        cmp(a.message, b.message),
    );
  }

  /** Rows the next delta carries, upserted or removed. */
  pendingRows(): number {
    return COLLECTIONS.reduce((n, c) => n + this.upsert[c].size + this.remove[c].size, 0);
  }

  hasChanges(): boolean {
    return this.totalsDirty || this.findingsDirty || this.metaDirty || COLLECTIONS.some((c) => this.upsert[c].size > 0 || this.remove[c].size > 0);
  }

  /** The delta went out (or was skipped): start collecting the next one. */
  sent(): void {
    this.upsert = emptyOut();
    this.remove = emptyOut();
    this.totalsDirty = false;
    this.findingsDirty = false;
    this.metaDirty = false;
  }
}

/** One collection's rows, by id and by the key of the object they come from; changes go to the outbox. */
export class RowTable<V extends { id: string }> {
  private readonly rows = new Map<string, V>();
  private readonly idByKey = new Map<string, string>();

  constructor(
    private readonly c: CollectionName,
    private readonly out: Outbox,
  ) {}

  /** Sets (or with null removes) the row of object `key`; unchanged rows are not re-sent. */
  set(key: string, view: V | null): void {
    const oldId = this.idByKey.get(key);
    if (oldId !== undefined && (!view || view.id !== oldId)) {
      this.rows.delete(oldId);
      this.idByKey.delete(key);
      this.out.setFindings(`${this.c}:${oldId}`, []);
      this.out.markRemoved(this.c, oldId);
    }
    if (!view) return;
    const prev = this.rows.get(view.id);
    this.idByKey.set(key, view.id);
    if (prev && jsonEqual(prev, view)) return;
    this.rows.set(view.id, view);
    this.out.setFindings(`${this.c}:${view.id}`, 'findings' in view ? (view.findings as Finding[]) : []);
    this.out.markUpsert(this.c, view.id);
  }

  get(id: string): V | undefined {
    return this.rows.get(id);
  }

  values(): V[] {
    return [...this.rows.values()];
  }
}
