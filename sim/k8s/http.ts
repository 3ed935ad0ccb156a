/** HTTP plumbing shared by the API server's handlers: bodies, content negotiation, query parameters, replies, errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import { ObjectStoreError } from '../store';
import type { ResourceInfo } from './resources';
import { StatusError, errors } from './status';
import { SelectorError } from './selectors';
import { PatchError } from './patch';
import type { IncludeObject } from './tables';
import type { WatchRender } from './watch';

const MAX_BODY = 3 * 1024 * 1024;

export type Query = URLSearchParams;
export type Render = WatchRender;

export class BodyError extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new StatusError(413, 'RequestEntityTooLarge', `the request body exceeds ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (e) => reject(new BodyError(e.message)));
  });
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function parseBody(text: string, contentType: string | undefined): unknown {
  const type = mediaType(contentType);
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  try {
    if (type === 'application/yaml' || type === 'application/apply-patch+yaml') return YAML.parse(text);
    return JSON.parse(text);
  } catch (err) {
    throw errors.badRequest(`the request body is not valid ${type.includes('yaml') ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** What the Accept header asks for: plain objects, Tables, or PartialObjectMetadata. */
export function negotiate(accept: string | undefined, q: Query): Render {
  const include = (q.get('includeObject') as IncludeObject | null) ?? 'Metadata';
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p = new Map(params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]));
    if (p.get('g') === 'meta.k8s.io' && type === 'application/json') {
      const version = p.get('v') === 'v1beta1' ? 'v1beta1' : 'v1';
      if (p.get('as') === 'Table') return { as: 'table', version, include: ['None', 'Metadata', 'Object'].includes(include) ? include : 'Metadata' };
      if (p.get('as') === 'PartialObjectMetadataList' || p.get('as') === 'PartialObjectMetadata') return { as: 'metadata', version };
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*' || type === '') return { as: 'object' };
  }
  return { as: 'object' };
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': buf.length, 'Cache-Control': 'no-cache, private', ...headers });
  res.end(buf);
}

export function sendError(res: ServerResponse, err: StatusError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.code, err.toStatus(), err.headers);
}

/** Maps store, selector and patch errors onto Status errors for a resource. */
export function toApiError(err: unknown, r: ResourceInfo | null, name: string): StatusError {
  if (err instanceof StatusError) return err;
  if (err instanceof SelectorError) return errors.badRequest(err.message);
  if (err instanceof PatchError) return new StatusError(422, 'Invalid', `the patch could not be applied: ${err.message}`, { name, ...(r ? { kind: r.kind } : {}) });
  if (err instanceof BodyError) return errors.badRequest(err.message);
  if (err instanceof ObjectStoreError && r) {
    if (err.reason === 'NotFound') return errors.notFound(r, name);
    if (err.reason === 'AlreadyExists') return errors.alreadyExists(r, name);
    if (err.reason === 'Conflict') return errors.conflict(r, name);
    const field = /metadata\.(name|namespace|labels|annotations|ownerReferences)/.exec(err.message)?.[0] ?? 'metadata';
    return errors.invalid(r, name, field, err.message);
  }
  return errors.internal(err instanceof Error ? err.message : String(err));
}

export function parseRv(text: string | null): number | null {
  if (text === null || text === '' || text === '0') return null;
  if (!/^\d+$/.test(text)) throw errors.badRequest(`invalid resource version: ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * A query boolean as the API server reads it (apimachinery's Convert_Slice_string_To_bool): absent, "0" and "false"
 * in any case are false; any other value, the empty string and Python's "True" included, is true.
 */
export function boolParam(q: Query, key: string): boolean {
  const v = q.get(key);
  if (v === null) return false;
  return !(v === '0' || v.toLowerCase() === 'false');
}

export function dryRun(q: Query): boolean {
  const v = q.getAll('dryRun');
  if (v.some((x) => x !== 'All')) throw errors.badRequest(`unsupported dryRun value ${JSON.stringify(v.find((x) => x !== 'All'))}: only "All" is supported`);
  return v.length > 0;
}

export function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

