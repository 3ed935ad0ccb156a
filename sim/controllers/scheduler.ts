import type { FargateProfile } from '../aws/state';
import { fargateFit } from '../rules/fargate-sizing';
import { chooseProfile } from '../rules/profile-match';
import type { Obj, WatchEvent } from '../store';
import {
  COMPUTE_TYPE_LABEL,
  creatingStatus,
  DEFAULT_SCHEDULER,
  FARGATE_SCHEDULER,
  fargateNode,
  fargateNodeName,
  PROFILE_LABEL,
  SYSTEM_NODE_CRITICAL,
  unschedulableStatus,
} from './objects';
import {
  fargateIncompatibility,
  matchesNodeSelection,
  nodeAllocatable,
  nodeReady,
  podActive,
  podRequest,
  podSpec,
  untoleratedTaint,
} from './placement';
import { keyOf, splitKey, type Controller, type Runtime } from './runtime';

/**
 * The two schedulers of a mixed EKS cluster.
 *
 * - Fargate: a new pod matching an ACTIVE profile (first by name) is mutated as EKS's webhook does
 *   (fargate-scheduler, profile label, system-node-critical) and gets its own `fargate-ip-…` Node with
 *   an address from the profile's subnets and the `CapacityProvisioned` annotation from the simulator's
 *   own sizing rules (sim/rules, kept apart from the engine it checks). Too large or unsupported pods
 *   stay Pending with the fargate-scheduler's reason and Event.
 *   The match happens once, at the pod's first scheduling: later profile changes do not move it.
 * - Default: other pods are bin-packed onto Ready EC2 nodes by requests against allocatable, honouring
 *   taints (the Fargate taint keeps them off Fargate nodes), nodeSelector and required node affinity;
 *   otherwise Pending with the default-scheduler's "0/N nodes are available: …" message, retried when
 *   capacity appears.
 * A deleted Fargate pod takes its node with it.
 */

interface NodeInfo {
  name: string;
  fargate: boolean;
  ip: string | null;
  alloc: { cpuMillis: number; memoryBytes: number; pods: number };
  node: Readonly<Obj>;
}

interface Usage {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
}

const MAX_RETRIES_PER_PASS = 1000;

function podCondition(pod: Readonly<Obj>, type: string): { status: string; reason?: string } | undefined {
  const conds = (pod.status as { conditions?: { type: string; status: string; reason?: string }[] } | undefined)?.conditions ?? [];
  return conds.find((c) => c.type === type);
}

