'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ContextList, EventView, NodeView, PodView } from '@/lib/view/model';
import { nodeAttacher, podAttacher } from '@/lib/ui/usage';
import { clusterPath, CONTEXTS_PATH, pagePath } from '@/lib/ui/api-paths';
import { columnForLetter, visibleColumns, type Column } from '@/lib/ui/columns';
import type { CommandTarget } from '@/lib/ui/commands';
import { parseFilterLenient } from '@/lib/ui/filter';
import { isTypingTarget, KEY_BINDINGS, resolveKey, unsupportedKey, type ActionId, type ResolvedKey, type UnsupportedTarget } from '@/lib/ui/keys';
import { queryRows } from '@/lib/ui/query';
import { DEFAULT_SORT, toggleSort } from '@/lib/ui/sort';
import { serializeViewState, type ViewState } from '@/lib/ui/url-state';
import { copyText, eventObjectLink, rowKey, rowNamespace, viewInfo, type AnyRow, type ViewId } from '@/lib/ui/views';
import { DetailPanel } from '../details/DetailPanel';
import { ProfileDialogHost } from '../profiles/DialogHost';
import type { CrossLink } from '../details/types';
import { ClusterHeader } from './ClusterHeader';
import { copyToClipboard } from './clipboard';
import { CommandBar } from './CommandBar';
import { DataTable, ROW_HEIGHT } from './DataTable';
import { EmptyList, emptySourceNote } from './EmptyList';
import { fetchJson } from '../common/request';
import { FilterInput } from './FilterInput';
import { HelpOverlay } from './HelpOverlay';
import { KeyActions } from './KeyActions';
import { KeyFooter } from './KeyFooter';
import { StreamProblemMessage } from './StreamProblemMessage';
import { StateMessage } from './StateMessage';
import { useLiveCluster } from './useLiveCluster';
import { useNow } from './useNow';
import { useThemeToggle } from './useTheme';
import { useTypedFilter } from './useTypedFilter';
import { useUsage } from './useUsage';
import { currentState, useViewState } from './useViewState';
import { ViewTabs } from './ViewTabs';

const EMPTY: readonly AnyRow[] = [];
const TOAST_MS = 2500;

/**
 * The cluster screens of one kube context: header, tabs, the live virtualized list or a drill-down,
 * the key footer, and the `:` and `?` overlays. All view state lives in the URL; live data comes from
 * useLiveCluster; every key press goes through the registry in lib/ui/keys.
 */
