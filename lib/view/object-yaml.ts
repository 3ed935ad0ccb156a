/**
 * Objects as YAML for the detail views. managedFields go (noise). For pods, what could carry a secret goes
 * too: every env entry keeps only its name (values and valueFrom — secretKeyRef included — are dropped), the
 * values of secret-looking flags in command and args are hidden (`--db-password=…`),
 * and the last-applied-configuration annotation, which repeats the manifest with its env values, is
 * replaced by a note. Secret objects are never read by Farview at all.
 */
import YAML from 'yaml';
import type { KubeObject, KubePod } from './kube';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const HIDDEN = '(hidden by Farview: it repeats the manifest, env values included)';

function withoutManagedFields<T extends KubeObject>(obj: T): T {
  const copy = structuredClone(obj);
  delete copy.metadata.managedFields;
  return copy;
}

// A flag whose name says it carries a secret: --db-password, -token, --aws-secret-access-key, --api_key…
const SECRET_FLAG = /^(--?[\w.-]*(?:pass(?:word|wd)?|secret|token|api[-_]?key|private[-_]?key|credential|auth)[\w.-]*)(=.*)?$/i;
const MASKED = '(hidden by Farview)';

/** Command lines with the values of secret-looking flags hidden, both `--flag=value` and `--flag value`. */
function maskArgs(args: unknown): unknown {
  if (!Array.isArray(args)) return args;
  const out: unknown[] = [];
  let hideNext = false;
  for (const a of args) {
    if (typeof a !== 'string') {
      out.push(a);
      hideNext = false;
      continue;
    }
    if (hideNext && !a.startsWith('-')) {
      out.push(MASKED);
      hideNext = false;
      continue;
    }
    const m = SECRET_FLAG.exec(a);
    out.push(m?.[2] ? `${m[1]}=${MASKED}` : a);
    hideNext = Boolean(m && !m[2]);
  }
  return out;
}

function maskEnv(containers: unknown): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) {
    if (!c || typeof c !== 'object') continue;
    const container = c as { env?: unknown; args?: unknown; command?: unknown };
    if (Array.isArray(container.env)) {
      container.env = container.env.map((e) => ({ name: String((e as { name?: unknown })?.name ?? '') }));
    }
    if (container.args !== undefined) container.args = maskArgs(container.args);
    if (container.command !== undefined) container.command = maskArgs(container.command);
  }
}

/** A copy of the pod that is safe to show: env names only, no last-applied manifest, no managedFields. */
export function redactPod(pod: KubePod): KubePod {
  const copy = withoutManagedFields(pod);
  const spec = copy.spec as unknown as Record<string, unknown>;
  maskEnv(spec.containers);
  maskEnv(spec.initContainers);
  maskEnv(spec.ephemeralContainers);
  if (copy.metadata.annotations?.[LAST_APPLIED] !== undefined) copy.metadata.annotations[LAST_APPLIED] = HIDDEN;
  return copy;
}

/** YAML of a plain object without managedFields (pods: use podYaml). */
export function objectYaml(obj: KubeObject): string {
  return YAML.stringify(withoutManagedFields(obj), { lineWidth: 0 });
}

/** YAML of a pod with env values and the last-applied manifest removed. */
export function podYaml(pod: KubePod): string {
  return YAML.stringify(redactPod(pod), { lineWidth: 0 });
}
