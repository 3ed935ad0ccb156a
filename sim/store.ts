/**
 * The simulator's object store: what etcd plus the API server's registry are to a real cluster.
 *
 * - One global revision counter; every write (create, update, mutate, delete) takes the next value and
 *   stamps it into metadata.resourceVersion, so resourceVersions are comparable across kinds like etcd's.
 * - Stored objects are deep-frozen internally and never handed out: get/list/subscribe give copies.
 *   The HTTP layer uses the `*Raw` methods, which share the frozen objects and their cached JSON, so a
 *   10,000-pod list is a string join rather than 10,000 deep copies.
 * - A bounded event log (history) lets watches resume from a resourceVersion; anything older than
 *   the log answers 'expired' (the server turns that into 410 Gone).
 * - Finalizers are not honoured: delete removes at once (no controller here would remove them).
 */
import { randomUUID } from 'node:crypto';

export type Kind =
  | 'Namespace'
  | 'Node'
  | 'Pod'
  | 'Service'
  | 'Endpoints'
  | 'Event'
  | 'Deployment'
  | 'ReplicaSet'
  | 'TargetGroupBinding'
  | 'Ingress';

export interface SimOwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface SimObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: SimOwnerReference[];
  generation?: number;
  deletionTimestamp?: string;
  finalizers?: string[];
}

/** A stored object: plain JSON, always with apiVersion and kind. */
export interface Obj {
  apiVersion: string;
  kind: Kind;
  metadata: SimObjectMeta;
  [field: string]: unknown;
}

/** Input to create: uid/resourceVersion/creationTimestamp are filled in (a given creationTimestamp is kept, so
 * scenarios can start pods hours in the past); name may come from generateName. */
export type NewObj = Omit<Obj, 'metadata'> & { metadata: Partial<SimObjectMeta> & { name?: string } };

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
  rv: number;
}

/** A stored object as the HTTP layer sees it: shared and frozen, with its serialized forms cached. */
export interface RawEntry {
  obj: Readonly<Obj>;
  json(): string;
  bytes(): Buffer;
}

/** A watch event as the HTTP layer sees it: the frozen stored object and its serialized form. */
export interface RawEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  object: Readonly<Obj>;
  /** JSON of `object`, computed once and shared by every watcher. */
  json(): string;
  /** For MODIFIED: the state before this write (selector-filtered watches need it). */
  prev?: Readonly<Obj>;
}

export class ObjectStoreError extends Error {
  constructor(
    readonly code: 404 | 409 | 422,
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

/** apiVersion of every kind the simulator serves. */
export const KIND_API_VERSION: Readonly<Record<Kind, string>> = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Endpoints: 'v1',
  Event: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  TargetGroupBinding: 'elbv2.k8s.aws/v1beta1',
  Ingress: 'networking.k8s.io/v1',
};

export const KINDS = Object.keys(KIND_API_VERSION) as Kind[];

/** True for kinds that live in a namespace (everything but Namespace and Node). */
export function isNamespaced(kind: Kind): boolean {
  return kind !== 'Namespace' && kind !== 'Node';
}

/** Kinds whose metadata.generation counts spec changes (what `kubectl rollout status` compares). */
const GENERATION_KINDS: ReadonlySet<Kind> = new Set<Kind>(['Deployment', 'ReplicaSet', 'TargetGroupBinding']);

// The alphabet Kubernetes uses for generateName suffixes (no vowels, no confusable digits).
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

interface Entry {
  obj: Readonly<Obj>;
  json?: string;
  /** UTF-8 of json, for list responses (concatenating buffers is far cheaper than encoding a large string). */
  buf?: Buffer;
}

interface LogEntry {
  type: WatchEvent['type'];
  rv: number;
  entry: Entry;
  prev?: Readonly<Obj>;
}

/** Kubernetes timestamps are RFC 3339 in UTC with whole seconds. */
export function k8sTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function entryJson(e: Entry): string {
  if (e.json === undefined) e.json = JSON.stringify(e.obj);
  return e.json;
}

function entryBuffer(e: Entry): Buffer {
  if (e.buf === undefined) e.buf = Buffer.from(entryJson(e));
  return e.buf;
}

function copyOf(e: Entry): Obj {
  return JSON.parse(entryJson(e)) as Obj;
}

/** Compares two objects ignoring resourceVersion (a no-op write must not produce an event). */
function sameContent(a: Readonly<Obj>, b: Readonly<Obj>): boolean {
  const strip = (o: Readonly<Obj>) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: '' } });
  return strip(a) === strip(b);
}

