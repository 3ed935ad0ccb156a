import { seededRng } from '../context';
import { k8sTime, type Obj, type WatchEvent } from '../store';
import { podReady } from './placement';
import { DELAYS, keyOf, splitKey, type Controller, type Runtime } from './runtime';

/**
 * Background churn at `ctx.churn` events per second, so a live dashboard has something to show:
 * deleting a workload pod (its ReplicaSet replaces it), restarting a container (restartCount + 1),
 * flipping a pod's readiness for a few seconds, and scaling a Deployment one replica up or back down
 * (never more than two above its starting size). Only pods owned by ReplicaSets outside kube-system
 * are touched. Events are spread evenly over time by a ticker, capped per tick, and drawn from a
 * generator seeded by ctx.seed.
 */

const TICK_MS = 250;
const MAX_PER_TICK = 50;
const MAX_EXTRA_REPLICAS = 2;

/** An array with O(1) add, remove and random pick. */
class Bag {
  private readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  add(k: string): void {
    if (this.index.has(k)) return;
    this.index.set(k, this.items.length);
    this.items.push(k);
  }

  remove(k: string): void {
    const i = this.index.get(k);
    if (i === undefined) return;
    const last = this.items.pop()!;
    if (last !== k) {
      this.items[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(k);
  }

  pick(rng: () => number): string | undefined {
    return this.items.length ? this.items[Math.floor(rng() * this.items.length)] : undefined;
  }

  get size(): number {
    return this.items.length;
  }
}

export function churnController(rt: Runtime): Controller {
  const { store, ctx } = rt;
  const rng = seededRng(ctx.seed ^ 0x0c4c4e);
  const pods = new Bag();
  const deployments = new Bag();
  const baseline = new Map<string, number>();
  let budget = 0;

  const eligible = (o: Readonly<Obj>) => o.metadata.namespace !== 'kube-system';

  function onStore(ev: WatchEvent): void {
    const o = ev.object;
    const key = keyOf(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Pod') {
      const owned = (o.metadata.ownerReferences ?? []).some((r) => r.kind === 'ReplicaSet');
      if (ev.type === 'DELETED' || !owned || !eligible(o)) pods.remove(key);
      else pods.add(key);
    } else if (o.kind === 'Deployment') {
      if (ev.type === 'DELETED' || !eligible(o)) {
        deployments.remove(key);
        baseline.delete(key);
      } else {
        deployments.add(key);
        if (!baseline.has(key)) baseline.set(key, Number((o.spec as { replicas?: number } | undefined)?.replicas ?? 1));
      }
    }
  }

  function runningPod(): Readonly<Obj> | undefined {
    for (let attempt = 0; attempt < 5; attempt++) {
      const key = pods.pick(rng);
      if (!key) return undefined;
      const [ns, name] = splitKey(key);
      const p = store.getRaw('Pod', ns, name);
      if (p && (p.status as { phase?: string } | undefined)?.phase === 'Running') return p;
    }
    return undefined;
  }

  function deletePod(): void {
    const p = runningPod();
    if (p) store.delete('Pod', p.metadata.namespace ?? null, p.metadata.name);
  }

  function restart(): void {
    const p = runningPod();
    if (!p) return;
    const now = k8sTime(ctx.now());
    const updated = store.mutate('Pod', p.metadata.namespace ?? null, p.metadata.name, (o) => {
      const statuses = ((o.status as { containerStatuses?: Record<string, unknown>[] }).containerStatuses ?? []);
      const c = statuses[0];
      if (!c) return;
      const started = (c.state as { running?: { startedAt?: string } } | undefined)?.running?.startedAt ?? now;
      c.restartCount = (typeof c.restartCount === 'number' ? c.restartCount : 0) + 1;
      c.lastState = { terminated: { exitCode: 137, reason: 'Error', startedAt: started, finishedAt: now, containerID: c.containerID } };
      c.state = { running: { startedAt: now } };
    });
    if (updated) {
      const c = ((updated.spec as { containers?: { name: string }[] }).containers ?? [])[0];
      const node = (updated.spec as { nodeName?: string }).nodeName;
      if (c) rt.events.record(updated, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', node, `spec.containers{${c.name}}`);
    }
  }

  function setReady(ns: string, name: string, uid: string, ready: boolean): Obj | undefined {
    const now = k8sTime(ctx.now());
    return store.mutate('Pod', ns, name, (o) => {
      if (o.metadata.uid !== uid) return;
      const st = o.status as { conditions?: Record<string, unknown>[]; containerStatuses?: Record<string, unknown>[]; phase?: string };
      if (st.phase !== 'Running') return;
      for (const c of st.conditions ?? []) {
        if (c.type !== 'Ready' && c.type !== 'ContainersReady') continue;
        if ((c.status === 'True') === ready) continue;
        c.status = ready ? 'True' : 'False';
        c.lastTransitionTime = now;
        if (ready) delete c.reason;
        else c.reason = 'ContainersNotReady';
      }
      for (const c of st.containerStatuses ?? []) c.ready = ready;
    });
  }

  function flipReadiness(): void {
    const p = runningPod();
    if (!p || !podReady(p as Obj)) return;
    const ns = p.metadata.namespace ?? 'default';
    const updated = setReady(ns, p.metadata.name, p.metadata.uid, false);
    if (updated) {
      const node = (updated.spec as { nodeName?: string }).nodeName;
      rt.events.record(updated, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', 'kubelet', node);
      rt.timers.after(rt.delay(DELAYS.readinessFlip), () => setReady(ns, p.metadata.name, p.metadata.uid, true));
    }
  }

  function scale(): void {
    const key = deployments.pick(rng);
    if (!key) return;
    const [ns, name] = splitKey(key);
    const base = baseline.get(key) ?? 1;
    store.mutate('Deployment', ns, name, (o) => {
      const spec = o.spec as { replicas?: number };
      const cur = spec.replicas ?? 1;
      spec.replicas = cur < base + MAX_EXTRA_REPLICAS && rng() < 0.5 ? cur + 1 : Math.max(base, cur - 1);
    });
  }

  function tick(): void {
    budget = Math.min(budget + (ctx.churn * TICK_MS) / 1000, MAX_PER_TICK);
    while (budget >= 1) {
      budget -= 1;
      const r = rng();
      if (r < 0.3) deletePod();
      else if (r < 0.6) restart();
      else if (r < 0.9) flipReadiness();
      else scale();
    }
  }

  return {
    onStore,
    start() {
      for (const kind of ['Pod', 'Deployment'] as const) for (const { obj } of store.listRaw(kind)) onStore({ type: 'ADDED', object: obj as Obj, rv: 0 });
      if (ctx.churn > 0) rt.timers.every(TICK_MS, tick);
    },
  };
}
