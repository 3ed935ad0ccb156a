/**
 * The store's data model: the kinds it holds, the shape of stored objects and watch events, and its errors.
 * Plain types and pure helpers, shared by the store's modules and re-exported from ./store.
 */

export type Kind =
  | 'Namespace'
  | 'Node'
  | 'Pod'
  | 'Service'
  | 'Endpoints'
  | 'Event'
  | 'Deployment'
  | 'ReplicaSet'
  | 'TargetGroupBinding'
  | 'Ingress'
  | 'NodePool'
  | 'NodeClaim'
  | 'EC2NodeClass';

export interface SimOwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface SimObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: SimOwnerReference[];
  generation?: number;
  deletionTimestamp?: string;
  finalizers?: string[];
}

/** A stored object: plain JSON, always with apiVersion and kind. */
export interface Obj {
  apiVersion: string;
  kind: Kind;
  metadata: SimObjectMeta;
  [field: string]: unknown;
}

/** Input to create: uid/resourceVersion/creationTimestamp are filled in (a given creationTimestamp is kept, so
 * scenarios can start pods hours in the past); name may come from generateName. */
export type NewObj = Omit<Obj, 'metadata'> & { metadata: Partial<SimObjectMeta> & { name?: string } };

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
  rv: number;
}

/** A stored object as the HTTP layer sees it: shared and frozen, with its serialized forms cached. */
export interface RawEntry {
  obj: Readonly<Obj>;
  json(): string;
  bytes(): Buffer;
}

/** A watch event as the HTTP layer sees it: the frozen stored object and its serialized form. */
export interface RawEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  object: Readonly<Obj>;
  /** JSON of `object`, computed once and shared by every watcher. */
  json(): string;
  /** For MODIFIED: the state before this write (selector-filtered watches need it). */
  prev?: Readonly<Obj>;
}

export class ObjectStoreError extends Error {
  constructor(
    readonly code: 404 | 409 | 422,
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid',
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

/** apiVersion of every kind the simulator serves. */
export const KIND_API_VERSION: Readonly<Record<Kind, string>> = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Endpoints: 'v1',
  Event: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  TargetGroupBinding: 'elbv2.k8s.aws/v1beta1',
  Ingress: 'networking.k8s.io/v1',
  NodePool: 'karpenter.sh/v1',
  NodeClaim: 'karpenter.sh/v1',
  EC2NodeClass: 'karpenter.k8s.aws/v1',
};

export const KINDS = Object.keys(KIND_API_VERSION) as Kind[];

const CLUSTER_SCOPED: ReadonlySet<Kind> = new Set(['Namespace', 'Node', 'NodePool', 'NodeClaim', 'EC2NodeClass']);

/** True for kinds that live in a namespace (all but Namespace, Node and Karpenter's kinds). */
export function isNamespaced(kind: Kind): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** Kubernetes timestamps are RFC 3339 in UTC with whole seconds. */
export function k8sTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The resource (plural) name of a kind, e.g. Pod → pods, Endpoints → endpoints. */
export function plural(kind: Kind): string {
  if (kind === 'Endpoints') return 'endpoints';
  return kind.toLowerCase() + 's';
}

/** The key objects of a kind are filed under: the namespace, or '' for cluster-scoped kinds. */
export function nsKey(kind: Kind, namespace: string | null | undefined): string {
  return isNamespaced(kind) ? (namespace ?? '') : '';
}

export function lower(kind: Kind): string {
  return kind.toLowerCase();
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
