/**
 * Column specs of every list screen, declared once: header, fixed width, sort letter, whether the
 * column only shows in wide mode, and pure accessors for the text (display, tooltip, filter) and the
 * sort value. Components pick a renderer by `kind`; everything else comes from here.
 */
import type {
  EventView,
  Finding,
  NamespaceView,
  NodePoolView,
  NodeView,
  Placement,
  PodView,
  ProfileSelectorView,
  ProfileView,
  ServiceView,
  Severity,
} from '../view/model';
import { PLAIN_KINDS, type PlainCollectionName } from '../view/kinds';
import { capacityLabel } from '../view/node-info';
import { age, dash, labelsText, type CellKind, type Column } from './column-kit';
import { cpuPercentOf, formatCpuUsage, formatMemUsage, percentOf, podPercent, type PodPercent } from './usage';
import { formatCpu, formatGiB, formatRequest, formatSize, formatUSD, formatUse, shortNodeName, trimNumber } from './format';
import type { RowTypes, ViewId } from './views';

export type { CellKind, Column };

export type ColumnsByView = { [V in ViewId]: readonly Column<RowTypes[V]>[] };

const PLACE_LABEL: Record<Placement, string> = { ec2: 'EC2', fargate: 'FARGATE', pending: 'PENDING', other: 'OTHER' };

