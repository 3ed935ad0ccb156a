import { openSource } from '@/lib/server/http';
import { previewForm } from '@/lib/server/profile-form';
import { toResponse } from '@/app/api/_lib/errors';
import { json, readJson, type ContextParams } from '@/app/api/_lib/http';
import type { ProfilePreviewAnswer } from '@/lib/ui/api-types';
import { DELETE as deleteNamed, GET as getNamed } from '../[name]/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/c/[context]/profiles/preview {form, replacing?} → {issues, preview, eksctl, yaml}: the server's
 * validation of the form, which existing pods the profile would capture (first-by-name among the ACTIVE
 * profiles and this one) with their Fargate size, price and refusals, the $/hour before and after, and the
 * equivalent eksctl command and ClusterConfig YAML. Changes nothing.
 */
export async function POST(req: Request, { params }: ContextParams): Promise<Response> {
  const body = await readJson(req);
  if (body instanceof Response) return body;
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  const b = (typeof body === 'object' && body !== null ? body : {}) as { form?: unknown; replacing?: unknown };
  try {
    const answer: ProfilePreviewAnswer = await previewForm(source, b.form ?? body, typeof b.replacing === 'string' && b.replacing ? b.replacing : null);
    return json(answer);
  } catch (e) {
    return toResponse(e);
  }
}

// A profile may be called "preview": this static segment shadows [name], so it answers for that profile too.
export async function GET(req: Request, { params }: ContextParams): Promise<Response> {
  const { context } = await params;
  return getNamed(req, { params: Promise.resolve({ context, name: 'preview' }) });
}

export async function DELETE(req: Request, { params }: ContextParams): Promise<Response> {
  const { context } = await params;
  return deleteNamed(req, { params: Promise.resolve({ context, name: 'preview' }) });
}
