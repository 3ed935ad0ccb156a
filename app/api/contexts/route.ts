import { listContexts } from '@/lib/server/kubeconfig';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/contexts → ContextList: every kubeconfig context, the current one, and what is wrong with the kubeconfig. */
export function GET(): Response {
  return Response.json(listContexts(), { headers: { 'Cache-Control': 'no-store' } });
}
