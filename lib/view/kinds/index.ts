/**
 * Every Kubernetes kind Farview watches, one descriptor module each. lib/server starts its informers from
 * this list, the builder keeps a cache per entry, and a plain kind (one with `plain`) gets its rows, screen,
 * columns and detail from its descriptor alone: adding one is a module and a line here.
 */
import { events } from './events';
import { ingresses } from './ingresses';
import { karpenternodepools } from './karpenter-nodepools';
import { namespaces } from './namespaces';
import { nodeclaims } from './nodeclaims';
import { nodes } from './nodes';
import { pods } from './pods';
import { replicasets } from './replicasets';
import { services } from './services';
import { targetgroupbindings } from './targetgroupbindings';
import type { KindDescriptor, PlainKind, PlainRow } from './types';

export const KINDS = [pods, nodes, services, namespaces, events, targetgroupbindings, replicasets, ingresses, karpenternodepools, nodeclaims] as const;

type AnyKind = (typeof KINDS)[number];
type AnyPlainKind = Extract<AnyKind, { plain: unknown }>;

/** The cache name of every listed kind. */
export type ListedResource = AnyKind['resource'];
/** The collection (and screen id, and source id) of every plain kind. */
export type PlainCollectionName = AnyPlainKind['resource'];
/** The object each plain kind's cache holds. */
export type PlainObjects = { [K in AnyPlainKind as K['resource']]: Parameters<K['plain']['row']>[0] };
/** The row each plain kind's screen lists. */
export type PlainRows = { [K in AnyPlainKind as K['resource']]: ReturnType<K['plain']['row']> };

// Widened views of the list, for code that walks it without caring which kind is which.
type SomePlainKind = PlainKind<PlainCollectionName, never, PlainRow>;

/** Every listed kind. */
export const KIND_LIST: readonly KindDescriptor<ListedResource>[] = KINDS;
/** The plain kinds, in list order. */
export const PLAIN_KINDS: readonly SomePlainKind[] = KINDS.filter((k): k is AnyPlainKind => 'plain' in k) as unknown as SomePlainKind[];
/** Plain collection names, in list order. */
export const PLAIN_COLLECTIONS: readonly PlainCollectionName[] = PLAIN_KINDS.map((k) => k.resource);

const BY_RESOURCE = new Map<string, KindDescriptor<ListedResource>>(KIND_LIST.map((k) => [k.resource, k]));
const PLAIN_BY_RESOURCE = new Map<string, SomePlainKind>(PLAIN_KINDS.map((k) => [k.resource, k]));

/** The descriptor of a cache name. */
export function kindOf(resource: string): KindDescriptor<ListedResource> | undefined {
  return BY_RESOURCE.get(resource);
}

/** The plain kind of a collection or cache name, if it is one. */
export function plainKindOf(resource: string): SomePlainKind | undefined {
  return PLAIN_BY_RESOURCE.get(resource);
}

/** The listed kind whose objects are named `kind` ("Ingress"), if any. */
export function kindByObjectKind(kind: string): KindDescriptor<ListedResource> | undefined {
  return KIND_LIST.find((k) => k.kind === kind);
}

/** The kind GET /objects/[kind]/[name] serves under `name` ("ing", "service"), if any. */
export function kindByObjectName(name: string): KindDescriptor<ListedResource> | undefined {
  const n = name.toLowerCase();
  return KIND_LIST.find((k) => k.objectNames?.includes(n));
}

export type { KindApi, KindDescriptor, PlainKind, PlainRow, PlainScreen, WatchMode } from './types';
export { apiPath, apiVersion } from './types';
