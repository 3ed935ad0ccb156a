/**
 * Sorting of list rows: decorate once, sort indices, undecorate, so a 10,000-row sort computes each
 * key once. Ties fall back to a per-screen secondary key so the order never flickers between updates.
 */
import { PLAIN_KINDS, type PlainCollectionName } from '../view/kinds';
import type { EventView } from '../view/model';
import { columnById, type Column } from './columns';
import { rowKey, type AnyRow, type RowTypes, type ViewId } from './views';

export interface SortSpec {
  /** Column id. */
  column: string;
  desc: boolean;
}

/** The order a screen uses when the URL names none: events show warnings first, the rest by name. */
export const DEFAULT_SORT: { [V in ViewId]: SortSpec } = {
  pods: { column: 'namespace', desc: false },
  nodes: { column: 'name', desc: false },
  services: { column: 'namespace', desc: false },
  profiles: { column: 'name', desc: false },
  nodepools: { column: 'name', desc: false },
  namespaces: { column: 'name', desc: false },
  events: { column: 'type', desc: false },
  ...(Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.plain.screen.defaultSort])) as Record<PlainCollectionName, SortSpec>),
};

type Key = number | string;

function secondaryKey(view: ViewId): (row: AnyRow) => Key {
  if (view === 'events') {
    // Within a type, the newest event first.
    return (row) => {
      const t = Date.parse((row as EventView).lastSeen ?? '');
      return Number.isNaN(t) ? 0 : -t;
    };
  }
  return (row) => rowKey(view, row);
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // numbers before text, e.g. real values before "—"
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// Sort keys per column id, per row object: a live update re-sorts 10,000 rows but computes keys only for
// the rows that changed (rows are replaced, never mutated, so a cached key never goes stale).
const keyCaches = new Map<string, WeakMap<object, Key>>();

/** The sort key a column gives a row: its sort accessor, or its lower-cased text. */
export function sortKeyOf<T>(column: Column<T>, row: T): Key {
  let cache = keyCaches.get(column.id);
  if (!cache) {
    cache = new WeakMap();
    keyCaches.set(column.id, cache);
  }
  const hit = cache.get(row as object);
  if (hit !== undefined) return hit;
  const key = column.sort ? column.sort(row) : column.text(row, 0).toLowerCase();
  cache.set(row as object, key);
  return key;
}

/**
 * Rows of a screen in the order `spec` asks for (the screen's default when null or unknown). Returns a
 * new array; the input is not touched.
 */
export function sortRows<V extends ViewId>(view: V, rows: readonly RowTypes[V][], spec: SortSpec | null): RowTypes[V][] {
  const effective = spec && columnById(view, spec.column) ? spec : DEFAULT_SORT[view];
  const column = columnById(view, effective.column);
  if (!column) return rows.slice();
  const sign = effective.desc ? -1 : 1;
  const primary = rows.map((r) => sortKeyOf(column, r));
  const second = secondaryKey(view);
  const secondary = rows.map((r) => second(r));
  const idx = rows.map((_, i) => i);
  idx.sort((a, b) => sign * compareKeys(primary[a], primary[b]) || compareKeys(secondary[a], secondary[b]) || a - b);
  return idx.map((i) => rows[i]);
}

/** The sort after clicking a header or pressing its letter: same column flips direction, a new one starts ascending. */
export function toggleSort(view: ViewId, current: SortSpec | null, column: string): SortSpec {
  const effective = current ?? DEFAULT_SORT[view];
  if (effective.column === column) return { column, desc: !effective.desc };
  return { column, desc: false };
}
