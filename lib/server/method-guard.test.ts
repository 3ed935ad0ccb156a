import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseUnknownMethods } from './method-guard';

let server: Server;
let port: number;

beforeAll(async () => {
  refuseUnknownMethods();
  server = createServer((_req, res) => res.end('handled'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, method, path: '/api/c/x/view' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, allow: res.headers.allow }));
    });
    r.on('error', reject);
    r.setTimeout(5_000, () => r.destroy(new Error('timed out')));
    r.end();
  });
}

describe('refuseUnknownMethods', () => {
  it('answers TRACE and other methods no route serves 405, before any handler', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'MKCOL']) {
      const res = await send(method);
      expect(res.status, method).toBe(405);
      expect(res.allow).toBe('GET, HEAD, POST, DELETE');
      expect(JSON.parse(res.body)).toMatchObject({ error: 'Method not allowed', source: 'request' });
    }
  });

  it('leaves the methods routes serve to the handlers', async () => {
    for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) expect((await send(method)).body, method).toBe('handled');
  });
});
