/**
 * Objects as YAML for the detail views. managedFields go (noise). For pods, what could carry a secret goes
 * too: every env entry keeps only its name (values and valueFrom — secretKeyRef included — are dropped),
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

function maskEnv(containers: unknown): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) {
    if (!c || typeof c !== 'object') continue;
    const env = (c as { env?: unknown }).env;
    if (Array.isArray(env)) {
      (c as { env: { name: string }[] }).env = env.map((e) => ({ name: String((e as { name?: unknown })?.name ?? '') }));
    }
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
