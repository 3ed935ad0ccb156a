/**
 * The simulated Kubernetes API server: an HTTP handler over the Store, served over HTTPS by startK8sServer.
 * Speaks what kubectl and @kubernetes/client-node use (docs/protocol.md §1–2): discovery, OpenAPI v3 for kubectl's
 * validation check, list (limit/continue, label and field selectors, Table output), watch, create, update,
 * the four patch types, delete, and the status/scale/log subresources. Errors are Status objects.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Store } from '../store';
import type { FaultInjector, WatchDropMode } from '../faults';
import type { SimTls } from '../tls';
import { route, type Route } from './routing';
import { errors } from './status';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { serveWatch, type ActiveWatch } from './watch';
import { VERSION } from './discovery';
import { boolParam, mediaType, negotiate, parseBody, parseRv, readBody, sendError, sendJson, toApiError, type Query } from './http';
import { createReads } from './reads';
import { createLogHandler } from './pod-log';
import { createWrites, type AdmissionHook } from './writes';
import { handleDiscovery } from './discovery-handler';
import { ServedApi, type Addon } from './resources';
import { createMetrics, type MetricsMode } from './metrics';
import { usageClock, type UsageClock } from '../usage/clock';

// Request routing and the resource verbs live here; reading, writing, logs and discovery each have a module.
export type { AdmissionHook } from './writes';

export interface K8sApiOptions {
  store: Store;
  /** The bearer token clients must send. Tokens of the form `k8s-aws-v1.…` (aws eks get-token) are accepted too. */
  token: string;
  /** Simulated clock: creation timestamps and AGE cells. */
  now?: () => Date;
  rng?: () => number;
  faults?: FaultInjector;
  admission?: AdmissionHook[];
  /** Shown in /api's serverAddressByClientCIDRs. */
  serverAddress?: string;
  /** Receives one line per request when set. */
  log?: (line: string) => void;
  /** Real milliseconds between watch bookmarks (default 15 s). */
  bookmarkIntervalMs?: number;
  /** Where new services get their cluster IP (default 10.100.0.0/16). */
  serviceCidr?: string;
  /** metrics-server: served (default), absent, forbidden or unavailable (sim/k8s/metrics.ts). */
  metrics?: MetricsMode;
  /** The scenario, whose default usage patterns metrics-server reports. */
  scenario?: string;
  /** metrics-server's clock (sim/usage/clock.ts; default: the wall clock). */
  usageClock?: UsageClock;
  /** Add-ons whose CRDs the cluster has (Karpenter's karpenter.sh and karpenter.k8s.aws groups). */
  addons?: readonly Addon[];
}

export interface K8sApi {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Closes every open watch ('end' cleanly, 'reset' abruptly). */
  dropWatches(mode?: WatchDropMode): void;
  activeWatches(): number;
  /** Ends watches and log streams, and detaches from the fault injector. */
  close(): void;
}

