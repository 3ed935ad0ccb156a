/**
 * Watch streams (`?watch=true`): newline-delimited JSON events, each object carrying the resourceVersion of
 * its own change.
 * - resourceVersion unset or "0": synthetic ADDED events for the current objects, then changes.
 * - resourceVersion N: every change after N from the store's history, then live changes; when N is older
 *   than the history, one in-stream ERROR event (410 Expired) and the stream ends, as kube-apiserver does.
 * - With selectors, an object that stops matching is sent as DELETED and one that starts matching as ADDED.
 * - allowWatchBookmarks: periodic BOOKMARK events; sendInitialEvents: a BOOKMARK marking the end of the
 *   initial ADDED events.
 * - With a Table Accept header each event object is a one-row Table (column definitions in the first only).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Obj, RawEvent, Store } from '../store';
import type { ResourceInfo } from './resources';
import { apiVersionOf } from './resources';
import type { Selector } from './selectors';
import { partialMetadata, rowFor, tableFor, type IncludeObject } from './tables';

export type WatchRender = { as: 'object' } | { as: 'table'; version: 'v1' | 'v1beta1'; include: IncludeObject } | { as: 'metadata'; version: 'v1' | 'v1beta1' };

export interface WatchRequest {
  store: Store;
  resource: ResourceInfo;
  namespace: string | null;
  labels: Selector<Record<string, string> | undefined>;
  fields: Selector<Readonly<Obj>>;
  /** Parsed resourceVersion; null when unset or "0". */
  resourceVersion: number | null;
  sendInitialEvents: boolean;
  bookmarks: boolean;
  timeoutSeconds: number | null;
  render: WatchRender;
  now: () => Date;
  /** Real milliseconds between bookmarks. */
  bookmarkIntervalMs?: number;
}

/** An open watch, as the server's registry (and the watch-drop fault) sees it. */
export interface ActiveWatch {
  /** 'end' finishes the stream cleanly; 'reset' destroys the connection. */
  close(mode: 'end' | 'reset'): void;
}

/** Bytes buffered for a slow client before its watch is dropped (the client re-watches). */
const MAX_BUFFERED = 32 * 1024 * 1024;

/** Serves one watch request until timeout, client disconnect or close(); registers itself in `active`. */
export function serveWatch(req: IncomingMessage, res: ServerResponse, w: WatchRequest, active: Set<ActiveWatch>): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' });
  res.flushHeaders();
  req.socket.setNoDelay(true);

  let closed = false;
  let firstTable = true;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: () => void = () => {};

  const watch: ActiveWatch = {
    close(mode) {
      if (closed) return;
      cleanup();
      if (mode === 'reset') res.destroy();
      else res.end();
    },
  };
  const cleanup = () => {
    closed = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t); // also clears intervals
    active.delete(watch);
  };
  active.add(watch);
  res.on('close', () => {
    if (!closed) cleanup();
  });

  const write = (line: string) => {
    if (closed) return;
    res.write(line + '\n');
    if (res.writableLength > MAX_BUFFERED) watch.close('reset');
  };

  const matches = (o: Readonly<Obj>) => w.labels.matches(o.metadata.labels) && w.fields.matches(o);
  const inScope = (o: Readonly<Obj>) => o.kind === w.resource.kind && (w.namespace === null || o.metadata.namespace === w.namespace);

  const send = (type: 'ADDED' | 'MODIFIED' | 'DELETED', o: Readonly<Obj>, json?: () => string) => {
    const r = w.render;
    if (r.as === 'object') {
      write(`{"type":"${type}","object":${json ? json() : JSON.stringify(o)}}`);
    } else if (r.as === 'table') {
      const t = tableFor(w.resource.kind, [], w.now(), { resourceVersion: o.metadata.resourceVersion, noHeaders: !firstTable });
      t.rows = [rowFor(o, w.now(), r.include)];
      if (r.version === 'v1beta1') (t as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
      firstTable = false;
      write(JSON.stringify({ type, object: t }));
    } else {
      const p = partialMetadata(o);
      write(JSON.stringify({ type, object: { ...p, apiVersion: `meta.k8s.io/${r.version}` } }));
    }
  };

  const bookmark = (rv: number, initialEnd = false) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    const kindFields =
      w.render.as === 'object' ? { kind: w.resource.kind, apiVersion: apiVersionOf(w.resource) } : { kind: 'Table', apiVersion: `meta.k8s.io/${w.render.version}` };
    write(JSON.stringify({ type: 'BOOKMARK', object: { ...kindFields, metadata } }));
  };

  /** One store event, turned into what this watcher should see (or nothing). */
  const onEvent = (ev: RawEvent) => {
    if (closed || !inScope(ev.object)) return;
    const now = matches(ev.object);
    if (ev.type === 'ADDED') {
      if (now) send('ADDED', ev.object, ev.json);
    } else if (ev.type === 'DELETED') {
      if (now) send('DELETED', ev.object, ev.json);
    } else {
      const before = ev.prev ? matches(ev.prev) : now;
      if (before && now) send('MODIFIED', ev.object, ev.json);
      else if (!before && now) send('ADDED', ev.object, ev.json);
      else if (before && !now) send('DELETED', ev.object, ev.json);
    }
  };

  const store = w.store;
  if (w.resourceVersion === null || w.sendInitialEvents) {
    for (const { obj, json } of store.listRaw(w.resource.kind, w.namespace)) if (matches(obj)) send('ADDED', obj, json);
    if (w.sendInitialEvents && w.bookmarks) bookmark(store.revision, true);
    unsubscribe = store.subscribeRaw(onEvent);
  } else {
    const past = store.historyRaw(w.resourceVersion);
    if (past === 'expired') {
      const status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${w.resourceVersion} (${store.oldestResumableRv})`,
        reason: 'Expired',
        code: 410,
      };
      write(JSON.stringify({ type: 'ERROR', object: status }));
      watch.close('end');
      return;
    }
    for (const ev of past) onEvent(ev);
    unsubscribe = store.subscribeRaw(onEvent);
  }

  if (w.bookmarks) {
    const t = setInterval(() => bookmark(store.revision), w.bookmarkIntervalMs ?? 15_000);
    timers.push(t);
  }
  // Without timeoutSeconds kube-apiserver picks a random timeout between 30 and 60 minutes.
  const timeoutMs = w.timeoutSeconds !== null ? w.timeoutSeconds * 1000 : (1800 + Math.floor(Math.random() * 1800)) * 1000;
  timers.push(setTimeout(() => watch.close('end'), timeoutMs));
}
