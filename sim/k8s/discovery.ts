/**
 * Discovery documents: /version, legacy discovery (/api, /apis, /api/v1, /apis/<g>/<v>) and aggregated
 * discovery v2 (one response for /api and one for /apis), which kubectl asks for first.
 * Only the group versions the simulator really serves are advertised (a listed but missing group makes kubectl
 * print "couldn't get resource list" warnings on every command).
 */
import { BUILTIN_API, verbsOf, type ResourceInfo, type ServedApi } from './resources';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** An EKS 1.28 control plane, as `GET /version` reports it. */
export const VERSION: VersionInfo = {
  major: '1',
  minor: '28+',
  gitVersion: 'v1.28.15-eks-7f9249a',
  gitCommit: '2a5bcd0f8d2bd3c64a7a1fe5b3bc3e3d5e9a6c4b',
  gitTreeState: 'clean',
  buildDate: '2024-11-19T17:46:44Z',
  goVersion: 'go1.22.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export type AggregatedVersion = 'v2' | 'v2beta1';

/** The Content-Type that tells client-go a response is aggregated discovery. */
export function aggregatedContentType(v: AggregatedVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;
}

/** Which aggregated discovery version an Accept header asks for first (v2 from kubectl 1.30+, v2beta1 from
 * 1.26–1.29), or null for legacy discovery. Parameter order does not matter. */
export function wantsAggregated(accept: string | undefined): AggregatedVersion | null {
  if (!accept) return null;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (type !== 'application/json') continue;
    const p = new Map(params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]));
    if (p.get('g') !== 'apidiscovery.k8s.io' || p.get('as') !== 'APIGroupDiscoveryList') continue;
    const v = p.get('v');
    if (v === 'v2' || v === 'v2beta1') return v;
  }
  return null;
}

/** GET /api (legacy). */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** GET /apis (legacy); `extra`: aggregated API groups (metrics-server's) listed after the built-in ones. */
export function apiGroupList(extra: readonly unknown[] = [], api: ServedApi = BUILTIN_API) {
  const groups = api.groupVersions()
    .filter((gv) => gv.group !== '')
    .map((gv) => {
      const gvs = { groupVersion: `${gv.group}/${gv.version}`, version: gv.version };
      return { name: gv.group, versions: [gvs], preferredVersion: gvs };
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups, ...extra] };
}

/** GET /apis/<group> (legacy), or undefined for an unknown group. */
export function apiGroup(group: string, api: ServedApi = BUILTIN_API) {
  const gv = api.groupVersions().find((g) => g.group === group && group !== '');
  if (!gv) return undefined;
  const gvs = { groupVersion: `${gv.group}/${gv.version}`, version: gv.version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [gvs], preferredVersion: gvs };
}

/** GET /api/v1 or /apis/<group>/<version> (legacy APIResourceList), or undefined for an unknown group version. */
export function apiResourceList(group: string, version: string, api: ServedApi = BUILTIN_API) {
  const rs = api.inGroupVersion(group, version);
  if (rs.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of rs) {
    const main: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: verbsOf(),
    };
    if (r.shortNames.length) main.shortNames = r.shortNames;
    if (r.categories.length) main.categories = r.categories;
    resources.push(main);
    for (const sub of r.subresources) {
      resources.push({
        name: `${r.plural}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { kind: r.kind }),
        verbs: verbsOf(sub),
      });
    }
  }
  const list: Record<string, unknown> = { kind: 'APIResourceList', groupVersion: group ? `${group}/${version}` : version, resources };
  if (group) list.apiVersion = 'v1';
  return list;
}

function aggregatedResource(r: ResourceInfo) {
  const responseKind = { group: r.group, version: r.version, kind: r.kind };
  const out: Record<string, unknown> = {
    resource: r.plural,
    responseKind,
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: verbsOf(),
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((sub) => ({
      subresource: sub,
      responseKind: sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : responseKind,
      verbs: verbsOf(sub),
    }));
  }
  return out;
}

/** Aggregated discovery (v2 or the identical v2beta1): `core` answers /api, otherwise /apis. */
export function aggregatedDiscovery(core: boolean, v: AggregatedVersion = 'v2', extra: readonly unknown[] = [], api: ServedApi = BUILTIN_API) {
  const items = api.groupVersions()
    .filter((gv) => (gv.group === '') === core)
    .map((gv) => ({
      metadata: core ? { creationTimestamp: null } : { name: gv.group, creationTimestamp: null },
      versions: [
        {
          version: gv.version,
          resources: api.inGroupVersion(gv.group, gv.version).map(aggregatedResource),
          freshness: 'Current',
        },
      ],
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${v}`, metadata: {}, items: core ? items : [...items, ...extra] };
}
