import { listContexts } from '@/lib/server/kubeconfig';
import { json } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/contexts → ContextList: every kubeconfig context, the current one, and what is wrong with the kubeconfig. */
export function GET(): Response {
  return json(listContexts());
}
