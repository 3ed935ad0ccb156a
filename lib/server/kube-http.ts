import 'server-only';
/**
 * Plain HTTP requests to the Kubernetes API with the kubeconfig's credentials (token, client certificate,
 * CA, exec plugin — all applied by KubeConfig.applyToHTTPSOptions), returning the body as text. Lists are
 * read this way rather than through the generated client so objects stay the JSON the API server sent:
 * no Date objects, no renamed fields, and the Status message of an error is kept.
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/** An API error with the server's own words (Status.message) and what it means for the caller. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly reason: string | null,
    readonly url: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: string;
  contentType?: string;
  accept?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KubeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends one request; rejects only when no HTTP answer came (network, TLS, credentials plugin, timeout). */
export async function kubeRequest(kc: KubeConfig, path: string, req: KubeRequest = {}): Promise<KubeResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeApiError('the kubeconfig context has no cluster', 0, null, path);
  const url = new URL(cluster.server + path);
  const opts: https.RequestOptions = { method: req.method ?? 'GET', headers: {} };
  try {
    await kc.applyToHTTPSOptions(opts);
  } catch (e) {
    // Exec plugins (aws eks get-token), token files and http:// without insecure-skip-tls-verify fail here.
    throw new KubeApiError(`cannot prepare a request to ${cluster.server}: ${(e as Error).message}`, 0, null, url.toString());
  }
  const headers: Record<string, string> = { ...(opts.headers as Record<string, string>), Accept: req.accept ?? 'application/json' };
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(req.body));
  }
  const mod = url.protocol === 'http:' ? http : https;
  return new Promise<KubeResponse>((resolve, reject) => {
    const r = mod.request(url, { ...opts, headers, signal: req.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => reject(new KubeApiError(`reading ${url.pathname} from ${cluster.server}: ${e.message}`, 0, null, url.toString())));
    });
    r.setTimeout(req.timeoutMs ?? 30_000, () => r.destroy(new Error(`no answer within ${Math.round((req.timeoutMs ?? 30_000) / 1000)} s`)));
    r.on('error', (e) => reject(new KubeApiError(`cannot reach ${cluster.server}: ${e.message}`, 0, null, url.toString())));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** The Status message of an error body, or a short description of a non-Status body. */
export function statusMessage(res: KubeResponse): { message: string; reason: string | null } {
  try {
    const s = JSON.parse(res.body) as { kind?: string; message?: string; reason?: string };
    if (s && typeof s.message === 'string') return { message: s.message, reason: s.reason ?? null };
  } catch {
    // not JSON
  }
  const text = res.body.trim().slice(0, 200);
  return { message: `HTTP ${res.status}${text ? `: ${text}` : ''}`, reason: null };
}

/** GET and parse JSON; a non-2xx answer becomes a KubeApiError carrying the Status message. */
export async function kubeGetJson<T>(kc: KubeConfig, path: string, req: KubeRequest = {}): Promise<T> {
  const res = await kubeRequest(kc, path, req);
  if (res.status < 200 || res.status > 299) {
    const { message, reason } = statusMessage(res);
    throw new KubeApiError(message, res.status, reason, path);
  }
  try {
    return JSON.parse(res.body) as T;
  } catch (e) {
    throw new KubeApiError(`${path}: the answer is not JSON (${(e as Error).message})`, res.status, null, path);
  }
}
