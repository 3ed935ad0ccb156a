/**
 * The simulated Kubernetes API server: an HTTP handler over the Store, served over HTTPS by startK8sServer.
 * Speaks what kubectl and @kubernetes/client-node use (docs/protocol.md §1–2): discovery, OpenAPI v3 for kubectl's
 * validation check, list (limit/continue, label and field selectors, Table output), watch, create, update,
 * the four patch types, delete, and the status/scale/log subresources. Errors are Status objects.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import YAML from 'yaml';
import { Store, ObjectStoreError, k8sTime, KIND_API_VERSION, type Obj, type RawEntry } from '../store';
import type { FaultInjector, WatchDropMode } from '../faults';
import type { SimTls } from '../tls';
import { route, type Route, type Subresource } from './routing';
import { apiVersionOf, type ResourceInfo } from './resources';
import { StatusError, errors } from './status';
import { SelectorError, parseFieldSelector, parseLabelSelector } from './selectors';
import { PatchError, applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { labelSelectorText, partialMetadata, tableFor, type IncludeObject } from './tables';
import { serveWatch, type ActiveWatch, type WatchRender } from './watch';
import { VERSION, aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, wantsAggregated } from './discovery';
import { OPENAPI_V2_JSON, OPENAPI_V2_PROTOBUF_TYPE, openApiV2Protobuf, openApiV3Document, openApiV3Root } from './openapi';
import { applyApiDefaults } from './defaults';
import { containerLog, followLine } from './logs';

/** Called before an object written through the API is stored (like a mutating admission webhook): may modify
 * the object, or throw StatusError to reject it. */
export type AdmissionHook = (obj: Obj, op: { operation: 'CREATE' | 'UPDATE'; old?: Readonly<Obj>; store: Store }) => void;

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
}

export interface K8sApi {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Closes every open watch ('end' cleanly, 'reset' abruptly). */
  dropWatches(mode?: WatchDropMode): void;
  activeWatches(): number;
  /** Ends watches and log streams, and detaches from the fault injector. */
  close(): void;
}

const MAX_BODY = 3 * 1024 * 1024;
const SNAPSHOT_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 64;

type Raw = RawEntry;

/** autoscaling/v1 Scale: the /scale subresource of deployments and replica sets. */
interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: Pick<Obj['metadata'], 'name' | 'namespace' | 'uid' | 'resourceVersion' | 'creationTimestamp'>;
  spec: { replicas: number };
  status: { replicas: number; selector: string };
}
type Query = URLSearchParams;
type Render = WatchRender;

class BodyError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StatusError(413, 'RequestEntityTooLarge', `the request body exceeds ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (e) => reject(new BodyError(e.message)));
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function parseBody(text: string, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  try {
    if (type === 'application/yaml' || type === 'application/apply-patch+yaml') return YAML.parse(text);
    return JSON.parse(text);
  } catch (err) {
    throw errors.badRequest(`the request body is not valid ${type.includes('yaml') ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** What the Accept header asks for: plain objects, Tables, or PartialObjectMetadata. */
function negotiate(accept: string | undefined, q: Query): Render {
  const include = (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p = new Map(params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]));
    if (p.get('g') === 'meta.k8s.io' && type === 'application/json') {
      const version = p.get('v') === 'v1beta1' ? 'v1beta1' : 'v1';
      if (p.get('as') === 'Table') return { as: 'table', version, include: ['None', 'Metadata', 'Object'].includes(include) ? include : 'Metadata' };
      if (p.get('as') === 'PartialObjectMetadataList' || p.get('as') === 'PartialObjectMetadata') return { as: 'metadata', version };
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === '') return { as: 'object' };
  }
  return { as: 'object' };
}

const COMMA = Buffer.from(',');
const CLOSE_LIST = Buffer.from(']}');

function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': buf.length, 'Cache-Control': 'no-cache, private', ...headers });
  res.end(buf);
}

