/**
 * What the API server adds to objects written through the REST API: field defaults, the pod's initial status,
 * service cluster IPs and node ports, and the validation whose absence would let broken objects in.
 * Objects that scenarios and controllers put straight into the store skip this (they are written complete).
 */
import type { Obj, Store } from '../store';
import { StatusError, errors } from './status';
import { resourceOf } from './resources';
import { parseLabelSelector } from './selectors';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

function setDefault(o: Rec, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

function invalid(o: Obj, field: string, message: string): StatusError {
  return errors.invalid(resourceOf(o.kind), o.metadata.name || o.metadata.generateName || '', field, message);
}

function defaultContainer(c: Rec): void {
  const image = typeof c.image === 'string' ? c.image : '';
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  setDefault(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent');
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isRec(p)) setDefault(p, 'protocol', 'TCP');
}

/** Fills the defaults of a PodSpec (also used for Deployment and ReplicaSet templates). */
export function defaultPodSpec(spec: Rec, o: Obj, field: string): void {
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    throw invalid(o, `${field}.containers`, 'Required value');
  }
  const names = new Set<string>();
  for (const [i, c] of [...(spec.initContainers as unknown[] ?? []), ...spec.containers].entries()) {
    if (!isRec(c) || typeof c.name !== 'string' || !c.name) throw invalid(o, `${field}.containers[${i}].name`, 'Required value');
    if (names.has(c.name)) throw invalid(o, `${field}.containers[${i}].name`, `Duplicate value: "${c.name}"`);
    names.add(c.name);
    if (typeof c.image !== 'string' || !c.image) throw invalid(o, `${field}.containers[${i}].image`, 'Required value');
    defaultContainer(c);
  }
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'enableServiceLinks', true);
}

function qosClass(spec: Rec): string {
  const containers = [...((spec.containers as unknown[]) ?? []), ...((spec.initContainers as unknown[]) ?? [])].map(rec);
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = rec(rec(c.resources).requests);
    const lim = rec(rec(c.resources).limits);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function templateDefaults(o: Obj): void {
  const spec = rec(o.spec);
  o.spec = spec;
  const selector = spec.selector;
  if (!isRec(selector)) throw invalid(o, 'spec.selector', 'Required value');
  const template = rec(spec.template);
  spec.template = template;
  const tmeta = rec(template.metadata);
  template.metadata = tmeta;
  const labels = rec(tmeta.labels) as Record<string, string>;
  const ml = rec(selector.matchLabels);
  const matches = Object.entries(ml).every(([k, v]) => labels[k] === v);
  if (!matches || (Object.keys(ml).length === 0 && !Array.isArray(selector.matchExpressions))) {
    const sel = Object.entries(ml).map(([k, v]) => `${k}=${String(v)}`).join(',');
    throw invalid(o, 'spec.template.metadata.labels', `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\` (selector ${sel || '<empty>'})`);
  }
  const tspec = rec(template.spec);
  template.spec = tspec;
  defaultPodSpec(tspec, o, 'spec.template.spec');
  setDefault(spec, 'replicas', 1);
  if (typeof spec.replicas !== 'number' || spec.replicas < 0 || !Number.isInteger(spec.replicas)) {
    throw invalid(o, 'spec.replicas', `Invalid value: ${JSON.stringify(spec.replicas)}: must be greater than or equal to 0`);
  }
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** EKS's default service range when the cluster does not say. */
export const DEFAULT_SERVICE_CIDR = '10.100.0.0/16';

/** A free cluster IP in the service CIDR (skipping the network address, the `kubernetes` service's .1 and broadcast). */
function allocateClusterIP(store: Store, rng: () => number, cidr: string): string {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr);
  const bits = m ? Number(m[2]) : NaN;
  if (!m || bits < 8 || bits > 28) throw errors.internal(`bad service CIDR ${JSON.stringify(cidr)}`);
  const size = 2 ** (32 - bits);
  const base = ipToInt(m[1]) - (ipToInt(m[1]) % size);
  const used = new Set(store.listRaw('Service').map((s) => String(rec(s.obj.spec).clusterIP ?? '')));
  for (let i = 0; i < 4 * size; i++) {
    const ip = intToIp(base + 2 + Math.floor(rng() * (size - 3)));
    if (!used.has(ip)) return ip;
  }
  throw errors.internal(`the service IP range ${cidr} is exhausted`);
}

function allocateNodePort(store: Store, rng: () => number, taken: Set<number>): number {
  for (const s of store.listRaw('Service')) {
    for (const p of (rec(s.obj.spec).ports as unknown[]) ?? []) if (isRec(p) && typeof p.nodePort === 'number') taken.add(p.nodePort);
  }
  for (let i = 0; i < 10_000; i++) {
    const port = 30_000 + Math.floor(rng() * 2768);
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
  throw errors.internal('the node port range is exhausted');
}

function serviceDefaults(o: Obj, store: Store, rng: () => number, cidr: string, old?: Readonly<Obj>): void {
  const spec = rec(o.spec);
  o.spec = spec;
  const oldSpec = rec(old?.spec);
  setDefault(spec, 'type', 'ClusterIP');
  const type = spec.type;
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(String(type))) {
    throw invalid(o, 'spec.type', `Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`);
  }
  setDefault(spec, 'sessionAffinity', 'None');
  if (type === 'ExternalName') return;
  if (!Array.isArray(spec.ports) || spec.ports.length === 0) {
    if (spec.clusterIP !== 'None') throw invalid(o, 'spec.ports', 'Required value');
  }
  const taken = new Set<number>();
  const oldPorts = ((oldSpec.ports as unknown[]) ?? []).map(rec);
  for (const [i, p] of ((spec.ports as unknown[]) ?? []).entries()) {
    if (!isRec(p) || typeof p.port !== 'number' || p.port < 1 || p.port > 65_535) {
      throw invalid(o, `spec.ports[${i}].port`, 'Invalid value: must be between 1 and 65535, inclusive');
    }
    setDefault(p, 'protocol', 'TCP');
    setDefault(p, 'targetPort', p.port);
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const before = oldPorts.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === p.protocol);
      if (p.nodePort === undefined && typeof before?.nodePort === 'number') p.nodePort = before.nodePort;
      if (p.nodePort === undefined) p.nodePort = allocateNodePort(store, rng, taken);
    }
  }
  if (!spec.clusterIP) spec.clusterIP = typeof oldSpec.clusterIP === 'string' && oldSpec.clusterIP ? oldSpec.clusterIP : allocateClusterIP(store, rng, cidr);
  setDefault(spec, 'clusterIPs', [spec.clusterIP]);
  setDefault(spec, 'ipFamilies', ['IPv4']);
  setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (!old) o.status = { loadBalancer: {} };
}

