/**
 * Addresses of the server routes and pages the cluster screens use, with every path segment encoded
 * (context names are often ARNs or "user@cluster.region.eksctl.io").
 */
import type { PageId } from './commands';

const seg = encodeURIComponent;

/** GET: the kubeconfig's contexts. */
export const CONTEXTS_PATH = '/api/contexts';

/** GET: the whole ClusterView of a context. */
export function viewPath(context: string): string {
  return `/api/c/${seg(context)}/view`;
}

/** The live stream; `since` resumes after the last sequence number seen. */
export function eventsPath(context: string, since?: number): string {
  const base = `/api/c/${seg(context)}/events`;
  return since !== undefined && since >= 0 ? `${base}?since=${since}` : base;
}

/** GET: PodDetail of one pod. */
export function podPath(context: string, namespace: string, name: string): string {
  return `/api/c/${seg(context)}/pods/${seg(namespace)}/${seg(name)}`;
}

/** Object kinds the YAML route serves. */
export type ObjectKind = 'pod' | 'node' | 'service' | 'fargateprofile' | 'nodegroup' | 'namespace' | 'event';

/** GET: {yaml} of any object. */
export function objectPath(context: string, kind: ObjectKind, name: string, namespace?: string | null): string {
  const base = `/api/c/${seg(context)}/objects/${seg(kind)}/${seg(name)}`;
  return namespace ? `${base}?namespace=${seg(namespace)}` : base;
}

/** The cluster screens of a context, with a query string (no "?"). */
export function clusterPath(context: string, query = ''): string {
  return `/c/${seg(context)}${query ? `?${query}` : ''}`;
}

/** The other pages of a context (cost, what-if, audit), and the shared reports, which are kept for every context. */
export function pagePath(context: string, page: PageId): string {
  return page === 'reports' ? '/reports' : `/c/${seg(context)}/${page}`;
}

/** A route parameter as the user wrote it: decoded when it still carries %-escapes. */
export function decodeParam(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