/** The badge text of a placement. */
export function placeLabel(p: Placement | null): string {
  return p ? PLACE_LABEL[p] : '—';
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The most severe of a list of findings, or null when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

function findingsText(findings: readonly Finding[]): string {
  const worst = worstSeverity(findings);
  return worst ? `${findings.length} ${worst}` : '';
}

function findingsSort(findings: readonly Finding[]): number {
  const worst = worstSeverity(findings);
  return worst ? SEVERITY_RANK[worst] * 1000 + findings.length : 0;
}

/** What the BILLED column says: the billed Fargate size, EC2's node share, or the expected size of a pending pod. */
export function billedText(p: PodView): string {
  if (p.placement === 'fargate') return formatSize(p.billedSize ?? p.expectedSize);
  if (p.placement === 'ec2') return '(node share)';
  if (p.placement === 'pending' && p.profile && p.expectedSize) return `(${formatSize(p.expectedSize)})`;
  return '—';
}

function podCost(p: PodView): string {
  return p.costBasis === 'none' ? '—' : formatUSD(p.hourlyUSD);
}

function annotationText(p: PodView): string {
  if (!p.capacityProvisioned) return '—';
  return p.sizeAgrees === false ? `${p.capacityProvisioned} ≠` : p.capacityProvisioned;
}

const POD_COLUMNS: readonly Column<PodView>[] = [
  { id: 'namespace', header: 'NAMESPACE', width: 15, sortLetter: 'E', text: (p) => p.namespace },
  { id: 'name', header: 'NAME', width: 22, grow: 1, sortLetter: 'N', kind: 'name', text: (p) => p.name },
  { id: 'place', header: 'PLACE', width: 9, sortLetter: 'P', kind: 'place', text: (p) => placeLabel(p.placement) },
  { id: 'profile', header: 'PROFILE', width: 14, sortLetter: 'F', text: (p) => dash(p.profile) },
  {
    id: 'requested',
    header: 'REQUESTED',
    width: 13,
    sortLetter: 'R',
    text: (p) => (p.request.cpuMillis || p.request.memoryBytes ? formatRequest(p.request) : '—'),
    sort: (p) => p.request.cpuMillis * 1e12 + p.request.memoryBytes,
  },
  {
    id: 'billed',
    header: 'BILLED',
    width: 14,
    sortLetter: 'B',
    text: billedText,
    sort: (p) => {
      const s = p.billedSize ?? p.expectedSize;
      return s ? s.vcpu * 1000 + s.memoryGiB : -1;
    },
  },
  { id: 'cost', header: '$/H', width: 8, align: 'right', sortLetter: 'H', kind: 'money', text: podCost, sort: (p) => p.hourlyUSD },
  ...usageColumns(),
  { id: 'node', header: 'NODE', width: 19, sortLetter: 'O', kind: 'name', text: (p) => (p.nodeName ? shortNodeName(p.nodeName) : '—'), title: (p) => dash(p.nodeName) },
  { id: 'ip', header: 'IP', width: 15, wide: true, sortLetter: 'I', text: (p) => dash(p.ip), sort: (p) => ipSortKey(p.ip) },
  { id: 'status', header: 'STATUS', width: 11, sortLetter: 'S', kind: 'status', text: (p) => p.status },
  { id: 'ready', header: 'READY', width: 5, sortLetter: 'D', text: (p) => p.ready },
  { id: 'restarts', header: 'RESTARTS', width: 8, align: 'right', sortLetter: 'T', text: (p) => String(p.restarts), sort: (p) => p.restarts },
  { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<PodView>((p) => p.createdAt) },
  { id: 'owner', header: 'OWNER', width: 26, wide: true, sortLetter: 'W', text: (p) => (p.workload ? `${p.workload.kind}/${p.workload.name}` : p.owner ? `${p.owner.kind}/${p.owner.name}` : '—') },
  { id: 'qos', header: 'QOS', width: 10, wide: true, sortLetter: 'Q', text: (p) => dash(p.qos) },
  { id: 'zone', header: 'ZONE', width: 16, wide: true, sortLetter: 'Z', text: (p) => dash(p.zone) },
  { id: 'annotation', header: 'ANNOTATION', width: 16, wide: true, sortLetter: 'X', text: annotationText },
  { id: 'findings', header: 'FINDINGS', width: 10, wide: true, sortLetter: 'L', kind: 'findings', text: (p) => findingsText(p.findings), sort: (p) => findingsSort(p.findings) },
];

/** What a usage cell says without a sample: metrics-server has none for pods that are not running. */
const NO_SAMPLE = '—';

function percentText(n: number | null): string {
  return n === null ? 'n/a' : String(n);
}

/**
 * K9s's usage columns: CPU and MEM as `kubectl top` prints them, then the share of request (R) and limit (L).
 * The shares of the request show by default (they are what right-sizing reads); the rest in wide mode.
 */
function usageColumns(): Column<PodView>[] {
  const pct = (id: PodPercent, header: string, letter: string, wide: boolean, what: string): Column<PodView> => ({
    id,
    header,
    // Room for the header and, when its sort letter is not in it, the "·y" hint after it.
    width: header.includes(letter) ? header.length : header.length + 2,
    align: 'right',
    wide,
    sortLetter: letter,
    text: (p) => (p.usage ? percentText(podPercent(p, id)) : NO_SAMPLE),
    title: (p) => (p.usage ? `${percentText(podPercent(p, id))}${podPercent(p, id) === null ? ` (no ${what})` : ` % of the ${what}`}` : 'no usage sample'),
    sort: (p) => podPercent(p, id) ?? -1,
  });
  return [
    {
      id: 'cpuUse',
      header: 'CPU',
      width: 5,
      align: 'right',
      wide: true,
      sortLetter: 'C',
      text: (p) => (p.usage ? formatCpuUsage(p.usage.cpuMilli) : NO_SAMPLE),
      title: (p) => (p.usage ? `${formatCpuUsage(p.usage.cpuMilli)} of CPU used (metrics-server)` : 'no usage sample'),
      sort: (p) => p.usage?.cpuMilli ?? -1,
    },
    {
      id: 'memUse',
      header: 'MEM',
      width: 6,
      align: 'right',
      wide: true,
      sortLetter: 'M',
      text: (p) => (p.usage ? formatMemUsage(p.usage.memoryBytes) : NO_SAMPLE),
      title: (p) => (p.usage ? `${formatMemUsage(p.usage.memoryBytes)} of memory used, working set (metrics-server)` : 'no usage sample'),
      sort: (p) => p.usage?.memoryBytes ?? -1,
    },
    pct('cpuR', '%CPU/R', 'U', false, 'CPU request'),
    pct('cpuL', '%CPU/L', 'K', true, 'CPU limit'),
    pct('memR', '%MEM/R', 'Y', false, 'memory request'),
    pct('memL', '%MEM/L', 'J', true, 'memory limit'),
  ];
}

/** A node's usage against allocatable, as `kubectl top nodes` prints it ("35m 1%"). */
function nodeUsedColumn(
  id: string,
  header: string,
  width: number,
  letter: string,
  used: (u: NonNullable<NodeView['usage']>) => number,
  of: (n: NodeView) => number,
  fmtUsed: (v: number) => string,
  fmtOf: (v: number) => string,
  pct: (used: number, of: number) => number | null,
): Column<NodeView> {
  return {
    id,
    header,
    width,
    align: 'right',
    sortLetter: letter,
    text: (n) => (n.usage ? `${fmtUsed(used(n.usage))} ${percentText(pct(used(n.usage), of(n)))}%` : NO_SAMPLE),
    title: (n) => (n.usage ? `${fmtUsed(used(n.usage))} used of ${fmtOf(of(n))} allocatable` : 'no usage sample'),
    sort: (n) => (n.usage ? ratio(used(n.usage), of(n)) : -1),
  };
}

/** A sortable form of an IPv4 address ("172.31.55.250" → "172.031.055.250"); other strings as they are. */
export function ipSortKey(ip: string | null): string {
  if (!ip) return '';
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((x) => !/^\d{1,3}$/.test(x))) return ip;
  return parts.map((x) => x.padStart(3, '0')).join('.');
}