/**
 * Applies API-server defaults and validation to an object written through the REST API (mutates `o`).
 * `old` is the stored object on update. Throws StatusError 422 for invalid objects.
 */
export function applyApiDefaults(o: Obj, ctx: { store: Store; rng: () => number; serviceCidr?: string }, old?: Readonly<Obj>): void {
  const meta = o.metadata;
  switch (o.kind) {
    case 'Namespace': {
      meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': meta.name };
      o.spec = { finalizers: ['kubernetes'], ...rec(o.spec) };
      if (!old) o.status = { phase: 'Active' };
      break;
    }
    case 'Pod': {
      const spec = rec(o.spec);
      o.spec = spec;
      defaultPodSpec(spec, o, 'spec');
      if (!old) o.status = { phase: 'Pending', qosClass: qosClass(spec) };
      break;
    }
    case 'Deployment': {
      templateDefaults(o);
      const spec = rec(o.spec);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      setDefault(spec, 'strategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
      if (!old) o.status = {};
      break;
    }
    case 'ReplicaSet':
      templateDefaults(o);
      if (!old) o.status = { replicas: 0 };
      break;
    case 'Service':
      serviceDefaults(o, ctx.store, ctx.rng, ctx.serviceCidr ?? DEFAULT_SERVICE_CIDR, old);
      break;
    case 'TargetGroupBinding': {
      const spec = rec(o.spec);
      if (typeof spec.targetGroupARN !== 'string' || !spec.targetGroupARN) throw invalid(o, 'spec.targetGroupARN', 'Required value');
      if (!isRec(spec.serviceRef) || typeof spec.serviceRef.name !== 'string') throw invalid(o, 'spec.serviceRef.name', 'Required value');
      break;
    }
    default:
      break;
  }
  // Labels on workloads must parse as a selector would: reject values the real validator rejects.
  if (meta.labels) {
    for (const [k, v] of Object.entries(meta.labels)) {
      try {
        parseLabelSelector(`${k}=${v}`);
      } catch (err) {
        throw invalid(o, `metadata.labels`, `Invalid value: "${v}": ${(err as Error).message.replace(/^unable to parse requirement: /, '')}`);
      }
    }
  }
}
