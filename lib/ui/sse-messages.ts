/**
 * Decoding of the live stream's messages (`event: snapshot` and `event: delta` on
 * /api/c/[context]/events). The server is ours, but a proxy, a version skew or a truncated frame can
 * still hand us garbage: decoding checks the shape enough to apply it safely and says what is wrong.
 */
import type { ClusterView, ViewDelta } from '../view/model';
import { PLAIN_COLLECTIONS } from '../view/kinds';
import { COLLECTIONS } from './live-store';

const PLAIN = new Set<string>(PLAIN_COLLECTIONS);

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(data: string, what: string): Decoded<unknown> {
  try {
    return { ok: true, value: JSON.parse(data) };
  } catch (e) {
    return { ok: false, error: `${what} is not JSON (${e instanceof Error ? e.message : String(e)}); first bytes: ${JSON.stringify(data.slice(0, 60))}` };
  }
}

function checkItems(list: unknown, where: string): string | null {
  if (!Array.isArray(list)) return `${where} is not an array`;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isObject(item) || typeof item.id !== 'string') return `${where}[${i}] has no string id`;
  }
  return null;
}

/** Decode `event: snapshot` data: {seq, view}. */
export function decodeSnapshot(data: string): Decoded<{ seq: number; view: ClusterView }> {
  const parsed = parseJson(data, 'snapshot');
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  if (!isObject(msg)) return { ok: false, error: 'snapshot is not an object' };
  return checkSnapshot(msg.seq, msg.view);
}

/** Decode the body of GET /api/c/[context]/view, whose seq comes in the X-Farview-Seq header. */
export function decodeViewBody(body: string, seqHeader: string | null): Decoded<{ seq: number; view: ClusterView }> {
  const parsed = parseJson(body, 'snapshot');
  if (!parsed.ok) return parsed;
  return checkSnapshot(seqHeader === null || seqHeader === '' ? null : Number(seqHeader), parsed.value);
}

function checkSnapshot(seq: unknown, view: unknown): Decoded<{ seq: number; view: ClusterView }> {
  if (typeof seq !== 'number' || !Number.isInteger(seq)) return { ok: false, error: 'snapshot has no numeric seq' };
  if (!isObject(view)) return { ok: false, error: 'snapshot has no view object' };
  if (!isObject(view.meta) || typeof view.meta.context !== 'string') return { ok: false, error: 'snapshot view has no meta.context' };
  if (!isObject(view.totals)) return { ok: false, error: 'snapshot view has no totals' };
  for (const name of COLLECTIONS) {
    // Plain kinds' collections are optional: a server from before the kind was listed sends none.
    if (view[name] === undefined && PLAIN.has(name)) continue;
    const bad = checkItems(view[name], `snapshot view.${name}`);
    if (bad) return { ok: false, error: bad };
  }
  return { ok: true, value: { seq, view: view as unknown as ClusterView } };
}

/** Decode `event: delta` data: a ViewDelta. */
export function decodeDelta(data: string): Decoded<ViewDelta> {
  const parsed = parseJson(data, 'delta');
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  if (!isObject(msg)) return { ok: false, error: 'delta is not an object' };
  if (typeof msg.seq !== 'number') return { ok: false, error: 'delta has no numeric seq' };
  const upsert = msg.upsert ?? {};
  const remove = msg.remove ?? {};
  if (!isObject(upsert)) return { ok: false, error: 'delta.upsert is not an object' };
  if (!isObject(remove)) return { ok: false, error: 'delta.remove is not an object' };
  for (const name of COLLECTIONS) {
    if (upsert[name] !== undefined) {
      const bad = checkItems(upsert[name], `delta.upsert.${name}`);
      if (bad) return { ok: false, error: bad };
    }
    const rm = remove[name];
    if (rm !== undefined && (!Array.isArray(rm) || rm.some((id) => typeof id !== 'string'))) {
      return { ok: false, error: `delta.remove.${name} is not a list of ids` };
    }
  }
  return { ok: true, value: { ...(msg as unknown as ViewDelta), upsert: upsert as ViewDelta['upsert'], remove: remove as ViewDelta['remove'] } };
}
