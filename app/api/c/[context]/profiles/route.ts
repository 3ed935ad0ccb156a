import { openSource } from '@/lib/server/http';
import { formOptions } from '@/lib/server/profile-form';
import { createProfile } from '@/lib/server/profile-writes';
import { toResponse } from '@/app/api/_lib/errors';
import { json, type ContextParams } from '@/app/api/_lib/http';
import { writeRoute } from '@/app/api/_lib/write';
import type { ProfileFormOptions } from '@/lib/ui/api-types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/profiles → what the profile form offers: the VPC's subnets (public ones disabled with
 * the reason), the pod execution roles in use, the profiles there are, the limits, whether writes are on here,
 * and replace plans that never finished.
 */
export async function GET(_req: Request, { params }: ContextParams): Promise<Response> {
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  try {
    const options: ProfileFormOptions = await formOptions(source);
    return json(options);
  } catch (e) {
    return toResponse(e);
  }
}

/**
 * POST /api/c/[context]/profiles {form, clientRequestToken?} → 201 {name, status, createdAt, audit}: creates a
 * Fargate profile with EKS CreateFargateProfile after validating the form again on the server. 400 with
 * {issues} when invalid (nothing is sent to EKS); 409 when another profile is changing or the quota is reached;
 * 403 cross-site, read-only or not an editor; EKS's own message in `detail`.
 */
export async function POST(req: Request, { params }: ContextParams): Promise<Response> {
  const { context } = await params;
  return writeRoute(req, context, 'fargate-profile.create', 'fargate-profile', ({ source, body, actor }) => createProfile(source, body, actor), 201);
}
