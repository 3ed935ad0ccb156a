import { onDemandPrice, simRegion, spotPrice } from '../aws/price-catalog';
import type { Obj, WatchEvent } from '../store';
import { launchNode, poolStatus, type Launcher, type PoolShape } from './karpenter-objects';
import { DEFAULT_SCHEDULER, INSTANCE_SHAPES, ec2Resources } from './objects';
import { isDaemonSetPod, nodeAllocatable, podActive, podRequest, podSpec } from './placement';
import { keyOf, type Controller, type Runtime } from './runtime';

/**
 * Karpenter's provisioning and consolidation, small (kubernetes-sigs/karpenter's concepts pages describe the real
 * one), for scenarios that install Karpenter:
 * - Pods the default scheduler left Pending for want of room are batched for a few seconds, then each goes to the
 *   NodePool of highest weight whose requirements its nodeSelector admits (capacity type, architecture, instance
 *   type, the pool's name, Auto Mode's compute-type). A pool launches the cheapest of its instance types that holds
 *   the largest pod (Spot at the zone's Spot price, else On-Demand, from the simulated account's price book), as many
 *   as the batch needs and its CPU limit allows; the node is Ready after the launch delay and the scheduler binds the
 *   pods to it.
 * - A Karpenter node with no pod but DaemonSet pods for the pool's consolidateAfter is removed with its NodeClaim
 *   and instance ("Disrupting NodeClaim: Empty/Delete").
 * - With --spot-interruptions M, about every M simulated minutes EC2 reclaims a Spot node: Karpenter records
 *   SpotInterrupted, the node's pods are deleted (their ReplicaSets make new ones, which Karpenter places), and the
 *   node, its claim and its instance go.
 */

/** Seconds at speed 1: Karpenter's batch window and the time from launch to a Ready node. */
const BATCH_SECONDS = 5;
const LAUNCH_SECONDS = 40;
const CONSOLIDATE_EVERY_SECONDS = 15;
const MAX_NODES_PER_BATCH = 10;

interface Pool extends PoolShape {
  weight: number;
  archs: string[];
  cpuLimit: number | null;
  consolidateAfterMs: number;
}

const req = (o: Obj, key: string): string[] => {
  const r = ((o.spec as { template?: { spec?: { requirements?: { key: string; operator: string; values?: string[] }[] } } })?.template?.spec?.requirements ?? []).find(
    (x) => x.key === key && x.operator === 'In',
  );
  return r?.values ?? [];
};

function durationMs(s: string | undefined): number {
  const m = /^(\d+)(s|m|h)$/.exec(s ?? '');
  if (!m) return 5 * 60_000;
  return Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 3_600_000);
}

function poolOf(o: Obj): Pool {
  const spec = o.spec as { template?: { spec?: { nodeClassRef?: { group?: string } } }; weight?: number; limits?: { cpu?: string | number }; disruption?: { consolidateAfter?: string } };
  const launcher: Launcher = spec.template?.spec?.nodeClassRef?.group === 'eks.amazonaws.com' ? 'auto' : 'karpenter';
  const cap = req(o, 'karpenter.sh/capacity-type');
  const limit = spec.limits?.cpu;
  return {
    name: o.metadata.name,
    launcher,
    capacityType: cap.includes('spot') ? 'spot' : 'on-demand',
    instanceTypes: req(o, 'node.kubernetes.io/instance-type').filter((t) => INSTANCE_SHAPES[t]),
    archs: req(o, 'kubernetes.io/arch'),
    weight: spec.weight ?? 0,
    cpuLimit: limit === undefined ? null : Number(limit),
    consolidateAfterMs: durationMs(spec.disruption?.consolidateAfter),
  };
}

/** Whether a pool's nodes can carry every label the pod's nodeSelector asks for. */
function admits(pool: Pool, selector: Record<string, string>, archOf: (t: string) => string): boolean {
  return Object.entries(selector).every(([k, v]) => {
    switch (k) {
      case 'karpenter.sh/capacity-type':
        return pool.capacityType === v;
      case 'karpenter.sh/nodepool':
        return pool.name === v;
      case 'kubernetes.io/arch':
        return pool.instanceTypes.some((t) => archOf(t) === v);
      case 'kubernetes.io/os':
        return v === 'linux';
      case 'node.kubernetes.io/instance-type':
        return pool.instanceTypes.includes(v);
      case 'eks.amazonaws.com/compute-type':
        return v === 'auto' && pool.launcher === 'auto';
      default:
        return false;
    }
  });
}

