import 'server-only';
/**
 * The live view as Server-Sent Events. A new client gets `event: snapshot` (data {seq, view}); a client that
 * reconnects with Last-Event-ID (or ?since=) inside the kept window gets only the deltas it missed, else a
 * new snapshot. Then `event: delta` for every change, each with `id: seq`, and a comment every 15 s so
 * proxies keep the connection open; a stream whose caller is no longer signed in ends at the next of those.
 * Everything is released when the client goes away.
 */
import type { ViewDelta } from '../view/model';
import type { ClusterSource } from './cluster-source';

export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression middleware from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** The seq a reconnecting client has, from Last-Event-ID or ?since=; null when absent or not a number. */
export function resumeSeq(req: Request): number | null {
  const raw = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('since');
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** A ReadableStream of SSE frames for one client of `source`. */
export function viewEventStream(
  source: ClusterSource,
  opts: {
    since: number | null;
    signal: AbortSignal;
    heartbeatMs?: number;
    /** Asked at every heartbeat: false ends the stream (the session that opened it expired or was revoked). */
    stillAllowed?: () => boolean;
  },
): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const deltaFrame = (d: ViewDelta) => `event: delta\nid: ${d.seq}\ndata: ${source.jsonOf(d)}\n\n`;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let lastSeq = Number.POSITIVE_INFINITY; // nothing is sent until the starting point is known
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          cleanup();
        }
      };
      const off = source.subscribe((d) => {
        if (d.seq <= lastSeq) return;
        lastSeq = d.seq;
        send(deltaFrame(d));
      });
      const heartbeat = setInterval(() => {
        if (opts.stillAllowed && !opts.stillAllowed()) {
          send('event: signed-out\ndata: {}\n\n');
          return cleanup();
        }
        send(': keep-alive\n\n');
      }, opts.heartbeatMs ?? 15_000);
      heartbeat.unref?.();
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        off();
        opts.signal.removeEventListener('abort', cleanup);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      opts.signal.addEventListener('abort', cleanup);
      if (opts.signal.aborted) return cleanup();

      send('retry: 2000\n\n');
      const missed = opts.since === null ? null : source.deltasSince(opts.since);
      if (missed) {
        for (const d of missed) send(deltaFrame(d));
        lastSeq = missed.at(-1)?.seq ?? (opts.since as number);
      } else {
        const s = source.snapshotJson();
        send(`event: snapshot\nid: ${s.seq}\ndata: {"seq":${s.seq},"view":`);
        for (const chunk of s.chunks) send(chunk);
        send('}\n\n');
        lastSeq = s.seq;
      }
      // Anything flushed between the starting point and now was skipped by the subscriber: send it.
      for (const d of source.deltasSince(lastSeq) ?? []) {
        if (d.seq <= lastSeq) continue;
        send(deltaFrame(d));
        lastSeq = d.seq;
      }
    },
    cancel() {
      cleanup();
    },
  });
}
