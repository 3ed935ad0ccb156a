/**
 * The simulator's object store: what etcd plus the API server's registry are to a real cluster.
 *
 * - One global revision counter; every write (create, update, mutate, delete) takes the next value and
 *   stamps it into metadata.resourceVersion, so resourceVersions are comparable across kinds like etcd's.
 * - Stored objects are deep-frozen internally and never handed out: get/list/subscribe give copies.
 *   The HTTP layer uses the `*Raw` methods, which share the frozen objects and their cached JSON, so a
 *   10,000-pod list is a string join rather than 10,000 deep copies.
 * - A bounded event log (history, ./store-history) lets watches resume from a resourceVersion; anything older
 *   than the log answers 'expired' (the server turns that into 410 Gone).
 * - Finalizers are not honoured: delete removes at once (no controller here would remove them).
 *
 * The data model lives in ./store-types, the indexes in ./store-index, input checks in ./store-validation.
 */
import { randomUUID } from 'node:crypto';
import { EventLog } from './store-history';
import { ObjectIndex, copyOf, deepFreeze, entryBuffer, entryJson, sameContent, type Entry } from './store-index';
import { ObjectStoreError, k8sTime, lower, nsKey, plural, type Kind, type NewObj, type Obj, type RawEntry, type RawEvent, type WatchEvent } from './store-types';
import { nameSuffix, normalize, validateName } from './store-validation';

export { KINDS, KIND_API_VERSION, ObjectStoreError, isNamespaced, k8sTime, plural } from './store-types';
export type { Kind, NewObj, Obj, RawEntry, RawEvent, SimObjectMeta, SimOwnerReference, WatchEvent } from './store-types';

/** Kinds whose metadata.generation counts spec changes (what `kubectl rollout status` compares). */
const GENERATION_KINDS: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'ReplicaSet', 'TargetGroupBinding']);

export interface StoreOptions {
  /** How many events the watch log keeps (default 10,000). */
  historyLimit?: number;
  /** The clock for creationTimestamp (the simulator passes its sped-up clock). */
  now?: () => Date;
  /** Random source for generateName suffixes (seeded in scenarios). */
  rng?: () => number;
  /** uid generator (default crypto.randomUUID). */
  newUid?: () => string;
}

export class Store {
  private rev = 1;
  private readonly index = new ObjectIndex();
  private readonly events: EventLog;
  private readonly now: () => Date;
  private readonly rng: () => number;
  private readonly newUid: () => string;

  constructor(opts: StoreOptions = {}) {
    this.events = new EventLog(Math.max(1, Math.floor(opts.historyLimit ?? 10_000)));
    this.now = opts.now ?? (() => new Date());
    this.rng = opts.rng ?? Math.random;
    this.newUid = opts.newUid ?? randomUUID;
  }

