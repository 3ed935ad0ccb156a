import { k8sTime, type Obj, type Store } from '../store';

/**
 * Records core/v1 Events the way the Kubernetes event recorder does: a repeat of the same reason and
 * message for the same object bumps `count` and `lastTimestamp` instead of adding a new Event. The
 * recorder keeps at most `limit` of its own Events (oldest removed first), standing in for the API
 * server's one-hour event TTL so long churn runs stay bounded.
 */
export class EventRecorder {
  private readonly byKey = new Map<string, { namespace: string; name: string }>();
  private seq = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly limit = 2000,
  ) {}

  /** Records `reason`/`message` about `obj` from `component` (and `host`, for kubelet events). */
  record(obj: Obj, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string, fieldPath?: string): void {
    const meta = obj.metadata;
    const namespace = meta.namespace ?? 'default';
    const key = `${meta.uid}|${reason}|${message}|${fieldPath ?? ''}`;
    const at = k8sTime(this.now());
    const seen = this.byKey.get(key);
    if (seen) {
      const bumped = this.store.mutate('Event', seen.namespace, seen.name, (e) => {
        e.count = (typeof e.count === 'number' ? e.count : 1) + 1;
        e.lastTimestamp = at;
      });
      if (bumped) {
        // Move to the back of the eviction order.
        this.byKey.delete(key);
        this.byKey.set(key, seen);
        return;
      }
      this.byKey.delete(key);
    }
    this.seq += 1;
    // Like the real recorder: <object>.<hex timestamp>, with a sequence number so names never collide.
    const name = `${meta.name}.${(BigInt(this.now().getTime()) * 1_000_000n + BigInt(this.seq % 1_000_000)).toString(16)}`;
    this.store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: meta.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
    this.byKey.set(key, { namespace, name });
    while (this.byKey.size > this.limit) {
      const [oldKey, old] = this.byKey.entries().next().value as [string, { namespace: string; name: string }];
      this.byKey.delete(oldKey);
      this.store.delete('Event', old.namespace, old.name);
    }
  }
}
