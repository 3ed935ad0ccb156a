/**
 * The object index: one cache per listed kind (lib/view/kinds), keyed like the informers key them. It keeps
 * the plain objects and reports every real change (not resyncs of the same version) to its listener.
 */
import type { KubeByResource, KubeObject, KubeResource } from '../kube';
import { objectKey } from '../kube';
import { KIND_LIST } from '../kinds';
import { sameVersion } from './util';

export type Caches = { [R in KubeResource]: Map<string, KubeByResource[R]> };

export type ChangeListener = (resource: KubeResource, key: string, old: KubeObject | undefined, obj: KubeObject | undefined) => void;

export class ObjectIndex {
  readonly raw: Caches;

  constructor(private readonly changed: ChangeListener) {
    this.raw = Object.fromEntries(KIND_LIST.map((k) => [k.resource, new Map()])) as unknown as Caches;
  }

  private cache(resource: KubeResource): Map<string, KubeObject> {
    return this.raw[resource] as Map<string, KubeObject>;
  }

  upsert(resource: KubeResource, obj: KubeObject): void {
    const key = objectKey(obj.metadata);
    const map = this.cache(resource);
    const old = map.get(key);
    if (old && sameVersion(old, obj)) return;
    map.set(key, obj);
    this.changed(resource, key, old, obj);
  }

  remove(resource: KubeResource, obj: KubeObject): void {
    const key = objectKey(obj.metadata);
    const map = this.cache(resource);
    const old = map.get(key);
    if (!old) return;
    map.delete(key);
    this.changed(resource, key, old, undefined);
  }

  /** A (re)list: the resource's complete contents; anything not in it is gone. */
  replace(resource: KubeResource, objects: KubeObject[]): void {
    const map = this.cache(resource);
    const keep = new Set(objects.map((o) => objectKey(o.metadata)));
    for (const [key, old] of [...map.entries()]) if (!keep.has(key)) this.remove(resource, old);
    for (const o of objects) this.upsert(resource, o);
  }

  get<R extends KubeResource>(resource: R, key: string): KubeByResource[R] | undefined {
    return this.raw[resource].get(key) as KubeByResource[R] | undefined;
  }

  list<R extends KubeResource>(resource: R): KubeByResource[R][] {
    return [...this.raw[resource].values()] as KubeByResource[R][];
  }

  counts(): Record<KubeResource, number> {
    const out = {} as Record<KubeResource, number>;
    for (const r of Object.keys(this.raw) as KubeResource[]) out[r] = this.raw[r].size;
    return out;
  }
}
