/**
 * What "no lost events" means, checked against a fresh list from the API server: every pod the cluster
 * has is in the view exactly once, nothing else is, and what a user reads in a row — node, phase, READY,
 * RESTARTS, labels — equals what the API says. Derived here independently of lib/view, the way kubectl
 * reads a pod without init containers (the scale scenario has none). Pure.
 */
import type { PodView } from '../lib/view/model';
import type { ApiPod } from './kube';

export interface PodFacts {
  id: string;
  namespace: string;
  name: string;
  nodeName: string | null;
  phase: string;
  ready: string;
  restarts: number;
  labels: Record<string, string>;
}

/** The facts of a pod as the API server holds it. */
export function factsOfApiPod(p: ApiPod): PodFacts {
  const statuses = p.status?.containerStatuses ?? [];
  const ready = statuses.filter((c) => c.ready === true && c.state?.running !== undefined).length;
  return {
    id: p.metadata.uid,
    namespace: p.metadata.namespace,
    name: p.metadata.name,
    nodeName: p.spec.nodeName || null,
    phase: p.status?.phase ?? 'Unknown',
    ready: `${ready}/${p.spec.containers.length}`,
    restarts: statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0),
    labels: p.metadata.labels ?? {},
  };
}

/** The same facts as a row of the view shows them. */
export function factsOfPodView(p: PodView): PodFacts {
  return { id: p.id, namespace: p.namespace, name: p.name, nodeName: p.nodeName, phase: p.phase, ready: p.ready, restarts: p.restarts, labels: p.labels };
}

export interface Difference {
  /** "namespace/name" */
  pod: string;
  problem: 'missing' | 'extra' | 'duplicate' | 'stale';
  /** For stale rows: field → [api, view]. */
  fields?: Record<string, [unknown, unknown]>;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] === a[k]);
}

/** Rows that differ between the API's pods (`truth`) and a view's pods, by uid. */
export function comparePods(truth: readonly PodFacts[], view: readonly PodFacts[]): Difference[] {
  const diffs: Difference[] = [];
  const byId = new Map<string, PodFacts>();
  for (const v of view) {
    if (byId.has(v.id)) diffs.push({ pod: `${v.namespace}/${v.name}`, problem: 'duplicate' });
    byId.set(v.id, v);
  }
  const seen = new Set<string>();
  for (const t of truth) {
    seen.add(t.id);
    const v = byId.get(t.id);
    if (!v) {
      diffs.push({ pod: `${t.namespace}/${t.name}`, problem: 'missing' });
      continue;
    }
    const fields: Record<string, [unknown, unknown]> = {};
    for (const k of ['namespace', 'name', 'nodeName', 'phase', 'ready', 'restarts'] as const) if (t[k] !== v[k]) fields[k] = [t[k], v[k]];
    if (!sameLabels(t.labels, v.labels)) fields.labels = [t.labels, v.labels];
    if (Object.keys(fields).length) diffs.push({ pod: `${t.namespace}/${t.name}`, problem: 'stale', fields });
  }
  for (const v of byId.values()) if (!seen.has(v.id)) diffs.push({ pod: `${v.namespace}/${v.name}`, problem: 'extra' });
  return diffs;
}
