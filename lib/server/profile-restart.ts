import 'server-only';
/**
 * The rollout restart that moves the pods a Fargate profile captures onto it: only Deployments in the
 * server's own restart plan, each stamped and recorded in the audit log like the profile writes.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { restartPatch, restartPlan, type RestartPlan } from '../profiles/restart';
import { kubeRequest, statusMessage } from './kube-http';
import { audited, nowOf, ProfileWriteError, requireAudit, type WriteDeps, type WriteSource } from './profile-writes';
import type { Actor } from './write-guard';

export interface RestartResult {
  profile: string;
  results: { namespace: string; name: string; ok: boolean; detail: string }[];
  plan: RestartPlan;
}

function deploymentList(body: unknown): { namespace: string; name: string }[] {
  const d = typeof body === 'object' && body !== null ? (body as { deployments?: unknown }).deployments : undefined;
  if (!Array.isArray(d) || d.length === 0 || d.length > 200) {
    throw new ProfileWriteError(400, { error: 'Say which Deployments to restart', detail: 'Send {deployments: [{namespace, name}, …]} (1 to 200), as confirmed in the dialog.', source: 'request' });
  }
  return d.map((x, i) => {
    const ns = (x as { namespace?: unknown })?.namespace;
    const name = (x as { name?: unknown })?.name;
    if (typeof ns !== 'string' || typeof name !== 'string' || !ns || !name) {
      throw new ProfileWriteError(400, { error: 'Say which Deployments to restart', detail: `Entry ${i + 1} needs a namespace and a name.`, source: 'request' });
    }
    return { namespace: ns, name };
  });
}

/**
 * Rollout-restarts the confirmed Deployments whose pods `profile` captures now (each must be in the server's own
 * restart plan: the client's list is checked, never trusted), by stamping kubectl.kubernetes.io/restartedAt.
 */
export async function restartWorkloads(source: WriteSource, profile: string, body: unknown, actor: Actor, deps: WriteDeps = {}): Promise<RestartResult> {
  const wanted = deploymentList(body);
  const plan = restartPlan(source.snapshot().view, profile);
  const base = { actor: actor.name, action: 'deployment.restart', context: source.context };
  try {
    if (plan.blocked) throw new ProfileWriteError(409, { error: 'Nothing can move onto this profile yet', detail: plan.blocked, source: 'eks' });
    const allowed = new Set(plan.targets.map((t) => `${t.namespace}/${t.name}`));
    const stray = wanted.filter((w) => !allowed.has(`${w.namespace}/${w.name}`));
    if (stray.length) {
      throw new ProfileWriteError(409, {
        error: `Not a Deployment that profile ${profile} captures`,
        detail: `${stray.map((s) => `${s.namespace}/${s.name}`).join(', ')}: its pods would not land on ${profile} (or Fargate would refuse them). Nothing was restarted.`,
        source: 'request',
      });
    }
    if (!source.kc) throw new ProfileWriteError(503, { error: 'The kubeconfig of this context is unusable', source: 'kubeconfig' });
    await requireAudit(deps);
  } catch (e) {
    if (e instanceof ProfileWriteError) await audited(deps, { ...base, target: `${source.context}/fargate-profile/${profile}`, request: { profile, deployments: wanted }, result: 'error', detail: e.message });
    throw e;
  }
  const kc = source.kc as KubeConfig;
  const at = nowOf(deps).toISOString();
  const results: RestartResult['results'] = [];
  for (const w of wanted) {
    const path = `/apis/apps/v1/namespaces/${encodeURIComponent(w.namespace)}/deployments/${encodeURIComponent(w.name)}`;
    let ok = false;
    let detail: string;
    try {
      const res = await kubeRequest(kc, path, { method: 'PATCH', body: JSON.stringify(restartPatch(at)), contentType: 'application/merge-patch+json', timeoutMs: 15_000 });
      ok = res.status >= 200 && res.status < 300;
      detail = ok ? `restartedAt ${at}` : statusMessage(res).message;
    } catch (e) {
      detail = (e as Error).message;
    }
    results.push({ namespace: w.namespace, name: w.name, ok, detail });
    await audited(deps, {
      ...base,
      target: `${source.context}/deployment/${w.namespace}/${w.name}`,
      request: { profile, restartedAt: at },
      result: ok ? 'ok' : 'error',
      detail: ok ? `rollout restart to move its pods onto Fargate profile ${profile}` : detail,
    });
  }
  return { profile, results, plan };
}
