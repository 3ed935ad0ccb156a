import { intToIp, parseCidr } from '../aws/network';
import type { NewObj, Obj, WatchEvent } from '../store';
import { podReady } from './placement';
import { keyOf, splitKey, type Controller, type Runtime } from './runtime';

/**
 * Service plumbing the API server and the endpoints controller do in a real cluster: a clusterIP from
 * the service CIDR and a nodePort per port for NodePort/LoadBalancer services (when the request did not
 * set them), and an Endpoints object listing the Ready and not-ready pod addresses behind each
 * selector.
 */

export interface SimServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  selector?: Record<string, string>;
  ports?: SimServicePort[];
}

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export function serviceSpec(svc: Readonly<Obj>): ServiceSpec {
  return (svc.spec ?? {}) as ServiceSpec;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The container port a service port forwards to on one pod (named target ports are looked up). */
function resolveTargetPort(port: SimServicePort, pod: Readonly<Obj>): number | null {
  const t = port.targetPort ?? port.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  const containers = ((pod.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] } | undefined)?.containers ?? []);
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === t) return p.containerPort;
  return null;
}

/**
 * The Endpoints object of a Service: Ready pods under addresses, the others under notReadyAddresses,
 * ports resolved against the pods' container ports. Null for a Service without a selector.
 */
export function buildEndpoints(svc: Readonly<Obj>, podsInNamespace: Readonly<Obj>[]): (NewObj & { subsets?: unknown[] }) | null {
  const ns = svc.metadata.namespace ?? 'default';
  const spec = serviceSpec(svc);
  if (!spec.selector || Object.keys(spec.selector).length === 0) return null;
  const ready: Readonly<Obj>[] = [];
  const notReady: Readonly<Obj>[] = [];
  for (const pod of podsInNamespace) {
    const podIP = (pod.status as { podIP?: string } | undefined)?.podIP;
    if (!podIP || pod.metadata.deletionTimestamp || !selects(spec.selector, pod.metadata.labels)) continue;
    (podReady(pod as Obj) ? ready : notReady).push(pod);
  }
  const address = (pod: Readonly<Obj>) => ({
    ip: (pod.status as { podIP: string }).podIP,
    nodeName: (pod.spec as { nodeName?: string } | undefined)?.nodeName,
    targetRef: { kind: 'Pod', namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid },
  });
  const sample = ready[0] ?? notReady[0];
  const ports = (spec.ports ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: (sample && resolveTargetPort(p, sample)) ?? (typeof p.targetPort === 'number' ? p.targetPort : p.port),
    protocol: p.protocol ?? 'TCP',
  }));
  const subsets =
    ready.length + notReady.length === 0
      ? undefined
      : [
          {
            ...(ready.length ? { addresses: ready.map(address) } : {}),
            ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}),
            ports,
          },
        ];
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: svc.metadata.name, namespace: ns, ...(svc.metadata.labels ? { labels: { ...svc.metadata.labels } } : {}) },
    ...(subsets ? { subsets } : {}),
  };
}

