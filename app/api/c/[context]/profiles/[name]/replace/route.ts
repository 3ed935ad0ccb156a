import { decodeParam, openSource } from '@/lib/server/http';
import { abandonReplace, replaceState, resumeReplace, startReplace } from '@/lib/server/profile-writes';
import { REPLACE_ACTIONS } from '@/lib/profiles/replace-plan';
import { toResponse } from '@/app/api/_lib/errors';
import { json, type ProfileParams } from '@/app/api/_lib/http';
import { writeRoute } from '@/app/api/_lib/write';
import type { ReplaceStateAnswer } from '@/lib/ui/api-types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/c/[context]/profiles/[name]/replace?plan=<id> → the plan with its recorded steps and whether it runs now. */
export async function GET(req: Request, { params }: ProfileParams): Promise<Response> {
  const { context } = await params;
  const plan = new URL(req.url).searchParams.get('plan');
  if (!plan) return json({ error: 'Which plan?', detail: 'add ?plan=<id>', source: 'request' }, 400);
  const source = await openSource(context);
  if (source instanceof Response) return source;
  try {
    const state: ReplaceStateAnswer | null = await replaceState(source, plan);
    return state ? json(state) : json({ error: 'No such replace plan', detail: plan, source: 'store' }, 404);
  } catch (e) {
    return toResponse(e);
  }
}

/**
 * POST /api/c/[context]/profiles/[name]/replace → 202 {state}
 *   {form}            records the plan, creates the new profile now, then (in the background) waits for ACTIVE
 *                     and deletes [name]. The old profile is never deleted unless the new one is ACTIVE.
 *   {resume: planId}  continues a pending plan from what EKS shows now.
 *   {abandon: planId} marks a pending plan abandoned; AWS is left as it is.
 */
export async function POST(req: Request, { params }: ProfileParams): Promise<Response> {
  const { context, name: raw } = await params;
  const name = decodeParam(raw);
  return writeRoute(req, context, REPLACE_ACTIONS.start, `fargate-profile/${name}`, async ({ source, body, actor }) => {
    const b = (typeof body === 'object' && body !== null ? body : {}) as { resume?: unknown; abandon?: unknown };
    if (typeof b.abandon === 'string') return { state: await abandonReplace(source, b.abandon, actor) };
    if (typeof b.resume === 'string') return { state: (await resumeReplace(source, b.resume, actor)).state };
    return { state: (await startReplace(source, name, body, actor)).state };
  }, 202);
}
