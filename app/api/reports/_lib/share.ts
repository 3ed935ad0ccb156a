/** Reading what POST /api/reports accepts (ShareRequest in lib/ui/api-types.ts). */
import { DEFAULT_QUERY, GROUP_BYS, isGroupBy, isNamespaceName, isPlaceFilter, PLACE_FILTERS } from '@/lib/cost/query';
import type { CostQuery } from '@/lib/cost/types';

/** A share request is a context, a query and maybe a title: a few hundred bytes. */
export const MAX_SHARE_BODY_BYTES = 16 * 1024;

export type ParsedShare = { ok: true; context: string; query: CostQuery; title: string | null } | { ok: false; detail: string };

/** Checks a share request body, naming the first field that is wrong. */
export function parseShare(body: unknown): ParsedShare {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, detail: 'the body must be a JSON object {context, query?, title?}' };
  const b = body as Record<string, unknown>;
  if (typeof b.context !== 'string' || b.context === '') return { ok: false, detail: 'context must be the name of a kube context' };
  const query: CostQuery = { ...DEFAULT_QUERY };
  if (b.query !== undefined) {
    if (typeof b.query !== 'object' || b.query === null || Array.isArray(b.query)) return { ok: false, detail: 'query must be an object {by, ns, place}' };
    const q = b.query as Record<string, unknown>;
    if (q.by !== undefined) {
      if (!isGroupBy(q.by)) return { ok: false, detail: `query.by must be one of ${GROUP_BYS.join(', ')}, got ${JSON.stringify(q.by)}` };
      query.by = q.by;
    }
    if (q.ns !== undefined && q.ns !== null) {
      if (!isNamespaceName(q.ns)) return { ok: false, detail: `query.ns must be a namespace name or null, got ${JSON.stringify(q.ns).slice(0, 80)}` };
      query.ns = q.ns as string;
    }
    if (q.place !== undefined) {
      if (!isPlaceFilter(q.place)) return { ok: false, detail: `query.place must be one of ${PLACE_FILTERS.join(', ')}, got ${JSON.stringify(q.place)}` };
      query.place = q.place;
    }
  }
  let title: string | null = null;
  if (b.title !== undefined && b.title !== null) {
    if (typeof b.title !== 'string' || b.title.trim() === '' || b.title.length > 200) return { ok: false, detail: 'title must be 1 to 200 characters' };
    title = b.title.trim();
  }
  return { ok: true, context: b.context, query, title };
}

