import 'server-only';
/**
 * Methods no route serves (TRACE, CONNECT, WebDAV's PROPFIND…) answered 405 by the HTTP server itself. Next
 * turns each request into a fetch Request before the proxy sees it, and fetch refuses to build one for TRACE,
 * so such a request would otherwise end as a 500 from deep inside Next.
 */
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { KNOWN_METHODS } from './auth';

const INSTALLED = Symbol.for('farview.method-guard.v1');

/** Installs the guard on every HTTP server of this process, once. */
export function refuseUnknownMethods(): void {
  const proto = Server.prototype as Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      const method = (req.method ?? '').toUpperCase();
      if (!KNOWN_METHODS.has(method)) {
        const body = JSON.stringify({ error: 'Method not allowed', detail: `Farview answers GET, HEAD, POST and DELETE, not ${method.slice(0, 20)}.`, source: 'request' });
        res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'GET, HEAD, POST, DELETE', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return true;
      }
    }
    return (emit as (event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
