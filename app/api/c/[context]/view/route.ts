import { acceptsGzip, openSource } from '@/lib/server/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/view → the whole ClusterView. ETag is the view's seq (with the source's start time,
 * so a restarted server never reuses one); If-None-Match answers 304; gzip when the client accepts it.
 */
export async function GET(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const source = await openSource((await params).context);
  if (source instanceof Response) return source;
  const gzip = acceptsGzip(req);
  source.flush();
  const current = `"${source.epoch}.${source.seq}"`;
  const inm = req.headers.get('if-none-match');
  // The client's copy is current: no need to serialize anything.
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === current)) {
    return new Response(null, { status: 304, headers: { ETag: current, 'X-Farview-Seq': String(source.seq), 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' } });
  }
  const body = source.serialized(gzip);
  const headers: Record<string, string> = {
    ETag: `"${source.epoch}.${body.seq}"`,
    'X-Farview-Seq': String(body.seq),
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
  };
  const bytes = gzip && body.gzip ? body.gzip : body.json;
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(bytes.length);
  if (gzip && body.gzip) headers['Content-Encoding'] = 'gzip';
  return new Response(new Uint8Array(bytes), { status: 200, headers });
}
