/**
 * A ClusterView as JSON, assembled from per-row strings. Rows are immutable (a change makes a new object), so
 * each row is stringified once and reused by every later snapshot: at 10,000 pods a snapshot costs a join
 * instead of a full JSON.stringify. Only a pod's accruedUSD moves with time; it is written last, per call.
 */
import { accruedUSD } from './cost';
import { PLAIN_COLLECTIONS } from './kinds';
import type { ClusterView, CollectionName, PodView } from './model';

const rowJson = new WeakMap<object, string>();

function rowToJson(row: object): string {
  let json = rowJson.get(row);
  if (json === undefined) {
    json = JSON.stringify(row);
    rowJson.set(row, json);
  }
  return json;
}

/** The pod without accruedUSD and without its closing brace (JSON.stringify leaves out undefined values). */
function podHead(pod: PodView): string {
  let head = rowJson.get(pod);
  if (head === undefined) {
    head = JSON.stringify({ ...pod, accruedUSD: undefined }).slice(0, -1);
    rowJson.set(pod, head);
  }
  return head;
}

const ROW_COLLECTIONS: readonly Exclude<CollectionName, 'pods'>[] = ['nodes', 'services', 'profiles', 'nodepools', 'namespaces', 'events', ...PLAIN_COLLECTIONS];

function* viewParts(view: ClusterView, nowMs: number): Generator<string> {
  yield `{"meta":${JSON.stringify(view.meta)},"totals":${JSON.stringify(view.totals)},"pods":[`;
  for (let i = 0; i < view.pods.length; i++) {
    const pod = view.pods[i];
    yield i === 0 ? podHead(pod) : `,${podHead(pod)}`;
    yield `,"accruedUSD":${JSON.stringify(accruedUSD(pod.hourlyUSD, pod.billingStart, nowMs, pod.costBasis === 'fargate'))}}`;
  }
  for (const c of ROW_COLLECTIONS) {
    yield `],"${c}":[`;
    const rows = (view[c] ?? []) as object[];
    for (let i = 0; i < rows.length; i++) yield i === 0 ? rowToJson(rows[i]) : `,${rowToJson(rows[i])}`;
  }
  yield `],"findings":${JSON.stringify(view.findings)}}`;
}

/**
 * JSON of `view` with every pod's accrued cost stamped at `nowMs` — what JSON.stringify of the stamped view
 * gives, up to key order — in chunks of about `chunkChars`. Chunks rather than one string: a 15 MB string
 * lands in V8's large-object space and stays until a full collection, while 64 KB chunks die young.
 * `view` holds rows as the builder keeps them (ViewBuilder.unstampedView).
 */
export function* viewJsonChunks(view: ClusterView, nowMs: number, chunkChars = 64 * 1024): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const part of viewParts(view, nowMs)) {
    parts.push(part);
    size += part.length;
    if (size >= chunkChars) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** The same JSON in one string. */
export function viewJson(view: ClusterView, nowMs: number): string {
  return [...viewJsonChunks(view, nowMs)].join('');
}
