import { anonymousExposure, authConfig, exposedHost } from '@/lib/server/auth';
import { listContexts } from '@/lib/server/kubeconfig';
import { getClusterSource } from '@/lib/server/registry';
import { getDb } from '@/lib/store/db';
import { mayUse } from '@/lib/server/write-guard';
import { json } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** How long the store may take to answer before this replica counts as not ready. */
const STORE_TIMEOUT_MS = 3_000;

interface Check {
  ok: boolean;
  detail: string;
}

async function storeCheck(): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = (async () => {
      const db = await getDb();
      await db.query('SELECT 1');
      return { ok: true, detail: db.backend };
    })();
    const late = new Promise<Check>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${STORE_TIMEOUT_MS} ms` }), STORE_TIMEOUT_MS);
    });
    return await Promise.race([answer, late]);
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function clusterCheck(): Check {
  try {
    const { current, error } = listContexts();
    if (!current) return { ok: false, detail: error ?? 'no current kube context (set FARVIEW_CONTEXT)' };
    // Opening the source starts its informers; that it is still syncing, or that the cluster is down, does not
    // make this replica unready: the dashboard shows that state itself.
    const source = getClusterSource(current);
    const kc = source.statusOf('kubeconfig');
    if (kc?.state === 'error') return { ok: false, detail: `context ${current}: ${kc.message ?? 'kubeconfig unusable'}` };
    const pods = source.statusOf('pods');
    return { ok: true, detail: `context ${current} started; pods ${pods?.state ?? 'unknown'}` };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

/**
 * Readiness (GET /api/ready): the report store answers a query and the current context's cluster source is
 * started with a usable kubeconfig, and this server is not refusing everyone for want of sign-in. 200 or 503,
 * with each check's detail for callers who may use this Farview (each check's verdict only for others).
 * Liveness stays /api/health, which touches nothing.
 */
export async function GET(req: Request): Promise<Response> {
  const checks: Record<string, Check> = { store: await storeCheck(), cluster: clusterCheck() };
  try {
    const cfg = authConfig();
    const exposed = anonymousExposure(cfg, exposedHost());
    checks.auth = exposed ? { ok: false, detail: exposed } : { ok: true, detail: cfg.enabled ? 'sign-in on' : 'sign-in off' };
  } catch (e) {
    checks.auth = { ok: false, detail: (e as Error).message };
  }
  const ok = Object.values(checks).every((c) => c.ok);
  // The details name the context and the store: only for callers who may use this Farview, not every prober.
  const shown = mayUse(req) ? checks : Object.fromEntries(Object.entries(checks).map(([k, c]) => [k, { ok: c.ok }]));
  return json({ ok, checks: shown }, ok ? 200 : 503);
}
