import { decodeParam } from '@/lib/server/http';
import { restartWorkloads } from '@/lib/server/profile-restart';
import type { ProfileParams } from '@/app/api/_lib/http';
import { writeRoute } from '@/app/api/_lib/write';
import type { RestartAnswer } from '@/lib/ui/api-types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/c/[context]/profiles/[name]/restart-workloads {deployments: [{namespace, name}]} → {results, plan}:
 * a rollout restart (kubectl.kubernetes.io/restartedAt on the pod template) of each confirmed Deployment, so
 * its pods are recreated and land on the profile. Each must be one the server finds captured by [name] now
 * (409 otherwise; nothing is restarted then).
 */
export async function POST(req: Request, { params }: ProfileParams): Promise<Response> {
  const { context, name: raw } = await params;
  const name = decodeParam(raw);
  return writeRoute(req, context, 'deployment.restart', `fargate-profile/${name}`, ({ source, body, actor }): Promise<RestartAnswer> => restartWorkloads(source, name, body, actor));
}