export function karpenterController(rt: Runtime): Controller {
  if (!rt.ctx.addons.includes('karpenter')) return {};
  const { store, aws } = rt;
  const pending = new Set<string>();
  const emptySince = new Map<string, number>();
  let batchDue = false;
  let launched = 0;
  const region = simRegion(aws.region);
  const arm = (t: string) => (/^(m6g|c6g|c7g|r6g|m7g)\./.test(t) ? 'arm64' : 'amd64');

  function unschedulableByDefault(o: Readonly<Obj>): boolean {
    const spec = o.spec as { nodeName?: string; schedulerName?: string };
    if (spec.nodeName || (spec.schedulerName ?? DEFAULT_SCHEDULER) !== DEFAULT_SCHEDULER) return false;
    const cond = ((o.status as { conditions?: { type: string; status: string; reason?: string }[] })?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    return cond?.status === 'False' && cond.reason === 'Unschedulable';
  }

  function priceOf(pool: Pool, type: string, zone: string): number {
    if (!region) return 0;
    const p = pool.capacityType === 'spot' ? spotPrice(region, zone, type, rt.ctx.now().getTime()) : onDemandPrice(region, type);
    return p ?? Number.POSITIVE_INFINITY;
  }

  function provision(): void {
    batchDue = false;
    const pools = store.list('NodePool').map(poolOf).sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : 1));
    const byPool = new Map<string, { pool: Pool; pods: Obj[] }>();
    for (const key of pending) {
      const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      const pod = store.get('Pod', ns, name);
      if (!pod || !unschedulableByDefault(pod)) {
        pending.delete(key);
        continue;
      }
      const pool = pools.find((p) => p.instanceTypes.length && admits(p, podSpec(pod).nodeSelector ?? {}, arm));
      if (!pool) continue;
      const entry = byPool.get(pool.name) ?? { pool, pods: [] };
      entry.pods.push(pod);
      byPool.set(pool.name, entry);
    }
    const subnets = aws.privateSubnets();
    for (const { pool, pods } of byPool.values()) {
      const demand = pods.map((p) => {
        try {
          return podRequest(p);
        } catch {
          return { cpuMillis: 0, memoryBytes: 0 };
        }
      });
      const biggest = { cpu: Math.max(...demand.map((d) => d.cpuMillis)), mem: Math.max(...demand.map((d) => d.memoryBytes)) };
      const zone = subnets[launched % subnets.length];
      const fits = pool.instanceTypes.filter((t) => {
        const a = nodeAllocatable({ status: ec2Resources(t) } as unknown as Obj);
        return a.cpuMillis >= biggest.cpu && a.memoryBytes >= biggest.mem && (pool.archs.length === 0 || pool.archs.includes(arm(t)));
      });
      const type = fits.sort((a, b) => priceOf(pool, a, zone.az) - priceOf(pool, b, zone.az))[0];
      if (!type) continue;
      const alloc = nodeAllocatable({ status: ec2Resources(type) } as unknown as Obj);
      const total = demand.reduce((s, d) => ({ cpu: s.cpu + d.cpuMillis, mem: s.mem + d.memoryBytes }), { cpu: 0, mem: 0 });
      let count = Math.min(MAX_NODES_PER_BATCH, Math.max(1, Math.ceil(total.cpu / alloc.cpuMillis), Math.ceil(total.mem / alloc.memoryBytes), Math.ceil(pods.length / alloc.pods)));
      if (pool.cpuLimit !== null) {
        const used = store.list('Node').filter((n) => n.metadata.labels?.['karpenter.sh/nodepool'] === pool.name).reduce((s, n) => s + Number((n.status as { capacity?: { cpu?: string } }).capacity?.cpu ?? 0), 0);
        count = Math.min(count, Math.floor((pool.cpuLimit - used) / INSTANCE_SHAPES[type].vcpu));
      }
      for (let i = 0; i < count; i++) {
        const subnet = subnets[(launched + i) % subnets.length];
        const key = `launch-${launched + i}-${rt.ctx.seed}`;
        for (const p of pods) rt.events.record(p, 'Normal', 'Nominated', `Pod should schedule on: nodeclaim/${pool.name} (${type}, ${pool.capacityType})`, 'karpenter');
        rt.timers.after(rt.delay(LAUNCH_SECONDS), () => {
          launchNode(rt.ctx, pool, type, subnet.id, rt.ctx.now(), key);
          refreshPoolStatus(pool.name);
        });
      }
      launched += Math.max(0, count);
    }
  }

  function refreshPoolStatus(name: string): void {
    store.mutate('NodePool', null, name, (np) => {
      np.status = poolStatus(rt.ctx, name, new Date(np.metadata.creationTimestamp ?? rt.ctx.now().toISOString()));
    });
  }

  /** Takes a node away with its claim and instance. */
  function removeNode(n: Obj, poolName: string): void {
    const providerID = (n.spec as { providerID?: string }).providerID ?? '';
    const instanceId = providerID.split('/').pop() ?? '';
    const ip = aws.instances.get(instanceId)?.privateIp;
    aws.instances.delete(instanceId);
    if (ip) aws.releaseIp(ip);
    const claim = store.list('NodeClaim').find((c) => (c.status as { nodeName?: string }).nodeName === n.metadata.name);
    store.delete('Node', null, n.metadata.name);
    if (claim) store.delete('NodeClaim', null, claim.metadata.name);
    refreshPoolStatus(poolName);
  }

  function interrupt(): void {
    const spot = store.list('Node').filter((n) => n.metadata.labels?.['karpenter.sh/capacity-type'] === 'spot');
    if (spot.length) {
      const n = spot[Math.floor(rt.rng() * spot.length)];
      rt.events.record(n, 'Warning', 'SpotInterrupted', 'Spot interruption warning was triggered', 'karpenter');
      for (const p of store.list('Pod')) {
        if ((p.spec as { nodeName?: string }).nodeName === n.metadata.name && !isDaemonSetPod(p)) store.delete('Pod', p.metadata.namespace ?? null, p.metadata.name);
      }
      removeNode(n, n.metadata.labels?.['karpenter.sh/nodepool'] ?? '');
    }
    scheduleInterruption();
  }

  function scheduleInterruption(): void {
    const minutes = rt.ctx.spotInterruptions;
    if (minutes > 0) rt.timers.after(rt.delay(minutes * 60 * (0.5 + rt.rng())), () => rt.queue.add('karpenter:interrupt', interrupt));
  }

  /** Removes Karpenter nodes that have run nothing but DaemonSet pods for their pool's consolidateAfter. */
  function consolidate(): void {
    const now = rt.ctx.now().getTime();
    const busy = new Set<string>();
    for (const p of store.list('Pod')) {
      const node = (p.spec as { nodeName?: string }).nodeName;
      if (node && podActive(p) && !isDaemonSetPod(p)) busy.add(node);
    }
    const pools = new Map(store.list('NodePool').map((o) => [o.metadata.name, poolOf(o)]));
    for (const n of store.list('Node')) {
      const poolName = n.metadata.labels?.['karpenter.sh/nodepool'];
      const pool = poolName ? pools.get(poolName) : undefined;
      if (!pool) continue;
      if (busy.has(n.metadata.name)) {
        emptySince.delete(n.metadata.name);
        continue;
      }
      const since = emptySince.get(n.metadata.name) ?? now;
      emptySince.set(n.metadata.name, since);
      if ((now - since) * rt.ctx.speed < pool.consolidateAfterMs) continue;
      emptySince.delete(n.metadata.name);
      const claim = store.list('NodeClaim').find((c) => (c.status as { nodeName?: string }).nodeName === n.metadata.name);
      if (claim) rt.events.record(claim, 'Normal', 'DisruptionTerminating', 'Disrupting NodeClaim: Empty/Delete', 'karpenter');
      removeNode(n, pool.name);
    }
  }

  return {
    onStore(ev: WatchEvent) {
      const o = ev.object;
      if (o.kind !== 'Pod') return;
      const key = keyOf(o.metadata.namespace, o.metadata.name);
      if (ev.type !== 'DELETED' && unschedulableByDefault(o)) {
        pending.add(key);
        if (!batchDue) {
          batchDue = true;
          rt.timers.after(rt.delay(BATCH_SECONDS), () => rt.queue.add('karpenter:provision', provision));
        }
      } else pending.delete(key);
    },
    start() {
      rt.timers.every(rt.delay(CONSOLIDATE_EVERY_SECONDS), () => rt.queue.add('karpenter:consolidate', consolidate));
      scheduleInterruption();
    },
  };
}
