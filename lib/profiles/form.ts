/**
 * The Fargate profile form as the browser edits it, and the CreateFargateProfile request it turns into.
 * Labels and tags are kept as ordered rows while editing (so a half-typed row, a duplicate key or a blank
 * line can be shown and reported where it is) and become plain string maps only in the request. Every value
 * stays a string: a label value "yes" or "1" is the string "yes" or "1" from the input box to EKS.
 */
import type { ProfileView } from '../view/model';

/** One key/value row of a selector's labels or of the tags. */
export interface KeyValueRow {
  key: string;
  value: string;
}

export interface SelectorForm {
  /** Namespace pattern; `*` and `?` are wildcards. */
  namespace: string;
  labels: KeyValueRow[];
}

export interface ProfileForm {
  name: string;
  selectors: SelectorForm[];
  /** Chosen subnet ids; empty means "let EKS use the cluster's private subnets". */
  subnets: string[];
  podExecutionRoleArn: string;
  tags: KeyValueRow[];
}

/** The selectors of a request: namespace plus an exact label map. */
export interface SelectorSpec {
  namespace: string;
  labels: Record<string, string>;
}

/** What CreateFargateProfile receives (besides clusterName and clientRequestToken). */
export interface ProfileSpec {
  fargateProfileName: string;
  selectors: SelectorSpec[];
  subnets: string[];
  podExecutionRoleArn: string;
  tags: Record<string, string>;
}

/** EKS limits (docs/fargate-facts.md §6; tag limits as for every AWS resource). */
export const LIMITS = {
  profilesPerCluster: 10,
  selectorsPerProfile: 5,
  labelsPerSelector: 5,
  nameMax: 100,
  labelKeyMax: 127,
  labelValueMax: 255,
  tags: 50,
  tagKeyMax: 128,
  tagValueMax: 256,
} as const;

/** A row is blank when both halves are empty: the form keeps one to type into, the request ignores it. */
export function isBlankRow(r: KeyValueRow): boolean {
  return r.key === '' && r.value === '';
}

/** A fresh form: one selector, no labels, no subnets chosen (EKS default), the role prefilled if known. */
export function emptyForm(role = ''): ProfileForm {
  return { name: '', selectors: [{ namespace: '', labels: [] }], subnets: [], podExecutionRoleArn: role, tags: [] };
}

/**
 * A form prefilled from an existing profile, for "replace": same selectors, subnets, role and tags, under
 * a new name (profiles are immutable, so the replacement must be a new profile).
 */
export function formFromProfile(p: Pick<ProfileView, 'selectors' | 'subnets' | 'podExecutionRoleArn' | 'tags'>, newName: string): ProfileForm {
  return {
    name: newName,
    selectors: p.selectors.map((s) => ({ namespace: s.namespace, labels: Object.entries(s.labels ?? {}).map(([key, value]) => ({ key, value })) })),
    subnets: [...p.subnets],
    podExecutionRoleArn: p.podExecutionRoleArn,
    tags: Object.entries(p.tags ?? {}).map(([key, value]) => ({ key, value })),
  };
}

/**
 * A free name for the replacement of `old`: "<old>-2", "<old>-3", … (or "<base>-<n+1>" when `old` already
 * ends in "-<n>"), skipping names in `taken`.
 */
export function replacementName(old: string, taken: readonly string[]): string {
  const m = /^(.*)-(\d+)$/.exec(old);
  const base = m ? m[1] : old;
  const start = m ? Number(m[2]) + 1 : 2;
  const used = new Set(taken);
  for (let n = start; n < start + 1000; n++) {
    const name = `${base}-${n}`;
    if (!used.has(name)) return name;
  }
  return `${base}-new`;
}

function toMap(rows: readonly KeyValueRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (!isBlankRow(r)) out[r.key] = r.value;
  return out;
}

/**
 * The request a (validated) form stands for. Blank rows are dropped; with duplicate keys the last row wins,
 * which is why validation refuses duplicates before this is ever sent.
 */
export function toProfileSpec(form: ProfileForm): ProfileSpec {
  return {
    fargateProfileName: form.name,
    selectors: form.selectors.map((s) => ({ namespace: s.namespace, labels: toMap(s.labels) })),
    subnets: [...form.subnets],
    podExecutionRoleArn: form.podExecutionRoleArn,
    tags: toMap(form.tags),
  };
}
