/**
 * Which Fargate profile the simulated EKS webhook gives a new pod, from the EKS user guide and the
 * CreateFargateProfile reference: a selector matches when its namespace matches the pod's and the pod carries
 * every one of its labels; a profile matches when any of its selectors does. `*` (any run of characters, none
 * included) and `?` (exactly one) are wildcards in namespaces, label keys and label values; nothing else is
 * special. Only ACTIVE profiles take pods; when several match, the first by name in alphanumeric order wins;
 * a pod labelled eks.amazonaws.com/fargate-profile=<name> only considers that profile.
 */

export interface SelectorShape {
  namespace: string;
  labels?: Record<string, string>;
}

export interface ProfileShape {
  name: string;
  status: string;
  selectors: SelectorShape[];
}

export interface PodIdentity {
  namespace: string;
  labels: Record<string, string>;
}

export interface ProfileChoice {
  profile: string;
  /** Position of the selector that matched, from 0. */
  selectorIndex: number;
}

const PIN_LABEL = 'eks.amazonaws.com/fargate-profile';

/**
 * Whole-string glob match over code points. Table of which pattern prefixes match which text prefixes,
 * one row at a time: O(pattern × text), bounded by the 63/127/255-character limits on selector fields.
 */
export function globMatches(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  // row[j]: does the pattern prefix seen so far match t[0..j)?
  let row: boolean[] = [true, ...t.map(() => false)];
  for (const ch of p) {
    const next: boolean[] = new Array<boolean>(t.length + 1).fill(false);
    if (ch === '*') {
      next[0] = row[0];
      for (let j = 1; j <= t.length; j++) next[j] = row[j] || next[j - 1];
    } else {
      for (let j = 1; j <= t.length; j++) next[j] = row[j - 1] && (ch === '?' || ch === t[j - 1]);
    }
    row = next;
  }
  return row[t.length];
}

function selectorTakes(selector: SelectorShape, pod: PodIdentity): boolean {
  if (!globMatches(selector.namespace, pod.namespace)) return false;
  const podLabels = Object.entries(pod.labels ?? {});
  return Object.entries(selector.labels ?? {}).every(([key, value]) =>
    podLabels.some(([podKey, podValue]) => globMatches(key, podKey) && globMatches(value, podValue)),
  );
}

/** The profile (and selector) that takes the pod, or null when none does. */
export function chooseProfile(pod: PodIdentity, profiles: readonly ProfileShape[]): ProfileChoice | null {
  const pinned = pod.labels?.[PIN_LABEL];
  let choice: ProfileChoice | null = null;
  for (const profile of profiles) {
    if (profile.status !== 'ACTIVE' || (pinned !== undefined && profile.name !== pinned)) continue;
    // Plain code-unit comparison: "beta-workload" before "prod-workload", digits before letters.
    if (choice && choice.profile <= profile.name) continue;
    const selectorIndex = (profile.selectors ?? []).findIndex((s) => selectorTakes(s, pod));
    if (selectorIndex >= 0) choice = { profile: profile.name, selectorIndex };
  }
  return choice;
}
