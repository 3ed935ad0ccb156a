import { openSource } from '@/lib/server/http';
import type { UsageResponse } from '@/lib/usage/types';
import { json } from '@/app/api/_lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/usage → UsageResponse. Separate from the view so that a usage poll (every 30 s) does not
 * make every pod row change, and a screen without usage columns does not pay for them.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  const body: UsageResponse = { status: source.statusOf('metrics') ?? null, snapshot: source.usage() };
  return json(body);
}
