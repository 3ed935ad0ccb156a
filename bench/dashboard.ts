/** Timed requests to the dashboard server on loopback. */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { ClusterView } from '../lib/view/model';

export interface TimedResponse {
  status: number;
  /** From writing the request to the last body byte (not decompressed). */
  ms: number;
  /** Bytes on the wire (the body as sent, compressed when gzip). */
  bytes: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

/** GET `url` (http://127.0.0.1 only) and time it to the last byte. */
export function timedGet(url: string, opts: { gzip?: boolean; timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<TimedResponse> {
  const u = new URL(url);
  if (u.protocol !== 'http:' || u.hostname !== '127.0.0.1') return Promise.reject(new Error(`the benchmark requests loopback only, not ${url}`));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', agent, timeout: timeoutMs, headers: { ...(opts.gzip ? { 'Accept-Encoding': 'gzip' } : {}), ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, bytes: body.length, headers: res.headers, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${u.pathname}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const isGzip = (b: Buffer) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * The JSON body of a response, gunzipped as often as it is wrapped. `gzipLayers` counts the layers: 1 is
 * right for `Content-Encoding: gzip`; 2 means the server compressed an already compressed body (a bug a
 * browser would show as unreadable JSON), which the benchmark reports rather than hides.
 */
export function jsonBody<T>(r: TimedResponse): { value: T; gzipLayers: number } {
  let raw = r.body;
  let gzipLayers = 0;
  if (r.headers['content-encoding'] === 'gzip') {
    while (isGzip(raw) && gzipLayers < 3) {
      raw = gunzipSync(raw);
      gzipLayers++;
    }
  }
  return { value: JSON.parse(raw.toString('utf8')) as T, gzipLayers };
}

/** GET the whole view of `context`; throws with the server's error body on a non-200. */
export async function getView(base: string, context: string, timeoutMs = 60_000): Promise<{ r: TimedResponse; view: ClusterView; gzipLayers: number }> {
  const r = await timedGet(`${base}/api/c/${encodeURIComponent(context)}/view`, { gzip: true, timeoutMs });
  if (r.status !== 200) throw new Error(`GET view: HTTP ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
  const { value, gzipLayers } = jsonBody<ClusterView>(r);
  return { r, view: value, gzipLayers };
}

/** Resolves when GET `url` answers 200, polling every `everyMs`; throws after `timeoutMs` or when `alive()` turns false. */
export async function waitFor200(url: string, timeoutMs: number, alive: () => boolean, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the server exited while waiting for ${url}`);
    try {
      const r = await timedGet(url, { timeoutMs: 5000 });
      if (r.status === 200) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
}

export function closeDashboardAgent(): void {
  agent.destroy();
}
