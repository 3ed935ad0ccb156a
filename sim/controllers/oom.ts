import { k8sTime, type Obj, type WatchEvent } from '../store';
import { CREEP_CYCLE_MS, patternOf, podSeed } from '../usage/patterns';
import type { Controller, Runtime } from './runtime';

/**
 * The kubelet's OOM kill of containers whose memory creeps (sim/usage/patterns.ts, "creep"): when such a
 * container's memory reaches its ceiling — one cycle of the usage clock after it started — it is killed and
 * restarted as a real kubelet does it: restartCount + 1, lastState.terminated with reason OOMKilled and exit code
 * 137, a new state.running.startedAt (from which the pattern climbs again), and the kubelet's events.
 */
type Status = { phase?: string; containerStatuses?: Record<string, unknown>[] };
type ContainerStatus = { name: string; restartCount?: number; containerID?: string; state?: { running?: { startedAt?: string } } };

export function oomController(rt: Runtime): Controller {
  const { store, ctx } = rt;
  /** "uid/container/startedAt" of every kill already scheduled: one timer per container life. */
  const scheduled = new Set<string>();

  function schedule(pod: Readonly<Obj>): void {
    const st = pod.status as Status | undefined;
    if (st?.phase !== 'Running' || pod.metadata.deletionTimestamp) return;
    const ns = pod.metadata.namespace ?? 'default';
    if (patternOf(pod.metadata.annotations, ctx.scenario, podSeed(ns, pod.metadata.name)) !== 'creep') return;
    for (const c of (st.containerStatuses ?? []) as ContainerStatus[]) {
      const started = c.state?.running?.startedAt;
      if (!started) continue;
      const id = `${pod.metadata.uid}/${c.name}/${started}`;
      if (scheduled.has(id)) continue;
      scheduled.add(id);
      const wrap = ctx.usageClock.of(Date.parse(started)) + CREEP_CYCLE_MS;
      rt.timers.after(ctx.usageClock.wallMsUntil(wrap), () => {
        scheduled.delete(id);
        kill(ns, pod.metadata.name, pod.metadata.uid, c.name, started);
      });
    }
  }

  function kill(ns: string, name: string, uid: string, container: string, started: string): void {
    const now = k8sTime(ctx.now());
    const updated = store.mutate('Pod', ns, name, (o) => {
      if (o.metadata.uid !== uid) return;
      const c = ((o.status as Status).containerStatuses ?? []).find((x) => x.name === container) as ContainerStatus | undefined;
      if (!c || c.state?.running?.startedAt !== started) return;
      Object.assign(c, {
        restartCount: (c.restartCount ?? 0) + 1,
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: started, finishedAt: now, containerID: c.containerID } },
        state: { running: { startedAt: now } },
      });
    });
    if (!updated) return;
    const node = (updated.spec as { nodeName?: string }).nodeName;
    rt.events.record(updated, 'Normal', 'Pulled', `Container image already present on machine`, 'kubelet', node, `spec.containers{${container}}`);
    rt.events.record(updated, 'Normal', 'Started', `Started container ${container}`, 'kubelet', node, `spec.containers{${container}}`);
  }

  return {
    onStore(ev: WatchEvent) {
      if (ev.object.kind === 'Pod' && ev.type !== 'DELETED') schedule(ev.object);
    },
    start() {
      for (const e of store.listRaw('Pod')) schedule(e.obj);
    },
  };
}
