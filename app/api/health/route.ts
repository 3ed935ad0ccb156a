import { mayUse } from '@/lib/server/write-guard';
import { json } from '@/app/api/_lib/http';

export const dynamic = 'force-dynamic';

const MB = 1024 * 1024;


/**
 * Liveness: the process answers. It touches no cluster, so it stays up when a cluster is down. To a caller who
 * may use this Farview (sign-in off, or signed in) it also says how much memory the process holds, in MiB
 * (resident set, JavaScript heap, buffers); to anyone else only that it is alive.
 */
export function GET(req: Request) {
  // A probe needs the status only; the figures are for whoever may use this Farview.
  if (!mayUse(req)) return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  const m = process.memoryUsage();
  const memoryMiB = { rss: Math.round(m.rss / MB), heapUsed: Math.round(m.heapUsed / MB), heapTotal: Math.round(m.heapTotal / MB), external: Math.round(m.external / MB) };
  return json({ ok: true, memoryMiB });
}
