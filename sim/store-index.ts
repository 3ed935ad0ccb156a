/**
 * Where the store keeps its objects: frozen entries with cached JSON, filed by kind, namespace and name,
 * with the lookups the store needs (sorted listing, uid → location, owner uid → dependents).
 */
import { KINDS, ObjectStoreError, compareStrings, isNamespaced, nsKey, type Kind, type Obj } from './store-types';

export interface Entry {
  obj: Readonly<Obj>;
  json?: string;
  /** UTF-8 of json, for list responses (concatenating buffers is far cheaper than encoding a large string). */
  buf?: Buffer;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

export function entryJson(e: Entry): string {
  if (e.json === undefined) e.json = JSON.stringify(e.obj);
  return e.json;
}

export function entryBuffer(e: Entry): Buffer {
  if (e.buf === undefined) e.buf = Buffer.from(entryJson(e));
  return e.buf;
}

export function copyOf(e: Entry): Obj {
  return JSON.parse(entryJson(e)) as Obj;
}

/** Compares two objects ignoring resourceVersion (a no-op write must not produce an event). */
export function sameContent(a: Readonly<Obj>, b: Readonly<Obj>): boolean {
  const strip = (o: Readonly<Obj>) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: '' } });
  return strip(a) === strip(b);
}

export class ObjectIndex {
  private readonly data = new Map<Kind, Map<string, Map<string, Entry>>>();
  /** Sorted names per kind and namespace key; dropped when a name is added or removed (not on updates). */
  private readonly sortedNames = new Map<Kind, Map<string, string[]>>();
  private readonly byUid = new Map<string, { kind: Kind; ns: string; name: string }>();
  /** owner uid → uids of objects whose ownerReferences name it. */
  private readonly dependents = new Map<string, Set<string>>();

  constructor() {
    for (const k of KINDS) {
      this.data.set(k, new Map());
      this.sortedNames.set(k, new Map());
    }
  }

  hasUid(uid: string): boolean {
    return this.byUid.has(uid);
  }

  entry(kind: Kind, namespace: string | null | undefined, name: string): Entry | undefined {
    return this.data.get(kind)?.get(nsKey(kind, namespace))?.get(name);
  }

  /** Entries of a kind (in one namespace, or all when namespace is null/undefined), sorted by namespace then name. */
  entries(kind: Kind, namespace?: string | null): Entry[] {
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

  count(kind: Kind, namespace?: string | null): number {
    const byNs = this.data.get(kind)!;
    if (namespace != null && isNamespaced(kind)) return byNs.get(namespace)?.size ?? 0;
    let n = 0;
    for (const m of byNs.values()) n += m.size;
    return n;
  }

  /** Files an entry, replacing any under the same name. */
  put(kind: Kind, ns: string, name: string, entry: Entry): void {
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

  /** Unfiles a stored entry. */
  drop(kind: Kind, cur: Entry): void {
    const meta = cur.obj.metadata;
    const ns = nsKey(kind, meta.namespace);
    const m = this.data.get(kind)!.get(ns)!;
    m.delete(meta.name);
    this.sortedNames.get(kind)!.delete(ns);
    if (m.size === 0) this.data.get(kind)!.delete(ns);
    this.byUid.delete(meta.uid);
    this.unindexOwners(cur.obj);
  }

  /** The entries whose ownerReferences name ownerUid; forgets that owner's dependents set. */
  takeDependents(ownerUid: string): Entry[] {
    const out: Entry[] = [];
    const kids = this.dependents.get(ownerUid);
    if (kids) {
      for (const uid of [...kids]) {
        const at = this.byUid.get(uid);
        const e = at && this.entry(at.kind, at.ns, at.name);
        if (e) out.push(e);
      }
      this.dependents.delete(ownerUid);
    }
    return out;
  }

  /** Every entry in a namespace, kind by kind, each kind sorted by name. */
  namespaceContents(namespace: string): Entry[] {
    const out: Entry[] = [];
    for (const nk of KINDS) {
      if (!isNamespaced(nk)) continue;
      const m = this.data.get(nk)!.get(namespace);
      if (m) out.push(...[...m.keys()].sort(compareStrings).map((n) => m.get(n)!));
    }
    return out;
  }

  private unindexOwners(obj: Readonly<Obj>): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const s = this.dependents.get(ref.uid);
      if (!s) continue;
      s.delete(obj.metadata.uid);
      if (s.size === 0) this.dependents.delete(ref.uid);
    }
  }
}
