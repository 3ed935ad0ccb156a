/** Maps a request path to what it addresses: a discovery document, an OpenAPI document, or a resource. */
import { BUILTIN_API, type ResourceInfo, type ServedApi } from './resources';

export type Subresource = 'status' | 'log' | 'scale';

export type Route =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'api' }
  | { type: 'apis' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'openapiV2' }
  | { type: 'openapiV3Root' }
  | { type: 'openapiV3'; group: string; version: string }
  | {
      type: 'resource';
      resource: ResourceInfo;
      /** The namespace in the path; null for cluster-scoped resources and all-namespace collections. */
      namespace: string | null;
      name: string | null;
      sub: Subresource | null;
      /** The deprecated /api/v1/watch/... form. */
      legacyWatch: boolean;
    }
  | { type: 'unknown' };

function decode(seg: string): string | null {
  try {
    return decodeURIComponent(seg);
  } catch {
    return null;
  }
}

/** Resolves a resource path below /api/v1 or /apis/<g>/<v>. */
function resourceRoute(api: ServedApi, group: string, version: string, rest: string[], legacyWatch: boolean): Route {
  if (rest.length === 0) return { type: 'unknown' };
  let namespace: string | null = null;
  let segs = rest;
  // /namespaces/<ns>/<plural>/... is a namespaced path unless the third segment is a namespace subresource.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = api.findResource(group, version, rest[2]);
    if (inner && inner.namespaced) {
      namespace = rest[1];
      segs = rest.slice(2);
    }
  }
  const resource = api.findResource(group, version, segs[0]);
  if (!resource) return { type: 'unknown' };
  if (resource.namespaced === false && namespace !== null) return { type: 'unknown' };
  if (segs.length > 3) return { type: 'unknown' };
  const name = segs[1] ?? null;
  const subRaw = segs[2] ?? null;
  let sub: Subresource | null = null;
  if (subRaw !== null) {
    if (!(resource.subresources as string[]).includes(subRaw)) return { type: 'unknown' };
    sub = subRaw as Subresource;
  }
  // A namespaced resource addressed by name needs its namespace.
  if (resource.namespaced && name !== null && namespace === null) return { type: 'unknown' };
  if (name === '') return { type: 'unknown' };
  return { type: 'resource', resource, namespace, name, sub, legacyWatch };
}

/** Parses a URL path (no query string). */
export function route(pathname: string, api: ServedApi = BUILTIN_API): Route {
  const raw = pathname.split('/').filter((s, i, a) => !(s === '' && (i === 0 || i === a.length - 1)));
  const segs: string[] = [];
  for (const s of raw) {
    const d = decode(s);
    if (d === null) return { type: 'unknown' };
    segs.push(d);
  }
  if (segs.length === 0) return { type: 'unknown' };
  const [head, ...rest] = segs;
  switch (head) {
    case 'version':
      return rest.length === 0 ? { type: 'version' } : { type: 'unknown' };
    case 'healthz':
    case 'livez':
    case 'readyz':
      return { type: 'health' };
    case 'openapi':
      if (rest[0] === 'v2' && rest.length === 1) return { type: 'openapiV2' };
      if (rest[0] === 'v3' && rest.length === 1) return { type: 'openapiV3Root' };
      if (rest[0] === 'v3' && rest[1] === 'api' && rest.length === 3) return { type: 'openapiV3', group: '', version: rest[2] };
      if (rest[0] === 'v3' && rest[1] === 'apis' && rest.length === 4) return { type: 'openapiV3', group: rest[2], version: rest[3] };
      return { type: 'unknown' };
    case 'api': {
      if (rest.length === 0) return { type: 'api' };
      if (rest[0] !== 'v1') return { type: 'unknown' };
      if (rest.length === 1) return { type: 'groupVersion', group: '', version: 'v1' };
      if (rest[1] === 'watch') return resourceRoute(api, '', 'v1', rest.slice(2), true);
      return resourceRoute(api, '', 'v1', rest.slice(1), false);
    }
    case 'apis': {
      if (rest.length === 0) return { type: 'apis' };
      const group = rest[0];
      if (!api.groupVersions().some((gv) => gv.group === group && group !== '')) return { type: 'unknown' };
      if (rest.length === 1) return { type: 'group', group };
      const version = rest[1];
      if (!api.groupVersions().some((gv) => gv.group === group && gv.version === version)) return { type: 'unknown' };
      if (rest.length === 2) return { type: 'groupVersion', group, version };
      if (rest[2] === 'watch') return resourceRoute(api, group, version, rest.slice(3), true);
      return resourceRoute(api, group, version, rest.slice(2), false);
    }
    default:
      return { type: 'unknown' };
  }
}
