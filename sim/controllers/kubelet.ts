import type { Obj, WatchEvent } from '../store';
import { runningStatus } from './objects';
import { podSpec } from './placement';
import { DELAYS, keyOf, splitKey, type Controller, type Runtime } from './runtime';

/**
 * The kubelets: a pod bound to a node starts after a short delay (longer on Fargate, which provisions
 * a micro-VM per pod) with the usual Pulling/Pulled/Created/Started events, and becomes Running and
 * Ready. A pod bound without addresses (created with spec.nodeName) gets them here. A deleted pod
 * gives its IP back to the subnet.
 */
export function kubeletController(rt: Runtime): Controller {
  const { store, aws } = rt;
  const starting = new Set<string>();

  function needsStart(pod: Readonly<Obj>): boolean {
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const status = (pod.status ?? {}) as { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] };
    if (!nodeName || pod.metadata.deletionTimestamp) return false;
    if (status.phase && status.phase !== 'Pending') return false;
    return !(status.containerStatuses ?? []).some((c) => c.state?.running);
  }

  function plan(pod: Readonly<Obj>): void {
    if (starting.has(pod.metadata.uid) || !needsStart(pod)) return;
    starting.add(pod.metadata.uid);
    const nodeName = (pod.spec as { nodeName: string }).nodeName;
    const key = keyOf(pod.metadata.namespace, pod.metadata.name);
    const uid = pod.metadata.uid;
    const seconds = nodeName.startsWith('fargate-') ? DELAYS.fargatePodStart : DELAYS.ec2PodStart;
    // A little jitter so a Deployment's pods do not all start in the same instant.
    rt.timers.after(rt.delay(seconds * (0.8 + 0.4 * rt.rng())), () => start(key, uid));
  }

  function start(key: string, uid: string): void {
    starting.delete(uid);
    const [ns, name] = splitKey(key);
    const pod = store.getRaw('Pod', ns, name);
    if (!pod || pod.metadata.uid !== uid || !needsStart(pod)) return;
    const spec = podSpec(pod as Obj);
    const nodeName = spec.nodeName!;
    const node = store.getRaw('Node', null, nodeName);
    const nodeIp =
      ((node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '';
    const status = (pod.status ?? {}) as { hostIP?: string; podIP?: string; startTime?: string };
    const hostIP = status.hostIP || nodeIp;
    let podIP = status.podIP;
    if (!podIP) {
      const subnet = hostIP ? aws.subnetForIp(hostIP) : undefined;
      podIP = spec.hostNetwork || !subnet ? hostIP : aws.allocateIp(subnet.id, rt.rng) || hostIP;
    }
    const now = rt.ctx.now();
    for (const c of spec.containers) {
      const where = `spec.containers{${c.name}}`;
      rt.events.record(pod as Obj, 'Normal', 'Pulling', `Pulling image "${c.image ?? ''}"`, 'kubelet', nodeName, where);
      const secs = (0.5 + 2 * rt.rng()).toFixed(3);
      rt.events.record(pod as Obj, 'Normal', 'Pulled', `Successfully pulled image "${c.image ?? ''}" in ${secs}s (${secs}s including waiting)`, 'kubelet', nodeName, where);
      rt.events.record(pod as Obj, 'Normal', 'Created', `Created container ${c.name}`, 'kubelet', nodeName, where);
      rt.events.record(pod as Obj, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', nodeName, where);
    }
    store.mutate('Pod', ns, name, (o) => {
      o.status = runningStatus(o, { hostIP, podIP: podIP!, startedAt: now, scheduledAt: status.startTime ? new Date(status.startTime) : now });
    });
  }

  return {
    onStore(ev: WatchEvent) {
      const o = ev.object;
      if (o.kind !== 'Pod') return;
      if (ev.type === 'DELETED') {
        starting.delete(o.metadata.uid);
        const podIP = (o.status as { podIP?: string } | undefined)?.podIP;
        if (podIP && !(o.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork) aws.releaseIp(podIP);
        return;
      }
      plan(o);
    },
    start() {
      for (const { obj } of store.listRaw('Pod')) plan(obj);
    },
  };
}
