export const dynamic = 'force-dynamic';

const MB = 1024 * 1024;

/**
 * Liveness: the process answers. It touches no cluster, so it stays up when a cluster is down. It also says how
 * much memory the process holds, in MiB, for whoever watches it (resident set, JavaScript heap, buffers).
 */
export function GET() {
  const m = process.memoryUsage();
  const memoryMiB = { rss: Math.round(m.rss / MB), heapUsed: Math.round(m.heapUsed / MB), heapTotal: Math.round(m.heapTotal / MB), external: Math.round(m.external / MB) };
  return Response.json({ ok: true, memoryMiB }, { headers: { 'Cache-Control': 'no-store' } });
}
