/** The event row and the order events are listed in. */
import type { KubeEvent } from '../kube';
import type { EventView } from '../model';

/** When the event last happened, as the newest of the timestamps Kubernetes may fill. */
export function eventLastSeen(ev: KubeEvent): string | null {
  return ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp ?? ev.metadata.creationTimestamp ?? null;
}

/** An event's row. */
export function eventView(ev: KubeEvent): EventView {
  const io = ev.involvedObject ?? {};
  return {
    id: ev.metadata.uid,
    namespace: ev.metadata.namespace ?? '',
    type: ev.type ?? 'Normal',
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    object: { kind: io.kind ?? '', name: io.name ?? '', namespace: io.namespace ?? null },
    count: ev.series?.count ?? ev.count ?? 1,
    lastSeen: eventLastSeen(ev),
    source: ev.reportingComponent || ev.source?.component || null,
  };
}

function timeOf(iso: string | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : -Infinity;
}

/** Newest first; events without a time last; ties by id so the order is total. */
export function compareEvents(a: EventView, b: EventView): number {
  const ta = timeOf(a.lastSeen);
  const tb = timeOf(b.lastSeen);
  if (ta !== tb) return tb > ta ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
