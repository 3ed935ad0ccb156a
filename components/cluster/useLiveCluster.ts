'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiError } from '@/lib/view/model';
import { eventsPath, viewPath } from '@/lib/ui/api-paths';
import { LiveViewStore, type LiveSnapshot } from '@/lib/ui/live-store';
import { decodeDelta, decodeSnapshot } from '@/lib/ui/sse-messages';

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

async function explainFailure(context: string): Promise<{ problem: StreamProblem | null; view: unknown }> {
  try {
    const res = await fetch(viewPath(context), { cache: 'no-store' });
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) return { problem: null, view: body };
    const err = (body ?? {}) as Partial<ApiError>;
    return {
      problem: {
        status: res.status,
        error: typeof err.error === 'string' ? err.error : `the server answered ${res.status} ${res.statusText}`,
        detail: typeof err.detail === 'string' ? err.detail : undefined,
        source: err.source,
      },
      view: null,
    };
  } catch (e) {
    return { problem: { status: 0, error: 'the Farview server cannot be reached', detail: e instanceof Error ? e.message : String(e) }, view: null };
  }
}

/**
 * The live ClusterView of a context: a snapshot, then deltas, over Server-Sent Events. On a drop it
 * reconnects with `?since=<last seq>` after a growing delay, and asks GET /view why the stream failed
 * so the screen can say what to do.
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

    const open = () => {
      if (closed) return;
      // EventSource's own retry would resend the first URL; we reconnect ourselves to pass `since`.
      es = new EventSource(eventsPath(context, store.ready && !resync ? store.lastSeq : undefined));
      resync = false;
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
      es.addEventListener('error', () => {
        void onDrop();
      });
    };

    const fail = (problem: StreamProblem | null, needSnapshot: boolean) => {
      es?.close();
      es = null;
      if (needSnapshot) resync = true;
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
      attempt++;
      setConnection({ status: 'retrying', retryAt: Date.now() + delay, problem });
      retryTimer = setTimeout(open, delay);
    };

    const onDrop = async () => {
      if (closed || !es) return;
      es.close();
      es = null;
      const hadData = store.ready;
      // Only ask why when we have nothing to show; with data on screen, just reconnect.
      const { problem } = hadData ? { problem: null } : await explainFailure(context);
      if (closed) return;
      fail(problem, false);
    };

    open();
    return () => {
      closed = true;
      es?.close();
      if (retryTimer) clearTimeout(retryTimer);
      batched.cancel();
    };
  }, [batched, context]);

  return { snapshot, connection };
}
