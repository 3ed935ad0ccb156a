/**
 * What Farview knows about one watched Kubernetes kind, declared once in its own module and listed in
 * kinds/index.ts. The API part is plain data (lib/server builds its informers from it); a "plain" kind also
 * carries everything its screen needs: the row builder, the screen's name and command, its columns and the
 * facts its detail shows. Pure: no server imports.
 */
import type { Column } from '../../ui/column-kit';
import type { KubeObject } from '../kube';

export interface KindApi {
  /** '' for the core group. */
  group: string;
  /** The version to watch; a discovered kind uses the version the server prefers. */
  version: string;
  plural: string;
  namespaced: boolean;
}

/**
 * How lib/server keeps a kind: `list` watches it from the start, `discover` only once discovery finds its group
 * served (a CRD that may be missing), `none` not at all (the builder reads it when a snapshot carries it).
 */
export type WatchMode = 'list' | 'discover' | 'none';

export interface KindDescriptor<R extends string = string> {
  /** The cache name, also the source id of its informer. */
  resource: R;
  /** The object kind, as events name their involved object. */
  kind: string;
  /** Human name of the source ("Pods"). */
  title: string;
  api: KindApi;
  watch: WatchMode;
  /** True when the cluster counts as reachable only through kinds like this one. */
  essential?: boolean;
  /** The names GET /api/c/[context]/objects/[kind]/[name] accepts for its YAML; none: no such route. */
  objectNames?: readonly string[];
  /** Position when a whole snapshot is fed to the builder: what others read goes first (nodes before pods). */
  snapshotOrder: number;
  /** Why discovery finds nothing, for the source message of a `discover` kind. */
  absentReason?: string;
}

/** What every plain row carries. */
export interface PlainRow {
  id: string;
  name: string;
  namespace?: string;
  createdAt: string;
  labels: Record<string, string>;
}

/** The list screen of a plain kind. */
export interface PlainScreen<V> {
  title: string;
  /** Plural noun for messages ("no ingresses match"). */
  noun: string;
  /** The short command (":ing") and every alias the command bar accepts. */
  command: string;
  aliases: readonly string[];
  columns: readonly Column<V>[];
  defaultSort: { column: string; desc: boolean };
  /** The description the detail panel shows above the YAML, as label/value pairs. */
  facts: (row: V, now: number) => [string, string][];
  /** What `c` copies; the name when absent. */
  copy?: (row: V) => string;
}

/** A kind that needs nothing but its own object: one row per object, no aggregates. */
export interface PlainKind<R extends string, O extends KubeObject, V extends PlainRow> extends KindDescriptor<R> {
  objectNames: readonly string[];
  plain: { row: (obj: O) => V; screen: PlainScreen<V> };
}

/** The path an informer lists and watches: /api/v1/pods, /apis/networking.k8s.io/v1/ingresses. */
export function apiPath(api: KindApi, version = api.version): string {
  return `${api.group ? `/apis/${api.group}` : '/api'}/${version}/${api.plural}`;
}

/** "group/version", or "version" for the core group. */
export function apiVersion(api: KindApi, version = api.version): string {
  return api.group ? `${api.group}/${version}` : version;
}
