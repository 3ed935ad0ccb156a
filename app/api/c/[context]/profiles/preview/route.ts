import { openSource } from '@/lib/server/http';
import { previewForm } from '@/lib/server/profile-writes';
import { errorResponse, json, readJson } from '../_lib/route-kit';
import { DELETE as deleteNamed, GET as getNamed } from '../[name]/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ context: string }> };

/**
 * POST /api/c/[context]/profiles/preview {form, replacing?} → {issues, preview, eksctl, yaml}: the server's
 * validation of the form, which existing pods the profile would capture (first-by-name among the ACTIVE
 * profiles and this one) with their Fargate size, price and refusals, the $/hour before and after, and the
 * equivalent eksctl command and ClusterConfig YAML. Changes nothing.
 */
export async function POST(req: Request, { params }: Params): Promise<Response> {
  const body = await readJson(req);
  if (body instanceof Response) return body;
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  const b = (typeof body === 'object' && body !== null ? body : {}) as { form?: unknown; replacing?: unknown };
  try {
    return json(await previewForm(source, b.form ?? body, typeof b.replacing === 'string' && b.replacing ? b.replacing : null));
  } catch (e) {
    return errorResponse(e);
  }
}

// A profile may be called "preview": this static segment shadows [name], so it answers for that profile too.
export async function GET(req: Request, { params }: Params): Promise<Response> {
  const { context } = await params;
  return getNamed(req, { params: Promise.resolve({ context, name: 'preview' }) });
}

export async function DELETE(req: Request, { params }: Params): Promise<Response> {
  const { context } = await params;
  return deleteNamed(req, { params: Promise.resolve({ context, name: 'preview' }) });
}
