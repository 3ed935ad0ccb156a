import { gzipSync } from 'node:zlib';
import { openSource, textStream } from '@/lib/server/http';
import { viewIsGzipped } from '@/lib/server/view-gzip';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/c/[context]/view → the whole ClusterView, at most a second old. ETag and X-Farview-Seq name its seq
 * (the ETag with the source's start time, so a restarted server never reuses one); If-None-Match answers 304.
 * Every body is gzip when the client takes it, errors included: next.config.js declares the encoding for such
 * requests (lib/server/view-gzip.ts).
 */
export async function GET(req: Request, { params }: { params: Promise<{ context: string }> }): Promise<Response> {
  const gzip = viewIsGzipped(new URL(req.url).pathname, req.headers.get('accept-encoding'));
  const source = await openSource((await params).context);
  if (source instanceof Response) {
    if (!gzip) return source;
    return new Response(new Uint8Array(gzipSync(Buffer.from(await source.arrayBuffer()))), { status: source.status, headers: source.headers });
  }
  const common = { 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
  const etag = (seq: number) => `"${source.epoch}.${seq}"`;
  const inm = (req.headers.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  source.flush();
  // The client's copy is current: no need to serialize anything.
  if (inm.includes(etag(source.seq))) return new Response(null, { status: 304, headers: { ...common, ETag: etag(source.seq), 'X-Farview-Seq': String(source.seq) } });
  // Under churn the seq moves every flush; a snapshot up to a second old (its seq says which) spares a rebuild per request.
  const body = gzip ? await source.snapshotGzip(1000) : source.snapshotJson();
  const headers = { ...common, ETag: etag(body.seq), 'X-Farview-Seq': String(body.seq), 'Content-Type': 'application/json; charset=utf-8' };
  if (inm.includes(headers.ETag)) return new Response(null, { status: 304, headers });
  return new Response('gzip' in body ? new Uint8Array(body.gzip) : textStream(body.chunks), { status: 200, headers });
}