/** CPU and memory requested against allocatable, for nodes and node pools alike. */
function requestedColumns<V extends { requested: { cpuMillis: number; memoryBytes: number }; allocatable: { cpuMillis: number; memoryBytes: number } }>(): Column<V>[] {
  return [
    {
      id: 'cpu',
      header: 'CPU REQ/ALLOC',
      width: 18,
      sortLetter: 'U',
      text: (n) => formatUse(n.requested.cpuMillis, n.allocatable.cpuMillis, formatCpu),
      sort: (n) => ratio(n.requested.cpuMillis, n.allocatable.cpuMillis),
    },
    {
      id: 'mem',
      header: 'MEM REQ/ALLOC',
      width: 19,
      sortLetter: 'M',
      text: (n) => formatUse(n.requested.memoryBytes, n.allocatable.memoryBytes, formatGiB),
      sort: (n) => ratio(n.requested.memoryBytes, n.allocatable.memoryBytes),
    },
  ];
}

const NODE_COLUMNS: readonly Column<NodeView>[] = [
  { id: 'name', header: 'NAME', width: 26, grow: 1, sortLetter: 'N', kind: 'name', text: (n) => shortNodeName(n.name), title: (n) => n.name },
  { id: 'type', header: 'TYPE', width: 9, sortLetter: 'T', kind: 'place', text: (n) => (n.computeType === 'other' ? 'OTHER' : placeLabel(n.computeType)) },
  { id: 'group', header: 'POOL/PROFILE', width: 18, sortLetter: 'P', text: (n) => dash(n.pool ?? n.profile) },
  { id: 'instance', header: 'INSTANCE', width: 11, sortLetter: 'I', text: (n) => dash(n.instanceType) },
  { id: 'zone', header: 'ZONE', width: 16, wide: true, sortLetter: 'Z', text: (n) => dash(n.zone) },
  { id: 'capacity', header: 'CAPACITY', width: 10, sortLetter: 'Y', text: (n) => (n.capacityType ? capacityLabel(n.capacityType) : '—') },
  { id: 'arch', header: 'ARCH', width: 6, wide: true, sortLetter: 'W', text: (n) => dash(n.arch) },
  { id: 'status', header: 'STATUS', width: 10, sortLetter: 'S', kind: 'status', text: (n) => n.status },
  ...requestedColumns<NodeView>(),
  nodeUsedColumn('cpuUse', 'CPU USED', 9, 'C', (u) => u.cpuMilli, (n) => n.allocatable.cpuMillis, formatCpuUsage, formatCpu, cpuPercentOf),
  nodeUsedColumn('memUse', 'MEM USED', 10, 'E', (u) => u.memoryBytes, (n) => n.allocatable.memoryBytes, formatMemUsage, formatGiB, percentOf),
  { id: 'pods', header: 'PODS', width: 5, align: 'right', sortLetter: 'O', text: (n) => String(n.podCount), sort: (n) => n.podCount },
  { id: 'cost', header: '$/H', width: 8, align: 'right', sortLetter: 'H', kind: 'money', text: (n) => formatUSD(n.hourlyUSD), sort: (n) => n.hourlyUSD },
  { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<NodeView>((n) => n.createdAt) },
  { id: 'ip', header: 'INTERNAL-IP', width: 15, wide: true, sortLetter: 'R', text: (n) => dash(n.internalIP), sort: (n) => ipSortKey(n.internalIP) },
  { id: 'kubelet', header: 'VERSION', width: 20, wide: true, sortLetter: 'V', text: (n) => dash(n.kubeletVersion) },
  { id: 'findings', header: 'FINDINGS', width: 10, wide: true, sortLetter: 'L', kind: 'findings', text: (n) => findingsText(n.findings), sort: (n) => findingsSort(n.findings) },
];

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

