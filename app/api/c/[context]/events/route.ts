import { openSource } from '@/lib/server/http';
import { resumeSeq, SSE_HEADERS, viewEventStream } from '@/lib/server/sse';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/events → Server-Sent Events: `snapshot` ({seq, view}) then `delta` (ViewDelta), each
 * with id = seq. Last-Event-ID or ?since=SEQ inside the kept window resumes with only the missed deltas.
 */
export async function GET(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  const stream = viewEventStream(source, { since: resumeSeq(req), signal: req.signal });
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
