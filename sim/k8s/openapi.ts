/**
 * OpenAPI v3 documents, just enough for kubectl:
 * - `kubectl apply`/`create` (validation on by default) asks whether the server validates fields itself: it
 *   looks in /openapi/v3/<gv> for the PATCH operation of the kind (x-kubernetes-group-version-kind) and for a
 *   `fieldValidation` query parameter on it. Finding one, kubectl skips client-side schema validation and lets
 *   the server validate, so no schemas are needed.
 * - The PATCH request bodies deliberately do not list strategic-merge-patch: kubectl then builds strategic
 *   patches for built-in kinds from its compiled-in types and uses merge patches for the CRD, instead of
 *   reading patch metadata from schemas we do not publish.
 */
import { createHash } from 'node:crypto';
import { BUILTIN_API, type ResourceInfo, type ServedApi } from './resources';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const queryParam = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });

const WRITE_PARAMS = [
  queryParam('dryRun', 'When present, indicates that modifications should not be persisted.'),
  queryParam('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  queryParam('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.'),
];

function operations(r: ResourceInfo, sub: string | null) {
  const gvk = { group: r.group, version: r.version, kind: sub === 'scale' ? 'Scale' : r.kind };
  const ext = (action: string) => ({ 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : gvk });
  const json = { 'application/json': { schema: { type: 'object' } } };
  const ok = { '200': { description: 'OK', content: json }, '401': { description: 'Unauthorized' } };
  const suffix = sub ? `${r.kind}${sub[0].toUpperCase()}${sub.slice(1)}` : r.kind;
  return {
    get: { operationId: `read${suffix}`, responses: ok, ...ext('get') },
    put: { operationId: `replace${suffix}`, parameters: WRITE_PARAMS, requestBody: { content: json, required: true }, responses: ok, ...ext('put') },
    patch: {
      operationId: `patch${suffix}`,
      parameters: [...WRITE_PARAMS, queryParam('force', 'Force is going to "force" Apply requests.')],
      requestBody: {
        content: {
          'application/json-patch+json': { schema: { type: 'object' } },
          'application/merge-patch+json': { schema: { type: 'object' } },
          'application/apply-patch+yaml': { schema: { type: 'object' } },
        },
        required: true,
      },
      responses: ok,
      ...ext('patch'),
    },
  };
}

/** The OpenAPI v3 document of one group version, or undefined for an unknown one. */
export function openApiV3Document(group: string, version: string, api: ServedApi = BUILTIN_API) {
  const rs = api.inGroupVersion(group, version);
  if (rs.length === 0) return undefined;
  const prefix = '/' + gvPath(group, version);
  const paths: Record<string, unknown> = {};
  for (const r of rs) {
    const collection = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
    const gvk = { 'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind } };
    paths[collection] = {
      get: { operationId: `list${r.kind}`, responses: { '200': { description: 'OK' } }, 'x-kubernetes-action': 'list', ...gvk },
      post: { operationId: `create${r.kind}`, parameters: WRITE_PARAMS, responses: { '201': { description: 'Created' } }, 'x-kubernetes-action': 'post', ...gvk },
    };
    paths[`${collection}/{name}`] = {
      ...operations(r, null),
      delete: { operationId: `delete${r.kind}`, parameters: [WRITE_PARAMS[0]], responses: { '200': { description: 'OK' } }, 'x-kubernetes-action': 'delete', ...gvk },
    };
    for (const sub of r.subresources) {
      if (sub === 'log') continue;
      paths[`${collection}/{name}/${sub}`] = operations(r, sub);
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.28.15' },
    paths,
    components: { schemas: {} },
  };
}

const rootCache = new Map<string, { paths: Record<string, { serverRelativeURL: string }> }>();

/** GET /openapi/v3: the index of group-version documents, each URL pinned by a content hash. */
export function openApiV3Root(api: ServedApi = BUILTIN_API) {
  const cached = rootCache.get(api.key);
  if (cached) return cached;
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of api.groupVersions()) {
    const doc = openApiV3Document(gv.group, gv.version, api);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  const root = { paths };
  rootCache.set(api.key, root);
  return root;
}

/** The minimal OpenAPI v2 document: no definitions, so kubectl skips client-side schema validation and builds
 * strategic patches from its compiled-in types. kubectl fetches it before `apply`/`create` and fails without it. */
export const OPENAPI_V2_JSON = { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.28.15' }, paths: {} };

/** Content-Type of the protobuf form kubectl asks for. */
export const OPENAPI_V2_PROTOBUF_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'; // '@' is what clients ask for; Go's mime parser rejects it in a response

function protoField(field: number, payload: Buffer): Buffer {
  // Wire type 2 (length-delimited); every length here is below 128, so one varint byte each.
  if (payload.length > 127) throw new Error('protobuf payload too long for the one-byte length used here');
  return Buffer.concat([Buffer.from([(field << 3) | 2, payload.length]), payload]);
}

/** OPENAPI_V2_JSON as a gnostic `openapi_v2.Document` protobuf: swagger (1), info (2: title 1, version 2), paths (8). */
export function openApiV2Protobuf(): Buffer {
  const info = Buffer.concat([protoField(1, Buffer.from(OPENAPI_V2_JSON.info.title)), protoField(2, Buffer.from(OPENAPI_V2_JSON.info.version))]);
  return Buffer.concat([protoField(1, Buffer.from(OPENAPI_V2_JSON.swagger)), protoField(2, info), protoField(8, Buffer.alloc(0))]);
}
