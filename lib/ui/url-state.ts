/**
 * The URL is the view state: `?view=pods&ns=test3-mixed&q=fargate&sort=-age&sel=test3-mixed/nginx-…&wide=1&open=detail`.
 * Parsing never throws: a bad value is reported in `problems` and replaced by its default, and keys
 * this codec does not own are carried through untouched so other screens' parameters survive.
 */
import { columnById } from './columns';
import type { SortSpec } from './sort';
import { isViewId, type ViewId } from './views';

export type OpenPanel = 'detail' | 'yaml';

export interface ViewState {
  view: ViewId;
  /** Namespace narrowing; null = all namespaces. */
  ns: string | null;
  /** The `/` filter as typed. */
  q: string;
  /** null = the screen's default order. */
  sort: SortSpec | null;
  /** Selected row key (see rowKey). */
  sel: string | null;
  wide: boolean;
  /** The drill-down panel open on the selected row. */
  open: OpenPanel | null;
}

export const DEFAULT_STATE: ViewState = { view: 'pods', ns: null, q: '', sort: null, sel: null, wide: false, open: null };

/** The query keys this codec owns, in the order it writes them. */
export const STATE_KEYS = ['view', 'ns', 'q', 'sort', 'sel', 'wide', 'open'] as const;

interface ParamsLike {
  get(name: string): string | null;
}

/** Read the view state from a query string; bad values become defaults and are described in `problems`. */
export function parseViewState(params: ParamsLike): { state: ViewState; problems: string[] } {
  const problems: string[] = [];
  const state: ViewState = { ...DEFAULT_STATE };

  const view = params.get('view');
  if (view !== null && view !== '') {
    if (isViewId(view)) state.view = view;
    // Addresses saved before node groups became node pools.
    else if (view === 'nodegroups') state.view = 'nodepools';
    else problems.push(`unknown view "${view}" in the address: showing pods (views: pods, nodes, services, profiles, nodepools, namespaces, events)`);
  }

  const ns = params.get('ns');
  if (ns) state.ns = ns;

  state.q = params.get('q') ?? '';

  const sort = params.get('sort');
  if (sort) {
    const desc = sort.startsWith('-');
    const column = desc ? sort.slice(1) : sort;
    if (columnById(state.view, column)) state.sort = { column, desc };
    else problems.push(`the ${state.view} screen has no column "${column}" to sort by: using its default order`);
  }

  const sel = params.get('sel');
  if (sel) state.sel = sel;

  const wide = params.get('wide');
  if (wide !== null) {
    if (wide === '1' || wide === 'true') state.wide = true;
    else if (wide !== '0' && wide !== 'false' && wide !== '') problems.push(`wide=${wide} is not 1 or 0: showing the normal columns`);
  }

  const open = params.get('open');
  if (open) {
    if (open === 'detail' || open === 'yaml') {
      if (state.sel) state.open = open;
      else problems.push(`open=${open} needs a selected object (sel=…): showing the list`);
    } else problems.push(`open=${open} is not "detail" or "yaml": showing the list`);
  }

  return { state, problems };
}

/**
 * The query string (without "?") for `state`, keeping every parameter of `base` this codec does not own.
 * Defaults are left out so links stay short.
 */
export function serializeViewState(state: ViewState, base?: Iterable<[string, string]>): string {
  const out = new URLSearchParams();
  out.set('view', state.view);
  if (state.ns) out.set('ns', state.ns);
  if (state.q) out.set('q', state.q);
  if (state.sort) out.set('sort', `${state.sort.desc ? '-' : ''}${state.sort.column}`);
  if (state.sel) out.set('sel', state.sel);
  if (state.wide) out.set('wide', '1');
  if (state.open && state.sel) out.set('open', state.open);
  if (base) {
    const owned = new Set<string>(STATE_KEYS);
    for (const [k, v] of base) if (!owned.has(k)) out.append(k, v);
  }
  return out.toString();
}

/** Whether moving from `a` to `b` is a navigation (a new history entry) or a refinement (replace). */
export function isNavigation(a: ViewState, b: ViewState): boolean {
  return a.view !== b.view || a.ns !== b.ns || a.open !== b.open;
}
