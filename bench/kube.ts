/** A minimal client for the simulator's Kubernetes API (HTTPS on loopback, bearer token, its own CA). */
import https from 'node:https';

export interface KubeTarget {
  url: string;
  token: string;
  caCert: string;
}

export interface ApiPod {
  metadata: { uid: string; namespace: string; name: string; labels?: Record<string, string>; creationTimestamp?: string; deletionTimestamp?: string; resourceVersion?: string };
  spec: { nodeName?: string; containers: { name: string }[] };
  status?: {
    phase?: string;
    containerStatuses?: { name: string; ready?: boolean; restartCount?: number; state?: { running?: unknown; waiting?: { reason?: string }; terminated?: unknown } }[];
  };
}

export class KubeClient {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(private readonly target: KubeTarget) {
    this.base = new URL(target.url);
    if (this.base.hostname !== '127.0.0.1' && this.base.hostname !== 'localhost') throw new Error(`the benchmark talks to loopback only, not ${target.url}`);
    this.agent = new https.Agent({ ca: target.caCert, keepAlive: true, maxSockets: 4 });
  }

  /** One request; resolves with status and body text; rejects on network errors or after `timeoutMs`. */
  request(method: string, path: string, body?: unknown, contentType = 'application/json', timeoutMs = 30_000): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = https.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.target.token}`,
            Accept: 'application/json',
            ...(data ? { 'Content-Type': contentType, 'Content-Length': String(data.length) } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(data);
    });
  }

  /** Every pod in the cluster, read page by page (a fresh list, not a cache). */
  async listPods(): Promise<ApiPod[]> {
    const out: ApiPod[] = [];
    let cont = '';
    for (let page = 0; page < 10_000; page++) {
      const r = await this.request('GET', `/api/v1/pods?limit=1000${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      if (r.status !== 200) throw new Error(`list pods: HTTP ${r.status}: ${r.text.slice(0, 200)}`);
      const body = JSON.parse(r.text) as { items?: ApiPod[]; metadata?: { continue?: string } };
      out.push(...(body.items ?? []));
      cont = body.metadata?.continue ?? '';
      if (!cont) return out;
    }
    throw new Error('list pods: more than 10,000 pages');
  }

  /** Sets labels on a pod with a JSON merge patch; resolves with the HTTP status (200, or 404 when it is gone). */
  async labelPod(namespace: string, name: string, labels: Record<string, string>): Promise<number> {
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
    const r = await this.request('PATCH', path, { metadata: { labels } }, 'application/merge-patch+json', 10_000);
    if (r.status !== 200 && r.status !== 404) throw new Error(`label pod ${namespace}/${name}: HTTP ${r.status}: ${r.text.slice(0, 200)}`);
    return r.status;
  }

  /** Whether a pod exists (GET → 200). */
  async podExists(namespace: string, name: string): Promise<boolean> {
    const r = await this.request('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`, undefined, undefined, 10_000);
    return r.status === 200;
  }

  close(): void {
    this.agent.destroy();
  }
}
