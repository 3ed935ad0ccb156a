'use client';

import { startTransition, useCallback, useEffect, useState } from 'react';
import { DeferredWrite } from '@/lib/ui/deferred-write';
import type { ViewState } from '@/lib/ui/url-state';
import type { NavMode } from './useViewState';

/** How long the filter rests before the address bar follows it. */
export const FILTER_URL_DELAY_MS = 300;

/**
 * The `/` filter as typed, ahead of the URL's `q`. Each keystroke re-renders the list at once, at the
 * input event's own priority; the URL is written when typing pauses, on Enter and Esc, when the field
 * loses focus, and before a navigation reads it. Written on every keystroke, the URL put a replaceState
 * (Next.js copies its router tree into the history entry) and a router transition that re-renders the
 * whole tree in front of every keystroke's result. `update` must be stable (useViewState's is).
 */
export function useTypedFilter(urlQ: string, update: (change: (s: ViewState) => ViewState, mode: NavMode) => void) {
  const [typed, setTyped] = useState<string | null>(null);
  // The URL has caught up: it is the truth again.
  if (typed !== null && urlQ === typed) setTyped(null);
  const [writer] = useState(() => new DeferredWrite<string>((q) => update((s) => ({ ...s, q }), 'replace'), FILTER_URL_DELAY_MS));
  // Never write into another page's address after leaving this one.
  useEffect(() => () => writer.cancel(), [writer]);

  /** The user typed `q`; `now` writes the URL at once (Esc clearing the filter). */
  const setFilter = useCallback(
    (q: string, now = false) => {
      setTyped(q);
      writer.set(q);
      if (now) writer.flush();
    },
    [writer],
  );

  /** Writes a waiting filter to the URL now: Enter, leaving the field, and before a navigation reads the URL. */
  const flush = useCallback(() => writer.flush(), [writer]);

  /**
   * Drops the typed text without writing it: the URL changed under it (Back, Forward) or a navigation
   * sets its own filter. A transition, so it lands with the router's own update of the URL and the list
   * never shows the old filter for a frame.
   */
  const reset = useCallback(() => {
    writer.cancel();
    startTransition(() => setTyped(null));
  }, [writer]);

  return { q: typed ?? urlQ, setFilter, flush, reset };
}
