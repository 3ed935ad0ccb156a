/**
 * What `kubectl get pods` prints in READY, STATUS and RESTARTS, computed from the pod object the same way
 * kubectl's printer does: init containers first ("Init:1/2", "Init:CrashLoopBackOff"), then the regular
 * containers' waiting/terminated reasons, then Terminating when a deletion is pending.
 */
import type { ContainerStatus, KubeContainer, KubePod } from './kube';

export interface PodStatusColumns {
  status: string;
  ready: string;
  restarts: number;
}

function isSidecar(c: KubeContainer | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(pod: KubePod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function terminatedReason(prefix: string, t: { reason?: string; exitCode?: number; signal?: number }): string {
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

/** READY, STATUS and RESTARTS as kubectl shows them for this pod. */
export function podStatusColumns(pod: KubePod): PodStatusColumns {
  const status = pod.status ?? {};
  const initSpecs = pod.spec.initContainers ?? [];
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  const statuses: ContainerStatus[] = status.containerStatuses ?? [];
  let reason = status.reason || status.phase || 'Unknown';
  let restarts = 0;
  let readyCount = 0;
  // Native sidecars count toward READY like regular containers.
  const total = pod.spec.containers.length + initSpecs.filter(isSidecar).length;

  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const spec = initSpecs.find((c) => c.name === cs.name);
    restarts += cs.restartCount ?? 0;
    if (isSidecar(spec)) {
      if (cs.ready) readyCount++;
      if (cs.started) continue;
    }
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (term) reason = terminatedReason('Init:', term);
    else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    // Init restarts stay in the count only for sidecars; kubectl resets to the regular containers here.
    restarts = initStatuses
      .filter((cs) => isSidecar(initSpecs.find((c) => c.name === cs.name)))
      .reduce((sum, cs) => sum + (cs.restartCount ?? 0), 0);
    let hasRunning = false;
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = terminatedReason('', term);
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyCount++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return { status: reason, ready: `${readyCount}/${total}`, restarts };
}

/** Requests/limits of one container in canonical keys, empty when unset. */
function resourceKeys(c: KubeContainer): { req: Record<string, unknown>; lim: Record<string, unknown> } {
  return { req: c.resources?.requests ?? {}, lim: c.resources?.limits ?? {} };
}

/**
 * The pod's QoS class: status.qosClass when the API server set it, else computed like Kubernetes does
 * (Guaranteed when every container has CPU and memory limits equal to its requests, BestEffort when no
 * container sets any, Burstable otherwise).
 */
export function podQos(pod: KubePod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const { req, lim } = resourceKeys(c);
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (q !== undefined || l !== undefined) any = true;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** True once the pod has finished (Succeeded or Failed): the scheduler no longer counts its requests. */
export function isTerminated(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
