'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiError, ClusterView } from '@/lib/view/model';
import { eventsPath, viewPath } from '@/lib/ui/api-paths';
import { LiveViewStore, type LiveSnapshot } from '@/lib/ui/live-store';
import { decodeDelta, decodeSnapshot, decodeViewBody } from '@/lib/ui/sse-messages';

/** How long updates are gathered before React sees them: rows repaint at most ~7 times a second. */
const BATCH_MS = 150;
/** Reconnect delays after the stream drops, in ms; the last one repeats. */
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];

export type ConnectionStatus = 'connecting' | 'live' | 'retrying';

export interface StreamProblem {
  /** HTTP status of the failing request; 0 when the server could not be reached at all. */
  status: number;
  error: string;
  detail?: string;
  source?: ApiError['source'];
}

export interface Connection {
  status: ConnectionStatus;
  /** When the next reconnect attempt happens (ms since epoch), while retrying. */
  retryAt: number | null;
  /** Why the stream is down, as the server explains it (from GET /view), or a decoding problem. */
  problem: StreamProblem | null;
}

/** A store plus a publisher that hands React one new snapshot per batch window. */
class BatchedStore {
  readonly store = new LiveViewStore();
  private published: LiveSnapshot | null = null;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  get = () => this.published;

  /** Publish soon (batched), or now for the first snapshot so the screen fills without delay. */
  schedule(immediate: boolean) {
    if (immediate) {
      this.flush();
      return;
    }
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const next = this.store.snapshot();
    if (next === this.published) return;
    this.published = next;
    for (const fn of this.listeners) fn();
  }

  /** Cancel a pending publish (listeners stay: React unsubscribes them itself). */
  cancel() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * GET /view: the whole view (the server keeps it gzipped, and the page preloads it while the scripts load), or
 * what is wrong, as the server explains it.
 */
async function fetchView(context: string): Promise<{ ok: true; seq: number; view: ClusterView } | { ok: false; problem: StreamProblem }> {
  try {
    const res = await fetch(viewPath(context));
    if (res.ok) {
      const msg = decodeViewBody(await res.text(), res.headers.get('x-farview-seq'));
      if (msg.ok) return { ok: true, ...msg.value };
      return { ok: false, problem: { status: 200, error: 'the server sent a view that cannot be read', detail: msg.error } };
    }
    const err = ((await res.json().catch(() => null)) ?? {}) as Partial<ApiError>;
    return {
      ok: false,
      problem: {
        status: res.status,
        error: typeof err.error === 'string' ? err.error : `the server answered ${res.status} ${res.statusText}`,
        detail: typeof err.detail === 'string' ? err.detail : undefined,
        source: err.source,
      },
    };
  } catch (e) {
    return { ok: false, problem: { status: 0, error: 'the Farview server cannot be reached', detail: e instanceof Error ? e.message : String(e) } };
  }
}

/**
 * The live ClusterView of a context: a snapshot from GET /view, then the deltas after it over Server-Sent
 * Events. On a drop it reconnects with `?since=<last seq>` after a growing delay (the server sends a new
 * snapshot when it no longer holds those deltas); with nothing on screen it starts again from GET /view,
 * whose error says what to do.
 */
export function useLiveCluster(context: string): { snapshot: LiveSnapshot | null; connection: Connection } {
  const [batched] = useState(() => new BatchedStore());
  const [connection, setConnection] = useState<Connection>({ status: 'connecting', retryAt: null, problem: null });
  const snapshot = useSyncExternalStore(batched.subscribe, batched.get, () => null);

  useEffect(() => {
    let es: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let closed = false;
    // After an unreadable message our copy may have missed data: the next connection asks for a snapshot.
    let resync = false;
    const store = batched.store;

    const open = async () => {
      if (closed) return;
      if (!store.ready || resync) {
        const first = await fetchView(context);
        if (closed) return;
        if (!first.ok) return fail(first.problem, false);
        const wasReady = store.ready;
        store.applySnapshot(first.seq, first.view);
        batched.schedule(!wasReady);
        resync = false;
      }
      // EventSource's own retry would resend the first URL; we reconnect ourselves to pass `since`.
      es = new EventSource(eventsPath(context, store.lastSeq));
      es.addEventListener('open', () => {
        attempt = 0;
        setConnection((c) => (c.status === 'live' && !c.problem ? c : { status: 'live', retryAt: null, problem: null }));
      });
      es.addEventListener('snapshot', (ev) => {
        const msg = decodeSnapshot((ev as MessageEvent<string>).data);
        if (!msg.ok) return fail({ status: 200, error: 'the live stream sent a snapshot that cannot be read', detail: msg.error }, true);
        const first = !store.ready;
        store.applySnapshot(msg.value.seq, msg.value.view);
        batched.schedule(first);
      });
      es.addEventListener('delta', (ev) => {
        const msg = decodeDelta((ev as MessageEvent<string>).data);
        if (!msg.ok) return fail({ status: 200, error: 'the live stream sent an update that cannot be read', detail: msg.error }, true);
        store.applyDelta(msg.value);
        batched.schedule(false);
      });
      // The server ends a stream whose sign-in expired or was revoked; GET /view then explains (401).
      es.addEventListener('signed-out', () => fail({ status: 401, error: 'Your sign-in has ended', detail: 'Sign in again to resume the live view.' }, true));
      es.addEventListener('error', onDrop);
    };

    const fail = (problem: StreamProblem | null, needSnapshot: boolean) => {
      es?.close();
      es = null;
      if (needSnapshot) resync = true;
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
      attempt++;
      setConnection({ status: 'retrying', retryAt: Date.now() + delay, problem });
      retryTimer = setTimeout(() => void open(), delay);
    };

    const onDrop = () => {
      if (closed || !es) return;
      // With data on screen, just reconnect; otherwise open() asks GET /view again, which explains any failure.
      fail(null, false);
    };

    void open();
    return () => {
      closed = true;
      es?.close();
      if (retryTimer) clearTimeout(retryTimer);
      batched.cancel();
    };
  }, [batched, context]);

  return { snapshot, connection };
}
