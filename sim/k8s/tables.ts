/**
 * Server-side printing: the `Table` responses kubectl asks for (`Accept: application/json;as=Table;…`).
 * Column sets follow the API server's built-in printers (and, for TargetGroupBinding and Karpenter's kinds, the
 * CRDs' additionalPrinterColumns); priority-1 columns are what `-o wide` adds. Cells are computed at `now`.
 */
import type { Kind, Obj } from '../store';

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export type Cell = string | number | boolean | null;

export interface TableRow {
  cells: Cell[];
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}

/** What a row carries as `object`: `includeObject=None|Metadata|Object` (Metadata by default). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

const col = (name: string, description: string, priority = 0, type: ColumnDefinition['type'] = 'string', format = ''): ColumnDefinition => ({
  name,
  type,
  format,
  description,
  priority,
});
const NAME = col('Name', 'Name must be unique within a namespace.', 0, 'string', 'name');
const AGE = col('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

const COLUMNS: Record<Kind, ColumnDefinition[]> = {
  Pod: [
    NAME,
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE,
    col('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    col('Node', 'NodeName indicates in which node this pod is scheduled.', 1),
    col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
    col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  Node: [
    NAME,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    AGE,
    col('Version', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('External-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available.', 1),
    col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    col('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  Service: [
    NAME,
    col('Type', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE,
    col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  Endpoints: [NAME, col('Endpoints', 'Endpoints of the endpoints.'), AGE],
  Namespace: [NAME, col('Status', 'The status of the namespace'), AGE],
  Event: [
    col('Last Seen', 'The last time this event was observed.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
    col('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    col('Object', 'The object that this event is about.'),
    col('Subobject', 'The subobject (field path) that this event is about.', 1),
    col('Source', 'The component reporting this event.', 1),
    col('Message', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'The time at which the event was first recorded.', 1),
    col('Count', 'The number of times this event has occurred.', 1),
    col('Name', 'Name must be unique within a namespace.', 1, 'string', 'name'),
  ],
  Deployment: [
    NAME,
    col('Ready', 'Number of the pod with ready state'),
    col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE,
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
  ],
  ReplicaSet: [
    NAME,
    col('Desired', 'Replicas is the number of desired replicas.', 0, 'integer'),
    col('Current', 'Replicas is the most recently observed number of replicas.', 0, 'integer'),
    col('Ready', 'The number of ready replicas for this replica set.', 0, 'integer'),
    AGE,
    col('Containers', 'Names of each container in the template.', 1),
    col('Images', 'Images referenced by each container in the template.', 1),
    col('Selector', 'Selector is a label query over pods that should match the replica count.', 1),
  ],
  Ingress: [
    NAME,
    col('Class', 'The name of the IngressClass cluster resource.'),
    col('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'Ports of TLS configurations that open'),
    AGE,
  ],
  // Karpenter v1 CRDs (pkg/apis/crds): kubectl prints the header names upper-cased.
  NodePool: [
    NAME,
    col('NodeClass', ''),
    col('Nodes', ''),
    col('Ready', ''),
    col('Age', '', 0, 'date'),
    col('Weight', '', 1, 'integer'),
    col('CPU', '', 1),
    col('Memory', '', 1),
  ],
  NodeClaim: [
    NAME,
    col('Type', ''),
    col('Capacity', ''),
    col('Zone', ''),
    col('Node', ''),
    col('Ready', ''),
    col('Age', '', 0, 'date'),
    col('ImageID', '', 1),
    col('ID', '', 1),
    col('NodePool', '', 1),
    col('NodeClass', '', 1),
  ],
  EC2NodeClass: [NAME, col('Ready', ''), col('Age', '', 0, 'date'), col('Role', '', 1)],
  TargetGroupBinding: [
    NAME,
    col('SERVICE-NAME', "The Kubernetes Service's name"),
    col('SERVICE-PORT', "The Kubernetes Service's port"),
    col('TARGET-TYPE', "The AWS TargetGroup's TargetType"),
    col('ARN', "The AWS TargetGroup's Amazon Resource Name", 1),
    col('AGE', 'CreationTimestamp is a timestamp representing the server time when this object was created.', 0, 'date'),
  ],
};

/** The column definitions for a kind. */
export function columnsFor(kind: Kind): ColumnDefinition[] {
  return COLUMNS[kind];
}