function sendError(res: ServerResponse, err: StatusError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.code, err.toStatus(), err.headers);
}

/** Maps store, selector and patch errors onto Status errors for a resource. */
function toApiError(err: unknown, r: ResourceInfo | null, name: string): StatusError {
  if (err instanceof StatusError) return err;
  if (err instanceof SelectorError) return errors.badRequest(err.message);
  if (err instanceof PatchError) return new StatusError(422, 'Invalid', `the patch could not be applied: ${err.message}`, { name, ...(r ? { kind: r.kind } : {}) });
  if (err instanceof BodyError) return errors.badRequest(err.message);
  if (err instanceof ObjectStoreError && r) {
    if (err.reason === 'NotFound') return errors.notFound(r, name);
    if (err.reason === 'AlreadyExists') return errors.alreadyExists(r, name);
    if (err.reason === 'Conflict') return errors.conflict(r, name);
    const field = /metadata\.(name|namespace|labels|annotations|ownerReferences)/.exec(err.message)?.[0] ?? 'metadata';
    return errors.invalid(r, name, field, err.message);
  }
  return errors.internal(err instanceof Error ? err.message : String(err));
}

function parseRv(text: string | null): number | null {
  if (text === null || text === '' || text === '0') return null;
  if (!/^\d+$/.test(text)) throw errors.badRequest(`invalid resource version: ${JSON.stringify(text)}`);
  return Number(text);
}

function boolParam(q: Query, key: string): boolean {
  const v = q.get(key);
  return v === 'true' || v === '1';
}

function dryRun(q: Query): boolean {
  const v = q.getAll('dryRun');
  if (v.some((x) => x !== 'All')) throw errors.badRequest(`unsupported dryRun value ${JSON.stringify(v.find((x) => x !== 'All'))}: only "All" is supported`);
  return v.length > 0;
}

function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

