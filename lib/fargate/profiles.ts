/**
 * Fargate profile matching as EKS does it (EKS user guide, fargate-profile.adoc; docs/fargate-facts.md §6):
 * a pod matches a selector when its namespace matches and it carries every label of the selector; it matches a
 * profile when it matches any of the profile's selectors. `*` and `?` are wildcards in namespaces, label keys and
 * label values. Only ACTIVE profiles capture pods; among several, the first by alphanumeric name wins; the label
 * eks.amazonaws.com/fargate-profile=<name> pins a pod to one profile (it must still match one of its selectors).
 */

export interface ProfileSelectorLike {
  namespace: string;
  labels?: Record<string, string>;
}

export interface ProfileLike {
  name: string;
  status: string;
  selectors: ProfileSelectorLike[];
}

export interface ProfileMatch {
  profile: string;
  /** 0-based index of the selector that matched. */
  selectorIndex: number;
}

export interface PodLike {
  namespace: string;
  labels: Record<string, string>;
}

/** The label Fargate writes on scheduled pods, and that a pod can carry to pin a profile. */
export const PROFILE_LABEL = 'eks.amazonaws.com/fargate-profile';

/**
 * Anchored glob match with `*` (any run, including none) and `?` (exactly one character); every other
 * character is literal, so patterns cannot inject regular expressions. Linear-time greedy matching with a
 * single backtrack point, over code points.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  const p = Array.from(pattern);
  const v = Array.from(value);
  let pi = 0;
  let vi = 0;
  let star = -1;
  let starV = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === v[vi]))) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      starV = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++starV;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function missingLabels(selector: ProfileSelectorLike, labels: Record<string, string>): [string, string][] {
  const podLabels = Object.entries(labels ?? {});
  return Object.entries(selector.labels ?? {}).filter(
    ([k, v]) => !podLabels.some(([pk, pv]) => wildcardMatch(k, pk) && wildcardMatch(v, pv)),
  );
}

function selectorMatches(selector: ProfileSelectorLike, pod: PodLike): boolean {
  return wildcardMatch(selector.namespace, pod.namespace) && missingLabels(selector, pod.labels).length === 0;
}

function firstSelector(profile: ProfileLike, pod: PodLike): number {
  return (profile.selectors ?? []).findIndex((s) => selectorMatches(s, pod));
}

// "Alphanumeric sorting by profile name": plain code-unit order, which is what AWS's own example
// (beta-workload before prod-workload) and every name made of [A-Za-z0-9_-] agree with.
function byName(a: ProfileLike, b: ProfileLike): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The profile (and selector) that would capture this pod, or null. Only ACTIVE profiles; when several match,
 * the first by alphanumeric name wins; a pod labelled eks.amazonaws.com/fargate-profile=<name> is pinned to that
 * profile and must still match one of its selectors.
 */
export function matchProfile(pod: PodLike, profiles: ProfileLike[]): ProfileMatch | null {
  const pinned = pod.labels?.[PROFILE_LABEL];
  const candidates = profiles
    .filter((p) => p.status === 'ACTIVE' && (pinned === undefined || p.name === pinned))
    .sort(byName);
  for (const profile of candidates) {
    const selectorIndex = firstSelector(profile, pod);
    if (selectorIndex >= 0) return { profile: profile.name, selectorIndex };
  }
  return null;
}

function describeSelector(selector: ProfileSelectorLike): string {
  const labels = Object.entries(selector.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return `namespace ${selector.namespace}${labels.length ? `, labels ${labels.join(',')}` : ''}`;
}

/** One line for the UI: "profile test2-fargate, selector 1: namespace test2-fargate" (selectors count from 1). */
export function describeMatch(match: ProfileMatch, profiles: ProfileLike[]): string {
  const selector = profiles.find((p) => p.name === match.profile)?.selectors?.[match.selectorIndex];
  return `profile ${match.profile}, selector ${match.selectorIndex + 1}${selector ? `: ${describeSelector(selector)}` : ''}`;
}

function needs(profile: string, missing: [string, string][], labels: Record<string, string>): string {
  const wanted = missing.map(([k, v]) => `${k}=${v}`).join(', ');
  const clashes = missing
    .map(([k]) => Object.entries(labels ?? {}).find(([pk]) => wildcardMatch(k, pk)))
    .filter((e): e is [string, string] => e !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return `profile ${profile} needs label${missing.length > 1 ? 's' : ''} ${wanted}${clashes.length ? ` (pod has ${clashes.join(', ')})` : ''}`;
}

/**
 * One sentence saying why no profile captures the pod: "namespace batch is in no Fargate profile",
 * "profile test3-mixed needs label runon=fargate (pod has runon=ec2)", "profile x is CREATING, not ACTIVE", …
 * When a profile does match, it says which.
 */
export function explainNoMatch(pod: PodLike, profiles: ProfileLike[]): string {
  const match = matchProfile(pod, profiles);
  if (match) return `matches ${describeMatch(match, profiles)}`;
  const pinned = pod.labels?.[PROFILE_LABEL];
  const pool = [...profiles].sort(byName).filter((p) => pinned === undefined || p.name === pinned);
  const pinNote = pinned === undefined ? '' : `pinned by label ${PROFILE_LABEL}=${pinned}: `;
  if (pinned !== undefined && pool.length === 0) return `${pinNote}there is no profile ${pinned}`;
  if (pool.length === 0) return 'the cluster has no Fargate profile';

  // A profile that would match but is not ACTIVE explains the most.
  const inactive = pool.find((p) => p.status !== 'ACTIVE' && firstSelector(p, pod) >= 0);
  if (inactive) return `${pinNote}profile ${inactive.name} would match but is ${inactive.status}, not ACTIVE`;

  // Then the selector whose namespace matches and that misses the fewest labels.
  let closest: { profile: string; missing: [string, string][] } | null = null;
  const activeFirst = [...pool.filter((p) => p.status === 'ACTIVE'), ...pool.filter((p) => p.status !== 'ACTIVE')];
  for (const p of activeFirst) {
    for (const s of p.selectors ?? []) {
      if (!wildcardMatch(s.namespace, pod.namespace)) continue;
      const missing = missingLabels(s, pod.labels);
      if (!closest || missing.length < closest.missing.length) closest = { profile: p.name, missing };
    }
  }
  if (closest) return `${pinNote}${needs(closest.profile, closest.missing, pod.labels)}`;
  if (pinned !== undefined) return `${pinNote}namespace ${pod.namespace} is not selected by profile ${pinned}`;
  return `namespace ${pod.namespace} is in no Fargate profile`;
}
