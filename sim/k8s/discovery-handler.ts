/** Serves the discovery documents (/api, /apis, group and group-version lists) and the OpenAPI v2/v3 documents. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from './routing';
import { errors } from './status';
import { aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, wantsAggregated } from './discovery';
import { OPENAPI_V2_JSON, OPENAPI_V2_PROTOBUF_TYPE, openApiV2Protobuf, openApiV3Document, openApiV3Root } from './openapi';
import { sendJson } from './http';
import { BUILTIN_API, type ServedApi } from './resources';
import { metricsAggregatedItem, metricsGroupListEntry, type SimMetrics } from './metrics';

/** serverAddress: shown in /api's serverAddressByClientCIDRs (default: the address the request came in on). */
export function handleDiscovery(req: IncomingMessage, res: ServerResponse, rt: Route, serverAddress: string | undefined, metrics: SimMetrics | null = null, api: ServedApi = BUILTIN_API): void {
  const listed = metrics?.listed ? metrics : null;
  if (req.method !== 'GET') throw errors.methodNotAllowed(req.method ?? '');
  const aggregated = wantsAggregated(req.headers.accept);
  switch (rt.type) {
    case 'api':
      if (aggregated) return sendJson(res, 200, aggregatedDiscovery(true, aggregated, [], api), { 'Content-Type': aggregatedContentType(aggregated) });
      return sendJson(res, 200, apiVersions(serverAddress ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 443}`));
    case 'apis':
      if (aggregated) return sendJson(res, 200, aggregatedDiscovery(false, aggregated, listed ? [metricsAggregatedItem(listed.mode)] : [], api), { 'Content-Type': aggregatedContentType(aggregated) });
      return sendJson(res, 200, apiGroupList(listed ? [metricsGroupListEntry()] : [], api));
    case 'group': {
      const g = apiGroup(rt.group, api);
      if (!g) throw errors.unknownPath();
      return sendJson(res, 200, g);
    }
    case 'groupVersion': {
      const l = apiResourceList(rt.group, rt.version, api);
      if (!l) throw errors.unknownPath();
      return sendJson(res, 200, l);
    }
    case 'openapiV3Root':
      return sendJson(res, 200, openApiV3Root(api));
    case 'openapiV3': {
      const doc = openApiV3Document(rt.group, rt.version, api);
      if (!doc) throw errors.unknownPath();
      return sendJson(res, 200, doc, { 'Cache-Control': 'public, immutable' });
    }
    case 'openapiV2': {
      if ((req.headers.accept ?? '').includes('protobuf')) {
        const body = openApiV2Protobuf();
        res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF_TYPE, 'Content-Length': body.length });
        res.end(body);
        return;
      }
      return sendJson(res, 200, OPENAPI_V2_JSON);
    }
    default:
      throw errors.unknownPath();
  }
}