export function servicesController(rt: Runtime): Controller {
  const { store } = rt;
  const byNamespace = new Map<string, Set<string>>();
  const usedIps = new Set<string>();
  const usedPorts = new Set<number>();
  const cidr = parseCidr(rt.aws.cluster.serviceIpv4Cidr);

  function remember(svc: Readonly<Obj>): void {
    const spec = serviceSpec(svc);
    if (spec.clusterIP && spec.clusterIP !== 'None') usedIps.add(spec.clusterIP);
    for (const p of spec.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
  }

  function forget(svc: Readonly<Obj>): void {
    const spec = serviceSpec(svc);
    if (spec.clusterIP) usedIps.delete(spec.clusterIP);
    for (const p of spec.ports ?? []) if (p.nodePort) usedPorts.delete(p.nodePort);
  }

  function allocateIp(): string | null {
    // .1 is the kubernetes service and .10 kube-dns by convention; the network and broadcast addresses are never used.
    const first = cidr.base + 1;
    const span = cidr.size - 2;
    for (let i = 0; i < 16; i++) {
      const ip = intToIp(first + Math.floor(rt.rng() * span));
      if (!usedIps.has(ip) && !ip.endsWith('.1') && !ip.endsWith('.10')) return ip;
    }
    for (let n = first; n < first + span; n++) if (!usedIps.has(intToIp(n))) return intToIp(n);
    return null;
  }

  function allocatePort(): number | null {
    const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    for (let i = 0; i < 16; i++) {
      const p = NODE_PORT_MIN + Math.floor(rt.rng() * span);
      if (!usedPorts.has(p)) return p;
    }
    for (let p = NODE_PORT_MIN; p <= NODE_PORT_MAX; p++) if (!usedPorts.has(p)) return p;
    return null;
  }

  /** Fills clusterIP and nodePorts the request left empty; returns true when it wrote. */
  function allocate(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = store.getRaw('Service', ns, name);
    if (!svc) return;
    const spec = serviceSpec(svc);
    const wantsIp = spec.type !== 'ExternalName' && !spec.clusterIP;
    const wantsPorts = (spec.type === 'NodePort' || spec.type === 'LoadBalancer') && (spec.ports ?? []).some((p) => !p.nodePort);
    if (!wantsIp && !wantsPorts) return;
    store.mutate('Service', ns, name, (o) => {
      const s = o.spec as ServiceSpec & Record<string, unknown>;
      if (wantsIp) {
        const ip = allocateIp();
        if (ip) {
          s.clusterIP = ip;
          s.clusterIPs = [ip];
          usedIps.add(ip);
          s.ipFamilies = s.ipFamilies ?? ['IPv4'];
          s.ipFamilyPolicy = s.ipFamilyPolicy ?? 'SingleStack';
        }
      }
      if (wantsPorts) {
        for (const p of s.ports ?? []) {
          if (p.nodePort) continue;
          const port = allocatePort();
          if (port) {
            p.nodePort = port;
            usedPorts.add(port);
          }
        }
      }
      s.sessionAffinity = s.sessionAffinity ?? 'None';
      s.internalTrafficPolicy = s.internalTrafficPolicy ?? 'Cluster';
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy = s.externalTrafficPolicy ?? 'Cluster';
    });
  }

  function syncEndpoints(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = store.getRaw('Service', ns, name);
    if (!svc) {
      store.delete('Endpoints', ns, name);
      return;
    }
    const body = buildEndpoints(svc, store.listRaw('Pod', ns).map((e) => e.obj));
    if (!body) return; // selector-less services keep hand-made Endpoints
    if (!store.getRaw('Endpoints', ns, name)) {
      store.create(body);
      return;
    }
    store.mutate('Endpoints', ns, name, (o) => {
      if (body.subsets) o.subsets = body.subsets;
      else delete o.subsets;
      if (body.metadata.labels) o.metadata.labels = body.metadata.labels;
    });
  }

  const enqueueEndpoints = (key: string) => rt.queue.add(`endpoints:${key}`, () => syncEndpoints(key));

  function onStore(ev: WatchEvent): void {
    const o = ev.object;
    const ns = o.metadata.namespace ?? '';
    if (o.kind === 'Service') {
      const key = keyOf(ns, o.metadata.name);
      let set = byNamespace.get(ns);
      if (ev.type === 'DELETED') {
        set?.delete(o.metadata.name);
        forget(o);
        enqueueEndpoints(key);
        return;
      }
      if (!set) byNamespace.set(ns, (set = new Set()));
      set.add(o.metadata.name);
      remember(o);
      rt.queue.add(`svc-alloc:${key}`, () => allocate(key));
      enqueueEndpoints(key);
    } else if (o.kind === 'Pod') {
      for (const name of byNamespace.get(ns) ?? []) enqueueEndpoints(keyOf(ns, name));
    }
  }

  return {
    onStore,
    start() {
      for (const { obj } of store.listRaw('Service')) onStore({ type: 'ADDED', object: obj as Obj, rv: 0 });
    },
  };
}
