import { decodeParam } from '@/lib/server/http';
import { restartWorkloads } from '@/lib/server/profile-writes';
import { writeRoute } from '../../_lib/route-kit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ context: string; name: string }> };

/**
 * POST /api/c/[context]/profiles/[name]/restart-workloads {deployments: [{namespace, name}]} → {results, plan}:
 * a rollout restart (kubectl.kubernetes.io/restartedAt on the pod template) of each confirmed Deployment, so
 * its pods are recreated and land on the profile. Each must be one the server finds captured by [name] now
 * (409 otherwise; nothing is restarted then).
 */
export async function POST(req: Request, { params }: Params): Promise<Response> {
  const { context, name: raw } = await params;
  const name = decodeParam(raw);
  return writeRoute(req, context, 'deployment.restart', `fargate-profile/${name}`, ({ source, body, actor }) => restartWorkloads(source, name, body, actor));
}
