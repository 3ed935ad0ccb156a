/**
 * What a column spec is, and the small accessors several screens share. Kept apart from columns.ts so that a
 * kind's descriptor (lib/view/kinds) can declare its columns without importing every screen's.
 */
import { formatAge } from './format';

/** How a cell is drawn; the text is the same for all of them. */
/** `name`: a generated name whose end tells it apart ("…-75fcf896d5-2qxz9"); cut in the middle, not at the end. */
export type CellKind = 'text' | 'name' | 'place' | 'status' | 'findings' | 'endpoint' | 'targets' | 'eventType' | 'money';

/**
 * The part of a name kept whole when its cell is too narrow: the last dash segment when it is short (a pod's
 * random suffix, a node address's last octets), else the last six characters. Empty for short names.
 */
export function nameTail(text: string): string {
  if (text.length <= 12) return '';
  const dash = text.lastIndexOf('-');
  const seg = text.length - dash;
  return dash > 0 && seg >= 3 && seg <= 8 ? text.slice(dash) : text.slice(-6);
}

export interface Column<T> {
  id: string;
  header: string;
  /** Width in `ch` (monospace characters); with `grow`, the minimum width. */
  width: number;
  /** Share of the spare width this column takes (flex-grow). */
  grow?: number;
  align?: 'right';
  /** Shown only in wide mode (`w`). */
  wide?: boolean;
  /** Upper-case letter: Shift+letter sorts by this column. */
  sortLetter?: string;
  kind?: CellKind;
  /** Excluded from the text filter (e.g. ages, which change every second). */
  noSearch?: boolean;
  /** Display text; also the cell's title. `now` is the clock the ages are computed against. */
  text: (row: T, now: number) => string;
  /** Full text for the tooltip and the filter when the display text is shortened. */
  title?: (row: T) => string;
  /** Sort value; defaults to the text. Numbers sort numerically. */
  sort?: (row: T) => number | string;
}

/** Milliseconds of an ISO time, 0 when absent or unreadable. */
export function time(iso: string | null): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** The text, or an em dash when there is none. */
export function dash(s: string | null | undefined): string {
  return s === null || s === undefined || s === '' ? '—' : s;
}

/** "{k=v,k2=v2}", or '' without labels. */
export function labelsText(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** An AGE column's accessors. */
export const age = <T,>(get: (r: T) => string | null): Pick<Column<T>, 'text' | 'sort' | 'noSearch' | 'align'> => ({
  text: (r, now) => formatAge(get(r), now),
  // Newest first reads most naturally ascending, as in K9s: sort by creation time descending = youngest.
  sort: (r) => -time(get(r)),
  noSearch: true,
  align: 'right',
});
