/**
 * The four PATCH flavours the API server accepts:
 * - JSON Patch (RFC 6902), application/json-patch+json
 * - JSON Merge Patch (RFC 7386), application/merge-patch+json
 * - strategic merge patch, application/strategic-merge-patch+json: merge patch, plus lists of named things
 *   (containers, env, volumes, ports, conditions…) merged by key, and the `$patch`, `$setElementOrder/`,
 *   `$retainKeys`, `$deleteFromPrimitiveList/` directives kubectl emits
 * - server-side apply, application/apply-patch+yaml: approximated as a strategic merge of the applied
 *   configuration (no managedFields bookkeeping; nothing is ever removed by an apply)
 * All functions are pure: they return a new value and never modify their inputs.
 */

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// ---------------------------------------------------------------- RFC 7386

/** Applies a JSON merge patch: objects merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v) as Json;
  }
  return out;
}

// ---------------------------------------------------------------- RFC 6902

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(pointer)}: must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean, pointer: string): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`invalid array index ${JSON.stringify(token)} in ${pointer}`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new PatchError(`array index ${i} out of bounds in ${pointer}`);
  return i;
}

/** Resolves the parent container of a pointer; throws when a step is missing. */
function parentOf(doc: unknown, tokens: string[], pointer: string): unknown {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false, pointer)];
    else if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, t)) cur = cur[t];
    else throw new PatchError(`path ${pointer} does not exist: missing "${t}"`);
  }
  return cur;
}

function getAt(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false, pointer)];
  if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) return parent[last];
  throw new PatchError(`path ${pointer} does not exist`);
}

function removeAt(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError('cannot remove the whole document');
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false, pointer), 1)[0];
  if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) {
    const v = parent[last];
    delete parent[last];
    return v;
  }
  throw new PatchError(`unable to remove nonexistent key ${JSON.stringify(last)} at ${pointer}`);
}

function addAt(doc: unknown, pointer: string, value: unknown, replace: boolean): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, !replace, pointer);
    if (replace) parent[i] = value as Json;
    else parent.splice(i, 0, value as Json);
  } else if (isObject(parent)) {
    if (replace && !Object.prototype.hasOwnProperty.call(parent, last)) {
      throw new PatchError(`unable to replace nonexistent key ${JSON.stringify(last)} at ${pointer}`);
    }
    parent[last] = value as Json;
  } else {
    throw new PatchError(`path ${pointer}: parent is not an object or array`);
  }
  return doc;
}

/** Applies an RFC 6902 JSON Patch. Throws PatchError naming the failing operation. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations');
  let doc = clone(target);
  ops.forEach((raw, i) => {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError(`operation ${i}: needs string "op" and "path"`);
    }
    const op = raw as unknown as JsonPatchOp;
    const where = `operation ${i} (${op.op} ${op.path})`;
    try {
      switch (op.op) {
        case 'add':
          if (!('value' in raw)) throw new PatchError('missing "value"');
          doc = addAt(doc, op.path, clone(op.value), false);
          break;
        case 'replace':
          if (!('value' in raw)) throw new PatchError('missing "value"');
          doc = addAt(doc, op.path, clone(op.value), true);
          break;
        case 'remove':
          removeAt(doc, op.path);
          break;
        case 'move': {
          if (typeof op.from !== 'string') throw new PatchError('missing "from"');
          if (op.path.startsWith(op.from + '/')) throw new PatchError('cannot move a value into one of its children');
          const v = removeAt(doc, op.from);
          doc = addAt(doc, op.path, v, false);
          break;
        }
        case 'copy':
          if (typeof op.from !== 'string') throw new PatchError('missing "from"');
          doc = addAt(doc, op.path, clone(getAt(doc, op.from)), false);
          break;
        case 'test':
          if (JSON.stringify(canonical(getAt(doc, op.path))) !== JSON.stringify(canonical(op.value))) {
            throw new PatchError('test failed: value differs');
          }
          break;
        default:
          throw new PatchError(`unknown op ${JSON.stringify((raw as JsonObject).op)}`);
      }
    } catch (err) {
      if (err instanceof PatchError) throw new PatchError(`${where}: ${err.message}`);
      throw err;
    }
  });
  return doc;
}

/** Sorts object keys so that equality does not depend on key order. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

// ---------------------------------------------------------------- strategic merge

/** Merge keys of the built-in list fields that strategic merge patch merges element-wise (from the Kubernetes
 * API's patchMergeKey tags). Lists not named here are replaced whole. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  conditions: 'type',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  addresses: 'type',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
  schedulingGates: 'name',
};

/** Primitive lists merged as sets (patchStrategy "merge" on []string fields). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge on containerPort, service ports on port.
    const first = items.find(isObject);
    if (first && 'containerPort' in first) return 'containerPort';
    return 'port';
  }
  return MERGE_KEYS[field];
}

/** Applies a strategic merge patch to a built-in object. */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  return smpValue(clone(target) as Json, patch as Json);
}