/** Human-readable duration, with the same thresholds as kubectl's AGE column (`45s`, `5m10s`, `3h12m`, `12d`, `2y30d`). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    const years = Math.floor(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function since(ts: unknown, now: Date): string {
  if (typeof ts !== 'string' || !ts) return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now.getTime() - t);
}

// Narrow readers for the untyped object bodies.
type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const orNone = (s: string): string => s || '<none>';

function podCells(o: Readonly<Obj>, now: Date): { cells: Cell[]; conditions?: TableRow['conditions'] } {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const containers = arr(spec.containers);
  const initSpecs = arr(spec.initContainers);
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)));
  const total = containers.length + sidecars.size;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let reason = str(status.reason) || str(status.phase);
  const noteRestart = (cs: Rec) => {
    restarts += num(cs.restartCount);
    const finished = Date.parse(str(rec(rec(cs.lastState).terminated).finishedAt));
    if (!Number.isNaN(finished) && finished > lastRestart) lastRestart = finished;
  };

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  initStatuses.forEach((cs, i) => {
    noteRestart(cs);
    const state = rec(cs.state);
    const term = rec(state.terminated);
    const waiting = rec(state.waiting);
    if (sidecars.has(str(cs.name)) && state.running && cs.ready === true) ready++;
    if (initializing) return;
    if (state.terminated && num(term.exitCode) === 0) return;
    if (sidecars.has(str(cs.name)) && state.running) return;
    if (state.terminated) {
      reason = term.reason ? `Init:${str(term.reason)}` : term.signal ? `Init:Signal:${num(term.signal)}` : `Init:ExitCode:${num(term.exitCode)}`;
    } else if (state.waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
  });

  if (!initializing) {
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(cs);
      const state = rec(cs.state);
      const term = rec(state.terminated);
      const waiting = rec(state.waiting);
      if (state.waiting && waiting.reason) reason = str(waiting.reason);
      else if (state.terminated && term.reason) reason = str(term.reason);
      else if (state.terminated) reason = term.signal ? `Signal:${num(term.signal)}` : `ExitCode:${num(term.exitCode)}`;
      else if (cs.ready === true && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = arr(status.conditions).find((c) => c.type === 'Ready');
      reason = readyCond?.status === 'True' ? 'Running' : 'NotReady';
    }
  }
  if (o.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';

  const restartCell = lastRestart > 0 ? `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)` : String(restarts);
  const gates = arr(spec.readinessGates);
  let gatesCell = '<none>';
  if (gates.length > 0) {
    const conds = arr(status.conditions);
    const passed = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
    gatesCell = `${passed}/${gates.length}`;
  }
  const cells: Cell[] = [
    o.metadata.name,
    `${ready}/${total}`,
    reason,
    restartCell,
    since(o.metadata.creationTimestamp, now),
    orNone(str(status.podIP)),
    orNone(str(spec.nodeName)),
    orNone(str(status.nominatedNodeName)),
    gatesCell,
  ];
  const phase = str(status.phase);
  if (phase === 'Succeeded' || phase === 'Failed') {
    return { cells, conditions: [{ type: 'Completed', status: 'True', reason: phase, message: str(status.message) }] };
  }
  return { cells };
}

function nodeCells(o: Readonly<Obj>, now: Date): Cell[] {
  const status = rec(o.status);
  const spec = rec(o.spec);
  const readyCond = arr(status.conditions).find((c) => c.type === 'Ready');
  let st = readyCond ? (readyCond.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  if (spec.unschedulable === true) st += ',SchedulingDisabled';
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  const addr = (type: string) => arr(status.addresses).find((a) => a.type === type);
  const info = rec(status.nodeInfo);
  return [
    o.metadata.name,
    st,
    roles.size ? [...roles].sort().join(',') : '<none>',
    since(o.metadata.creationTimestamp, now),
    str(info.kubeletVersion),
    orNone(str(addr('InternalIP')?.address)),
    orNone(str(addr('ExternalIP')?.address)),
    orNone(str(info.osImage)),
    orNone(str(info.kernelVersion)),
    orNone(str(info.containerRuntimeVersion)),
  ];
}

function selectorText(sel: unknown): string {
  const m = rec(sel);
  const keys = Object.keys(m).sort();
  return keys.length ? keys.map((k) => `${k}=${str(m[k])}`).join(',') : '<none>';
}

/** A LabelSelector object rendered as selector text (`app=web,tier in (a,b)`), or `<none>`. */
export function labelSelectorText(sel: unknown): string {
  const s = rec(sel);
  const parts: string[] = [];
  const ml = rec(s.matchLabels);
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${str(ml[k])}`);
  for (const e of arr(s.matchExpressions)) {
    const values = (Array.isArray(e.values) ? e.values : []).map(str);
    const key = str(e.key);
    switch (e.operator) {
      case 'In':
        parts.push(`${key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
    }
  }
  return parts.length ? parts.join(',') : '<none>';
}

