/**
 * From a collection to the rows a screen shows: namespace narrowing, the `/` filter, then the sort.
 * Each step is O(n) (the sort O(n log n)); the lower-cased search text of a row is computed once per row
 * object and cached, so typing in the filter stays fast at 10,000 pods.
 */
import { COLUMNS, type Column } from './columns';
import { compileFilter, type FilterSpec } from './filter';
import { sortRows, type SortSpec } from './sort';
import { rowLabels, rowNamespace, type AnyRow, type RowTypes, type ViewId } from './views';

// Rows are replaced (never mutated) when they change, so a WeakMap keyed by the row is a safe cache.
const textCache = new WeakMap<object, string>();

/** Everything the text filter searches in a row: every column's text (not ages) and its labels, lower-cased. */
export function searchText(view: ViewId, row: AnyRow): string {
  const hit = textCache.get(row);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  for (const c of COLUMNS[view] as readonly Column<AnyRow>[]) {
    if (!c.noSearch) parts.push(c.title ? c.title(row) : c.text(row, 0));
  }
  const labels = rowLabels(view, row);
  if (labels) for (const [k, v] of Object.entries(labels)) parts.push(`${k}=${v}`);
  const text = parts.join('\u0000').toLowerCase();
  textCache.set(row, text);
  return text;
}

export interface RowQuery {
  /** Namespace to narrow to; null for all. Ignored by cluster-scoped screens. */
  ns: string | null;
  filter: FilterSpec;
  sort: SortSpec | null;
}

/** The rows of a screen after namespace, filter and sort. Always a new array. */
export function queryRows<V extends ViewId>(view: V, rows: readonly RowTypes[V][], q: RowQuery): RowTypes[V][] {
  const pred = compileFilter<AnyRow>(q.filter, {
    text: (r) => searchText(view, r),
    labels: (r) => rowLabels(view, r),
  });
  const ns = q.ns;
  const kept: RowTypes[V][] = [];
  for (const r of rows) {
    if (ns !== null) {
      const rowNs = rowNamespace(view, r);
      if (rowNs !== null && rowNs !== ns) continue;
    }
    if (pred(r)) kept.push(r);
  }
  return sortRows(view, kept, q.sort);
}
