export const dynamic = 'force-dynamic';

/** Liveness: the process answers. It touches no cluster, so it stays up when a cluster is down. */
export function GET() {
  return Response.json({ ok: true });
}
