/**
 * The `/` filter, K9s-style:
 *   fargate nginx      rows whose text contains every word (case-insensitive)
 *   !fargate           rows that do not match
 *   -l app=nginx,tier!=db,runon,!canary,env in (a,b)   a Kubernetes label selector
 * Parsing is separate from matching so a bad selector is reported once, precisely, while the list
 * keeps its last good filter.
 */

export type LabelOp = 'eq' | 'neq' | 'exists' | 'notexists' | 'in' | 'notin';

export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

export type FilterSpec =
  | { kind: 'all' }
  | { kind: 'text'; terms: string[]; negate: boolean }
  | { kind: 'labels'; requirements: LabelRequirement[]; negate: boolean };

export type FilterParseResult = { ok: true; spec: FilterSpec } | { ok: false; error: string };

// Label keys: an optional DNS prefix and a name; values: the name alphabet. Kept permissive about
// length (the API server is the judge), strict about characters so typos are caught.
const KEY_RE = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Parse what the user typed after `/`. */
export function parseFilter(input: string): FilterParseResult {
  let s = input.trim();
  if (!s) return { ok: true, spec: { kind: 'all' } };
  let negate = false;
  if (s.startsWith('!')) {
    negate = true;
    s = s.slice(1).trim();
    if (!s) return { ok: true, spec: { kind: 'all' } };
  }
  if (s === '-l' || s.startsWith('-l ')) {
    const selector = s.slice(2).trim();
    if (!selector) return { ok: false, error: 'label selector is empty: write -l key=value' };
    const parsed = parseLabelSelector(selector);
    if (!parsed.ok) return parsed;
    return { ok: true, spec: { kind: 'labels', requirements: parsed.requirements, negate } };
  }
  const terms = s.toLowerCase().split(/\s+/).filter(Boolean);
  return { ok: true, spec: { kind: 'text', terms, negate } };
}

/** Parse a Kubernetes label selector ("app=nginx,tier!=db,runon,!canary,env in (a,b)"). */
export function parseLabelSelector(selector: string): { ok: true; requirements: LabelRequirement[] } | { ok: false; error: string } {
  const parts = splitTopLevel(selector);
  if (!parts.ok) return parts;
  const requirements: LabelRequirement[] = [];
  for (const raw of parts.parts) {
    const part = raw.trim();
    if (!part) return { ok: false, error: `label selector "${selector}" has an empty term (two commas in a row?)` };
    const req = parseRequirement(part);
    if (!req.ok) return req;
    requirements.push(req.requirement);
  }
  return { ok: true, requirements };
}

function splitTopLevel(s: string): { ok: true; parts: string[] } | { ok: false; error: string } {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) return { ok: false, error: `label selector "${s}" has a ")" without "(" at position ${i + 1}` };
    } else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return { ok: false, error: `label selector "${s}" has an unclosed "("` };
  parts.push(s.slice(start));
  return { ok: true, parts };
}

function parseRequirement(part: string): { ok: true; requirement: LabelRequirement } | { ok: false; error: string } {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (setMatch) {
    const [, key, op, list] = setMatch;
    const values = list.split(',').map((v) => v.trim());
    const bad = checkKey(key) ?? values.map(checkValue).find((e) => e !== null) ?? null;
    if (bad) return { ok: false, error: bad };
    return { ok: true, requirement: { key, op: op as 'in' | 'notin', values } };
  }
  if (part.startsWith('!')) {
    const key = part.slice(1).trim();
    const bad = checkKey(key);
    if (bad) return { ok: false, error: bad };
    return { ok: true, requirement: { key, op: 'notexists', values: [] } };
  }
  const opMatch = /^([^=!\s]+)\s*(==|!=|=)\s*(.*)$/.exec(part);
  if (opMatch) {
    const [, key, op, value] = opMatch;
    const v = value.trim();
    const bad = checkKey(key) ?? checkValue(v);
    if (bad) return { ok: false, error: bad };
    return { ok: true, requirement: { key, op: op === '!=' ? 'neq' : 'eq', values: [v] } };
  }
  const bad = checkKey(part);
  if (bad) return { ok: false, error: bad };
  return { ok: true, requirement: { key: part, op: 'exists', values: [] } };
}

function checkKey(key: string): string | null {
  if (!key) return 'label selector: a term has no key';
  return KEY_RE.test(key) ? null : `label key "${key}" is not valid: use letters, digits, "-", "_", "." and an optional "prefix/"`;
}

function checkValue(value: string): string | null {
  return VALUE_RE.test(value) ? null : `label value "${value}" is not valid: use letters, digits, "-", "_" and "."`;
}

/** True when `labels` satisfy every requirement. */
export function matchesLabels(labels: Record<string, string>, requirements: readonly LabelRequirement[]): boolean {
  for (const r of requirements) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels[r.key] : undefined;
    switch (r.op) {
      case 'eq':
        if (v !== r.values[0]) return false;
        break;
      case 'neq':
        if (v === r.values[0]) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case 'in':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (v !== undefined && r.values.includes(v)) return false;
        break;
    }
  }
  return true;
}

export interface FilterAccessors<T> {
  /** Lower-cased text of a row (cache it: this runs once per row per keystroke). */
  text: (row: T) => string;
  /** Labels of a row, or null when the kind has none. */
  labels: (row: T) => Record<string, string> | null;
}

/** A predicate for `spec`. Rows without labels never match a label selector (and always match its negation). */
export function compileFilter<T>(spec: FilterSpec, get: FilterAccessors<T>): (row: T) => boolean {
  switch (spec.kind) {
    case 'all':
      return () => true;
    case 'text': {
      const { terms, negate } = spec;
      return (row) => {
        const t = get.text(row);
        let all = true;
        for (const term of terms) {
          if (!t.includes(term)) {
            all = false;
            break;
          }
        }
        return all !== negate;
      };
    }
    case 'labels': {
      const { requirements, negate } = spec;
      return (row) => {
        const labels = get.labels(row);
        const hit = labels !== null && matchesLabels(labels, requirements);
        return hit !== negate;
      };
    }
  }
}

/**
 * Parse while the user is still typing: on an error, the filter falls back to the longest prefix of
 * the input that parses ("-l app in (a" filters by "-l app" meanwhile), and the error is returned for
 * display. The list never empties just because a selector is half-written.
 */
export function parseFilterLenient(input: string): { spec: FilterSpec; error: string | null } {
  const full = parseFilter(input);
  if (full.ok) return { spec: full.spec, error: null };
  for (let end = input.length - 1; end >= 0; end--) {
    const p = parseFilter(input.slice(0, end));
    if (p.ok) return { spec: p.spec, error: full.error };
  }
  return { spec: { kind: 'all' }, error: full.error };
}
