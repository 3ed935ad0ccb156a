/**
 * The resources the simulated API server serves, with what discovery advertises about each. Built-in kinds are
 * always served; a custom resource only where the scenario installed the add-on that brings its CRD (Karpenter's
 * NodePool, NodeClaim and EC2NodeClass), as on a real cluster where an absent CRD means an absent API group.
 */
import type { Kind } from '../store';

/** Add-ons a scenario may install, each bringing its CRDs. */
export type Addon = 'karpenter';

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
  /** The add-on whose CRD brings it; built in when absent. */
  addon?: Addon;
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
  // Karpenter v1 (pkg/apis/crds): nodepools and nodeclaims have no short names and the category `karpenter`;
  // ec2nodeclasses have ec2nc/ec2ncs. EKS Auto Mode serves karpenter.sh too.
  { kind: 'NodePool', group: 'karpenter.sh', version: 'v1', plural: 'nodepools', singular: 'nodepool', namespaced: false, shortNames: [], categories: ['karpenter'], subresources: ['status'], addon: 'karpenter' },
  { kind: 'NodeClaim', group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', singular: 'nodeclaim', namespaced: false, shortNames: [], categories: ['karpenter'], subresources: ['status'], addon: 'karpenter' },
  { kind: 'EC2NodeClass', group: 'karpenter.k8s.aws', version: 'v1', plural: 'ec2nodeclasses', singular: 'ec2nodeclass', namespaced: false, shortNames: ['ec2nc', 'ec2ncs'], categories: ['karpenter'], subresources: ['status'], addon: 'karpenter' },
];

/** What one simulated API server serves: the built-in resources and those of the add-ons installed. */
export class ServedApi {
  readonly resources: readonly ResourceInfo[];
  readonly key: string;
  private readonly gvs: { group: string; version: string }[];

  constructor(addons: Iterable<Addon> = []) {
    const installed = new Set(addons);
    this.resources = RESOURCES.filter((r) => !r.addon || installed.has(r.addon));
    this.key = [...installed].sort().join(',');
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of this.resources) seen.set(`${r.group}/${r.version}`, { group: r.group, version: r.version });
    this.gvs = [...seen.values()];
  }

  /** Group versions in discovery order ('' group = core). */
  groupVersions(): { group: string; version: string }[] {
    return this.gvs;
  }

  /** The resource served at /<prefix>/<group>/<version>/<plural>, or undefined. */
  findResource(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.resources.find((r) => r.group === group && r.version === version && r.plural === plural);
  }

  inGroupVersion(group: string, version: string): ResourceInfo[] {
    return this.resources.filter((r) => r.group === group && r.version === version);
  }
}

/** A server with no add-on. */
export const BUILTIN_API = new ServedApi();

/** Verbs a resource or subresource supports, as discovery lists them. */
export function verbsOf(sub?: 'status' | 'log' | 'scale'): string[] {
  if (sub === 'log') return ['get'];
  if (sub) return ['get', 'patch', 'update'];
  return ALL_VERBS;
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
