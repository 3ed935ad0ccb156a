/**
 * Label and field selectors as the API server parses them from `labelSelector=` and `fieldSelector=`.
 * A bad selector throws SelectorError; the server answers 400 BadRequest with its message.
 */
import type { Kind, Obj } from '../store';

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export type SelectorOp = 'eq' | 'neq' | 'in' | 'notin' | 'exists' | '!exists' | 'gt' | 'lt';

export interface SelectorRequirement {
  key: string;
  op: SelectorOp;
  values: string[];
}

/** A parsed selector: `matches` is true for every object when the selector is empty. */
export interface Selector<T> {
  readonly empty: boolean;
  matches(subject: T): boolean;
}

const KEY_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const KEY_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const ok = KEY_NAME.test(name) && name.length <= 63 && (slash < 0 || (KEY_PREFIX.test(prefix) && prefix.length <= 253));
  if (!ok) throw new SelectorError(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

function checkValue(value: string): void {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw new SelectorError(`unable to parse requirement: invalid label value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  }
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new SelectorError(`unable to parse requirement: unbalanced ')' in "${s}"`);
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw new SelectorError(`unable to parse requirement: unclosed '(' in "${s}"`);
  parts.push(cur);
  return parts;
}

function parseRequirement(raw: string): SelectorRequirement {
  const r = raw.trim();
  if (!r) throw new SelectorError('unable to parse requirement: found \'\', expected: identifier');
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(r);
  if (set) {
    const [, key, op, list] = set;
    checkKey(key);
    const values = list.split(',').map((v) => v.trim());
    if (values.length === 1 && values[0] === '' && op === 'in') {
      throw new SelectorError(`unable to parse requirement: for 'in', 'notin' operators, values set can't be empty`);
    }
    values.forEach(checkValue);
    return { key, op: op as SelectorOp, values };
  }
  if (r.startsWith('!')) {
    const key = r.slice(1).trim();
    checkKey(key);
    return { key, op: '!exists', values: [] };
  }
  const m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(r);
  if (m) {
    const [, key, sym, value] = m;
    checkKey(key);
    if (sym === '>' || sym === '<') {
      if (!/^-?\d+$/.test(value)) throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer, got "${value}"`);
      return { key, op: sym === '>' ? 'gt' : 'lt', values: [value] };
    }
    checkValue(value);
    return { key, op: sym === '!=' ? 'neq' : 'eq', values: [value] };
  }
  if (/\s/.test(r)) throw new SelectorError(`unable to parse requirement: "${r}": expected an operator (=, ==, !=, in, notin)`);
  checkKey(r);
  return { key: r, op: 'exists', values: [] };
}

/** Parses a label selector (`app=web,tier!=db,env in (a,b),!legacy`). Throws SelectorError. */
export function parseLabelSelector(selector: string | null | undefined): Selector<Record<string, string> | undefined> & {
  requirements: SelectorRequirement[];
} {
  const s = (selector ?? '').trim();
  const requirements = s ? splitTopLevel(s).map(parseRequirement) : [];
  return {
    requirements,
    empty: requirements.length === 0,
    matches: (labels) => requirements.every((req) => matchLabel(req, labels ?? {})),
  };
}

function matchLabel(req: SelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const v = has ? labels[req.key] : undefined;
  switch (req.op) {
    case 'eq':
      return has && v === req.values[0];
    case 'neq':
      return !has || v !== req.values[0];
    case 'in':
      return has && req.values.includes(v!);
    case 'notin':
      return !has || !req.values.includes(v!);
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(v!)) return false;
      const n = Number(v);
      const bound = Number(req.values[0]);
      return req.op === 'gt' ? n > bound : n < bound;
    }
  }
}

/** Fields each kind can be filtered on (besides metadata.name and metadata.namespace). */
const FIELDS: Record<Kind, readonly string[]> = {
  NodePool: [],
  NodeClaim: [],
  EC2NodeClass: [],
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Service: ['spec.clusterIP', 'spec.type'],
  Endpoints: [],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Deployment: [],
  ReplicaSet: ['status.replicas'],
  TargetGroupBinding: [],
  Ingress: [],
};

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The string a field selector compares for one field of an object ('' when absent), as the API server renders it. */
export function fieldValue(obj: Readonly<Obj>, field: string): string {
  switch (field) {
    case 'metadata.name':
      return obj.metadata.name;
    case 'metadata.namespace':
      return obj.metadata.namespace ?? '';
    case 'spec.hostNetwork':
    case 'spec.unschedulable':
      return String(get(obj, field) === true);
    case 'status.podIPs': {
      const ips = get(obj, 'status.podIPs');
      return Array.isArray(ips) && ips[0] && typeof ips[0] === 'object' ? String((ips[0] as { ip?: string }).ip ?? '') : '';
    }
    case 'source':
      return String(get(obj, 'source.component') ?? '');
    default: {
      const v = get(obj, field);
      return v === undefined || v === null ? '' : String(v);
    }
  }
}

export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

/** Splits on separators that are not escaped with a backslash, keeping the escapes. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unescapeValue(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

/** Parses a field selector for a kind (`spec.nodeName=n1,status.phase!=Failed`); unsupported fields throw
 * SelectorError "field label not supported: X", like the API server's 400. */
export function parseFieldSelector(kind: Kind, selector: string | null | undefined): Selector<Readonly<Obj>> & {
  requirements: FieldRequirement[];
} {
  const s = (selector ?? '').trim();
  const requirements: FieldRequirement[] = [];
  if (s) {
    for (const part of splitUnescaped(s, ',')) {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/s.exec(part.trim());
      if (!m) throw new SelectorError(`invalid selector: '${s}'; can't understand '${part}'`);
      let field = m[1].trim();
      if (kind === 'Pod' && field === 'spec.host') field = 'spec.nodeName';
      if (field !== 'metadata.name' && field !== 'metadata.namespace' && !FIELDS[kind].includes(field)) {
        throw new SelectorError(`field label not supported: ${field}`);
      }
      requirements.push({ field, op: m[2] === '!=' ? 'neq' : 'eq', value: unescapeValue(m[3]) });
    }
  }
  return {
    requirements,
    empty: requirements.length === 0,
    matches: (obj) =>
      requirements.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === 'eq')),
  };
}