function smpValue(orig: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  return smpObject(isObject(orig) ? orig : {}, patch);
}

function smpObject(orig: JsonObject, patch: JsonObject): JsonObject {
  const directive = patch['$patch'];
  if (directive === 'replace') {
    const rest = { ...patch };
    delete rest['$patch'];
    return clone(rest);
  }
  if (directive !== undefined && directive !== 'merge') {
    throw new PatchError(`unsupported $patch directive ${JSON.stringify(directive)} on a map`);
  }
  const out: JsonObject = { ...orig };
  const retain = patch['$retainKeys'];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw new PatchError('$retainKeys must be a list of field names');
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  const orders: [string, Json[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith('$setElementOrder/')) {
      if (!Array.isArray(value)) throw new PatchError(`${key} must be a list`);
      orders.push([key.slice('$setElementOrder/'.length), value]);
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      if (!Array.isArray(value)) throw new PatchError(`${key} must be a list`);
      const cur = out[field];
      if (Array.isArray(cur)) out[field] = cur.filter((x) => !value.some((v) => JSON.stringify(v) === JSON.stringify(x)));
      continue;
    }
    if (value === null) {
      delete out[key];
    } else if (Array.isArray(value)) {
      out[key] = smpList(key, out[key], value);
    } else if (isObject(value)) {
      if (value['$patch'] === 'delete') delete out[key];
      else out[key] = smpValue(out[key], value);
    } else {
      out[key] = value;
    }
  }
  for (const [field, order] of orders) {
    const cur = out[field];
    if (Array.isArray(cur)) out[field] = applyOrder(field, cur, order);
  }
  return out;
}

function smpList(field: string, orig: Json | undefined, patch: Json[]): Json[] {
  const current = Array.isArray(orig) ? orig : [];
  // A list-level "$patch: replace" element means: the rest of the patch list is the new list.
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace' && Object.keys(p).length === 1)) {
    return clone(patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace')));
  }
  if (MERGED_PRIMITIVE_LISTS.has(field) && patch.every((p) => !isObject(p))) {
    const out = [...current];
    for (const p of patch) if (!out.some((x) => JSON.stringify(x) === JSON.stringify(p))) out.push(p);
    return out;
  }
  const key = mergeKeyFor(field, [...patch, ...current]);
  if (!key || !patch.every(isObject)) return clone(patch.filter((p) => !(isObject(p) && '$patch' in p)));
  const out = current.map((x) => clone(x));
  for (const item of patch as JsonObject[]) {
    const id = item[key];
    const at = out.findIndex((x) => isObject(x) && JSON.stringify(x[key]) === JSON.stringify(id));
    if (item['$patch'] === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    if (at >= 0) out[at] = smpObject(out[at] as JsonObject, item);
    else out.push(smpObject({}, item));
  }
  return out;
}

/** Reorders a merged list as `$setElementOrder` asks; elements it does not mention keep their relative order, last. */
function applyOrder(field: string, list: Json[], order: Json[]): Json[] {
  const key = mergeKeyFor(field, list);
  const idOf = (x: Json): string => JSON.stringify(key && isObject(x) ? x[key] : x);
  const rank = new Map(order.map((o, i) => [idOf(o), i]));
  return list
    .map((x, i) => ({ x, i, r: rank.get(idOf(x)) }))
    .sort((a, b) => (a.r ?? Infinity) - (b.r ?? Infinity) || a.i - b.i)
    .map((e) => e.x);
}

/** Server-side apply, approximated: the applied configuration is strategically merged into the live object. */
export function applyPatch(target: unknown, applied: unknown): unknown {
  if (!isObject(applied)) throw new PatchError('an apply configuration must be an object');
  return strategicMergePatch(target, applied);
}