/** Creates the API handler over a store. */
export function createK8sApi(opts: K8sApiOptions): K8sApi {
  const { store } = opts;
  const now = opts.now ?? (() => new Date());
  const rng = opts.rng ?? Math.random;
  const served = new ServedApi(opts.addons ?? []);
  const watches = new Set<ActiveWatch>();
  const streams = new Set<ServerResponse>();
  const { filtered, listResponse, objectResponse, mustGet, scaleOf, clearSnapshots } = createReads({ store, now });
  const serveLog = createLogHandler({ now, rng, mustGet, streams });
  const { create, update, patch, remove, removeCollection } = createWrites(opts, { now, rng, reads: { filtered, mustGet, scaleOf } });
  const detachFaults = opts.faults?.onDropWatches((mode) => dropWatches(mode));
  const metrics = createMetrics({ store, now, clock: opts.usageClock ?? usageClock(now, 1), scenario: opts.scenario ?? '', mode: opts.metrics ?? 'on' });

  function dropWatches(mode: WatchDropMode = 'end'): void {
    for (const w of [...watches]) w.close(mode);
  }

  function authorized(req: IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) return false;
    return m[1] === opts.token || (m[1].startsWith('k8s-aws-v1.') && m[1].length > 20);
  }

  // ---------------------------------------------------------------- dispatch

  async function handleResource(req: IncomingMessage, res: ServerResponse, rt: Extract<Route, { type: 'resource' }>, q: Query): Promise<void> {
    const { resource: r, namespace: ns, name, sub } = rt;
    const method = req.method ?? 'GET';
    const render = negotiate(req.headers.accept, q);
    const watch = rt.legacyWatch || boolParam(q, 'watch');

    if (method === 'GET' && (watch || name === null)) {
      if (sub) throw errors.unknownPath();
      if (watch) {
        const fieldText = [q.get('fieldSelector'), name !== null ? `metadata.name=${name}` : null].filter(Boolean).join(',');
        const timeout = q.get('timeoutSeconds');
        serveWatch(
          req,
          res,
          {
            store,
            resource: r,
            namespace: ns,
            labels: parseLabelSelector(q.get('labelSelector')),
            fields: parseFieldSelector(r.kind, fieldText),
            resourceVersion: parseRv(q.get('resourceVersion')),
            sendInitialEvents: boolParam(q, 'sendInitialEvents'),
            bookmarks: boolParam(q, 'allowWatchBookmarks'),
            timeoutSeconds: timeout && /^\d+$/.test(timeout) ? Number(timeout) : null,
            render,
            now,
            bookmarkIntervalMs: opts.bookmarkIntervalMs,
          },
          watches,
        );
        return;
      }
      // Listing in a missing namespace is not an error in Kubernetes: it is an empty list.
      listResponse(res, r, ns, q, render);
      return;
    }
    if (method === 'GET') {
      if (sub === 'log') return serveLog(req, res, r, ns!, name!, q);
      const o = mustGet(r, ns, name!);
      if (sub === 'scale') return sendJson(res, 200, scaleOf(o));
      return objectResponse(res, 200, r, o, render);
    }
    if (sub === 'log') throw errors.methodNotAllowed(method);
    const text = await readBody(req);
    switch (method) {
      case 'POST': {
        if (name !== null) throw errors.methodNotAllowed(method);
        if (r.namespaced && ns === null) throw errors.methodNotAllowed(method);
        const { code, obj } = create(r, ns, parseBody(text, req.headers['content-type']), q);
        return objectResponse(res, code, r, obj, render);
      }
      case 'PUT': {
        if (name === null) throw errors.methodNotAllowed(method);
        const ct = mediaType(req.headers['content-type']);
        if (ct && ct !== 'application/json' && ct !== 'application/yaml') throw errors.unsupportedMediaType(ct);
        const obj = update(r, ns, name, sub, parseBody(text, ct), q);
        return obj.kind === 'Scale' ? sendJson(res, 200, obj) : objectResponse(res, 200, r, obj, render);
      }
      case 'PATCH': {
        if (name === null) throw errors.methodNotAllowed(method);
        const { code, obj } = patch(r, ns, name, sub, text, req.headers['content-type'], q);
        return obj.kind === 'Scale' ? sendJson(res, code, obj) : objectResponse(res, code, r, obj, render);
      }
      case 'DELETE': {
        if (sub) throw errors.methodNotAllowed(method);
        if (name === null) return sendJson(res, 200, removeCollection(r, ns, q));
        return objectResponse(res, 200, r, remove(r, ns, name, text, q), render);
      }
      default:
        throw errors.methodNotAllowed(method);
    }
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const rt = route(url.pathname, served);
    if (rt.type === 'version') return sendJson(res, 200, VERSION);
    if (rt.type === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (!authorized(req)) throw errors.unauthorized();
    if (metrics.handle(req, res, url)) return;
    if (rt.type === 'unknown') throw errors.unknownPath();
    if (rt.type !== 'resource') return handleDiscovery(req, res, rt, opts.serverAddress, metrics, served);
    const faults = opts.faults;
    if (faults) {
      const delay = faults.delayMs();
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const fail = faults.maybeFail();
      if (fail?.status === 500) throw errors.internal('injected fault (--faults error)');
      if (fail?.status === 429) throw errors.tooManyRequests(fail.retryAfterSeconds ?? 1);
    }
    try {
      await handleResource(req, res, rt, url.searchParams);
    } catch (err) {
      throw toApiError(err, rt.resource, rt.name ?? '');
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    if (opts.log) res.on('finish', () => opts.log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    dispatch(req, res).catch((err: unknown) => sendError(res, toApiError(err, null, '')));
  }

  return {
    handle,
    dropWatches,
    activeWatches: () => watches.size,
    close() {
      detachFaults?.();
      dropWatches('end');
      for (const s of [...streams]) s.end();
      clearSnapshots();
    },
  };
}

export interface K8sServer {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  api: K8sApi;
  close(): Promise<void>;
}

/** Starts the API over HTTPS on a loopback port (0 = any free port). */
export async function startK8sServer(opts: K8sApiOptions & { tls: SimTls; port?: number; host?: string }): Promise<K8sServer> {
  const host = opts.host ?? '127.0.0.1';
  const api = createK8sApi(opts);
  const server = https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, (req, res) => api.handle(req, res));
  server.keepAliveTimeout = 65_000;
  // Every TCP socket, handshaking ones included: closeAllConnections knows only those past the TLS handshake, and a
  // client that connects and goes away mid-handshake would otherwise hold close() until the server's 30 s check.
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    port,
    api,
    close: () =>
      new Promise<void>((resolve) => {
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      }),
  };
}