function nsKey(kind: Kind, namespace: string | null | undefined): string {
  return isNamespaced(kind) ? (namespace ?? '') : '';
}

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
  private readonly data = new Map<Kind, Map<string, Map<string, Entry>>>();
  /** Sorted names per kind and namespace key; dropped when a name is added or removed (not on updates). */
  private readonly sortedNames = new Map<Kind, Map<string, string[]>>();
  private readonly byUid = new Map<string, { kind: Kind; ns: string; name: string }>();
  /** owner uid → uids of objects whose ownerReferences name it. */
  private readonly dependents = new Map<string, Set<string>>();
  private log: LogEntry[] = [];
  /** Every event with rv > this is in the log; older ones are gone. */
  private compactedRv = 1;
  private readonly historyLimit: number;
  private readonly now: () => Date;
  private readonly rng: () => number;
  private readonly newUid: () => string;
  private readonly subscribers = new Set<(ev: WatchEvent) => void>();
  private readonly rawSubscribers = new Set<(ev: RawEvent) => void>();
  private readonly pending: LogEntry[] = [];
  private dispatching = false;

  constructor(opts: StoreOptions = {}) {
    this.historyLimit = Math.max(1, Math.floor(opts.historyLimit ?? 10_000));
    this.now = opts.now ?? (() => new Date());
    this.rng = opts.rng ?? Math.random;
    this.newUid = opts.newUid ?? randomUUID;
    for (const k of KINDS) {
      this.data.set(k, new Map());
      this.sortedNames.set(k, new Map());
    }
  }

  /** The global counter: the resourceVersion of the latest write. */
  get revision(): number {
    return this.rev;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestResumableRv(): number {
    return this.compactedRv;
  }

  /** A deep copy of one object, or undefined. */
  get(kind: Kind, namespace: string | null, name: string): Obj | undefined {
    const e = this.entry(kind, namespace, name);
    return e ? copyOf(e) : undefined;
  }

  /** The stored (frozen, shared) object: for read-only use by the HTTP layer. */
  getRaw(kind: Kind, namespace: string | null, name: string): Readonly<Obj> | undefined {
    return this.entry(kind, namespace, name)?.obj;
  }

  /** Deep copies of every object of a kind (in one namespace, or all when namespace is null/undefined),
   * sorted by namespace then name. */
  list(kind: Kind, namespace?: string | null): Obj[] {
    return this.entries(kind, namespace).map(copyOf);
  }

  /** Like list, but the frozen stored objects with their cached JSON (as a string or UTF-8 bytes); for the HTTP layer. */
  listRaw(kind: Kind, namespace?: string | null): RawEntry[] {
    return this.entries(kind, namespace).map((e) => ({ obj: e.obj, json: () => entryJson(e), bytes: () => entryBuffer(e) }));
  }

  /** Number of objects of a kind (cheap; no copies). */
  count(kind: Kind, namespace?: string | null): number {
    const byNs = this.data.get(kind)!;
    if (namespace != null && isNamespaced(kind)) return byNs.get(namespace)?.size ?? 0;
    let n = 0;
    for (const m of byNs.values()) n += m.size;
    return n;
  }

  /** Stores a new object. Fills uid, resourceVersion, creationTimestamp (kept when given) and the name
   * from generateName. Throws ObjectStoreError 409 AlreadyExists, or 422 Invalid for a malformed object. */
  create(input: NewObj): Obj {
    const obj = this.normalize(input);
    const kind = obj.kind;
    const meta = obj.metadata;
    const ns = nsKey(kind, meta.namespace);
    if (!meta.name) {
      if (!meta.generateName) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.name or metadata.generateName is required`);
      let name = '';
      for (let attempt = 0; attempt < 20; attempt++) {
        name = meta.generateName + this.suffix();
        if (!this.entry(kind, ns, name)) break;
      }
      meta.name = name;
    }
    this.validateName(kind, meta.name);
    if (this.entry(kind, ns, meta.name)) {
      throw new ObjectStoreError(409, 'AlreadyExists', `${lower(kind)} "${meta.name}" already exists`);
    }
    meta.uid = meta.uid || this.newUid();
    if (this.byUid.has(meta.uid)) throw new ObjectStoreError(409, 'AlreadyExists', `an object with uid ${meta.uid} already exists`);
    meta.creationTimestamp = meta.creationTimestamp || k8sTime(this.now());
    if (GENERATION_KINDS.has(kind) && meta.generation === undefined) meta.generation = 1;
    delete meta.deletionTimestamp;
    const rv = ++this.rev;
    meta.resourceVersion = String(rv);
    const entry: Entry = { obj: deepFreeze(obj) };
    this.put(kind, ns, meta.name, entry);
    this.emit({ type: 'ADDED', rv, entry });
    return copyOf(entry);
  }

  /** Replaces an object (by kind, namespace, name). uid and creationTimestamp are kept from the stored one.
   * 404 when absent; 409 Conflict when checkVersion is set and metadata.resourceVersion differs.
   * A write that changes nothing keeps the old resourceVersion and emits no event. */
  update(input: Obj, opts: { checkVersion?: boolean } = {}): Obj {
    const obj = this.normalize(input as NewObj);
    const kind = obj.kind;
    const meta = obj.metadata;
    const ns = nsKey(kind, meta.namespace);
    if (!meta.name) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.name is required`);
    const cur = this.entry(kind, ns, meta.name);
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
    const cur = this.entry(kind, namespace, name);
    if (!cur) return undefined;
    const draft = copyOf(cur);
    fn(draft);
    const m = draft.metadata;
    if (draft.kind !== kind || m?.name !== name || nsKey(kind, m.namespace) !== nsKey(kind, namespace)) {
      throw new ObjectStoreError(422, 'Invalid', `mutate may not change the kind, name or namespace of ${lower(kind)} "${name}"`);
    }
    const obj = this.normalize(draft as NewObj);
    return this.replace(cur, obj);
  }

  /** Removes an object and returns its last state (with the deletion's resourceVersion), or undefined when absent.
   * Cascades to dependents (ownerReferences by uid) and, for a Namespace, to everything in it. */
  delete(kind: Kind, namespace: string | null, name: string): Obj | undefined {
    const cur = this.entry(kind, namespace, name);
    if (!cur) return undefined;
    const result = this.remove(kind, cur);
    this.cascade(kind, cur.obj);
    return result;
  }

  /** Calls fn synchronously after each write, in revision order, with a private copy of the object. */
  subscribe(fn: (ev: WatchEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  }

  /** Like subscribe, with the shared frozen object and cached JSON (for HTTP watches). */
  subscribeRaw(fn: (ev: RawEvent) => void): () => void {
    this.rawSubscribers.add(fn);
    return () => void this.rawSubscribers.delete(fn);
  }

  /** Events with rv > sinceRv (copies), or 'expired' when some of them have been forgotten. */
  history(sinceRv: number): WatchEvent[] | 'expired' {
    const raw = this.historyRaw(sinceRv);
    if (raw === 'expired') return raw;
    return raw.map((e) => ({ type: e.type, rv: e.rv, object: JSON.parse(e.json()) as Obj }));
  }

  /** Like history, sharing the stored objects. */
  historyRaw(sinceRv: number): RawEvent[] | 'expired' {
    if (!Number.isFinite(sinceRv) || sinceRv < this.compactedRv) return 'expired';
    // Binary search: the log is sorted by rv.
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid].rv <= sinceRv) lo = mid + 1;
      else hi = mid;
    }
    return this.log.slice(lo).map(toRaw);
  }

  /** Fault injection: forget the event log, so every resume from an older resourceVersion gets 'expired'. */
  expireHistory(): void {
    this.log = [];
    this.compactedRv = this.rev;
  }

  // ---- internals ----

  private entry(kind: Kind, namespace: string | null | undefined, name: string): Entry | undefined {
    return this.data.get(kind)?.get(nsKey(kind, namespace))?.get(name);
  }

  private entries(kind: Kind, namespace?: string | null): Entry[] {
    const byNs = this.data.get(kind);
    if (!byNs) throw new ObjectStoreError(422, 'Invalid', `unknown kind ${String(kind)}`);
    const cache = this.sortedNames.get(kind)!;
    const sortedValues = (ns: string, m: Map<string, Entry>) => {
      let names = cache.get(ns);
      if (!names) cache.set(ns, (names = [...m.keys()].sort(compareStrings)));
      return names.map((k) => m.get(k)!);
    };
    if (namespace != null && isNamespaced(kind)) {
      const m = byNs.get(namespace);
      return m ? sortedValues(namespace, m) : [];
    }
    const out: Entry[] = [];
    for (const ns of [...byNs.keys()].sort(compareStrings)) {
      for (const e of sortedValues(ns, byNs.get(ns)!)) out.push(e);
    }
    return out;
  }

  private put(kind: Kind, ns: string, name: string, entry: Entry): void {
    const byNs = this.data.get(kind)!;
    let m = byNs.get(ns);
    if (!m) byNs.set(ns, (m = new Map()));
    const prev = m.get(name);
    if (prev) this.unindexOwners(prev.obj);
    else this.sortedNames.get(kind)!.delete(ns);
    m.set(name, entry);
    // Serialize once per write, so that no list request pays for thousands of encodings at once.
    entryBuffer(entry);
    this.byUid.set(entry.obj.metadata.uid, { kind, ns, name });
    for (const ref of entry.obj.metadata.ownerReferences ?? []) {
      let s = this.dependents.get(ref.uid);
      if (!s) this.dependents.set(ref.uid, (s = new Set()));
      s.add(entry.obj.metadata.uid);
    }
  }

  private unindexOwners(obj: Readonly<Obj>): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const s = this.dependents.get(ref.uid);
      if (!s) continue;
      s.delete(obj.metadata.uid);
      if (s.size === 0) this.dependents.delete(ref.uid);
    }
  }

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
    this.put(obj.kind, nsKey(obj.kind, meta.namespace), meta.name, entry);
    this.emit({ type: 'MODIFIED', rv, entry, prev: old });
    return copyOf(entry);
  }

  private remove(kind: Kind, cur: Entry): Obj {
    const meta = cur.obj.metadata;
    const ns = nsKey(kind, meta.namespace);
    const m = this.data.get(kind)!.get(ns)!;
    m.delete(meta.name);
    this.sortedNames.get(kind)!.delete(ns);
    if (m.size === 0) this.data.get(kind)!.delete(ns);
    this.byUid.delete(meta.uid);
    this.unindexOwners(cur.obj);
    const rv = ++this.rev;
    // The DELETED event carries the deletion's resourceVersion, as the real API server's does.
    const last = JSON.parse(entryJson(cur)) as Obj;
    last.metadata.resourceVersion = String(rv);
    const entry: Entry = { obj: deepFreeze(last) };
    this.emit({ type: 'DELETED', rv, entry });
    return copyOf(entry);
  }

  private cascade(kind: Kind, owner: Readonly<Obj>): void {
    // Iterative so a deep ownership chain (Deployment → ReplicaSet → Pod) cannot overflow the stack.
    const queue: { kind: Kind; obj: Readonly<Obj> }[] = [{ kind, obj: owner }];
    for (let i = 0; i < queue.length && i < 1_000_000; i++) {
      const { kind: k, obj } = queue[i];
      const victims: Entry[] = [];
      const kids = this.dependents.get(obj.metadata.uid);
      if (kids) {
        for (const uid of [...kids]) {
          const at = this.byUid.get(uid);
          const e = at && this.entry(at.kind, at.ns, at.name);
          if (e) victims.push(e);
        }
        this.dependents.delete(obj.metadata.uid);
      }
      if (k === 'Namespace') {
        for (const nk of KINDS) {
          if (!isNamespaced(nk)) continue;
          const m = this.data.get(nk)!.get(obj.metadata.name);
          if (m) victims.push(...[...m.keys()].sort(compareStrings).map((n) => m.get(n)!));
        }
      }
      for (const v of victims) {
        const still = this.entry(v.obj.kind, v.obj.metadata.namespace ?? null, v.obj.metadata.name);
        if (still !== v) continue; // already removed through another path
        this.remove(v.obj.kind, v);
        queue.push({ kind: v.obj.kind, obj: v.obj });
      }
    }
  }

  private emit(le: LogEntry): void {
    this.log.push(le);
    const slack = Math.max(64, this.historyLimit >> 2);
    if (this.log.length > this.historyLimit + slack) {
      const drop = this.log.length - this.historyLimit;
      this.compactedRv = this.log[drop - 1].rv;
      this.log = this.log.slice(drop);
    }
    // Queue, so that a subscriber writing from inside its callback cannot reorder events for the others.
    this.pending.push(le);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const raw = toRaw(next);
        for (const fn of [...this.rawSubscribers]) safeCall(() => fn(raw));
        for (const fn of [...this.subscribers]) {
          safeCall(() => fn({ type: next!.type, rv: next!.rv, object: copyOf(next!.entry) }));
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** Deep-copies input and checks the shape every stored object must have. */
  private normalize(input: NewObj): Obj {
    if (!input || typeof input !== 'object') throw new ObjectStoreError(422, 'Invalid', 'object must be a JSON object');
    const kind = input.kind as Kind;
    if (!KINDS.includes(kind)) throw new ObjectStoreError(422, 'Invalid', `unsupported kind ${JSON.stringify(input.kind)}`);
    if (input.apiVersion !== KIND_API_VERSION[kind]) {
      throw new ObjectStoreError(422, 'Invalid', `${kind} must have apiVersion ${KIND_API_VERSION[kind]}, got ${JSON.stringify(input.apiVersion)}`);
    }
    const obj = JSON.parse(JSON.stringify(input)) as Obj;
    const meta = (obj.metadata ?? {}) as SimObjectMeta;
    if (typeof meta !== 'object' || Array.isArray(meta)) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata must be an object`);
    obj.metadata = meta;
    if (isNamespaced(kind)) {
      if (!meta.namespace) throw new ObjectStoreError(422, 'Invalid', `${kind} ${meta.name ?? ''}: metadata.namespace is required`);
      if (!DNS_LABEL.test(meta.namespace)) throw new ObjectStoreError(422, 'Invalid', `${kind}: invalid namespace ${JSON.stringify(meta.namespace)}`);
    } else if (meta.namespace) {
      throw new ObjectStoreError(422, 'Invalid', `${kind} is cluster-scoped: metadata.namespace must be empty, got ${JSON.stringify(meta.namespace)}`);
    } else {
      delete meta.namespace;
    }
    for (const field of ['labels', 'annotations'] as const) {
      const m = meta[field];
      if (m === undefined || m === null) {
        delete meta[field];
        continue;
      }
      if (typeof m !== 'object' || Array.isArray(m)) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.${field} must be a map of strings`);
      for (const [k, v] of Object.entries(m)) {
        if (typeof v !== 'string') throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.${field}.${k} must be a string, got ${JSON.stringify(v)}`);
      }
    }
    if (meta.ownerReferences !== undefined) {
      if (!Array.isArray(meta.ownerReferences) || meta.ownerReferences.some((r) => !r || typeof r.uid !== 'string' || !r.uid)) {
        throw new ObjectStoreError(422, 'Invalid', `${kind}: every metadata.ownerReferences entry needs a uid`);
      }
    }
    return obj;
  }

  private validateName(kind: Kind, name: string): void {
    const ok = kind === 'Namespace' ? DNS_LABEL.test(name) && name.length <= 63 : DNS_SUBDOMAIN.test(name) && name.length <= 253;
    if (!ok) {
      throw new ObjectStoreError(
        422,
        'Invalid',
        `${kind} "${name}" is invalid: metadata.name: a lowercase RFC 1123 ${kind === 'Namespace' ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      );
    }
  }

  private suffix(): string {
    let s = '';
    for (let i = 0; i < 5; i++) s += SUFFIX_ALPHABET[Math.floor(this.rng() * SUFFIX_ALPHABET.length) % SUFFIX_ALPHABET.length];
    return s;
  }
}

function toRaw(le: LogEntry): RawEvent {
  const raw: RawEvent = { type: le.type, rv: le.rv, object: le.entry.obj, json: () => entryJson(le.entry) };
  if (le.prev) raw.prev = le.prev;
  return raw;
}

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    // A failing subscriber must not stop the others or the write that triggered it.
    console.error('store subscriber failed:', err);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lower(kind: Kind): string {
  return kind.toLowerCase();
}

/** The resource (plural) name of a kind, e.g. Pod → pods, Endpoints → endpoints. */
export function plural(kind: Kind): string {
  if (kind === 'Endpoints') return 'endpoints';
  return kind.toLowerCase() + 's';
}
