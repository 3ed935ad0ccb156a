/**
 * Reading a profile form from an untrusted request body. Only the shape is checked here (strings where
 * strings belong, lists where lists belong, sane sizes); the rules are validateProfileForm's. Labels and
 * tags are accepted as rows ([{key, value}]) or as a plain map ({key: value}); values must already be
 * strings — a JSON true or 1 is refused rather than quietly turned into "true" or "1".
 */
import type { KeyValueRow, ProfileForm, SelectorForm } from './form';
import type { ValidationIssue } from './validate';

// Far above every EKS limit, so the validator can still say "6 selectors, at most 5"; only abuse is cut here.
const MAX_LIST = 100;
const MAX_TEXT = 2048;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class ShapeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function text(v: unknown, field: string, label: string, optional = false): string {
  if ((v === undefined || v === null) && optional) return '';
  if (typeof v !== 'string') throw new ShapeError(field, `${label} must be a string${v === undefined ? ' (it is missing)' : `, not ${JSON.stringify(v)}`}.`);
  if (v.length > MAX_TEXT) throw new ShapeError(field, `${label} is ${v.length} characters long; at most ${MAX_TEXT} are read.`);
  return v;
}

function list(v: unknown, field: string, label: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ShapeError(field, `${label} must be a list.`);
  if (v.length > MAX_LIST) throw new ShapeError(field, `${label} has ${v.length} entries; at most ${MAX_LIST} are read.`);
  return v;
}

function rows(v: unknown, field: string, label: string): KeyValueRow[] {
  if (isRecord(v)) {
    const entries = Object.entries(v);
    if (entries.length > MAX_LIST) throw new ShapeError(field, `${label} has ${entries.length} entries; at most ${MAX_LIST} are read.`);
    return entries.map(([key, value]) => ({ key: text(key, field, `${label} key`), value: text(value, `${field}`, `${label} ${JSON.stringify(key)}`) }));
  }
  return list(v, field, label).map((r, j) => {
    if (!isRecord(r)) throw new ShapeError(`${field}.${j}`, `${label} ${j + 1} must be an object with key and value.`);
    return { key: text(r.key, `${field}.${j}.key`, `${label} ${j + 1} key`), value: text(r.value, `${field}.${j}.value`, `${label} ${j + 1} value`) };
  });
}

function selector(v: unknown, i: number): SelectorForm {
  const field = `selectors.${i}`;
  if (!isRecord(v)) throw new ShapeError(field, `Selector ${i + 1} must be an object with a namespace.`);
  return {
    namespace: text(v.namespace, `${field}.namespace`, `Selector ${i + 1} namespace`, true),
    labels: rows(v.labels, `${field}.labels`, `Selector ${i + 1} label`),
  };
}

/** The form in `body` (a parsed JSON value), or the first shape problem with its field. */
export function readProfileForm(body: unknown): ParseResult<ProfileForm> {
  try {
    if (!isRecord(body)) throw new ShapeError('form', 'The profile must be a JSON object.');
    const subnets = list(body.subnets, 'subnets', 'Subnets').map((s, i) => text(s, 'subnets', `Subnet ${i + 1}`));
    return {
      ok: true,
      value: {
        name: text(body.name, 'name', 'Name', true),
        selectors: list(body.selectors, 'selectors', 'Selectors').map(selector),
        subnets,
        podExecutionRoleArn: text(body.podExecutionRoleArn, 'podExecutionRoleArn', 'Pod execution role', true),
        tags: rows(body.tags, 'tags', 'Tag'),
      },
    };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, issues: [{ field: e.field, severity: 'error', message: e.message }] };
    throw e;
  }
}