function internalIp(node: Readonly<Obj>): string | null {
  const addrs = (node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? null;
}

export function schedulerController(rt: Runtime): Controller {
  const { store, aws } = rt;
  const nodes = new Map<string, NodeInfo>();
  const usage = new Map<string, Usage>();
  const podUsage = new Map<string, { node: string; cpuMillis: number; memoryBytes: number }>();
  const unschedulable = new Set<string>();

  function account(key: string, pod: Readonly<Obj> | null): void {
    const prev = podUsage.get(key);
    const nodeName = pod ? (pod.spec as { nodeName?: string } | undefined)?.nodeName : undefined;
    let next: { node: string; cpuMillis: number; memoryBytes: number } | undefined;
    if (pod && nodeName && podActive(pod as Obj)) {
      let req = { cpuMillis: 0, memoryBytes: 0 };
      try {
        req = podRequest(pod as Obj);
      } catch {
        // A malformed quantity counts as zero; the pod's own events say what is wrong.
      }
      next = { node: nodeName, ...req };
    }
    if (prev) {
      const u = usage.get(prev.node);
      if (u) {
        u.cpuMillis -= prev.cpuMillis;
        u.memoryBytes -= prev.memoryBytes;
        u.pods -= 1;
      }
      podUsage.delete(key);
    }
    if (next) {
      let u = usage.get(next.node);
      if (!u) usage.set(next.node, (u = { cpuMillis: 0, memoryBytes: 0, pods: 0 }));
      u.cpuMillis += next.cpuMillis;
      u.memoryBytes += next.memoryBytes;
      u.pods += 1;
      podUsage.set(key, next);
    }
  }

  const enqueue = (key: string) => rt.queue.add(`schedule:${key}`, () => schedule(key));

  function retryPending(): void {
    let n = 0;
    for (const key of unschedulable) {
      if (n++ >= MAX_RETRIES_PER_PASS) break;
      enqueue(key);
    }
  }

  function onStore(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Node') {
      if (ev.type === 'DELETED') nodes.delete(o.metadata.name);
      else {
        const fargate = o.metadata.labels?.['eks.amazonaws.com/compute-type'] === 'fargate';
        nodes.set(o.metadata.name, { name: o.metadata.name, fargate, ip: internalIp(o), alloc: nodeAllocatable(o), node: o });
        if (!fargate && unschedulable.size > 0) retryPending();
      }
      return;
    }
    if (o.kind !== 'Pod') return;
    const key = keyOf(o.metadata.namespace, o.metadata.name);
    const hadNode = podUsage.get(key)?.node;
    account(key, ev.type === 'DELETED' ? null : o);
    if (ev.type === 'DELETED') {
      unschedulable.delete(key);
      const nodeName = (o.spec as { nodeName?: string } | undefined)?.nodeName;
      if (nodeName && nodeName.startsWith('fargate-') && nodes.get(nodeName)?.fargate) {
        rt.queue.add(`fargate-node-gc:${nodeName}`, () => {
          // The node belongs to this pod only; a new pod bound to it in the meantime keeps it.
          if (!usage.get(nodeName)?.pods) store.delete('Node', null, nodeName);
        });
      } else if (hadNode && unschedulable.size > 0) retryPending();
      return;
    }
    const spec = o.spec as { nodeName?: string } | undefined;
    if (spec?.nodeName || !podActive(o) || o.metadata.deletionTimestamp) {
      unschedulable.delete(key);
      return;
    }
    // New pods, and pods nobody has decided about yet, get a scheduling attempt; retries come from capacity changes.
    if (ev.type === 'ADDED' || !podCondition(o, 'PodScheduled')) enqueue(key);
  }

  function markUnschedulable(pod: Readonly<Obj>, reason: string, message: string, component: string, extra?: (o: Obj) => void): void {
    const ns = pod.metadata.namespace ?? 'default';
    const updated = store.mutate('Pod', ns, pod.metadata.name, (o) => {
      extra?.(o);
      const cond = podCondition(o, 'PodScheduled') as { message?: string } | undefined;
      if (!cond || cond.message !== message) o.status = unschedulableStatus(o, reason, message, rt.ctx.now());
    });
    if (updated) rt.events.record(updated, 'Warning', 'FailedScheduling', message, component);
  }

  function fargateFields(o: Obj, profile: string): void {
    const spec = o.spec as Record<string, unknown>;
    spec.schedulerName = FARGATE_SCHEDULER;
    spec.priorityClassName = 'system-node-critical';
    spec.priority = SYSTEM_NODE_CRITICAL;
    spec.preemptionPolicy = 'PreemptLowerPriority';
    o.metadata.labels = { ...o.metadata.labels, [PROFILE_LABEL]: profile };
  }

  function schedule(key: string): void {
    const [ns, name] = splitKey(key);
    const pod = store.getRaw('Pod', ns, name);
    if (!pod || !podActive(pod as Obj) || pod.metadata.deletionTimestamp) return;
    const spec = podSpec(pod as Obj);
    if (spec.nodeName) return;
    const schedulerName = spec.schedulerName ?? DEFAULT_SCHEDULER;
    if (schedulerName !== DEFAULT_SCHEDULER && schedulerName !== FARGATE_SCHEDULER) return; // someone else's scheduler
    const firstAttempt = !podCondition(pod, 'PodScheduled');
    let profile: FargateProfile | undefined;
    if (schedulerName === FARGATE_SCHEDULER) {
      const pinned = pod.metadata.labels?.[PROFILE_LABEL];
      profile = pinned ? aws.getProfile(pinned) : undefined;
      if (!profile) {
        markUnschedulable(pod, 'Unschedulable', `Pod not supported on Fargate: no Fargate profile ${pinned ?? '(unset)'} in cluster ${aws.clusterName}`, FARGATE_SCHEDULER);
        return;
      }
    } else if (firstAttempt && pod.metadata.annotations?.[COMPUTE_TYPE_LABEL] !== 'ec2') {
      // The eks.amazonaws.com/compute-type: ec2 annotation (CoreDNS carries it) keeps the Fargate webhook away.
      const match = chooseProfile({ namespace: ns, labels: pod.metadata.labels ?? {} }, aws.activeProfiles());
      profile = match ? aws.getProfile(match.profile) : undefined;
    }
    if (profile) scheduleFargate(pod, profile);
    else scheduleEc2(pod);
  }

  function scheduleFargate(pod: Readonly<Obj>, profile: FargateProfile): void {
    const ns = pod.metadata.namespace ?? 'default';
    const fields = (o: Obj) => fargateFields(o, profile.name);
    const unsupported = fargateIncompatibility(pod as Obj);
    if (unsupported) {
      markUnschedulable(pod, 'Unschedulable', unsupported, FARGATE_SCHEDULER, fields);
      return;
    }
    let sizing;
    try {
      sizing = fargateFit(podSpec(pod as Obj));
    } catch (e) {
      markUnschedulable(pod, 'Unschedulable', `Pod not supported on Fargate: ${(e as Error).message}`, FARGATE_SCHEDULER, fields);
      return;
    }
    if (!sizing.size || !sizing.capacityProvisioned) {
      markUnschedulable(pod, 'POD_CPU_MEM_EXCEEDS_MAX_FARGATE_SIZE', "Your pod's cpu/memory requirements exceed the max Fargate configuration", FARGATE_SCHEDULER, fields);
      return;
    }
    const subnets = profile.subnets.length > 0 ? profile.subnets : aws.cluster.subnetIds;
    let ip: string | null = null;
    let subnetId = '';
    const start = Math.floor(rt.rng() * subnets.length);
    for (let i = 0; i < subnets.length && !ip; i++) {
      subnetId = subnets[(start + i) % subnets.length];
      ip = aws.allocateIp(subnetId, rt.rng);
    }
    if (!ip) {
      markUnschedulable(pod, 'Unschedulable', `Pod provisioning timed out (will retry): no free IP address in subnets ${subnets.join(', ')}`, FARGATE_SCHEDULER, fields);
      return;
    }
    const az = aws.subnet(subnetId)?.az ?? `${aws.region}a`;
    const now = rt.ctx.now();
    const nodeName = fargateNodeName(ip, aws.region);
    if (store.getRaw('Node', null, nodeName)) store.delete('Node', null, nodeName);
    store.create(fargateNode(ip, aws.region, az, sizing.size, now, now));
    const capacity = sizing.capacityProvisioned;
    const bound = store.mutate('Pod', ns, pod.metadata.name, (o) => {
      fields(o);
      (o.spec as Record<string, unknown>).nodeName = nodeName;
      o.metadata.annotations = { ...o.metadata.annotations, CapacityProvisioned: capacity, Logging: 'LoggingDisabled: LOGGING_CONFIGMAP_NOT_FOUND' };
      o.status = creatingStatus(o, { hostIP: ip!, podIP: ip!, scheduledAt: now });
    });
    if (!bound) {
      store.delete('Node', null, nodeName);
      aws.releaseIp(ip);
      return;
    }
    rt.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${nodeName}`, FARGATE_SCHEDULER);
  }

  function scheduleEc2(pod: Readonly<Obj>): void {
    const ns = pod.metadata.namespace ?? 'default';
    const key = keyOf(ns, pod.metadata.name);
    const spec = podSpec(pod as Obj);
    let req;
    try {
      req = podRequest(pod as Obj);
    } catch (e) {
      markUnschedulable(pod, 'Unschedulable', (e as Error).message, DEFAULT_SCHEDULER);
      return;
    }
    const reasons = new Map<string, number>();
    const note = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
    let best: { info: NodeInfo; score: number } | null = null;
    for (const info of nodes.values()) {
      const taint = untoleratedTaint(spec, info.node as Obj);
      if (!nodeReady(info.node as Obj)) {
        note('node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
        continue;
      }
      if ((info.node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) {
        note('node(s) were unschedulable');
        continue;
      }
      if (taint) {
        note(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
        continue;
      }
      if (!matchesNodeSelection(spec, info.node.metadata.labels ?? {})) {
        note("node(s) didn't match Pod's node affinity/selector");
        continue;
      }
      const used = usage.get(info.name) ?? { cpuMillis: 0, memoryBytes: 0, pods: 0 };
      let fits = true;
      if (used.pods + 1 > info.alloc.pods) {
        note('Too many pods');
        fits = false;
      }
      if (used.cpuMillis + req.cpuMillis > info.alloc.cpuMillis) {
        note('Insufficient cpu');
        fits = false;
      }
      if (used.memoryBytes + req.memoryBytes > info.alloc.memoryBytes) {
        note('Insufficient memory');
        fits = false;
      }
      if (!fits) continue;
      // Bin-packing: prefer the node that is fullest after placing the pod (MostAllocated).
      const score =
        (used.cpuMillis + req.cpuMillis) / Math.max(1, info.alloc.cpuMillis) + (used.memoryBytes + req.memoryBytes) / Math.max(1, info.alloc.memoryBytes);
      if (!best || score > best.score || (score === best.score && info.name < best.info.name)) best = { info, score };
    }
    if (!best) {
      const detail = [...reasons.entries()]
        .map(([r, n]) => `${n} ${r}`)
        .sort((a, b) => (a.replace(/^\d+ /, '') < b.replace(/^\d+ /, '') ? -1 : 1))
        .join(', ');
      unschedulable.add(key);
      markUnschedulable(pod, 'Unschedulable', `0/${nodes.size} nodes are available${detail ? `: ${detail}` : ''}.`, DEFAULT_SCHEDULER);
      return;
    }
    const info = best.info;
    const hostIP = info.ip ?? '';
    let podIP = hostIP;
    if (!spec.hostNetwork) {
      const subnet = hostIP ? aws.subnetForIp(hostIP) : undefined;
      podIP = (subnet && aws.allocateIp(subnet.id, rt.rng)) || hostIP;
    }
    const now = rt.ctx.now();
    const bound = store.mutate('Pod', ns, pod.metadata.name, (o) => {
      const s = o.spec as Record<string, unknown>;
      s.nodeName = info.name;
      s.schedulerName = s.schedulerName ?? DEFAULT_SCHEDULER;
      o.status = creatingStatus(o, { hostIP, podIP, scheduledAt: now });
    });
    unschedulable.delete(key);
    if (!bound) {
      if (podIP !== hostIP) aws.releaseIp(podIP);
      return;
    }
    rt.events.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${info.name}`, DEFAULT_SCHEDULER);
  }

  return {
    onStore,
    start() {
      for (const { obj } of store.listRaw('Node')) onStore({ type: 'ADDED', object: obj as Obj, rv: 0 });
      for (const { obj } of store.listRaw('Pod')) {
        const key = keyOf(obj.metadata.namespace, obj.metadata.name);
        account(key, obj);
        const unscheduled = !(obj.spec as { nodeName?: string } | undefined)?.nodeName && podActive(obj as Obj);
        if (unscheduled) {
          if (podCondition(obj, 'PodScheduled')?.status === 'False') unschedulable.add(key);
          else enqueue(key);
        }
      }
      if (unschedulable.size > 0) retryPending();
    },
  };
}
