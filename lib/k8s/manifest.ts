/**
 * Pod templates from Kubernetes manifests: multi-document YAML or JSON, `List`s, and the kinds that create pods
 * (Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController). Other built-in
 * kinds (Namespace, Service, …) and custom resources are skipped; a kind no Kubernetes group has is an error.
 *
 * Safe on hostile input: a size cap, yaml's alias budget against "billion laughs", and every shape checked
 * before use. Parsing uses the YAML 1.2 core schema, so `runon: yes` stays the string "yes" (YAML 1.1, which
 * kubectl uses, would make it a boolean and refuse the manifest: a warning says so).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { parseBytes, parseCpuMillis, parseQuantityValue, QuantityError } from '../fargate/quantity';
import type { PodSpecLike } from '../fargate/types';

export const DEFAULT_MAX_MANIFEST_BYTES = 5 * 1024 * 1024;
// yaml's own default; a legitimate manifest uses a handful of aliases, an alias bomb needs thousands.
const MAX_ALIAS_COUNT = 100;
/**
 * Bounds on the shape of one input, far above any real manifest stream (a large Helm render has a few hundred
 * documents and tens of thousands of nodes) and low enough that reading never takes long.
 */
export const MANIFEST_LIMITS = { documents: 5000, nodes: 250_000, keysPerMap: 10_000, depth: 256 } as const;

export class ManifestError extends Error {
  /** 1-based document number in the YAML stream; 0 when the whole input is at fault. */
  readonly document: number;
  /** Dotted path of the bad field ("spec.template.spec.containers[0].resources.requests.memory"), when known. */
  readonly field: string | null;

  constructor(document: number, field: string | null, message: string) {
    super(message);
    this.name = 'ManifestError';
    this.document = document;
    this.field = field;
  }
}

export interface PodTemplate {
  kind: string;
  namespace: string | null;
  name: string;
  /** Pods this object asks for: replicas, a Job's parallelism, 1 for a Pod and (per node, unknown here) a DaemonSet. */
  replicas: number;
  /** Labels of the pods it creates (the template's), as profile selectors see them. */
  labels: Record<string, string>;
  spec: PodSpecLike;
  /** 1-based document number in the stream. */
  document: number;
  /** Path of the pod spec inside the document, e.g. "spec.template.spec" or "items[2].spec". */
  specPath: string;
  /** Things that parse here but would trip kubectl or surprise a reader. */
  warnings: string[];
}

type Path = (string | number)[];
type Obj = Record<string, unknown>;

interface WorkloadShape {
  groups: string[];
  spec: Path;
  labels: Path;
  replicas: Path | null;
}

// Where each pod-creating kind keeps its pod template, and what says how many pods it runs.
const WORKLOADS: Record<string, WorkloadShape> = {
  Pod: { groups: [''], spec: ['spec'], labels: ['metadata', 'labels'], replicas: null },
  ReplicationController: { groups: [''], spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], replicas: ['spec', 'replicas'] },
  Deployment: { groups: ['apps', 'extensions'], spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], replicas: ['spec', 'replicas'] },
  ReplicaSet: { groups: ['apps', 'extensions'], spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], replicas: ['spec', 'replicas'] },
  StatefulSet: { groups: ['apps'], spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], replicas: ['spec', 'replicas'] },
  // A DaemonSet runs one pod per matching node; the node count is not in the manifest, so count one.
  DaemonSet: { groups: ['apps', 'extensions'], spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], replicas: null },
  Job: { groups: ['batch'], spec: ['spec', 'template', 'spec'], labels: ['spec', 'template', 'metadata', 'labels'], replicas: ['spec', 'parallelism'] },
  CronJob: {
    groups: ['batch'],
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
    replicas: ['spec', 'jobTemplate', 'spec', 'parallelism'],
  },
};

