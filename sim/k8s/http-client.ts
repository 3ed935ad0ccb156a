/**
 * A minimal HTTPS client for the API server's protocol tests: plain requests, and watch streams read line by
 * line with a bound on time and events.
 */
import https from 'node:https';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

export interface ApiTarget {
  url: string;
  caCert: string;
  token: string | null;
}

/** One request; the body is JSON-encoded unless it is a string. */
export function request(t: ApiTarget, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {}): Promise<Reply> {
  const u = new URL(path, t.url);
  const token = opts.token === undefined ? t.token : opts.token;
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  // Node sends DELETE bodies without chunked framing, so the length must be explicit.
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = https.request(u, { method, headers, ca: t.caCert, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`request timed out: ${method} ${path}`)));
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export interface WatchEventLine {
  type: string;
  object: { kind?: string; metadata?: { name?: string; namespace?: string; resourceVersion?: string; annotations?: Record<string, string> }; [k: string]: unknown };
}

export interface OpenWatch {
  status: number;
  events: WatchEventLine[];
  /** Resolves when `until(events)` holds, the stream ends, or timeoutMs passes; returns the events so far. */
  wait(until: (events: WatchEventLine[]) => boolean, timeoutMs?: number): Promise<WatchEventLine[]>;
  /** Resolves when the server ends the stream (true) or after timeoutMs (false). */
  ended(timeoutMs?: number): Promise<boolean>;
  close(): void;
}

/** Opens a watch and collects its events as they arrive. */
export function openWatch(t: ApiTarget, path: string, headers: Record<string, string> = {}): Promise<OpenWatch> {
  const u = new URL(path, t.url);
  return new Promise((resolve, reject) => {
    const req = https.request(u, { method: 'GET', headers: { Accept: 'application/json', Authorization: `Bearer ${t.token}`, ...headers }, ca: t.caCert }, (res) => {
      const events: WatchEventLine[] = [];
      let buf = '';
      let done = false;
      const waiters = new Set<() => void>();
      const notify = () => waiters.forEach((w) => w());
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line) as WatchEventLine);
        }
        notify();
      });
      const finish = () => {
        done = true;
        notify();
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      const wait = (until: (e: WatchEventLine[]) => boolean, timeoutMs = 5000) =>
        new Promise<WatchEventLine[]>((res2) => {
          const check = () => {
            if (until(events) || done) {
              cleanup();
              res2(events);
            }
          };
          const timer = setTimeout(() => {
            cleanup();
            res2(events);
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      resolve({
        status: res.statusCode ?? 0,
        events,
        wait,
        ended: async (timeoutMs = 5000) => {
          await wait(() => false, timeoutMs);
          return done;
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