function serviceCells(o: Readonly<Obj>, now: Date): Cell[] {
  const spec = rec(o.spec);
  const type = str(spec.type) || 'ClusterIP';
  const externalIPs = (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).map(str);
  let external: string;
  if (type === 'ExternalName') external = str(spec.externalName);
  else if (type === 'LoadBalancer') {
    const ingress = arr(rec(rec(o.status).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean);
    const all = [...ingress, ...externalIPs];
    external = all.length ? all.join(',') : '<pending>';
  } else external = externalIPs.length ? externalIPs.join(',') : '<none>';
  const ports = arr(spec.ports).map((p) => {
    const proto = str(p.protocol) || 'TCP';
    return p.nodePort ? `${num(p.port)}:${num(p.nodePort)}/${proto}` : `${num(p.port)}/${proto}`;
  });
  return [
    o.metadata.name,
    type,
    orNone(str(spec.clusterIP)),
    external,
    ports.length ? ports.join(',') : '<none>',
    since(o.metadata.creationTimestamp, now),
    selectorText(spec.selector),
  ];
}

function endpointsCells(o: Readonly<Obj>, now: Date): Cell[] {
  const list: string[] = [];
  let count = 0;
  for (const subset of arr(o.subsets)) {
    const ports = arr(subset.ports);
    for (const a of arr(subset.addresses)) {
      const ip = str(a.ip);
      if (ports.length === 0) {
        count++;
        if (list.length < 3) list.push(ip);
      }
      for (const p of ports) {
        count++;
        if (list.length < 3) list.push(`${ip}:${num(p.port)}`);
      }
    }
  }
  let cell = list.length ? list.join(',') : '<none>';
  if (count > list.length) cell += ` + ${count - list.length} more...`;
  return [o.metadata.name, cell, since(o.metadata.creationTimestamp, now)];
}

function eventCells(o: Readonly<Obj>, now: Date): Cell[] {
  const involved = rec(o.involvedObject);
  const series = rec(o.series);
  const last = str(series.lastObservedTime) || str(o.lastTimestamp) || str(o.eventTime) || o.metadata.creationTimestamp;
  const first = str(o.firstTimestamp) || str(o.eventTime) || o.metadata.creationTimestamp;
  const source = rec(o.source);
  const component = str(source.component) || str(o.reportingController);
  const host = str(source.host) || str(o.reportingInstance);
  const count = series.count !== undefined ? num(series.count) : num(o.count) || 1;
  return [
    since(last, now),
    str(o.type),
    str(o.reason),
    `${str(involved.kind).toLowerCase()}/${str(involved.name)}`,
    str(involved.fieldPath),
    host ? `${component}, ${host}` : component,
    str(o.message).trim(),
    since(first, now),
    count,
    o.metadata.name,
  ];
}

function templateInfo(spec: Rec): [string, string] {
  const containers = arr(rec(rec(spec.template).spec).containers);
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

function deploymentCells(o: Readonly<Obj>, now: Date): Cell[] {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const desired = spec.replicas === undefined ? 1 : num(spec.replicas);
  const [names, images] = templateInfo(spec);
  return [
    o.metadata.name,
    `${num(status.readyReplicas)}/${desired}`,
    num(status.updatedReplicas),
    num(status.availableReplicas),
    since(o.metadata.creationTimestamp, now),
    names,
    images,
    labelSelectorText(spec.selector),
  ];
}

function replicaSetCells(o: Readonly<Obj>, now: Date): Cell[] {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const [names, images] = templateInfo(spec);
  return [
    o.metadata.name,
    spec.replicas === undefined ? 1 : num(spec.replicas),
    num(status.replicas),
    num(status.readyReplicas),
    since(o.metadata.creationTimestamp, now),
    names,
    images,
    labelSelectorText(spec.selector),
  ];
}

function tgbCells(o: Readonly<Obj>, now: Date): Cell[] {
  const spec = rec(o.spec);
  const ref = rec(spec.serviceRef);
  const orNull = (v: unknown): Cell => (v === undefined || v === null || v === '' ? null : typeof v === 'number' ? v : str(v));
  return [o.metadata.name, orNull(ref.name), orNull(ref.port), orNull(spec.targetType), orNull(spec.targetGroupARN), since(o.metadata.creationTimestamp, now)];
}

function readyOf(o: Readonly<Obj>): Cell {
  const c = arr(rec(o.status).conditions).map(rec).find((x) => x.type === 'Ready');
  return c ? str(c.status) : null;
}

function labelOf(o: Readonly<Obj>, key: string): Cell {
  return o.metadata.labels?.[key] ?? null;
}

/** The CRD printer columns of a NodePool, NodeClaim or EC2NodeClass (empty cells are null, printed as <none>). */
function karpenterCells(o: Readonly<Obj>, now: Date): Cell[] {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const age = since(o.metadata.creationTimestamp, now);
  if (o.kind === 'NodePool') {
    const ref = rec(rec(rec(spec.template).spec).nodeClassRef);
    const res = rec(status.resources);
    const opt = (v: unknown): Cell => (v === undefined || v === null ? null : typeof v === 'number' ? v : str(v));
    return [o.metadata.name, opt(ref.name), opt(res.nodes), readyOf(o), age, opt(spec.weight), opt(res.cpu), opt(res.memory)];
  }
  if (o.kind === 'NodeClaim') {
    const opt = (v: unknown): Cell => (v === undefined || v === null || v === '' ? null : str(v));
    return [
      o.metadata.name,
      labelOf(o, 'node.kubernetes.io/instance-type'),
      labelOf(o, 'karpenter.sh/capacity-type'),
      labelOf(o, 'topology.kubernetes.io/zone'),
      opt(status.nodeName),
      readyOf(o),
      age,
      opt(status.imageID),
      opt(status.providerID),
      labelOf(o, 'karpenter.sh/nodepool'),
      opt(rec(spec.nodeClassRef).name),
    ];
  }
  return [o.metadata.name, readyOf(o), age, spec.role === undefined ? null : str(spec.role)];
}

/** kubectl's ingress printer: CLASS `<none>` without ingressClassName, the first three hosts, ports by TLS. */
function ingressCells(o: Readonly<Obj>, now: Date): Cell[] {
  const spec = rec(o.spec);
  const rules = arr(spec.rules);
  const hosts: string[] = [];
  let more = false;
  for (const r of rules) {
    if (hosts.length === 3) more = true;
    if (!more && str(r.host)) hosts.push(str(r.host));
  }
  const hostText = hosts.length === 0 ? '*' : more ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
  const lb = arr(rec(rec(o.status).loadBalancer).ingress);
  const address = lb.map((i) => str(i.ip) || str(i.hostname)).filter(Boolean).join(',');
  return [o.metadata.name, str(spec.ingressClassName) || '<none>', hostText, address, arr(spec.tls).length ? '80, 443' : '80', since(o.metadata.creationTimestamp, now)];
}

/** One table row for an object. */
export function rowFor(o: Readonly<Obj>, now: Date, include: IncludeObject = 'Metadata'): TableRow {
  let row: TableRow;
  switch (o.kind) {
    case 'Pod':
      row = podCells(o, now);
      break;
    case 'Node':
      row = { cells: nodeCells(o, now) };
      break;
    case 'Service':
      row = { cells: serviceCells(o, now) };
      break;
    case 'Endpoints':
      row = { cells: endpointsCells(o, now) };
      break;
    case 'Namespace':
      row = { cells: [o.metadata.name, str(rec(o.status).phase) || 'Active', since(o.metadata.creationTimestamp, now)] };
      break;
    case 'Event':
      row = { cells: eventCells(o, now) };
      break;
    case 'Deployment':
      row = { cells: deploymentCells(o, now) };
      break;
    case 'ReplicaSet':
      row = { cells: replicaSetCells(o, now) };
      break;
    case 'TargetGroupBinding':
      row = { cells: tgbCells(o, now) };
      break;
    case 'Ingress':
      row = { cells: ingressCells(o, now) };
      break;
    case 'NodePool':
    case 'NodeClaim':
    case 'EC2NodeClass':
      row = { cells: karpenterCells(o, now) };
      break;
  }
  if (include === 'Metadata') row.object = partialMetadata(o);
  else if (include === 'Object') row.object = o;
  return row;
}

/** `PartialObjectMetadata`: what kubectl reads for the NAMESPACE column and `-L`. */
export function partialMetadata(o: Readonly<Obj>): { kind: 'PartialObjectMetadata'; apiVersion: 'meta.k8s.io/v1'; metadata: Obj['metadata'] } {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/** A Table of objects of one kind. */
export function tableFor(
  kind: Kind,
  objects: readonly Readonly<Obj>[],
  now: Date,
  opts: { resourceVersion?: string; continue?: string; remainingItemCount?: number; include?: IncludeObject; noHeaders?: boolean } = {},
): Table {
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? [] : columnsFor(kind),
    rows: objects.map((o) => rowFor(o, now, opts.include ?? 'Metadata')),
  };
}