function portsText(s: ServiceView): string {
  return s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '—';
}

function backendsText(s: ServiceView): string {
  const parts = [`ec2 ${s.backends.ec2}`, `fg ${s.backends.fargate}`];
  if (s.backends.pending) parts.push(`pend ${s.backends.pending}`);
  return parts.join(' · ');
}

/** "healthy/total" of a service's load balancer targets, or "—" when it has none we know. */
export function targetsText(s: ServiceView): string {
  return s.targets.length ? `${s.healthyTargets}/${s.targets.length}` : '—';
}

const SERVICE_COLUMNS: readonly Column<ServiceView>[] = [
  { id: 'namespace', header: 'NAMESPACE', width: 15, sortLetter: 'E', text: (s) => s.namespace },
  { id: 'name', header: 'NAME', width: 18, grow: 1, sortLetter: 'N', text: (s) => s.name },
  { id: 'type', header: 'TYPE', width: 12, sortLetter: 'T', text: (s) => s.type },
  { id: 'scheme', header: 'SCHEME', width: 15, sortLetter: 'C', text: (s) => dash(s.scheme) },
  { id: 'targetType', header: 'TARGET', width: 8, sortLetter: 'R', text: (s) => dash(s.targetType) },
  { id: 'endpoint', header: 'ENDPOINT', width: 30, grow: 2, sortLetter: 'D', kind: 'endpoint', text: (s) => dash(s.hostname ?? s.clusterIP) },
  { id: 'ports', header: 'PORTS', width: 13, sortLetter: 'O', text: portsText },
  { id: 'backends', header: 'BACKENDS', width: 13, sortLetter: 'K', text: backendsText, sort: (s) => s.backends.fargate * 1e6 + s.backends.ec2 },
  { id: 'targets', header: 'TARGETS', width: 7, align: 'right', sortLetter: 'S', kind: 'targets', text: targetsText, sort: (s) => s.healthyTargets - s.targets.length },
  { id: 'findings', header: 'FINDINGS', width: 10, sortLetter: 'F', kind: 'findings', text: (s) => findingsText(s.findings), sort: (s) => findingsSort(s.findings) },
  { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<ServiceView>((s) => s.createdAt) },
  { id: 'lbState', header: 'LB STATE', width: 12, wide: true, sortLetter: 'B', text: (s) => dash(s.lbState) },
  { id: 'clusterIP', header: 'CLUSTER-IP', width: 15, wide: true, sortLetter: 'I', text: (s) => dash(s.clusterIP), sort: (s) => ipSortKey(s.clusterIP) },
  { id: 'selector', header: 'SELECTOR', width: 26, wide: true, sortLetter: 'L', text: (s) => labelsText(s.selector) || '—' },
];

