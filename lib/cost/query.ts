/**
 * The cost view's query in the URL (`?by=workload&ns=test3-mixed&place=fargate`) and the line filter it
 * stands for. Parsing never throws: a bad value becomes the default and is described in `problems`.
 */
import type { CostLine, CostQuery, GroupBy, PlaceFilter } from './types';

export const GROUP_BYS: readonly GroupBy[] = ['namespace', 'workload', 'profile', 'pool', 'capacity', 'pod'];
export const PLACE_FILTERS: readonly PlaceFilter[] = ['all', 'ec2', 'fargate'];

export const DEFAULT_QUERY: CostQuery = { by: 'namespace', ns: null, place: 'all' };

/** Column headings of the group-by choices, for the switch and the table. */
export const GROUP_BY_LABEL: Record<GroupBy, string> = {
  namespace: 'Namespace',
  workload: 'Workload',
  profile: 'Fargate profile',
  pool: 'Node pool',
  capacity: 'Capacity type',
  pod: 'Pod',
};

// Kubernetes namespace names: DNS labels, at most 63 characters.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface ParamsLike {
  get(name: string): string | null;
}

export function isGroupBy(v: unknown): v is GroupBy {
  return typeof v === 'string' && (GROUP_BYS as readonly string[]).includes(v);
}

export function isPlaceFilter(v: unknown): v is PlaceFilter {
  return typeof v === 'string' && (PLACE_FILTERS as readonly string[]).includes(v);
}

/** True when `v` can be a Kubernetes namespace name. */
export function isNamespaceName(v: unknown): boolean {
  return typeof v === 'string' && NAMESPACE.test(v);
}

/** Reads the query from URL parameters; unknown values fall back to the default and say so. */
export function parseCostQuery(params: ParamsLike): { query: CostQuery; problems: string[] } {
  const problems: string[] = [];
  const query: CostQuery = { ...DEFAULT_QUERY };
  const by = params.get('by');
  if (by) {
    if (isGroupBy(by)) query.by = by;
    // Links made before node groups became node pools.
    else if (by === 'nodegroup') query.by = 'pool';
    else problems.push(`by=${by} is not one of ${GROUP_BYS.join(', ')}: grouping by namespace`);
  }
  const ns = params.get('ns');
  if (ns) {
    if (isNamespaceName(ns)) query.ns = ns;
    else problems.push(`ns=${ns.slice(0, 80)} is not a namespace name: showing all namespaces`);
  }
  const place = params.get('place');
  if (place) {
    if (isPlaceFilter(place)) query.place = place;
    else problems.push(`place=${place.slice(0, 40)} is not all, ec2 or fargate: showing both sides`);
  }
  return { query, problems };
}

/** The query string (without "?") for a query; defaults are left out so links stay short. */
export function serializeCostQuery(q: CostQuery): string {
  const out = new URLSearchParams();
  if (q.by !== DEFAULT_QUERY.by) out.set('by', q.by);
  if (q.ns) out.set('ns', q.ns);
  if (q.place !== 'all') out.set('place', q.place);
  return out.toString();
}

/** The lines the query keeps. Idle EC2 capacity stays unless a namespace is chosen or only Fargate is shown. */
export function filterLines(lines: readonly CostLine[], q: Pick<CostQuery, 'ns' | 'place'>): CostLine[] {
  return lines.filter((l) => {
    if (q.ns !== null && l.namespace !== q.ns) return false;
    if (q.place === 'ec2') return l.placement === 'ec2';
    if (q.place === 'fargate') return l.placement === 'fargate';
    return true;
  });
}

/** One line describing the filters, for titles and notes: "namespace test3-mixed, Fargate only". */
export function describeFilters(q: CostQuery): string {
  const parts: string[] = [];
  parts.push(q.ns ? `namespace ${q.ns}` : 'all namespaces');
  if (q.place === 'ec2') parts.push('EC2 only');
  if (q.place === 'fargate') parts.push('Fargate only');
  return parts.join(', ');
}
