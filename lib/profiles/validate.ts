/**
 * The rules a Fargate profile must pass, as EKS and eksctl apply them (docs/fargate-facts.md §6; eksctl's
 * ReservedProfileNamePrefix; the CloudFormation schema's label lengths), plus what makes a profile useless
 * (a namespace Kubernetes cannot have, a label value no pod can carry). The browser runs these as the user
 * types and the server runs the very same function on every request: the client is never trusted.
 *
 * Issues carry a field path ("name", "selectors.0.namespace", "selectors.0.labels.1.value", "subnets",
 * "podExecutionRoleArn", "tags.2.key", or "form" for the whole) so the form can show each next to its input.
 */
import { yamlNonString } from '../lint/cluster';
import { isBlankRow, LIMITS, type KeyValueRow, type ProfileForm } from './form';
import { publicSubnetReason, type SubnetChoice } from './subnets';

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface ValidationIssue {
  field: string;
  severity: IssueSeverity;
  message: string;
}

export interface ValidationContext {
  /** The cluster's profiles now; null when EKS could not be asked (then duplicates and the quota are left to EKS). */
  profiles: readonly { name: string; status: string }[] | null;
  /** The subnets on offer; null when EC2 could not be asked (then EKS checks them). */
  subnets: readonly SubnetChoice[] | null;
  /** The profile this one replaces: it still exists while the new one is created, so it still counts. */
  replacing?: string | null;
}

/** eksctl refuses this prefix: "AWS' API should reject the creation of profiles starting with this prefix". */
export const RESERVED_PREFIX = 'eks-';

const NAME_CHARS = /^[A-Za-z0-9_-]$/;
// IAM role ARN: any partition, empty region, 12-digit account, path and name from IAM's characters.
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// Characters people reach for when they think in regular expressions.
const REGEX_CHARS = new Set(['.', '^', '$', '+', '(', ')', '[', ']', '{', '}', '|', '\\']);
const NAMESPACE_MAX = 63;
const LABEL_VALUE_K8S_MAX = 63;

const hasWildcard = (s: string) => s.includes('*') || s.includes('?');
const q = (s: string) => JSON.stringify(s);

function firstBad(value: string, ok: (c: string) => boolean): { char: string; at: number } | null {
  const chars = Array.from(value);
  const i = chars.findIndex((c) => !ok(c));
  return i < 0 ? null : { char: chars[i], at: i + 1 };
}

function charName(c: string): string {
  return c === ' ' ? 'a space' : c === '\t' ? 'a tab' : q(c);
}

function validateName(form: ProfileForm, ctx: ValidationContext, out: ValidationIssue[]): void {
  const name = form.name;
  const err = (message: string) => out.push({ field: 'name', severity: 'error', message });
  if (name === '') return void err('Name is required.');
  if (name.startsWith(RESERVED_PREFIX)) return void err(`Name must not start with "${RESERVED_PREFIX}": that prefix is reserved for EKS (eksctl refuses it too).`);
  const bad = firstBad(name, (c) => NAME_CHARS.test(c));
  if (bad) {
    return void err(`Name may use letters, digits, hyphens (-) and underscores (_) only; ${q(name)} has ${charName(bad.char)} at position ${bad.at}.`);
  }
  if (!/^[A-Za-z0-9]/.test(name)) return void err(`Name must start with a letter or a digit; ${q(name)} starts with ${q(name[0])}.`);
  if (name.length > LIMITS.nameMax) return void err(`Name is ${name.length} characters long; at most ${LIMITS.nameMax} are allowed.`);
  const existing = ctx.profiles?.find((p) => p.name === name);
  if (existing) err(`A Fargate profile named ${q(name)} already exists in this cluster (${existing.status}); profile names are unique per cluster.`);
  if (ctx.replacing && name === ctx.replacing && !existing) err(`The replacement needs a new name: ${q(name)} is the profile being replaced.`);
}

function validateQuota(ctx: ValidationContext, out: ValidationIssue[]): void {
  if (!ctx.profiles) return;
  const n = ctx.profiles.length;
  if (n >= LIMITS.profilesPerCluster) {
    out.push({
      field: 'form',
      severity: 'error',
      message:
        `The cluster already has ${n} Fargate profiles and EKS allows ${LIMITS.profilesPerCluster} per cluster` +
        `${ctx.replacing ? ' (the old profile is deleted only after the new one is ACTIVE, so both count)' : ''}: delete one first, or raise the quota in Service Quotas.`,
    });
  }
}