/** One profile selector: "test3-mixed{runon=fargate}". */
export function selectorText(s: ProfileSelectorView): string {
  return `${s.namespace}${labelsText(s.labels)}`;
}

/** A profile's selectors as one line: "test3-mixed{runon=fargate}; kube-system". */
export function selectorsText(p: ProfileView): string {
  return p.selectors.map(selectorText).join('; ') || '—';
}

const PROFILE_COLUMNS: readonly Column<ProfileView>[] = [
  { id: 'name', header: 'NAME', width: 18, grow: 1, sortLetter: 'N', text: (p) => p.name },
  { id: 'status', header: 'STATUS', width: 14, sortLetter: 'S', kind: 'status', text: (p) => p.status },
  { id: 'selectors', header: 'SELECTORS', width: 28, grow: 2, sortLetter: 'L', text: selectorsText },
  { id: 'subnets', header: 'SUBNETS', width: 26, grow: 1, sortLetter: 'U', text: (p) => p.subnets.join(', ') || '—' },
  { id: 'pods', header: 'PODS', width: 5, align: 'right', sortLetter: 'P', text: (p) => String(p.podCount), sort: (p) => p.podCount },
  { id: 'vcpu', header: 'VCPU', width: 6, align: 'right', sortLetter: 'V', text: (p) => trimNumber(p.billedVcpu, 2), sort: (p) => p.billedVcpu },
  { id: 'gb', header: 'GB', width: 6, align: 'right', sortLetter: 'B', text: (p) => trimNumber(p.billedMemoryGiB, 2), sort: (p) => p.billedMemoryGiB },
  { id: 'cost', header: '$/H', width: 8, align: 'right', sortLetter: 'H', kind: 'money', text: (p) => formatUSD(p.hourlyUSD), sort: (p) => p.hourlyUSD },
  { id: 'findings', header: 'FINDINGS', width: 10, sortLetter: 'F', kind: 'findings', text: (p) => findingsText(p.findings), sort: (p) => findingsSort(p.findings) },
  { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<ProfileView>((p) => p.createdAt) },
  { id: 'role', header: 'POD EXECUTION ROLE', width: 40, wide: true, sortLetter: 'R', text: (p) => dash(p.podExecutionRoleArn) },
];

/** The KIND column's words; the detail gives the full name. */
const POOL_KIND_SHORT: Record<NodePoolView['kind'], string> = {
  nodegroup: 'Node group',
  karpenter: 'Karpenter',
  auto: 'Auto Mode',
  'self-managed': 'Self-managed',
  hybrid: 'Hybrid',
};

