import { decodeParam, openSource } from '@/lib/server/http';
import { deleteProfile, pendingReplacePlans } from '@/lib/server/profile-writes';
import { writeStatus } from '@/lib/server/write-guard';
import { previewDelete } from '@/lib/profiles/preview';
import { restartPlan } from '@/lib/profiles/restart';
import type { ProfileAnswer } from '@/lib/ui/api-types';
import { json, type ProfileParams } from '@/app/api/_lib/http';
import { writeRoute } from '@/app/api/_lib/write';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/profiles/[name] → {profile, deleteImpact, restart, writes, pendingReplaces}: the profile as
 * the live view has it, the pods a delete would remove (and where their replacements land), the Deployments a
 * rollout restart would move onto it, whether writes are on here, and unfinished replaces of this profile.
 */
export async function GET(_req: Request, { params }: ProfileParams): Promise<Response> {
  const { context, name: raw } = await params;
  const name = decodeParam(raw);
  const source = await openSource(context);
  if (source instanceof Response) return source;
  const { view } = source.snapshot();
  const profile = view.profiles.find((p) => p.name === name) ?? null;
  if (!profile) return json({ error: 'No such Fargate profile', detail: `the live view of ${view.meta.context} has no profile ${JSON.stringify(name.slice(0, 100))}`, source: 'eks' }, 404);
  let pendingReplaces: Awaited<ReturnType<typeof pendingReplacePlans>> = [];
  try {
    pendingReplaces = (await pendingReplacePlans(source.context)).filter((s) => s.plan.oldName === name);
  } catch {
    // The audit log being down must not hide the profile; the form page reports it.
  }
  const answer: ProfileAnswer = { profile, deleteImpact: previewDelete(view, name), restart: restartPlan(view, name), writes: writeStatus(), pendingReplaces };
  return json(answer);
}

/**
 * DELETE /api/c/[context]/profiles/[name] {confirm: "<name>"} → {name, status, impact, audit}: deletes the
 * profile (EKS deletes its pods). The name must be typed again as `confirm`; 400 otherwise, 404 unknown, 409
 * when it or another profile is changing, 403 cross-site / read-only / not an editor.
 */
export async function DELETE(req: Request, { params }: ProfileParams): Promise<Response> {
  const { context, name: raw } = await params;
  const name = decodeParam(raw);
  return writeRoute(req, context, 'fargate-profile.delete', `fargate-profile/${name}`, ({ source, body, actor }) => deleteProfile(source, name, body, actor));
}
