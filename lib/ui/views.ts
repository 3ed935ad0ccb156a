/**
 * The list screens of the cluster app: their ids, titles, the collection each reads and how a row is
 * keyed in the URL. Row keys are readable ("test2-fargate/nginx-…"), not uids, so a copied link still
 * says what it points at.
 */
import type {
  ClusterView,
  EventView,
  NamespaceView,
  NodePoolView,
  NodeView,
  PodView,
  ProfileView,
  ServiceView,
} from '../view/model';
import { kindByObjectKind, PLAIN_KINDS, plainKindOf, type PlainRow, type PlainRows } from '../view/kinds';

/** Screens of the plain kinds (lib/view/kinds) come from their descriptors. */
export interface RowTypes extends PlainRows {
  pods: PodView;
  nodes: NodeView;
  services: ServiceView;
  profiles: ProfileView;
  nodepools: NodePoolView;
  namespaces: NamespaceView;
  events: EventView;
}

export type ViewId = keyof RowTypes;
export type AnyRow = RowTypes[ViewId];

export interface ViewInfo {
  id: ViewId;
  /** Tab and panel title. */
  title: string;
  /** Singular noun for messages ("no pods match"). */
  noun: string;
  /** True when the `ns` URL parameter narrows the list. */
  namespaced: boolean;
  /** The K9s-style command that opens it (":po"). */
  command: string;
}

const CORE_VIEWS: readonly ViewInfo[] = [
  { id: 'pods', title: 'Pods', noun: 'pods', namespaced: true, command: 'po' },
  { id: 'nodes', title: 'Nodes', noun: 'nodes', namespaced: false, command: 'no' },
  { id: 'services', title: 'Services', noun: 'services', namespaced: true, command: 'svc' },
  { id: 'profiles', title: 'Fargate profiles', noun: 'Fargate profiles', namespaced: false, command: 'fp' },
  { id: 'nodepools', title: 'Node pools', noun: 'node pools', namespaced: false, command: 'np' },
  { id: 'namespaces', title: 'Namespaces', noun: 'namespaces', namespaced: false, command: 'ns' },
  { id: 'events', title: 'Events', noun: 'events', namespaced: true, command: 'ev' },
];

export const VIEWS: readonly ViewInfo[] = [
  ...CORE_VIEWS,
  ...PLAIN_KINDS.map((k) => ({ id: k.resource, title: k.plain.screen.title, noun: k.plain.screen.noun, namespaced: k.api.namespaced, command: k.plain.screen.command })),
];

const BY_ID = new Map(VIEWS.map((v) => [v.id, v]));

/** True when `s` names a list screen. */
export function isViewId(s: string): s is ViewId {
  return BY_ID.has(s as ViewId);
}

/** The description of a list screen. */
export function viewInfo(id: ViewId): ViewInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`unknown view ${id}`);
  return info;
}

/** The rows a screen lists, straight from the cluster view. */
export function rowsOf<V extends ViewId>(view: ClusterView, id: V): RowTypes[V][] {
  return (view[id] ?? []) as RowTypes[V][];
}

// Rows are never mutated (a change replaces the object), so a row's key can be computed once.
const keyCache = new WeakMap<object, string>();

/** The key a row has in the URL's `sel` parameter: "namespace/name", a node name, or an event uid. */
export function rowKey(id: ViewId, row: AnyRow): string {
  let key = keyCache.get(row);
  if (key === undefined) {
    key = computeRowKey(id, row);
    keyCache.set(row, key);
  }
  return key;
}

function computeRowKey(id: ViewId, row: AnyRow): string {
  const plain = plainKindOf(id);
  if (plain) {
    const r = row as PlainRow;
    return plain.api.namespaced ? `${r.namespace ?? ''}/${r.name}` : r.name;
  }
  switch (id) {
    case 'pods':
    case 'services': {
      const r = row as PodView | ServiceView;
      return `${r.namespace}/${r.name}`;
    }
    case 'events':
      return (row as EventView).id;
    case 'nodepools':
      // "karpenter/general": a node group and a NodePool may share a name.
      return (row as NodePoolView).id;
    default:
      return (row as NodeView | ProfileView | NodePoolView | NamespaceView).name;
  }
}

/** The namespace a row belongs to, for the `ns` narrowing; null for cluster-scoped rows. */
export function rowNamespace(id: ViewId, row: AnyRow): string | null {
  if (id === 'pods' || id === 'services' || id === 'events') return (row as PodView | ServiceView | EventView).namespace;
  if (plainKindOf(id)?.api.namespaced) return (row as PlainRow).namespace ?? '';
  return null;
}

/** Labels the `-l` filter matches against; null when the kind has none we know. */
export function rowLabels(id: ViewId, row: AnyRow): Record<string, string> | null {
  if (id === 'pods') return (row as PodView).labels;
  if (id === 'nodes') return (row as NodeView).labels;
  // A service has no labels in the view model; its selector says which pods it fronts, which is what
  // people filter services by ("-l app=nginx").
  if (id === 'services') return (row as ServiceView).selector;
  if (plainKindOf(id)) return (row as PlainRow).labels;
  return null;
}

/** What `c` copies: the endpoint of a load-balanced service, else the object's name. */
export function copyText(id: ViewId, row: AnyRow): string {
  if (id === 'services') {
    const s = row as ServiceView;
    return s.hostname ?? s.name;
  }
  if (id === 'events') return (row as EventView).message;
  const plain = plainKindOf(id);
  if (plain) return plain.plain.screen.copy?.(row as never) ?? (row as PlainRow).name;
  return (row as PodView | NodeView | ProfileView | NodePoolView | NamespaceView).name;
}

/** Where an event's involved object is listed (pods, services, nodes, plain kinds), or null for kinds Farview has no screen for. */
export function eventObjectLink(e: EventView): { view: ViewId; sel: string } | null {
  const ns = e.object.namespace ?? e.namespace;
  switch (e.object.kind) {
    case 'Pod':
      return { view: 'pods', sel: `${ns}/${e.object.name}` };
    case 'Service':
      return { view: 'services', sel: `${ns}/${e.object.name}` };
    case 'Node':
      return { view: 'nodes', sel: e.object.name };
    default: {
      const plain = plainKindOf(kindByObjectKind(e.object.kind)?.resource ?? '');
      if (!plain) return null;
      return { view: plain.resource, sel: plain.api.namespaced ? `${ns}/${e.object.name}` : e.object.name };
    }
  }
}