const NODEPOOL_COLUMNS: readonly Column<NodePoolView>[] = [
  { id: 'name', header: 'NAME', width: 20, grow: 1, sortLetter: 'N', kind: 'name', text: (g) => g.name },
  { id: 'kind', header: 'KIND', width: 12, sortLetter: 'K', text: (g) => POOL_KIND_SHORT[g.kind] },
  { id: 'status', header: 'STATUS', width: 10, sortLetter: 'S', kind: 'status', text: (g) => g.status },
  { id: 'capacity', header: 'CAPACITY', width: 16, sortLetter: 'Y', text: (g) => g.capacityTypes.join(', ') || '—' },
  { id: 'arch', header: 'ARCH', width: 12, sortLetter: 'R', text: (g) => g.archs.join(', ') || '—' },
  { id: 'instanceTypes', header: 'INSTANCE TYPES', width: 22, grow: 1, sortLetter: 'I', text: (g) => g.instanceTypes.join(', ') || '—' },
  { id: 'nodes', header: 'NODES', width: 6, align: 'right', sortLetter: 'O', text: (g) => (g.readyNodes === g.nodeCount ? String(g.nodeCount) : `${g.readyNodes}/${g.nodeCount}`), sort: (g) => g.nodeCount },
  ...requestedColumns<NodePoolView>(),
  { id: 'cost', header: '$/H', width: 8, align: 'right', sortLetter: 'H', kind: 'money', text: (g) => formatUSD(g.hourlyUSD), sort: (g) => g.hourlyUSD },
  { id: 'minmax', header: 'DESIRED/MIN/MAX', width: 15, wide: true, sortLetter: 'D', text: (g) => (g.kind === 'nodegroup' ? `${num(g.desired)}/${num(g.min)}/${num(g.max)}` : '—'), sort: (g) => g.max ?? -1 },
  { id: 'limits', header: 'LIMITS', width: 18, wide: true, sortLetter: 'L', text: (g) => g.limits.join(', ') || '—' },
  { id: 'zones', header: 'ZONES', width: 24, wide: true, sortLetter: 'Z', text: (g) => g.zones.join(', ') || '—' },
];

function num(n: number | null): string {
  return n === null ? '—' : String(n);
}

const NAMESPACE_COLUMNS: readonly Column<NamespaceView>[] = [
  { id: 'name', header: 'NAME', width: 20, grow: 1, sortLetter: 'N', text: (n) => n.name },
  { id: 'status', header: 'STATUS', width: 12, sortLetter: 'S', kind: 'status', text: (n) => n.status },
  { id: 'pods', header: 'PODS', width: 5, align: 'right', sortLetter: 'P', text: (n) => String(n.podCount), sort: (n) => n.podCount },
  { id: 'ec2', header: 'EC2', width: 5, align: 'right', sortLetter: 'E', text: (n) => String(n.ec2Pods), sort: (n) => n.ec2Pods },
  { id: 'fargate', header: 'FARGATE', width: 7, align: 'right', sortLetter: 'F', text: (n) => String(n.fargatePods), sort: (n) => n.fargatePods },
  { id: 'pending', header: 'PENDING', width: 7, align: 'right', sortLetter: 'D', text: (n) => String(n.pendingPods), sort: (n) => n.pendingPods },
  { id: 'profiles', header: 'PROFILES', width: 24, grow: 1, sortLetter: 'R', text: (n) => n.profiles.join(', ') || '—' },
  { id: 'cost', header: '$/H', width: 8, align: 'right', sortLetter: 'H', kind: 'money', text: (n) => formatUSD(n.hourlyUSD), sort: (n) => n.hourlyUSD },
  { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<NamespaceView>((n) => n.createdAt) },
];

const EVENT_COLUMNS: readonly Column<EventView>[] = [
  { id: 'type', header: 'TYPE', width: 8, sortLetter: 'T', kind: 'eventType', text: (e) => e.type, sort: eventTypeRank },
  { id: 'lastSeen', header: 'LAST SEEN', width: 9, sortLetter: 'L', ...age<EventView>((e) => e.lastSeen) },
  { id: 'namespace', header: 'NAMESPACE', width: 15, sortLetter: 'E', text: (e) => e.namespace },
  { id: 'reason', header: 'REASON', width: 18, sortLetter: 'R', text: (e) => e.reason },
  { id: 'object', header: 'OBJECT', width: 30, sortLetter: 'O', text: (e) => `${e.object.kind.toLowerCase()}/${e.object.name}` },
  { id: 'message', header: 'MESSAGE', width: 30, grow: 1, sortLetter: 'M', text: (e) => e.message },
  { id: 'count', header: 'COUNT', width: 5, align: 'right', sortLetter: 'U', text: (e) => String(e.count), sort: (e) => e.count },
  { id: 'source', header: 'SOURCE', width: 16, wide: true, sortLetter: 'S', text: (e) => dash(e.source) },
];

