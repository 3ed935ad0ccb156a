/** Write handlers: create, update (PUT), the four patch types, delete and deletecollection, with admission and defaults. */
import { randomUUID } from 'node:crypto';
import { k8sTime, KIND_API_VERSION, type Obj, type Store } from '../store';
import type { Subresource } from './routing';
import { apiVersionOf, type ResourceInfo } from './resources';
import { StatusError, errors } from './status';
import { applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { applyApiDefaults } from './defaults';
import { dryRun, isRecord, mediaType, parseBody, toApiError, type Query } from './http';
import type { Reads, Scale } from './reads';

/** Called before an object written through the API is stored (like a mutating admission webhook): may modify
 * the object, or throw StatusError to reject it. */
export type AdmissionHook = (obj: Obj, op: { operation: 'CREATE' | 'UPDATE'; old?: Readonly<Obj>; store: Store }) => void;

/** The API options writes depend on; read at each request, as the server always has. */
interface WriteOptions {
  store: Store;
  admission?: AdmissionHook[];
  serviceCidr?: string;
}

interface WriteDeps {
  now: () => Date;
  rng: () => number;
  reads: Pick<Reads, 'filtered' | 'mustGet' | 'scaleOf'>;
}

export function createWrites(opts: WriteOptions, { now, rng, reads }: WriteDeps) {
  const { store } = opts;
  const { filtered, mustGet, scaleOf } = reads;

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

  return { create, update, patch, remove, removeCollection };
}