export function ClusterApp({ context }: { context: string }) {
  const router = useRouter();
  const { state, problems, update } = useViewState();
  const { snapshot, connection } = useLiveCluster(context);
  const view = snapshot?.view ?? null;
  const now = useNow(5000);
  const toggleTheme = useThemeToggle();
  const [overlay, setOverlay] = useState<'command' | 'help' | null>(null);
  const [toast, setToast] = useState<{ text: string; at: number } | null>(null);
  const [fallbackIndex, setFallbackIndex] = useState(0);
  const gridRef = useRef<HTMLDivElement | null>(null);
  const filterRef = useRef<HTMLInputElement | null>(null);
  // The address we pushed when opening a detail, so Esc can go Back instead of stacking entries.
  const openedAt = useRef<string | null>(null);

  const contexts = useQuery({ queryKey: ['contexts'], queryFn: ({ signal }) => fetchJson<ContextList>(CONTEXTS_PATH, signal), staleTime: 60_000 });

  // The filter as typed: the list follows it at once, the URL's q when typing pauses.
  const { q, setFilter, flush: flushFilter, reset: resetFilter } = useTypedFilter(state.q, update);

  const info = viewInfo(state.view);
  const filter = useMemo(() => parseFilterLenient(q), [q]);
  const columns = useMemo(() => visibleColumns(state.view, state.wide) as readonly Column<AnyRow>[], [state.view, state.wide]);
  const showsUsage = state.view === 'pods' || state.view === 'nodes';
  const usage = useUsage(context, showsUsage);
  // One attacher per collection, kept across renders: under one usage snapshot a row keeps its copy.
  const [attachers] = useState(() => ({ pods: podAttacher(), nodes: nodeAttacher() }));
  const viewRows = view ? (view[state.view] ?? EMPTY) : EMPTY;
  const allRows: readonly AnyRow[] = useMemo(() => {
    if (state.view === 'pods') return attachers.pods.attach(viewRows as PodView[], usage);
    if (state.view === 'nodes') return attachers.nodes.attach(viewRows as NodeView[], usage);
    return viewRows;
  }, [state.view, viewRows, usage, attachers]);
  const ns = info.namespaced ? state.ns : null;
  // The URL is re-parsed on every change (each j press changes `sel`), so the sort is keyed by its parts:
  // a new-but-equal object must not re-sort 10,000 rows.
  const sortColumn = state.sort?.column ?? null;
  const sortDesc = state.sort?.desc ?? false;
  const sort = useMemo(() => (sortColumn ? { column: sortColumn, desc: sortDesc } : null), [sortColumn, sortDesc]);
  const rows = useMemo(
    () => queryRows(state.view, allRows as never[], { ns, filter: filter.spec, sort }) as AnyRow[],
    [state.view, allRows, ns, filter.spec, sort],
  );
  const keyOf = useCallback((r: AnyRow) => rowKey(state.view, r), [state.view]);
  // Handlers read the rows through a ref so their identity does not change with every live update,
  // which would re-render every visible row.
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);

  // The selection is the URL's `sel`. A cursor move shows at once from local state and the address bar
  // catches up a frame or two later (the router applies history updates asynchronously).
  const [pendingSel, setPendingSel] = useState<string | null>(null);
  const pendingRef = useRef<string | null>(null);
  if (pendingSel !== null && state.sel === pendingSel) setPendingSel(null);
  // Before a navigation reads the URL: the typed filter goes into it, the pending cursor is dropped.
  const clearPending = useCallback(() => {
    pendingRef.current = null;
    setPendingSel(null);
    flushFilter();
    resetFilter();
  }, [flushFilter, resetFilter]);
  useEffect(() => {
    // Back/Forward: the address bar already holds another view; a typed filter is dropped, not written.
    const onPop = () => {
      resetFilter();
      clearPending();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [clearPending, resetFilter]);
  const sel = pendingSel ?? state.sel;
  // If the selected row is gone (deleted, filtered out), the cursor stays where it was, as in K9s.
  const urlIndex = useMemo(() => (sel !== null ? rows.findIndex((r) => keyOf(r) === sel) : -1), [rows, sel, keyOf]);
  const selectedIndex = urlIndex >= 0 ? urlIndex : rows.length ? Math.min(fallbackIndex, rows.length - 1) : -1;
  const selectedRow = selectedIndex >= 0 ? rows[selectedIndex] : null;

  const openRow = useMemo(() => {
    if (!state.open || state.sel === null) return null;
    return allRows.find((r) => keyOf(r) === state.sel) ?? null;
  }, [state.open, state.sel, allRows, keyOf]);
  const detailOpen = state.open !== null && state.sel !== null;

  const showToast = useCallback((text: string) => setToast({ text, at: Date.now() }), []);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);

  useEffect(() => {
    document.title = `${info.title}${ns ? ` · ${ns}` : ''} · ${context} — Farview`;
  }, [info.title, ns, context]);

  const focusGrid = useCallback(() => {
    requestAnimationFrame(() => gridRef.current?.focus({ preventScroll: true }));
  }, []);

  // Put keyboard focus on the list once it has rows, unless the user is already somewhere else.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows && !detailOpen && (document.activeElement === document.body || document.activeElement === null)) focusGrid();
  }, [hasRows, detailOpen, focusGrid]);

  const select = useCallback(
    (i: number) => {
      const r = rowsRef.current[i];
      if (!r) return;
      setFallbackIndex(i);
      const key = keyOf(r);
      pendingRef.current = key;
      setPendingSel(key);
      update((s) => ({ ...s, sel: key }), 'replace');
    },
    [keyOf, update],
  );

  const go = useCallback(
    (l: CrossLink) => {
      clearPending();
      openedAt.current = null;
      update((s) => ({ ...s, view: l.view, sel: l.sel, open: l.open === false ? null : 'detail', q: s.view === l.view ? s.q : '', sort: s.view === l.view ? s.sort : null }), 'push');
    },
    [update, clearPending],
  );

  const switchView = useCallback(
    (id: ViewId, extra: Partial<ViewState> = {}) => {
      clearPending();
      setFallbackIndex(0);
      update((s) => ({ ...s, view: id, q: '', sort: null, sel: null, open: null, ...extra }), 'push');
      focusGrid();
    },
    [update, focusGrid, clearPending],
  );

  const openDetail = useCallback(
    (i: number, panel: 'detail' | 'yaml' = 'detail') => {
      const r = rowsRef.current[i];
      if (!r) return;
      if (panel === 'detail' && state.view === 'namespaces') {
        switchView('pods', { ns: (r as { name: string }).name });
        return;
      }
      if (panel === 'detail' && state.view === 'events') {
        const target = eventObjectLink(r as EventView);
        if (target) go(target);
        else showToast(`Farview has no screen for ${(r as EventView).object.kind} objects: y shows the event`);
        return;
      }
      setFallbackIndex(i);
      const key = keyOf(r);
      clearPending();
      update((s) => ({ ...s, sel: key, open: panel }), 'push');
      openedAt.current = `${window.location.pathname}${window.location.search}`;
    },
    [state.view, keyOf, update, switchView, go, showToast, clearPending],
  );

  const yamlFromDetail = useRef(false);
  const closeDetail = useCallback(() => {
    const here = `${window.location.pathname}${window.location.search}`;
    if (openedAt.current === here) {
      openedAt.current = null;
      window.history.back();
    } else {
      update((s) => ({ ...s, open: null }), 'replace');
    }
    focusGrid();
  }, [update, focusGrid]);

  const copy = useCallback(
    async (text: string) => {
      const ok = await copyToClipboard(text);
      showToast(ok ? `copied ${text}` : 'copy failed: the browser refused clipboard access');
    },
    [showToast],
  );

  const sortBy = useCallback(
    (columnId: string) => {
      update((s) => ({ ...s, sort: toggleSort(s.view, s.sort, columnId) }), 'replace');
    },
    [update],
  );

  const runCommand = useCallback(
    (t: CommandTarget) => {
      setOverlay(null);
      if (t.kind === 'view') {
        const extra: Partial<ViewState> = {};
        if (t.ns !== undefined) extra.ns = t.ns;
        if (t.q !== undefined) extra.q = t.q;
        switchView(t.view, extra);
      } else if (t.kind === 'context') {
        const known = contexts.data?.contexts.map((c) => c.name);
        if (known && !known.includes(t.name)) {
          showToast(`no context "${t.name}" in the kubeconfig (known: ${known.join(', ') || 'none'})`);
          return;
        }
        // A full load: another cluster means a new stream and store from scratch.
        window.location.assign(clusterPath(t.name, serializeViewState({ ...state, q, sel: null, open: null, ns: null })));
      } else {
        router.push(pagePath(context, t.page));
      }
    },
    [switchView, contexts.data, showToast, router, state, q, context],
  );

  const act = useCallback(
    (r: ResolvedKey) => {
      const pageSize = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
      const last = rows.length - 1;
      // Relative moves start from the latest selection (pending, else the address bar), so fast key
      // repeats compose even before React has re-rendered.
      const cur = pendingRef.current ?? currentState().sel;
      const curIndex = cur === null ? -1 : cur === sel ? selectedIndex : rows.findIndex((r) => keyOf(r) === cur);
      const from = curIndex >= 0 ? curIndex : selectedIndex;
      const move = (i: number) => select(Math.max(0, Math.min(last, i)));
      switch (r.action) {
        case 'command':
          setOverlay('command');
          return;
        case 'help':
          setOverlay('help');
          return;
        case 'theme':
          showToast(`${toggleTheme()} theme`);
          return;
        case 'filter':
          filterRef.current?.focus();
          filterRef.current?.select();
          return;
        case 'down':
          return move(from + 1);
        case 'up':
          return move(from - 1);
        case 'pageDown':
          return move(from + pageSize);
        case 'pageUp':
          return move(from - pageSize);
        case 'top':
          return move(0);
        case 'bottom':
          return move(last);
        case 'open':
          if (selectedIndex >= 0) openDetail(selectedIndex);
          return;
        case 'back':
          // YAML reached from a detail goes back to that detail; otherwise back to the list.
          if (detailOpen && state.open === 'yaml' && yamlFromDetail.current) {
            yamlFromDetail.current = false;
            update((s) => ({ ...s, open: 'detail' }), 'replace');
          } else if (detailOpen) closeDetail();
          else if (q) setFilter('', true);
          return;
        case 'allNamespaces':
          if (state.ns === null) showToast('already showing all namespaces');
          else update((s) => ({ ...s, ns: null }), 'push');
          return;
        case 'wide':
          update((s) => ({ ...s, wide: !s.wide }), 'replace');
          return;
        case 'yaml':
          if (detailOpen) {
            yamlFromDetail.current = state.open !== 'yaml';
            update((s) => ({ ...s, open: s.open === 'yaml' ? 'detail' : 'yaml' }), 'replace');
          }
          else if (selectedIndex >= 0) openDetail(selectedIndex, 'yaml');
          return;
        case 'copy': {
          const row = detailOpen ? openRow : selectedRow;
          if (row) void copy(copyText(state.view, row));
          return;
        }
        case 'newProfile':
          if (state.view === 'profiles') router.push(`/c/${encodeURIComponent(context)}/profiles/new`);
          else showToast('n creates a Fargate profile from the profiles list (:fp)');
          return;
        case 'sort': {
          const col = r.letter ? columnForLetter(state.view, r.letter) : undefined;
          if (!col) {
            showToast(`no column sorts with Shift+${r.letter ?? '?'} on this screen`);
            return;
          }
          if (col.wide && !state.wide) update((s) => ({ ...s, wide: true }), 'replace');
          sortBy(col.id);
          return;
        }
      }
    },
    [rows, keyOf, sel, select, selectedIndex, showToast, toggleTheme, openDetail, detailOpen, closeDetail, state, q, setFilter, update, openRow, selectedRow, copy, sortBy, router, context],
  );

  // The mouse's way to the same actions: footer hints, Back, theme. Sorting needs a column: its header is the button.
  const runAction = useCallback(
    (action: ActionId) => {
      if (action === 'sort') {
        showToast('click a column header to sort by it (or Shift and the letter underlined in it)');
        return;
      }
      const binding = KEY_BINDINGS.find((b) => b.action === action && b.scope !== 'detail') ?? KEY_BINDINGS.find((b) => b.action === action);
      if (binding) act({ action, binding });
      // The keys go back to the list after a click, but not when the action gave the focus elsewhere.
      if (action !== 'command' && action !== 'help' && action !== 'filter') focusGrid();
    },
    [act, showToast, focusGrid],
  );

  // One window listener; it reads the latest handler through a ref so it is bound once.
  const actRef = useRef(act);
  useEffect(() => {
    actRef.current = act;
  }, [act]);
  const overlayRef = useRef(overlay);
  useEffect(() => {
    overlayRef.current = overlay;
  }, [overlay]);
  // The pod a K9s-only key would act on (the open or selected row of the pods screen), and the toast, for the listener.
  const podTarget: UnsupportedTarget | null = state.view === 'pods' ? (((detailOpen ? openRow : selectedRow) as PodView | null | undefined) ?? null) : null;
  const podTargetRef = useRef(podTarget);
  const showToastRef = useRef(showToast);
  useEffect(() => {
    podTargetRef.current = podTarget;
    showToastRef.current = showToast;
  }, [podTarget, showToast]);
  const scopeRef = useRef<'table' | 'detail'>('table');
  useEffect(() => {
    scopeRef.current = detailOpen ? 'detail' : 'table';
  }, [detailOpen]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || overlayRef.current) return;
      if (isTypingTarget(e.target as HTMLElement | null)) return;
      const r = resolveKey(e, scopeRef.current);
      if (!r) {
        // K9s keys Farview does not have say so, with the kubectl command that does it, instead of nothing.
        const said = unsupportedKey(e, podTargetRef.current);
        if (said) {
          e.preventDefault();
          showToastRef.current(said);
        }
        return;
      }
      e.preventDefault();
      actRef.current(r);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const closeOverlay = useCallback(() => {
    setOverlay(null);
    focusGrid();
  }, [focusGrid]);

  const namespaces = useMemo(() => (view ? view.namespaces.map((n) => n.name) : []), [view]);
  const contextNames = useMemo(() => contexts.data?.contexts.map((c) => c.name) ?? [], [contexts.data]);
  const hrefFor = useCallback(
    (id: ViewId) => clusterPath(context, serializeViewState({ ...state, view: id, q: '', sort: null, sel: null, open: null })),
    [context, state],
  );

  const selectTab = useCallback((id: ViewId) => switchView(id), [switchView]);

  const sortSpec = sort ?? DEFAULT_SORT[state.view];
  // "[shown]" or, while a filter narrows the list, "[shown/in this namespace]".
  const scopeTotal = useMemo(() => (ns === null ? allRows.length : allRows.reduce((n, r) => n + (rowNamespace(state.view, r) === ns ? 1 : 0), 0)), [allRows, ns, state.view]);
  const title = `${info.title}(${info.namespaced ? (ns ?? 'all') : 'cluster'})[${rows.length}${rows.length !== scopeTotal ? `/${scopeTotal}` : ''}]`;

  const newProfileButton = (
    <button type="button" className="rounded border border-accent px-1.5 font-mono text-[12px] text-accent hover:bg-[var(--row-hover)]" onClick={() => runAction('newProfile')}>
      New profile
    </button>
  );

  let body: React.ReactNode;
  if (!view) {
    body =
      connection.status === 'retrying' && connection.problem ? (
        <StreamProblemMessage context={context} problem={connection.problem} retryAt={connection.retryAt} contexts={contextNames} />
      ) : (
        <StateMessage title={`Connecting to ${context}…`} testId="loading">
          <p className="text-muted">Listing pods, nodes, services and events, and asking AWS for Fargate profiles and load balancers.</p>
        </StateMessage>
      );
  } else if (detailOpen && state.open && state.sel !== null) {
    body = <DetailPanel context={context} viewId={state.view} panel={state.open} selKey={state.sel} row={openRow} view={view} now={now} go={go} onCopy={(t) => void copy(t)} />;
  } else {
    body = (
      <DataTable
        label={`${info.title}${info.namespaced ? `, ${ns ? `namespace ${ns}` : 'all namespaces'}` : ''}`}
        idPrefix={`row-${state.view}`}
        columns={columns}
        rows={rows}
        rowKey={keyOf}
        selectedIndex={selectedIndex}
        sort={sortSpec}
        now={now}
        onSelect={select}
        onOpen={openDetail}
        onSort={sortBy}
        gridRef={gridRef}
        empty={
          <EmptyList noun={info.noun} total={allRows.length} ns={ns} q={q} sourceNote={emptySourceNote(state.view, view.meta.sources)} action={state.view === 'profiles' ? newProfileButton : undefined} />
        }
      />
    );
  }

  return (
    <KeyActions.Provider value={runAction}>
    <div className="flex h-screen flex-col overflow-hidden bg-bg text-fg">
      <ClusterHeader context={context} view={view} status={connection.status} retryAt={connection.retryAt} />
      <ViewTabs context={context} current={state.view} view={view} hrefFor={hrefFor} onSelect={selectTab} />
      <main className="flex min-h-0 flex-1 flex-col" aria-label={info.title}>
        {view && !detailOpen ? (
          <div className="flex h-[28px] shrink-0 items-center gap-3 overflow-hidden border-b border-border px-2 font-mono text-[12px] whitespace-nowrap">
            <h2 className="shrink-0 font-semibold" data-testid="list-title">
              {title}
            </h2>
            <FilterInput
              ref={filterRef}
              value={q}
              error={filter.error}
              onChange={setFilter}
              onDone={(clear) => {
                if (clear) setFilter('', true);
                else flushFilter();
                focusGrid();
              }}
              // Whatever the user does next (a click on a row, a key on the list) reads the URL: the filter goes in first.
              onBlur={flushFilter}
            />
            {state.wide ? <span className="text-muted">wide</span> : null}
            {state.view === 'profiles' ? newProfileButton : null}
            {problems.length ? (
              <span role="status" className="truncate text-warn" title={problems.join('\n')}>
                {problems[0]}
              </span>
            ) : null}
          </div>
        ) : null}
        {body}
      </main>
      <KeyFooter scope={detailOpen ? 'detail' : 'table'} view={state.view} />
      {toast ? (
        <div role="status" data-testid="toast" className="fixed right-3 bottom-8 z-50 max-w-[min(100ch,92vw)] rounded border border-border bg-panel px-2 py-1 font-mono text-[12px] shadow">
          {toast.text}
        </div>
      ) : null}
      {overlay === 'command' ? <CommandBar namespaces={namespaces} contexts={contextNames} onRun={runCommand} onClose={closeOverlay} /> : null}
      {overlay === 'help' ? <HelpOverlay onClose={closeOverlay} /> : null}
      <ProfileDialogHost view={view} />
    </div>
    </KeyActions.Provider>
  );
}