function validateNamespace(ns: string, where: string, field: string, out: ValidationIssue[]): void {
  const err = (message: string) => out.push({ field, severity: 'error', message });
  if (ns === '') return void err(`${where}: namespace is required (every selector names a namespace; use * for all).`);
  const regex = firstBad(ns, (c) => !REGEX_CHARS.has(c));
  if (regex) {
    return void err(`${where}: namespace ${q(ns)} has ${q(regex.char)}: only * and ? are wildcards here (regular expressions are not supported).`);
  }
  const upper = firstBad(ns, (c) => !/[A-Z]/.test(c));
  if (upper) return void err(`${where}: namespace ${q(ns)} has upper-case letters; Kubernetes namespaces are lower-case, so it would never match.`);
  const bad = firstBad(ns, (c) => /[a-z0-9*?-]/.test(c));
  if (bad) return void err(`${where}: namespace ${q(ns)} has ${charName(bad.char)}; namespaces use a-z, 0-9 and -, plus the wildcards * and ?.`);
  if (ns.length > NAMESPACE_MAX) return void err(`${where}: namespace is ${ns.length} characters long; Kubernetes namespaces have at most ${NAMESPACE_MAX}.`);
  if (!hasWildcard(ns) && (!/^[a-z0-9]/.test(ns) || !/[a-z0-9]$/.test(ns))) {
    err(`${where}: namespace ${q(ns)} must start and end with a letter or digit, as Kubernetes namespaces do.`);
  }
}

