/**
 * Event ordering: every Kubernetes Event, newest first (compareEvents), kept sorted by binary insertion so
 * that one event costs a splice. The view shows the first maxEvents; pod details read all of them.
 */
import type { KubeEvent } from '../kube';
import type { EventView } from '../model';
import { compareEvents, eventView } from '../rows';
import type { Outbox } from './outbox';

export class EventOrder {
  private readonly byKey = new Map<string, EventView>();
  private readonly byId = new Map<string, EventView>();
  private sorted: EventView[] = [];
  private shown = new Set<string>();
  private readonly changed = new Set<string>();

  refresh(key: string, obj: KubeEvent | undefined): void {
    const prev = this.byKey.get(key);
    if (prev) {
      const i = this.indexOf(prev);
      if (i >= 0) this.sorted.splice(i, 1);
      this.byKey.delete(key);
      this.byId.delete(prev.id);
    }
    if (obj) {
      const v = eventView(obj);
      this.byKey.set(key, v);
      this.byId.set(v.id, v);
      this.sorted.splice(this.insertionPoint(v), 0, v);
      this.changed.add(v.id);
    }
  }

  private insertionPoint(v: EventView): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEvents(this.sorted[mid], v) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(v: EventView): number {
    const i = this.insertionPoint(v);
    return this.sorted[i]?.id === v.id ? i : this.sorted.findIndex((e) => e.id === v.id);
  }

  /** Moves what the shown window gained, lost or changed into the outbox. */
  settle(maxEvents: number, out: Outbox): void {
    const top = this.sorted.slice(0, maxEvents);
    const topIds = new Set(top.map((e) => e.id));
    for (const id of this.shown) if (!topIds.has(id)) out.markRemoved('events', id);
    for (const e of top) if (!this.shown.has(e.id) || this.changed.has(e.id)) out.markUpsert('events', e.id);
    this.shown = topIds;
    this.changed.clear();
  }

  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  get(id: string): EventView | undefined {
    return this.byId.get(id);
  }

  /** The newest `max` events. */
  top(max: number): EventView[] {
    return this.sorted.slice(0, max);
  }

  /** Every event about one object, newest first. */
  about(kind: string, name: string, namespace: string): EventView[] {
    return this.sorted.filter((e) => e.object.kind === kind && e.object.name === name && (e.object.namespace ?? e.namespace) === namespace);
  }
}