/** Creates the API handler over a store. */
export function createK8sApi(opts: K8sApiOptions): K8sApi {
  const { store } = opts;
  const now = opts.now ?? (() => new Date());
  const rng = opts.rng ?? Math.random;
  const watches = new Set<ActiveWatch>();
  const snapshots = new Map<string, { rv: string; items: Raw[]; expires: number }>();
  const streams = new Set<ServerResponse>();
  const detachFaults = opts.faults?.onDropWatches((mode) => dropWatches(mode));

  function dropWatches(mode: WatchDropMode = 'end'): void {
    for (const w of [...watches]) w.close(mode);
  }

  function authorized(req: IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) return false;
    return m[1] === opts.token || (m[1].startsWith('k8s-aws-v1.') && m[1].length > 20);
  }

  // ---------------------------------------------------------------- reads

  function filtered(r: ResourceInfo, ns: string | null, q: Query): { items: Raw[]; selected: boolean } {
    const labels = parseLabelSelector(q.get('labelSelector'));
    const fields = parseFieldSelector(r.kind, q.get('fieldSelector'));
    let items = store.listRaw(r.kind, ns);
    if (!labels.empty || !fields.empty) items = items.filter((e) => labels.matches(e.obj.metadata.labels) && fields.matches(e.obj));
    return { items, selected: !labels.empty || !fields.empty };
  }

  function page(r: ResourceInfo, ns: string | null, q: Query): { items: Raw[]; rv: string; continue?: string; remaining?: number } {
    const limitText = q.get('limit');
    const limit = limitText && /^\d+$/.test(limitText) ? Number(limitText) : 0;
    const token = q.get('continue');
    const t = Date.now();
    for (const [id, s] of snapshots) if (s.expires < t) snapshots.delete(id);
    let all: Raw[];
    let rv: string;
    let start = 0;
    let selected = !!(q.get('labelSelector') || q.get('fieldSelector'));
    let id: string;
    if (token) {
      let parsed: { rv?: unknown; start?: unknown; id?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
      } catch {
        throw errors.badRequest('invalid continue token');
      }
      const snap = typeof parsed.id === 'string' ? snapshots.get(parsed.id) : undefined;
      if (!snap || typeof parsed.start !== 'number') {
        throw errors.expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      }
      all = snap.items;
      rv = snap.rv;
      start = parsed.start;
      id = parsed.id as string;
    } else {
      const f = filtered(r, ns, q);
      all = f.items;
      selected = f.selected;
      rv = String(store.revision);
      id = '';
    }
    if (limit <= 0 || start + limit >= all.length) return { items: all.slice(start), rv };
    if (!id) {
      id = randomUUID();
      snapshots.set(id, { rv, items: all, expires: t + SNAPSHOT_TTL_MS });
      while (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
    }
    const end = start + limit;
    const cont = b64url(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: end, id }));
    return { items: all.slice(start, end), rv, continue: cont, remaining: selected ? undefined : all.length - end };
  }

  function listResponse(res: ServerResponse, r: ResourceInfo, ns: string | null, q: Query, render: Render): void {
    const p = page(r, ns, q);
    const meta: Record<string, unknown> = { resourceVersion: p.rv };
    if (p.continue) meta.continue = p.continue;
    if (p.remaining !== undefined) meta.remainingItemCount = p.remaining;
    if (render.as === 'table') {
      const t = tableFor(r.kind, p.items.map((e) => e.obj), now(), { resourceVersion: p.rv, continue: p.continue, remainingItemCount: p.remaining, include: render.include });
      if (render.version === 'v1beta1') (t as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
      sendJson(res, 200, t);
    } else if (render.as === 'metadata') {
      sendJson(res, 200, { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${render.version}`, metadata: meta, items: p.items.map((e) => partialMetadata(e.obj)) });
    } else {
      // Items reuse the store's cached UTF-8: a 10,000-pod list is one buffer concatenation.
      const parts: Buffer[] = [Buffer.from(`{"kind":"${r.kind}List","apiVersion":"${apiVersionOf(r)}","metadata":${JSON.stringify(meta)},"items":[`)];
      p.items.forEach((e, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(e.bytes());
      });
      parts.push(CLOSE_LIST);
      sendJson(res, 200, Buffer.concat(parts));
    }
  }

  function objectResponse(res: ServerResponse, code: number, r: ResourceInfo, o: Readonly<Obj>, render: Render): void {
    if (render.as === 'table') {
      const t = tableFor(r.kind, [o], now(), { resourceVersion: o.metadata.resourceVersion, include: render.include });
      if (render.version === 'v1beta1') (t as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
      sendJson(res, code, t);
    } else if (render.as === 'metadata') {
      sendJson(res, code, { ...partialMetadata(o), apiVersion: `meta.k8s.io/${render.version}` });
    } else sendJson(res, code, o);
  }

  function mustGet(r: ResourceInfo, ns: string | null, name: string): Readonly<Obj> {
    const o = store.getRaw(r.kind, ns, name);
    if (!o) throw errors.notFound(r, name);
    return o;
  }

  function scaleOf(o: Readonly<Obj>): Scale {
    const spec = isRecord(o.spec) ? o.spec : {};
    const status = isRecord(o.status) ? o.status : {};
    const sel = labelSelectorText(spec.selector);
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
      status: { replicas: typeof status.replicas === 'number' ? status.replicas : 0, selector: sel === '<none>' ? '' : sel },
    };
  }

  // ---------------------------------------------------------------- logs

  function serveLog(req: IncomingMessage, res: ServerResponse, r: ResourceInfo, ns: string, name: string, q: Query): void {
    const pod = mustGet(r, ns, name);
    const spec = isRecord(pod.spec) ? pod.spec : {};
    const status = isRecord(pod.status) ? pod.status : {};
    const names = [...((spec.containers as unknown[]) ?? []), ...((spec.initContainers as unknown[]) ?? [])]
      .map((c) => (isRecord(c) && typeof c.name === 'string' ? c.name : ''))
      .filter(Boolean);
    let container = q.get('container');
    if (!container) {
      const regular = ((spec.containers as unknown[]) ?? []).length;
      if (regular !== 1) throw errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
      container = names[0];
    }
    if (!names.includes(container)) throw errors.badRequest(`container ${container} is not valid for pod ${name}`);
    const cs = [...((status.containerStatuses as unknown[]) ?? []), ...((status.initContainerStatuses as unknown[]) ?? [])]
      .filter(isRecord)
      .find((c) => c.name === container);
    const state = isRecord(cs?.state) ? cs.state : {};
    const running = isRecord(state.running) ? state.running : null;
    const terminated = isRecord(state.terminated) ? state.terminated : null;
    if (!running && !terminated) {
      const waiting = isRecord(state.waiting) ? state.waiting : {};
      const why = typeof waiting.reason === 'string' ? waiting.reason : 'ContainerCreating';
      throw errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
    }
    if (boolParam(q, 'previous') && !(typeof cs?.restartCount === 'number' && cs.restartCount > 0)) {
      throw errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    }
    const startedAt = String(running?.startedAt ?? terminated?.startedAt ?? status.startTime ?? pod.metadata.creationTimestamp);
    const t = now();
    const end = terminated && typeof terminated.finishedAt === 'string' ? new Date(terminated.finishedAt) : t;
    let lines = containerLog(pod.metadata.uid, container, new Date(startedAt), end);
    const sinceSeconds = q.get('sinceSeconds');
    const sinceTime = q.get('sinceTime');
    if (sinceSeconds && /^\d+$/.test(sinceSeconds)) lines = lines.filter((l) => l.time.getTime() >= t.getTime() - Number(sinceSeconds) * 1000);
    else if (sinceTime && !Number.isNaN(Date.parse(sinceTime))) lines = lines.filter((l) => l.time.getTime() >= Date.parse(sinceTime));
    const tail = q.get('tailLines');
    if (tail && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const stamp = boolParam(q, 'timestamps');
    const fmt = (time: Date, text: string) => (stamp ? `${time.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${text}` : text);
    let body = lines.map((l) => fmt(l.time, l.text) + '\n').join('');
    const limitBytes = q.get('limitBytes');
    if (limitBytes && /^\d+$/.test(limitBytes)) body = Buffer.from(body).subarray(0, Number(limitBytes)).toString('utf8');
    if (!boolParam(q, 'follow') || terminated) {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.write(body);
    streams.add(res);
    const timer = setInterval(() => res.write(fmt(now(), followLine(now(), rng)) + '\n'), 2000);
    const stop = setTimeout(() => res.end(), 3_600_000);
    res.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
      streams.delete(res);
    });
    req.on('close', () => res.end());
  }

  // ---------------------------------------------------------------- writes

  function admit(o: Obj, operation: 'CREATE' | 'UPDATE', old?: Readonly<Obj>): void {
    for (const hook of opts.admission ?? []) hook(o, { operation, old, store });
  }

  function checkTypeMeta(r: ResourceInfo, body: Record<string, unknown>): void {
    const want = apiVersionOf(r);
    if (body.apiVersion === undefined) body.apiVersion = want;
    if (body.kind === undefined) body.kind = r.kind;
    if (body.apiVersion !== want) throw errors.badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${want})`);
    if (body.kind !== r.kind) throw errors.badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${r.kind})`);
    if (body.metadata === undefined) body.metadata = {};
    if (!isRecord(body.metadata)) throw errors.badRequest('metadata must be an object');
  }

  function checkNamespace(r: ResourceInfo, ns: string | null, meta: Record<string, unknown>): void {
    if (!r.namespaced) {
      delete meta.namespace;
      return;
    }
    if (meta.namespace === undefined || meta.namespace === '') meta.namespace = ns;
    if (meta.namespace !== ns) throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }

  function create(r: ResourceInfo, ns: string | null, body: unknown, q: Query): { code: number; obj: Readonly<Obj> } {
    if (!isRecord(body)) throw errors.badRequest('the request body must be a JSON object');
    checkTypeMeta(r, body);
    const meta = body.metadata as Record<string, unknown>;
    checkNamespace(r, ns, meta);
    if (ns !== null && !store.getRaw('Namespace', null, ns)) throw errors.namespaceNotFound(ns);
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (!name && !meta.generateName) throw errors.invalid(r, '', 'metadata.name', 'Required value: name or generateName is required');
    for (const k of ['uid', 'resourceVersion', 'deletionTimestamp', 'generation', 'managedFields', 'selfLink']) delete meta[k];
    meta.creationTimestamp = k8sTime(now());
    const obj = body as unknown as Obj;
    applyApiDefaults(obj, { store, rng, serviceCidr: opts.serviceCidr });
    admit(obj, 'CREATE');
    if (dryRun(q)) {
      if (name && store.getRaw(r.kind, ns, name)) throw errors.alreadyExists(r, name);
      if (!name) meta.name = `${String(meta.generateName)}${Math.floor(rng() * 1e5).toString(36)}`;
      meta.uid = randomUUID();
      return { code: 201, obj };
    }
    try {
      return { code: 201, obj: store.create(obj) };
    } catch (err) {
      throw toApiError(err, r, name || String(meta.generateName ?? ''));
    }
  }

  /** Shared tail of PUT and PATCH: subresource handling, preconditions, defaults, admission, store. */
  function replace(r: ResourceInfo, cur: Readonly<Obj>, next: Obj, sub: Subresource | null, q: Query): Readonly<Obj> {
    const name = cur.metadata.name;
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== cur.metadata.resourceVersion) throw errors.conflict(r, name);
    let result: Obj;
    if (sub === 'status') {
      result = { ...(JSON.parse(JSON.stringify(cur)) as Obj), status: next.status };
    } else {
      result = next;
      result.kind = cur.kind;
      result.apiVersion = cur.apiVersion;
      if (!isRecord(result.metadata)) throw errors.badRequest('metadata must be an object');
      result.metadata.name = name;
      if (cur.metadata.namespace) result.metadata.namespace = cur.metadata.namespace;
      result.metadata.uid = cur.metadata.uid;
      result.metadata.creationTimestamp = cur.metadata.creationTimestamp;
      if (r.subresources.includes('status')) {
        if (cur.status === undefined) delete result.status;
        else result.status = cur.status;
      }
      applyApiDefaults(result, { store, rng, serviceCidr: opts.serviceCidr }, cur);
      keepUndefaultedSpec(cur, result);
    }
    result.metadata.resourceVersion = cur.metadata.resourceVersion;
    admit(result, 'UPDATE', cur);
    if (dryRun(q)) return result;
    try {
      return store.update(result, { checkVersion: true });
    } catch (err) {
      throw toApiError(err, r, name);
    }
  }

  /** Objects that scenarios wrote straight into the store lack API defaults. Filling those in on the first
   * API write is not a spec change (it must not bump metadata.generation), so the stored spec is kept. */
  function keepUndefaultedSpec(cur: Readonly<Obj>, result: Obj): void {
    if (!isRecord(cur.spec)) return;
    const curDefaulted = JSON.parse(JSON.stringify(cur)) as Obj;
    try {
      applyApiDefaults(curDefaulted, { store, rng, serviceCidr: opts.serviceCidr }, cur);
    } catch {
      return;
    }
    if (JSON.stringify(curDefaulted.spec) === JSON.stringify(result.spec)) result.spec = JSON.parse(JSON.stringify(cur.spec)) as unknown;
  }

  function update(r: ResourceInfo, ns: string | null, name: string, sub: Subresource | null, body: unknown, q: Query): Readonly<Obj> | Scale {
    if (!isRecord(body)) throw errors.badRequest('the request body must be a JSON object');
    const cur = mustGet(r, ns, name);
    if (sub === 'scale') return updateScale(r, cur, body, q);
    checkTypeMeta(r, body);
    const meta = body.metadata as Record<string, unknown>;
    if (meta.name !== undefined && meta.name !== name) throw errors.badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
    checkNamespace(r, ns, meta);
    return replace(r, cur, JSON.parse(JSON.stringify(body)) as Obj, sub, q);
  }

  function updateScale(r: ResourceInfo, cur: Readonly<Obj>, scale: Record<string, unknown>, q: Query): Scale {
    const replicas = isRecord(scale.spec) ? scale.spec.replicas : undefined;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid(r, cur.metadata.name, 'spec.replicas', `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
    }
    const rv = isRecord(scale.metadata) ? scale.metadata.resourceVersion : undefined;
    if (typeof rv === 'string' && rv && rv !== cur.metadata.resourceVersion) throw errors.conflict(r, cur.metadata.name);
    const next = JSON.parse(JSON.stringify(cur)) as Obj;
    next.spec = { ...(isRecord(next.spec) ? next.spec : {}), replicas };
    const stored = replace(r, cur, next, null, q);
    return scaleOf(stored);
  }

  function patch(r: ResourceInfo, ns: string | null, name: string, sub: Subresource | null, text: string, contentType: string | undefined, q: Query): { code: number; obj: Readonly<Obj> | Scale } {
    const type = mediaType(contentType);
    const known = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
    if (!known.includes(type)) throw errors.unsupportedMediaType(type);
    if (type === 'application/strategic-merge-patch+json' && r.group === 'elbv2.k8s.aws') {
      throw new StatusError(415, 'UnsupportedMediaType', `strategic merge patch is not supported for ${r.plural}.${r.group} (a custom resource): use application/merge-patch+json`);
    }
    const body = parseBody(text, type);
    const cur = store.getRaw(r.kind, ns, name);
    if (!cur) {
      if (type !== 'application/apply-patch+yaml' || sub) throw errors.notFound(r, name);
      if (!isRecord(body)) throw errors.badRequest('an apply configuration must be an object');
      checkTypeMeta(r, body);
      const meta = body.metadata as Record<string, unknown>;
      if (meta.name !== undefined && meta.name !== name) throw errors.badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
      meta.name = name;
      return create(r, ns, body, q);
    }
    const base: unknown = sub === 'scale' ? scaleOf(cur) : cur;
    let patched: unknown;
    switch (type) {
      case 'application/json-patch+json':
        patched = jsonPatch(base, body);
        break;
      case 'application/merge-patch+json':
        patched = mergePatch(base, body);
        break;
      case 'application/strategic-merge-patch+json':
        patched = strategicMergePatch(base, body);
        break;
      default:
        if (isRecord(body)) checkTypeMeta(r, body);
        patched = applyPatch(base, body);
    }
    if (!isRecord(patched) || !isRecord(patched.metadata)) throw errors.badRequest('the patch removed the object metadata');
    if (sub === 'scale') return { code: 200, obj: updateScale(r, cur, patched, q) };
    return { code: 200, obj: replace(r, cur, patched as Obj, sub, q) };
  }

  function parseDeleteOptions(text: string): Record<string, unknown> {
    if (!text.trim()) return {};
    try {
      const v: unknown = JSON.parse(text);
      return isRecord(v) ? v : {};
    } catch {
      throw errors.badRequest('the DeleteOptions body is not valid JSON');
    }
  }

  function remove(r: ResourceInfo, ns: string | null, name: string, text: string, q: Query): Readonly<Obj> {
    const cur = mustGet(r, ns, name);
    const options = parseDeleteOptions(text);
    const pre = isRecord(options.preconditions) ? options.preconditions : {};
    if (typeof pre.uid === 'string' && pre.uid !== cur.metadata.uid) {
      throw errors.conflict(r, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`);
    }
    if (typeof pre.resourceVersion === 'string' && pre.resourceVersion !== cur.metadata.resourceVersion) {
      throw errors.conflict(r, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion}`);
    }
    const bodyDry = Array.isArray(options.dryRun) && options.dryRun.includes('All');
    if (dryRun(q) || bodyDry) return cur;
    const policy = q.get('propagationPolicy') ?? (typeof options.propagationPolicy === 'string' ? options.propagationPolicy : 'Background');
    if (policy === 'Orphan') orphanDependents(cur);
    return store.delete(r.kind, ns, name) ?? cur;
  }

  /** propagationPolicy=Orphan: dependents lose their owner reference instead of being deleted. */
  function orphanDependents(owner: Readonly<Obj>): void {
    for (const kind of Object.keys(KIND_API_VERSION) as Obj['kind'][]) {
      for (const { obj } of store.listRaw(kind)) {
        if (!obj.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid)) continue;
        store.mutate(kind, obj.metadata.namespace ?? null, obj.metadata.name, (o) => {
          o.metadata.ownerReferences = o.metadata.ownerReferences?.filter((ref) => ref.uid !== owner.metadata.uid);
          if (o.metadata.ownerReferences?.length === 0) delete o.metadata.ownerReferences;
        });
      }
    }
  }

  function removeCollection(r: ResourceInfo, ns: string | null, q: Query): unknown {
    const { items } = filtered(r, ns, q);
    const deleted: Readonly<Obj>[] = [];
    for (const { obj } of items) {
      if (dryRun(q)) deleted.push(obj);
      else {
        const d = store.delete(r.kind, obj.metadata.namespace ?? null, obj.metadata.name);
        if (d) deleted.push(d);
      }
    }
    return { kind: `${r.kind}List`, apiVersion: apiVersionOf(r), metadata: { resourceVersion: String(store.revision) }, items: deleted };
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

  function handleDiscovery(req: IncomingMessage, res: ServerResponse, rt: Route): void {
    if (req.method !== 'GET') throw errors.methodNotAllowed(req.method ?? '');
    const aggregated = wantsAggregated(req.headers.accept);
    switch (rt.type) {
      case 'api':
        if (aggregated) return sendJson(res, 200, aggregatedDiscovery(true, aggregated), { 'Content-Type': aggregatedContentType(aggregated) });
        return sendJson(res, 200, apiVersions(opts.serverAddress ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 443}`));
      case 'apis':
        if (aggregated) return sendJson(res, 200, aggregatedDiscovery(false, aggregated), { 'Content-Type': aggregatedContentType(aggregated) });
        return sendJson(res, 200, apiGroupList());
      case 'group': {
        const g = apiGroup(rt.group);
        if (!g) throw errors.unknownPath();
        return sendJson(res, 200, g);
      }
      case 'groupVersion': {
        const l = apiResourceList(rt.group, rt.version);
        if (!l) throw errors.unknownPath();
        return sendJson(res, 200, l);
      }
      case 'openapiV3Root':
        return sendJson(res, 200, openApiV3Root());
      case 'openapiV3': {
        const doc = openApiV3Document(rt.group, rt.version);
        if (!doc) throw errors.unknownPath();
        return sendJson(res, 200, doc, { 'Cache-Control': 'public, immutable' });
      }
      case 'openapiV2': {
        if ((req.headers.accept ?? '').includes('protobuf')) {
          const body = openApiV2Protobuf();
          res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF_TYPE, 'Content-Length': body.length });
          res.end(body);
          return;
        }
        return sendJson(res, 200, OPENAPI_V2_JSON);
      }
      default:
        throw errors.unknownPath();
    }
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const rt = route(url.pathname);
    if (rt.type === 'version') return sendJson(res, 200, VERSION);
    if (rt.type === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (!authorized(req)) throw errors.unauthorized();
    if (rt.type === 'unknown') throw errors.unknownPath();
    if (rt.type !== 'resource') return handleDiscovery(req, res, rt);
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
      snapshots.clear();
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
      }),
  };
}