function validateLabel(row: KeyValueRow, where: string, field: string, out: ValidationIssue[]): void {
  const err = (f: string, message: string) => out.push({ field: `${field}.${f}`, severity: 'error', message });
  const { key, value } = row;
  if (key === '') err('key', `${where}: key is required.`);
  else if (key.length > LIMITS.labelKeyMax) err('key', `${where}: key is ${key.length} characters long; EKS allows 1 to ${LIMITS.labelKeyMax}.`);
  else {
    const regex = firstBad(key, (c) => !REGEX_CHARS.has(c) || c === '.');
    const bad = firstBad(key, (c) => /[A-Za-z0-9._/*?-]/.test(c));
    if (regex) err('key', `${where}: key ${q(key)} has ${q(regex.char)}: only * and ? are wildcards here (regular expressions are not supported).`);
    else if (bad) err('key', `${where}: key ${q(key)} has ${charName(bad.char)}; label keys use letters, digits, . _ - and one /, plus the wildcards * and ?.`);
    else if (key.split('/').length > 2) err('key', `${where}: key ${q(key)} has more than one /; a label key is [prefix/]name.`);
  }
  const k = key === '' ? where : `${where} (${key})`;
  if (value === '') return void err('value', `${k}: value is required; EKS needs 1 to ${LIMITS.labelValueMax} characters (use * to match any value).`);
  if (value.length > LIMITS.labelValueMax) return void err('value', `${k}: value is ${value.length} characters long; EKS allows at most ${LIMITS.labelValueMax}.`);
  const regex = firstBad(value, (c) => !REGEX_CHARS.has(c) || c === '.');
  if (regex) return void err('value', `${k}: value ${q(value)} has ${q(regex.char)}: only * and ? are wildcards here (regular expressions are not supported).`);
  const bad = firstBad(value, (c) => /[A-Za-z0-9._*?-]/.test(c));
  if (bad) return void err('value', `${k}: value ${q(value)} has ${charName(bad.char)}; label values use letters, digits, . _ -, plus the wildcards * and ?.`);
  if (!hasWildcard(value) && value.length > LABEL_VALUE_K8S_MAX) {
    out.push({ field: `${field}.value`, severity: 'warning', message: `${k}: Kubernetes label values have at most ${LABEL_VALUE_K8S_MAX} characters, so no pod can match ${value.length}.` });
  }
  const as = yamlNonString(value);
  if (as) {
    out.push({
      field: `${field}.value`,
      severity: 'info',
      message:
        `${k}: ${q(value)} stays the string ${q(value)} here and is quoted in the YAML below. ` +
        `Quote it in pod manifests too (${key || 'key'}: ${q(value)}): unquoted, YAML reads it as a ${as} and the pod does not match.`,
    });
  }
}

function validateSelectors(form: ProfileForm, out: ValidationIssue[]): void {
  const n = form.selectors.length;
  if (n === 0) out.push({ field: 'selectors', severity: 'error', message: 'Add at least one selector: a profile captures pods by namespace (and labels).' });
  if (n > LIMITS.selectorsPerProfile) {
    out.push({ field: 'selectors', severity: 'error', message: `A profile has at most ${LIMITS.selectorsPerProfile} selectors (EKS limit); this one has ${n}.` });
  }
  const seen = new Map<string, number>();
  form.selectors.forEach((s, i) => {
    const where = `Selector ${i + 1}`;
    validateNamespace(s.namespace, where, `selectors.${i}.namespace`, out);
    const rows = s.labels.map((r, j) => ({ r, j })).filter(({ r }) => !isBlankRow(r));
    if (rows.length > LIMITS.labelsPerSelector) {
      out.push({
        field: `selectors.${i}.labels`,
        severity: 'error',
        message: `${where}: at most ${LIMITS.labelsPerSelector} labels per selector (EKS limit); it has ${rows.length}.`,
      });
    }
    const keys = new Map<string, number>();
    for (const { r, j } of rows) {
      validateLabel(r, `${where}, label ${j + 1}`, `selectors.${i}.labels.${j}`, out);
      const first = keys.get(r.key);
      if (r.key !== '' && first !== undefined) {
        out.push({
          field: `selectors.${i}.labels.${j}.key`,
          severity: 'error',
          message: `${where}: label key ${q(r.key)} is given twice (labels ${first + 1} and ${j + 1}); a selector's labels are a map, one value per key.`,
        });
      } else keys.set(r.key, j);
    }
    const sig = JSON.stringify([s.namespace, rows.map(({ r }) => [r.key, r.value]).sort()]);
    const dup = seen.get(sig);
    if (dup !== undefined && s.namespace !== '') {
      out.push({ field: `selectors.${i}.namespace`, severity: 'warning', message: `${where} repeats selector ${dup + 1}; one of them is enough.` });
    } else seen.set(sig, i);
  });
}

function validateSubnets(form: ProfileForm, ctx: ValidationContext, out: ValidationIssue[]): void {
  const chosen = [...new Set(form.subnets)];
  if (chosen.length === 0) {
    out.push({ field: 'subnets', severity: 'info', message: "No subnet chosen: EKS uses the cluster's private subnets." });
    return;
  }
  if (!ctx.subnets) return;
  for (const id of chosen) {
    const s = ctx.subnets.find((x) => x.id === id);
    if (!s) out.push({ field: 'subnets', severity: 'error', message: `Subnet ${id} is not a subnet of the cluster's VPC.` });
    else if (s.public) out.push({ field: 'subnets', severity: 'error', message: `Subnet ${id} is ${publicSubnetReason(s.internetGatewayId)}.` });
    else if (s.reason) out.push({ field: 'subnets', severity: 'warning', message: `Subnet ${id} is ${s.reason}.` });
  }
  if (chosen.length > 1) {
    out.push({
      field: 'subnets',
      severity: 'info',
      message: 'Several subnets: Fargate spreads pods over them, but not evenly; AWS recommends one subnet per profile when the spread matters.',
    });
  }
}

function validateRole(form: ProfileForm, out: ValidationIssue[]): void {
  const role = form.podExecutionRoleArn;
  const err = (message: string) => out.push({ field: 'podExecutionRoleArn', severity: 'error', message });
  if (role === '') return void err('Pod execution role is required: the ARN of an IAM role that trusts eks-fargate-pods.amazonaws.com.');
  if (!ROLE_ARN.test(role)) err(`Pod execution role must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>; got ${q(role)}.`);
}

function validateTags(form: ProfileForm, out: ValidationIssue[]): void {
  const rows = form.tags.map((r, j) => ({ r, j })).filter(({ r }) => !isBlankRow(r));
  if (rows.length > LIMITS.tags) out.push({ field: 'tags', severity: 'error', message: `At most ${LIMITS.tags} tags; this profile has ${rows.length}.` });
  const keys = new Map<string, number>();
  for (const { r, j } of rows) {
    const where = `Tag ${j + 1}`;
    const field = `tags.${j}`;
    if (r.key === '') out.push({ field: `${field}.key`, severity: 'error', message: `${where}: key is required.` });
    else if (r.key.length > LIMITS.tagKeyMax) out.push({ field: `${field}.key`, severity: 'error', message: `${where}: key is ${r.key.length} characters long; at most ${LIMITS.tagKeyMax}.` });
    else if (r.key.toLowerCase().startsWith('aws:')) out.push({ field: `${field}.key`, severity: 'error', message: `${where}: key ${q(r.key)} uses the prefix aws:, which AWS reserves.` });
    if (r.value.length > LIMITS.tagValueMax) out.push({ field: `${field}.value`, severity: 'error', message: `${where}: value is ${r.value.length} characters long; at most ${LIMITS.tagValueMax}.` });
    const first = keys.get(r.key);
    if (r.key !== '' && first !== undefined) {
      out.push({ field: `${field}.key`, severity: 'error', message: `${where}: key ${q(r.key)} is given twice (tags ${first + 1} and ${j + 1}).` });
    } else keys.set(r.key, j);
  }
}

/**
 * Every problem with a profile form, errors first in form order. Errors block creation; warnings and infos
 * are shown and do not.
 */
export function validateProfileForm(form: ProfileForm, ctx: ValidationContext): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  validateQuota(ctx, out);
  validateName(form, ctx, out);
  validateSelectors(form, out);
  validateSubnets(form, ctx, out);
  validateRole(form, out);
  validateTags(form, out);
  return out;
}

/** True when some issue blocks the request. */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** The issues of one field and of the fields below it ("selectors.0" covers its namespace and labels). */
export function issuesFor(issues: readonly ValidationIssue[], field: string): ValidationIssue[] {
  return issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`));
}
