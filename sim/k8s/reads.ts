/** Read handlers: paged, filtered lists (with continue-token snapshots), single objects, and the Scale view. */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Obj, RawEntry, Store } from '../store';
import { apiVersionOf, type ResourceInfo } from './resources';
import { errors } from './status';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { labelSelectorText, partialMetadata, tableFor } from './tables';
import { b64url, isRecord, sendJson, type Query, type Render } from './http';

const SNAPSHOT_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 64;
const COMMA = Buffer.from(',');
const CLOSE_LIST = Buffer.from(']}');

type Raw = RawEntry;

/** autoscaling/v1 Scale: the /scale subresource of deployments and replica sets. */
export interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: Pick<Obj['metadata'], 'name' | 'namespace' | 'uid' | 'resourceVersion' | 'creationTimestamp'>;
  spec: { replicas: number };
  status: { replicas: number; selector: string };
}

export type Reads = ReturnType<typeof createReads>;

export function createReads({ store, now }: { store: Store; now: () => Date }) {
  const snapshots = new Map<string, { rv: string; items: Raw[]; expires: number }>();

  function filtered(r: ResourceInfo, ns: string | null, q: Query): { items: Raw[]; selected: boolean } {
    const labels = parseLabelSelector(q.get('labelSelector'));
    const fields = parseFieldSelector(r.kind, q.get('fieldSelector'));
    let items = store.listRaw(r.kind, ns);
    if (!labels.empty || !fields.empty) items = items.filter((e) => labels.matches(e.obj.metadata.labels) && fields.matches(e.obj));
    return { items, selected: !labels.empty || !fields.empty };
  }

  function page(r: ResourceInfo, ns: string | null, q: Query): { items: Raw[]; rv: string; continue?: string; remaining?: number } {
    const limitText = q.get('limit');
    const limit = limitText && /^\d+$/.test(limitText) ? Number(limitText) : 0;
    const token = q.get('continue');
    const t = Date.now();
    for (const [id, s] of snapshots) if (s.expires < t) snapshots.delete(id);
    let all: Raw[];
    let rv: string;
    let start = 0;
    let selected = !!(q.get('labelSelector') || q.get('fieldSelector'));
    let id: string;
    if (token) {
      let parsed: { rv?: unknown; start?: unknown; id?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
      } catch {
        throw errors.badRequest('invalid continue token');
      }
      const snap = typeof parsed.id === 'string' ? snapshots.get(parsed.id) : undefined;
      if (!snap || typeof parsed.start !== 'number') {
        throw errors.expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      }
      all = snap.items;
      rv = snap.rv;
      start = parsed.start;
      id = parsed.id as string;
    } else {
      const f = filtered(r, ns, q);
      all = f.items;
      selected = f.selected;
      rv = String(store.revision);
      id = '';
    }
    if (limit <= 0 || start + limit >= all.length) return { items: all.slice(start), rv };
    if (!id) {
      id = randomUUID();
      snapshots.set(id, { rv, items: all, expires: t + SNAPSHOT_TTL_MS });
      while (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
    }
    const end = start + limit;
    const cont = b64url(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: end, id }));
    return { items: all.slice(start, end), rv, continue: cont, remaining: selected ? undefined : all.length - end };
  }

  function listResponse(res: ServerResponse, r: ResourceInfo, ns: string | null, q: Query, render: Render): void {
    const p = page(r, ns, q);
    const meta: Record<string, unknown> = { resourceVersion: p.rv };
    if (p.continue) meta.continue = p.continue;
    if (p.remaining !== undefined) meta.remainingItemCount = p.remaining;
    if (render.as === 'table') {
      const t = tableFor(r.kind, p.items.map((e) => e.obj), now(), { resourceVersion: p.rv, continue: p.continue, remainingItemCount: p.remaining, include: render.include });
      if (render.version === 'v1beta1') (t as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
      sendJson(res, 200, t);
    } else if (render.as === 'metadata') {
      sendJson(res, 200, { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${render.version}`, metadata: meta, items: p.items.map((e) => partialMetadata(e.obj)) });
    } else {
      // Items reuse the store's cached UTF-8: a 10,000-pod list is one buffer concatenation.
      const parts: Buffer[] = [Buffer.from(`{"kind":"${r.kind}List","apiVersion":"${apiVersionOf(r)}","metadata":${JSON.stringify(meta)},"items":[`)];
      p.items.forEach((e, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(e.bytes());
      });
      parts.push(CLOSE_LIST);
      sendJson(res, 200, Buffer.concat(parts));
    }
  }

  function objectResponse(res: ServerResponse, code: number, r: ResourceInfo, o: Readonly<Obj>, render: Render): void {
    if (render.as === 'table') {
      const t = tableFor(r.kind, [o], now(), { resourceVersion: o.metadata.resourceVersion, include: render.include });
      if (render.version === 'v1beta1') (t as { apiVersion: string }).apiVersion = 'meta.k8s.io/v1beta1';
      sendJson(res, code, t);
    } else if (render.as === 'metadata') {
      sendJson(res, code, { ...partialMetadata(o), apiVersion: `meta.k8s.io/${render.version}` });
    } else sendJson(res, code, o);
  }

  function mustGet(r: ResourceInfo, ns: string | null, name: string): Readonly<Obj> {
    const o = store.getRaw(r.kind, ns, name);
    if (!o) throw errors.notFound(r, name);
    return o;
  }

  function scaleOf(o: Readonly<Obj>): Scale {
    const spec = isRecord(o.spec) ? o.spec : {};
    const status = isRecord(o.status) ? o.status : {};
    const sel = labelSelectorText(spec.selector);
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
      status: { replicas: typeof status.replicas === 'number' ? status.replicas : 0, selector: sel === '<none>' ? '' : sel },
    };
  }

  return { filtered, listResponse, objectResponse, mustGet, scaleOf, clearSnapshots: () => snapshots.clear() };
}
