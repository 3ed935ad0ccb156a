'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseViewState, serializeViewState, type ViewState } from '@/lib/ui/url-state';

export type NavMode = 'push' | 'replace';

/** Reads the view state from the address bar right now (not from the last render), for event handlers. */
export function currentState(): ViewState {
  return parseViewState(new URLSearchParams(window.location.search)).state;
}

/**
 * The view state of the cluster screens, held in the URL. Updates go through the History API, which
 * Next.js folds into its router (useSearchParams re-renders) without a server round trip: `push` for
 * navigation (screen, namespace, drill-down) so Back/Forward work, `replace` for refinements (filter
 * typing, selection, sort) so history is not flooded.
 */
export function useViewState() {
  const params = useSearchParams();
  const { state, problems } = useMemo(() => parseViewState(params), [params]);

  /** Apply `change` to the state in the address bar (fresh, so fast key repeats compose) and write it back. */
  const update = useCallback((change: (s: ViewState) => ViewState, mode: NavMode) => {
    const next = change(currentState());
    const qs = serializeViewState(next, new URLSearchParams(window.location.search));
    const url = `${window.location.pathname}?${qs}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return { state, problems, update };
}
