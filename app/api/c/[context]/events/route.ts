import { openSource } from '@/lib/server/http';
import { resumeSeq, SSE_HEADERS, viewEventStream } from '@/lib/server/sse';
import { mayUse } from '@/lib/server/write-guard';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/events → Server-Sent Events: `snapshot` ({seq, view}) then `delta` (ViewDelta), each
 * with id = seq. Last-Event-ID or ?since=SEQ inside the kept window resumes with only the missed deltas.
 */
export async function GET(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  // The proxy let this request in; a stream lives for hours, so the sign-in behind it is checked again.
  const stream = viewEventStream(source, { since: resumeSeq(req), signal: req.signal, stillAllowed: () => mayUse(req) });
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
