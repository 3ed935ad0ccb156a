/** The resources the simulated API server serves, with what discovery advertises about each. */
import type { Kind } from '../store';

export interface ResourceInfo {
  kind: Kind;
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name used in paths, e.g. `pods`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources served (besides the main resource). */
  subresources: ('status' | 'log' | 'scale')[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: readonly ResourceInfo[] = [
  { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', namespaced: false, shortNames: ['ns'], categories: [], subresources: ['status'] },
  { kind: 'Node', group: '', version: 'v1', plural: 'nodes', singular: 'node', namespaced: false, shortNames: ['no'], categories: [], subresources: ['status'] },
  { kind: 'Pod', group: '', version: 'v1', plural: 'pods', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ['all'], subresources: ['log', 'status'] },
  { kind: 'Service', group: '', version: 'v1', plural: 'services', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: ['status'] },
  { kind: 'Endpoints', group: '', version: 'v1', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'], categories: [], subresources: [] },
  { kind: 'Event', group: '', version: 'v1', plural: 'events', singular: 'event', namespaced: true, shortNames: ['ev'], categories: [], subresources: [] },
  { kind: 'Deployment', group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: ['scale', 'status'] },
  { kind: 'ReplicaSet', group: 'apps', version: 'v1', plural: 'replicasets', singular: 'replicaset', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: ['scale', 'status'] },
  { kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', singular: 'ingress', namespaced: true, shortNames: ['ing'], categories: [], subresources: ['status'] },
  { kind: 'TargetGroupBinding', group: 'elbv2.k8s.aws', version: 'v1beta1', plural: 'targetgroupbindings', singular: 'targetgroupbinding', namespaced: true, shortNames: ['tgb'], categories: [], subresources: ['status'] },
];

/** Verbs a resource or subresource supports, as discovery lists them. */
export function verbsOf(sub?: 'status' | 'log' | 'scale'): string[] {
  if (sub === 'log') return ['get'];
  if (sub) return ['get', 'patch', 'update'];
  return ALL_VERBS;
}

/** Group versions in discovery order ('' group = core). */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
  return [...seen.values()];
}

/** The resource served at /<prefix>/<group>/<version>/<plural>, or undefined. */
export function findResource(group: string, version: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

/** The resource for a stored kind. */
export function resourceOf(kind: Kind): ResourceInfo {
  const r = RESOURCES.find((x) => x.kind === kind);
  if (!r) throw new Error(`no resource for kind ${kind}`);
  return r;
}

/** `group/version`, or `version` for the core group, as apiVersion fields spell it. */
export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `pods` or `targetgroupbindings.elbv2.k8s.aws`: how Status messages name a resource. */
export function qualifiedName(r: ResourceInfo): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}
