/**
 * Addresses of the server routes and pages the cluster screens use, with every path segment encoded
 * (context names are often ARNs or "user@cluster.region.eksctl.io").
 */
import type { PlainCollectionName } from '../view/kinds';
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

/** Object kinds the YAML route serves; plain kinds (lib/view/kinds) by their collection name. */
export type ObjectKind = 'pod' | 'node' | 'service' | 'fargateprofile' | 'nodegroup' | 'nodepool' | 'namespace' | 'event' | PlainCollectionName;

/** GET: {yaml} of any object. */
export function objectPath(context: string, kind: ObjectKind, name: string, namespace?: string | null): string {
  const base = `/api/c/${seg(context)}/objects/${seg(kind)}/${seg(name)}`;
  return namespace ? `${base}?namespace=${seg(namespace)}` : base;
}

/** POST: manifests → where each pod template would land (WhatIfResponse). */
export function whatIfPath(context: string): string {
  return `/api/c/${seg(context)}/whatif`;
}

/** GET: the form's options (ProfileFormOptions); POST: create a profile. */
export function profilesPath(context: string): string {
  return `/api/c/${seg(context)}/profiles`;
}

/** POST: the server's preview of a profile form (ProfilePreviewAnswer). */
export function previewPath(context: string): string {
  return `${profilesPath(context)}/preview`;
}

/** GET: one profile (ProfileAnswer); DELETE: delete it. */
export function profilePath(context: string, name: string): string {
  return `${profilesPath(context)}/${seg(name)}`;
}

/** POST: start, resume or abandon a replace; GET with ?plan=: its state. */
export function replacePath(context: string, name: string): string {
  return `${profilePath(context, name)}/replace`;
}

/** POST: rollout restart of the Deployments a profile now captures (RestartAnswer). */
export function restartPath(context: string, name: string): string {
  return `${profilePath(context, name)}/restart-workloads`;
}

/** POST: share a cost report (ShareRequest → ShareResponse); GET: the saved reports. */
export const REPORTS_PATH = '/api/reports';

/** GET: one saved report as JSON; with `/csv?rows=`, as CSV. */
export function reportPath(id: string): string {
  return `${REPORTS_PATH}/${seg(id)}`;
}

/** GET: a page of a context's audit log (AuditPage), entries older than `before`. */
export function auditPath(context: string, limit: number, before?: number): string {
  return `/api/audit?${new URLSearchParams({ context, limit: String(limit), ...(before ? { before: String(before) } : {}) })}`;
}

/** The new-profile form; `replace` opens it prefilled to replace that profile. */
export function newProfilePage(context: string, replace?: string): string {
  return `/c/${seg(context)}/profiles/new${replace ? `?replace=${seg(replace)}` : ''}`;
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

/** GET: the latest usage samples of pods and nodes, and the metrics source's state. */
export function usagePath(context: string): string {
  return `/api/c/${seg(context)}/usage`;
}

/** GET: right-sizing recommendations from the usage history. */
export function rightsizingPath(context: string): string {
  return `/api/c/${seg(context)}/rightsizing`;
}

/** GET: the cost of a time range from the cost ledger (`?range=24h&by=…&ns=…&place=…`). */
export function costRangePath(context: string): string {
  return `/api/c/${seg(context)}/cost/range`;
}