// Built-in API groups and their kinds: a kind missing here in one of these groups is a typo, not a CRD.
const BUILTIN_KINDS: Record<string, string[]> = {
  '': ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume',
    'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  apps: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  batch: ['CronJob', 'Job'],
  autoscaling: ['HorizontalPodAutoscaler', 'Scale'],
  policy: ['Eviction', 'PodDisruptionBudget', 'PodSecurityPolicy'],
  extensions: ['DaemonSet', 'Deployment', 'Ingress', 'NetworkPolicy', 'PodSecurityPolicy', 'ReplicaSet'],
  'networking.k8s.io': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'admissionregistration.k8s.io': ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'scheduling.k8s.io': ['PriorityClass'],
  'coordination.k8s.io': ['Lease', 'LeaseCandidate'],
  'discovery.k8s.io': ['EndpointSlice'],
  'node.k8s.io': ['RuntimeClass'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'events.k8s.io': ['Event'],
  'apiregistration.k8s.io': ['APIService'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'resource.k8s.io': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
};

// Values YAML 1.1 (kubectl's parser) reads as booleans when unquoted.
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** "spec.template.spec.containers[0].resources" from a path. */
function fieldOf(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

function get(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const k of path) {
    if (typeof k === 'number' ? !Array.isArray(cur) : !isObj(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** How much larger than the limit the input is, as text ("at least 50 MiB"), or null when it fits. */
function oversize(text: string, limit: number): string | null {
  // A UTF-16 unit is one to three UTF-8 bytes, so only the middle band needs an exact count.
  if (text.length > limit) return `at least ${sizeText(text.length)}`;
  if (text.length * 3 <= limit) return null;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > limit ? sizeText(bytes) : null;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes} bytes`;
}

/** Reads one document (or List item) and appends the pod templates it holds. */
class DocumentReader {
  constructor(
    private readonly doc: Document,
    private readonly n: number,
    private readonly out: PodTemplate[],
  ) {}

  private fail(path: Path, what: string, object?: string): never {
    const field = path.length ? fieldOf(path) : null;
    const where = `document ${this.n}${object ? ` (${object})` : ''}`;
    throw new ManifestError(this.n, field, `${where}: ${field ? `${field}: ` : ''}${what}`);
  }

  read(obj: unknown, at: Path): void {
    if (!isObj(obj)) this.fail(at, `${typeName(obj)}, not a Kubernetes object (a mapping with apiVersion and kind)`);
    const kind = obj.kind;
    const apiVersion = obj.apiVersion;
    if (typeof kind !== 'string' || kind === '') this.fail([...at, 'kind'], kind === undefined ? 'missing' : `expected a kind name, got ${typeName(kind)}`);
    if (typeof apiVersion !== 'string' || apiVersion === '') {
      this.fail([...at, 'apiVersion'], apiVersion === undefined ? `missing (kind ${kind})` : `expected a string, got ${typeName(apiVersion)}`);
    }
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';

    if (Array.isArray(obj.items) && (kind === 'List' || (kind.endsWith('List') && group in BUILTIN_KINDS))) {
      obj.items.forEach((item, i) => this.read(item, [...at, 'items', i]));
      return;
    }
    if (kind === 'List') this.fail([...at, 'items'], `expected a list of objects, got ${typeName(obj.items)}`);

    const shape = WORKLOADS[kind];
    if (shape && shape.groups.includes(group)) return this.readWorkload(obj, kind, shape, at);
    const builtin = BUILTIN_KINDS[group];
    if (builtin && !builtin.includes(kind)) {
      const creators = Object.entries(WORKLOADS).filter(([, s]) => s.groups.includes(group)).map(([k]) => k);
      this.fail([...at, 'kind'], `unknown kind ${JSON.stringify(kind)} in ${apiVersion}${creators.length ? ` (pods come from ${creators.join(', ')})` : ''}`);
    }
    // Services, Namespaces, ConfigMaps, custom resources: nothing Fargate sizes.
  }

  private readWorkload(obj: Obj, kind: string, shape: WorkloadShape, at: Path): void {
    const metadata = obj.metadata;
    if (metadata !== undefined && !isObj(metadata)) this.fail([...at, 'metadata'], `expected a mapping, got ${typeName(metadata)}`);
    const meta = metadata ?? {};
    const name = typeof meta.name === 'string' && meta.name ? meta.name : typeof meta.generateName === 'string' && meta.generateName ? `${meta.generateName}*` : null;
    if (!name) this.fail([...at, 'metadata', 'name'], `missing (kind ${kind})`);
    if (meta.namespace !== undefined && typeof meta.namespace !== 'string') this.fail([...at, 'metadata', 'namespace'], `expected a string, got ${typeName(meta.namespace)}`);
    const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : null;
    const object = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;

    const specPath = [...at, ...shape.spec];
    const spec = get(obj, shape.spec);
    if (!isObj(spec)) this.fail(specPath, spec === undefined ? 'missing pod spec' : `expected a mapping, got ${typeName(spec)}`, object);
    this.checkPodSpec(spec, specPath, object);

    let replicas = 1;
    if (shape.replicas) {
      const value = get(obj, shape.replicas);
      if (value !== undefined && value !== null) {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
          this.fail([...at, ...shape.replicas], `expected a whole number ≥ 0, got ${JSON.stringify(value)}`, object);
        }
        replicas = value;
      }
    }

    const warnings: string[] = [];
    const labelsPath = [...at, ...shape.labels];
    const rawLabels = get(obj, shape.labels);
    if (rawLabels !== undefined && rawLabels !== null && !isObj(rawLabels)) this.fail(labelsPath, `expected a mapping, got ${typeName(rawLabels)}`, object);
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(isObj(rawLabels) ? rawLabels : {})) {
      if (typeof value !== 'string') {
        this.fail([...labelsPath, key], `label values must be strings; quote it: ${key}: "${String(value)}"`, object);
      }
      const node = this.doc.getIn([...labelsPath, key], true);
      if (YAML11_BOOLEAN.test(value) && isScalar(node) && node.type === 'PLAIN') {
        warnings.push(`${fieldOf([...labelsPath, key])}: unquoted ${value} is a string here, but kubectl reads it as a boolean and refuses the manifest; write "${value}"`);
      }
      labels[key] = value;
    }

    this.out.push({
      kind,
      namespace,
      name,
      replicas,
      labels,
      spec: spec as unknown as PodSpecLike,
      document: this.n,
      specPath: fieldOf(specPath),
      warnings,
    });
  }

  /** Checks every field the sizing engine and the lint read, so that they can trust the shape. */
  private checkPodSpec(spec: Obj, path: Path, object: string): void {
    const containers = spec.containers;
    if (!Array.isArray(containers) || containers.length === 0) {
      this.fail([...path, 'containers'], containers === undefined ? 'missing: a pod needs at least one container' : `expected a non-empty list, got ${typeName(containers)}`, object);
    }
    containers.forEach((c, i) => this.checkContainer(c, [...path, 'containers', i], object));
    if (spec.initContainers !== undefined && spec.initContainers !== null) {
      if (!Array.isArray(spec.initContainers)) this.fail([...path, 'initContainers'], `expected a list, got ${typeName(spec.initContainers)}`, object);
      spec.initContainers.forEach((c, i) => this.checkContainer(c, [...path, 'initContainers', i], object));
    }
    this.checkQuantities(spec.overhead, [...path, 'overhead'], object);
    if (isObj(spec.resources)) {
      this.checkQuantities(spec.resources.requests, [...path, 'resources', 'requests'], object);
      this.checkQuantities(spec.resources.limits, [...path, 'resources', 'limits'], object);
    }
    if (spec.hostNetwork !== undefined && typeof spec.hostNetwork !== 'boolean') this.fail([...path, 'hostNetwork'], `expected true or false, got ${JSON.stringify(spec.hostNetwork)}`, object);
    if (spec.volumes !== undefined && spec.volumes !== null) {
      if (!Array.isArray(spec.volumes)) this.fail([...path, 'volumes'], `expected a list, got ${typeName(spec.volumes)}`, object);
      spec.volumes.forEach((v, i) => {
        if (!isObj(v) || typeof v.name !== 'string') this.fail([...path, 'volumes', i], 'expected a volume with a name', object);
      });
    }
    this.checkStringMap(spec.nodeSelector, [...path, 'nodeSelector'], object);
  }

  private checkContainer(c: unknown, path: Path, object: string): void {
    if (!isObj(c)) this.fail(path, `expected a container (a mapping), got ${typeName(c)}`, object);
    if (typeof c.name !== 'string' || c.name === '') this.fail([...path, 'name'], 'missing: every container needs a name', object);
    if (c.restartPolicy !== undefined && typeof c.restartPolicy !== 'string') this.fail([...path, 'restartPolicy'], `expected a string, got ${typeName(c.restartPolicy)}`, object);
    if (c.resources !== undefined && c.resources !== null) {
      if (!isObj(c.resources)) this.fail([...path, 'resources'], `expected a mapping, got ${typeName(c.resources)}`, object);
      this.checkQuantities(c.resources.requests, [...path, 'resources', 'requests'], object);
      this.checkQuantities(c.resources.limits, [...path, 'resources', 'limits'], object);
    }
    if (c.securityContext !== undefined && c.securityContext !== null && !isObj(c.securityContext)) {
      this.fail([...path, 'securityContext'], `expected a mapping, got ${typeName(c.securityContext)}`, object);
    }
    if (c.ports !== undefined && c.ports !== null) {
      if (!Array.isArray(c.ports)) this.fail([...path, 'ports'], `expected a list, got ${typeName(c.ports)}`, object);
      c.ports.forEach((p, i) => {
        if (!isObj(p)) this.fail([...path, 'ports', i], `expected a port (a mapping), got ${typeName(p)}`, object);
      });
    }
  }

  private checkQuantities(map: unknown, path: Path, object: string): void {
    if (map === undefined || map === null) return;
    if (!isObj(map)) this.fail(path, `expected a mapping of resource names to quantities, got ${typeName(map)}`, object);
    for (const [name, q] of Object.entries(map)) {
      const parse = name === 'cpu' ? parseCpuMillis : name === 'memory' || name === 'ephemeral-storage' ? parseBytes : parseQuantityValue;
      try {
        if (typeof q !== 'string' && typeof q !== 'number') throw new QuantityError(String(q), `expected a string or a number, got ${typeName(q)}`);
        parse(q);
      } catch (e) {
        if (!(e instanceof QuantityError)) throw e;
        this.fail([...path, name], `${JSON.stringify(e.quantity)} is not a valid quantity: ${e.reason}`, object);
      }
    }
  }

  private checkStringMap(map: unknown, path: Path, object: string): void {
    if (map === undefined || map === null) return;
    if (!isObj(map)) this.fail(path, `expected a mapping, got ${typeName(map)}`, object);
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') this.fail([...path, k], `values must be strings; quote it: ${k}: "${String(v)}"`, object);
    }
  }
}

/**
 * The first line nested deeper than MANIFEST_LIMITS.depth, or null. The YAML parser recurses once per level and
 * runs out of stack a few thousand levels down, where V8 can abort the whole process instead of throwing, so
 * depth is bounded before parsing, by a linear scan that over-estimates: flow brackets ([ {) not yet closed, and
 * the column at which a block line's content starts (every block level indents by at least one column).
 */
function tooDeep(text: string): number | null {
  const max = MANIFEST_LIMITS.depth;
  let line = 1;
  let flow = 0;
  let atLineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      atLineStart = true;
      column = 0;
      continue;
    }
    if (atLineStart) {
      // Spaces and the block indicators "- ", "? ", ": " before a line's content each open a level at most.
      if (c === 32 || c === 9 || ((c === 45 || c === 63 || c === 58) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9))) {
        if (++column > 2 * max) return line;
        continue;
      }
      atLineStart = false;
    }
    if (c === 91 || c === 123) {
      if (++flow > max) return line;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return null;
}

/** The key a map entry is compared by: yaml's rule (same scalar value), with merge keys exempt. */
function keyOf(key: unknown): string | null {
  if (key === null || key === undefined) return 'null';
  if (!isScalar(key)) return null; // collection keys never equal one another
  if (typeof key.value === 'symbol') return null; // a merge key (`<<`), which may repeat
  return `${typeof key.value}:${String(key.value)}`;
}

/**
 * One pass over a document's nodes: refuses repeated keys (as yaml's uniqueKeys would, in linear time), maps
 * with too many keys and streams with too many nodes in all.
 * @returns the running node count over the stream
 */
function checkShape(doc: Document, n: number, lines: LineCounter, counted: number): number {
  let nodes = counted;
  const stack: unknown[] = [doc.contents];
  const at = (node: unknown) => {
    const offset = (node as Node | null)?.range?.[0];
    if (offset === undefined) return '';
    const { line, col } = lines.linePos(offset);
    return ` at line ${line}, column ${col}`;
  };
  while (stack.length) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (++nodes > MANIFEST_LIMITS.nodes) {
      throw new ManifestError(n, null, `document ${n}: refused: the input has more than ${MANIFEST_LIMITS.nodes} YAML nodes`);
    }
    if (isMap(node)) {
      if (node.items.length > MANIFEST_LIMITS.keysPerMap) {
        throw new ManifestError(n, null, `document ${n}: refused: a mapping${at(node)} has ${node.items.length} keys, more than ${MANIFEST_LIMITS.keysPerMap}`);
      }
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = keyOf(pair.key);
        if (k !== null) {
          if (seen.has(k)) throw new ManifestError(n, null, `document ${n}: not valid YAML or JSON: Map keys must be unique${at(pair.key)}`);
          seen.add(k);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return nodes;
}

/**
 * Every pod template in a manifest stream, in document order.
 * @param text YAML (one or more `---`-separated documents) or JSON
 * @param opts.maxBytes refuse larger input (default 5 MiB)
 * @throws ManifestError naming the document and the field: oversized or binary input, YAML syntax errors, alias
 *   bombs, documents that are not objects, unknown kinds, bad shapes and bad quantities
 */
export function readManifests(text: string, opts: { maxBytes?: number } = {}): PodTemplate[] {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  if (typeof text !== 'string') throw new ManifestError(0, null, `expected text, got ${typeName(text)}`);
  const tooBig = oversize(text, maxBytes);
  if (tooBig) throw new ManifestError(0, null, `input is ${tooBig}, more than the ${sizeText(maxBytes)} limit`);
  if (text.includes('\u0000')) throw new ManifestError(0, null, 'input is binary (it contains NUL bytes), not YAML or JSON');

  const deep = tooDeep(text);
  if (deep !== null) throw new ManifestError(0, null, `refused: the input is nested more than ${MANIFEST_LIMITS.depth} levels deep (line ${deep})`);

  let docs: Document[];
  const lines = new LineCounter();
  try {
    // merge: kubectl honours `<<: *anchor` merge keys, so we do too. uniqueKeys is off because yaml's own check
    // compares every key with every other (quadratic: one map of many keys stalls the server); checkShape does
    // the same check in linear time.
    docs = parseAllDocuments(text, { schema: 'core', merge: true, uniqueKeys: false, prettyErrors: true, lineCounter: lines });
  } catch (e) {
    // The parser can still run out of stack on absurd nesting; that is bad input, not a crash.
    throw new ManifestError(0, null, `input cannot be parsed as YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (!Array.isArray(docs)) docs = [docs];
  if (docs.length > MANIFEST_LIMITS.documents) {
    throw new ManifestError(0, null, `input has ${docs.length} documents, more than the ${MANIFEST_LIMITS.documents} a request may hold`);
  }
  let nodes = 0;
  docs.forEach((doc, i) => {
    if (doc.errors.length === 0) nodes = checkShape(doc, i + 1, lines, nodes);
  });
  const out: PodTemplate[] = [];
  docs.forEach((doc, i) => {
    const n = i + 1;
    const error = doc.errors[0];
    if (error) {
      // prettyErrors puts a source excerpt after the first line ("… at line 3, column 5:"); keep the line only.
      const first = error.message.split('\n')[0].replace(/:\s*$/, '');
      throw new ManifestError(n, null, `document ${n}: not valid YAML or JSON: ${first}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        throw new ManifestError(n, null, `document ${n}: refused: too many YAML alias expansions (an alias bomb?)`);
      }
      throw new ManifestError(n, null, `document ${n}: cannot be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (value === null || value === undefined) return; // an empty document between two `---`
    new DocumentReader(doc, n, out).read(value, []);
  });
  return out;
}