  /** The global counter: the resourceVersion of the latest write. */
  get revision(): number {
    return this.rev;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumableRv(): number {
    return this.events.oldestResumableRv;
  }

  /** A deep copy of one object, or undefined. */
  get(kind: Kind, namespace: string | null, name: string): Obj | undefined {
    const e = this.index.entry(kind, namespace, name);
    return e ? copyOf(e) : undefined;
  }

  /** The stored (frozen, shared) object: for read-only use by the HTTP layer. */
  getRaw(kind: Kind, namespace: string | null, name: string): Readonly<Obj> | undefined {
    return this.index.entry(kind, namespace, name)?.obj;
  }

  /** Deep copies of every object of a kind (in one namespace, or all when namespace is null/undefined),
   * sorted by namespace then name. */
  list(kind: Kind, namespace?: string | null): Obj[] {
    return this.index.entries(kind, namespace).map(copyOf);
  }

  /** Like list, but the frozen stored objects with their cached JSON (as a string or UTF-8 bytes); for the HTTP layer. */
  listRaw(kind: Kind, namespace?: string | null): RawEntry[] {
    return this.index.entries(kind, namespace).map((e) => ({ obj: e.obj, json: () => entryJson(e), bytes: () => entryBuffer(e) }));
  }

  /** Number of objects of a kind (cheap; no copies). */
  count(kind: Kind, namespace?: string | null): number {
    return this.index.count(kind, namespace);
  }

  /** Stores a new object. Fills uid, resourceVersion, creationTimestamp (kept when given) and the name
   * from generateName. Throws ObjectStoreError 409 AlreadyExists, or 422 Invalid for a malformed object. */
  create(input: NewObj): Obj {
    const obj = normalize(input);
    const kind = obj.kind;
    const meta = obj.metadata;
    const ns = nsKey(kind, meta.namespace);
    if (!meta.name) {
      if (!meta.generateName) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.name or metadata.generateName is required`);
      let name = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        name = meta.generateName + nameSuffix(this.rng);
        if (!this.index.entry(kind, ns, name)) break;
      }
      meta.name = name;
    }
    validateName(kind, meta.name);
    if (this.index.entry(kind, ns, meta.name)) {
      throw new ObjectStoreError(409, 'AlreadyExists', `${lower(kind)} "${meta.name}" already exists`);
    }
    meta.uid = meta.uid || this.newUid();
    if (this.index.hasUid(meta.uid)) throw new ObjectStoreError(409, 'AlreadyExists', `an object with uid ${meta.uid} already exists`);
    meta.creationTimestamp = meta.creationTimestamp || k8sTime(this.now());
    if (GENERATION_KINDS.has(kind) && meta.generation === undefined) meta.generation = 1;
    delete meta.deletionTimestamp;
    const rv = ++this.rev;
    meta.resourceVersion = String(rv);
    const entry: Entry = { obj: deepFreeze(obj) };
    this.index.put(kind, ns, meta.name, entry);
    this.events.emit({ type: 'ADDED', rv, entry });
    return copyOf(entry);
  }

  /** Replaces an object (by kind, namespace, name). uid and creationTimestamp are kept from the stored one.
   * 404 when absent; 409 Conflict when checkVersion is set and metadata.resourceVersion differs.
   * A write that changes nothing keeps the old resourceVersion and emits no event. */
  update(input: Obj, opts: { checkVersion?: boolean } = {}): Obj {
    const obj = normalize(input as NewObj);
    const kind = obj.kind;
    const meta = obj.metadata;
    const ns = nsKey(kind, meta.namespace);
    if (!meta.name) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.name is required`);
    const cur = this.index.entry(kind, ns, meta.name);
    if (!cur) throw new ObjectStoreError(404, 'NotFound', `${lower(kind)} "${meta.name}" not found`);
    if (opts.checkVersion && meta.resourceVersion !== cur.obj.metadata.resourceVersion) {
      throw new ObjectStoreError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${plural(kind)} "${meta.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    if (meta.uid && meta.uid !== cur.obj.metadata.uid) {
      throw new ObjectStoreError(409, 'Conflict', `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${cur.obj.metadata.uid}`);
    }
    return this.replace(cur, obj);
  }

  /** Read-modify-write: fn edits a copy in place. Returns the stored result, or undefined when absent.
   * No event (and no new resourceVersion) when fn changes nothing. Name, namespace, kind and uid cannot change. */
  mutate(kind: Kind, namespace: string | null, name: string, fn: (o: Obj) => void): Obj | undefined {
    const cur = this.index.entry(kind, namespace, name);
    if (!cur) return undefined;
    const draft = copyOf(cur);
    fn(draft);
    const m = draft.metadata;
    if (draft.kind !== kind || m?.name !== name || nsKey(kind, m.namespace) !== nsKey(kind, namespace)) {
      throw new ObjectStoreError(422, 'Invalid', `mutate may not change the kind, name or namespace of ${lower(kind)} "${name}"`);
    }
    const obj = normalize(draft as NewObj);
    return this.replace(cur, obj);
  }

  /** Removes an object and returns its last state (with the deletion's resourceVersion), or undefined when absent.
   * Cascades to dependents (ownerReferences by uid) and, for a Namespace, to everything in it. */
  delete(kind: Kind, namespace: string | null, name: string): Obj | undefined {
    const cur = this.index.entry(kind, namespace, name);
    if (!cur) return undefined;
    const result = this.remove(kind, cur);
    this.cascade(kind, cur.obj);
    return result;
  }

  /** Calls fn synchronously after each write, in revision order, with a private copy of the object. */
  subscribe(fn: (ev: WatchEvent) => void): () => void {
    return this.events.subscribe(fn);
  }

  /** Like subscribe, with the shared frozen object and cached JSON (for HTTP watches). */
  subscribeRaw(fn: (ev: RawEvent) => void): () => void {
    return this.events.subscribeRaw(fn);
  }

  /** Events with rv > sinceRv (copies), or 'expired' when some of them have been forgotten. */
  history(sinceRv: number): WatchEvent[] | 'expired' {
    const raw = this.historyRaw(sinceRv);
    if (raw === 'expired') return raw;
    return raw.map((e) => ({ type: e.type, rv: e.rv, object: JSON.parse(e.json()) as Obj }));
  }

  /** Like history, sharing the stored objects. */
  historyRaw(sinceRv: number): RawEvent[] | 'expired' {
    return this.events.historyRaw(sinceRv);
  }

  /** Fault injection: forget the event log, so every resume from an older resourceVersion gets 'expired'. */
  expireHistory(): void {
    this.events.expire(this.rev);
  }

  // ---- internals ----

  private replace(cur: Entry, obj: Obj): Obj {
    const old = cur.obj;
    const meta = obj.metadata;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (GENERATION_KINDS.has(obj.kind)) {
      const oldGen = old.metadata.generation ?? 1;
      meta.generation = JSON.stringify(obj.spec ?? null) === JSON.stringify(old.spec ?? null) ? oldGen : oldGen + 1;
    }
    meta.resourceVersion = old.metadata.resourceVersion;
    if (sameContent(old, obj)) return copyOf(cur);
    const rv = ++this.rev;
    meta.resourceVersion = String(rv);
    const entry: Entry = { obj: deepFreeze(obj) };
    this.index.put(obj.kind, nsKey(obj.kind, meta.namespace), meta.name, entry);
    this.events.emit({ type: 'MODIFIED', rv, entry, prev: old });
    return copyOf(entry);
  }

  private remove(kind: Kind, cur: Entry): Obj {
    this.index.drop(kind, cur);
    const rv = ++this.rev;
    // The DELETED event carries the deletion's resourceVersion, as the real API server's does.
    const last = JSON.parse(entryJson(cur)) as Obj;
    last.metadata.resourceVersion = String(rv);
    const entry: Entry = { obj: deepFreeze(last) };
    this.events.emit({ type: 'DELETED', rv, entry });
    return copyOf(entry);
  }

  private cascade(kind: Kind, owner: Readonly<Obj>): void {
    // Iterative so a deep ownership chain (Deployment → ReplicaSet → Pod) cannot overflow the stack.
    const queue: { kind: Kind; obj: Readonly<Obj> }[] = [{ kind, obj: owner }];
    for (let i = 0; i < queue.length && i < 1_000_000; i++) {
      const { kind: k, obj } = queue[i];
      const victims = this.index.takeDependents(obj.metadata.uid);
      if (k === 'Namespace') victims.push(...this.index.namespaceContents(obj.metadata.name));
      for (const v of victims) {
        const still = this.index.entry(v.obj.kind, v.obj.metadata.namespace ?? null, v.obj.metadata.name);
        if (still !== v) continue; // already removed through another path
        this.remove(v.obj.kind, v);
        queue.push({ kind: v.obj.kind, obj: v.obj });
      }
    }
  }
}