/** Warnings before everything else; used by the TYPE column and the events screen's default order. */
export function eventTypeRank(e: EventView): number {
  return e.type === 'Warning' ? 0 : e.type === 'Normal' ? 2 : 1;
}

/** Every screen's columns, in display order. */
export const COLUMNS: ColumnsByView = {
  pods: POD_COLUMNS,
  nodes: NODE_COLUMNS,
  services: SERVICE_COLUMNS,
  profiles: PROFILE_COLUMNS,
  nodepools: NODEPOOL_COLUMNS,
  namespaces: NAMESPACE_COLUMNS,
  events: EVENT_COLUMNS,
  // Plain kinds declare their columns in their descriptors.
  ...(Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.plain.screen.columns])) as unknown as Pick<ColumnsByView, PlainCollectionName>),
};

/** The columns a screen shows: the default set, plus the wide ones when `wide` is on. */
export function visibleColumns<V extends ViewId>(view: V, wide: boolean): readonly Column<RowTypes[V]>[] {
  const all = COLUMNS[view] as readonly Column<RowTypes[V]>[];
  return wide ? all : all.filter((c) => !c.wide);
}

/** The column of a screen that Shift+`letter` sorts by, if any. */
export function columnForLetter<V extends ViewId>(view: V, letter: string): Column<RowTypes[V]> | undefined {
  const up = letter.toUpperCase();
  return (COLUMNS[view] as readonly Column<RowTypes[V]>[]).find((c) => c.sortLetter === up);
}

/** The column of a screen with this id, if any. */
export function columnById<V extends ViewId>(view: V, id: string): Column<RowTypes[V]> | undefined {
  return (COLUMNS[view] as readonly Column<RowTypes[V]>[]).find((c) => c.id === id);
}

/**
 * Narrowest a column gets when the window is too small for every column at its width (in ch, padding included):
 * text keeps about eight characters; a right-aligned figure (a percentage, a count) its header and padding, as "100", "n/a"
 * or "12Mi" need no more. Badges and amounts of money are never cut: "$0.0…" would read as another price.
 */
const MIN_SQUEEZED_CH = 9;
const MIN_SQUEEZED_FIGURE_CH = 5;

function squeezedMin(c: { width: number; kind?: CellKind; align?: 'right'; header?: string }): number {
  if (c.kind === 'place' || c.kind === 'money') return c.width + 1;
  const floor = c.align === 'right' ? Math.max(MIN_SQUEEZED_FIGURE_CH, (c.header?.length ?? 0) + 2) : MIN_SQUEEZED_CH;
  return Math.min(c.width + 1, floor);
}

/**
 * The CSS grid-template-columns of a table. When the columns fit in `availableCh` (or the width is not
 * known yet), fixed columns keep their width and growing columns share the rest. When they do not fit
 * (wide mode in a small window), the columns shrink in proportion to their width, but never below
 * `squeezedMin`, and badges and amounts never at all: cells truncate with an ellipsis. Only when even
 * that is too wide (every wide pods column in a 1280-pixel window) does the grid scroll sideways, inside its
 * frame. Widths depend only on the window and the column set, never on the data, so rows do not jump while
 * live updates arrive.
 */
export function gridTemplate(
  columns: readonly { width: number; grow?: number; kind?: CellKind; align?: 'right'; header?: string }[],
  availableCh: number | null,
): { template: string; minWidthCh: number } {
  const total = columns.reduce((s, c) => s + c.width + 1, 0);
  if (availableCh === null || total <= availableCh) {
    return { template: columns.map((c) => (c.grow ? `minmax(${c.width + 1}ch, ${c.grow}fr)` : `${c.width + 1}ch`)).join(' '), minWidthCh: total };
  }
  const mins = columns.map(squeezedMin);
  return {
    template: columns.map((c, i) => `minmax(${mins[i]}ch, ${c.width + 1}fr)`).join(' '),
    minWidthCh: mins.reduce((s, m) => s + m, 0),
  };
}
