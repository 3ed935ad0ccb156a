import 'server-only';
/**
 * One resource kept live with @kubernetes/client-node's informer (list, then watch from the list's
 * resourceVersion; on 410 it relists). Around it:
 * - lists are read as raw JSON, page by page, so objects stay plain (ISO timestamps, wire field names);
 * - every successful list is handed over whole (`replace`): whatever the cache held that the list lacks
 *   is gone, so a relist after a dropped watch leaves no ghosts and no duplicates;
 * - the informer stops on any error but 410 and timeouts; it is restarted here with exponential backoff,
 *   and its state says what is wrong and what to do (a 403 names the permission to grant).
 */
import { makeInformer, type Informer, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '../view/kube';
import type { SourceStatus } from '../view/model';
import { KubeApiError, kubeGetJson } from './kube-http';

export interface InformerHandlers<T extends KubeObject> {
  replace(objects: T[]): void;
  upsert(obj: T): void;
  remove(obj: T): void;
  status(s: Omit<SourceStatus, 'id'>): void;
}

export interface InformerOptions<T extends KubeObject> {
  /** Plural resource name, used in messages ("pods"). */
  resource: string;
  /** API group for messages ("" for core). */
  group?: string;
  /** Collection path, e.g. /api/v1/pods. */
  path: string;
  handlers: InformerHandlers<T>;
  pageSize?: number;
  /** Backoff bounds after errors. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
}

const MAX_PAGES = 10_000;

/** What the user must do about an error, in one sentence. */
export function describeKubeError(err: unknown, resource: string, group = ''): { state: SourceStatus['state']; message: string } {
  const status = err instanceof KubeApiError ? err.status : ((err as { statusCode?: number; code?: number })?.statusCode ?? 0);
  const text = err instanceof Error ? err.message : String(err);
  const grp = group ? ` in API group "${group}"` : '';
  if (status === 403) {
    const msg = err instanceof KubeApiError ? text : `${resource} is forbidden (HTTP 403 on watch)`;
    return { state: 'forbidden', message: `${msg} — grant list/watch on ${resource}${grp}` };
  }
  if (status === 401) return { state: 'error', message: `Unauthorized: the API server rejected the kubeconfig credentials (HTTP 401) — refresh the token or exec plugin credentials` };
  if (status === 404) return { state: 'absent', message: `${resource}${grp} is not served by this cluster` };
  if (status === 0) return { state: 'error', message: text };
  return { state: 'error', message: `${resource}: ${text} (HTTP ${status})` };
}

/** One resource listed and watched, restarted after errors; see the file comment. */
export class ResourceInformer<T extends KubeObject> {
  private readonly kc: KubeConfig;
  private readonly opts: InformerOptions<T>;
  private readonly informer: Informer<KubernetesObject>;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private backoffMs = 0;
  private errors = 0;
  private everSynced = false;
  private lastSyncAt: string | null = null;
  private state: SourceStatus['state'] = 'syncing';
  private firstSync: Promise<void>;
  private resolveFirst: () => void = () => {};

  constructor(kc: KubeConfig, opts: InformerOptions<T>) {
    this.kc = kc;
    this.opts = opts;
    this.firstSync = new Promise((r) => (this.resolveFirst = r));
    this.informer = makeInformer<KubernetesObject>(kc, opts.path, () => this.list());
    const h = opts.handlers;
    // Objects arrive as the API server wrote them (watch lines are JSON.parse'd, lists are ours).
    const asT = (o: KubernetesObject) => o as unknown as T;
    this.informer.on('add', (o) => (this.ok(), h.upsert(asT(o))));
    this.informer.on('update', (o) => (this.ok(), h.upsert(asT(o))));
    this.informer.on('delete', (o) => (this.ok(), h.remove(asT(o))));
    this.informer.on('error', (err) => this.failed(err));
  }

  /** Starts listing and watching; idempotent. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.informer.stop();
  }

  /** Resolves after the first list succeeded or failed. */
  synced(): Promise<void> {
    return this.firstSync;
  }

  get currentState(): SourceStatus['state'] {
    return this.state;
  }

  private now(): string {
    return (this.opts.now?.() ?? new Date()).toISOString();
  }

  private emit(state: SourceStatus['state'], message: string | null): void {
    this.state = state;
    this.opts.handlers.status({ state, message, lastSyncAt: this.lastSyncAt });
  }

  private ok(): void {
    this.backoffMs = 0;
    if (this.state !== 'ok') this.emit('ok', null);
  }

  private async run(): Promise<void> {
    const before = this.errors;
    try {
      await this.informer.start();
    } catch (err) {
      this.failed(err);
      return;
    }
    // start() returns once the watch is open; no error since means the resource is live again.
    if (this.errors === before && !this.stopped && this.everSynced) this.ok();
  }

  /** The informer's list function: every page, then the whole result handed over as the truth. */
  private async list(): Promise<KubernetesListObject<KubernetesObject>> {
    const size = this.opts.pageSize ?? 500;
    const items: T[] = [];
    let cont: string | undefined;
    let rv = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = `limit=${size}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
      const body = await kubeGetJson<{ metadata?: { resourceVersion?: string; continue?: string }; items?: T[] | null }>(
        this.kc,
        `${this.opts.path}?${q}`,
        { timeoutMs: 60_000 },
      );
      items.push(...(body.items ?? []));
      rv = body.metadata?.resourceVersion ?? rv;
      cont = body.metadata?.continue || undefined;
      if (!cont) break;
    }
    this.opts.handlers.replace(items);
    this.everSynced = true;
    this.lastSyncAt = this.now();
    this.backoffMs = 0;
    this.emit('ok', null);
    this.resolveFirst();
    return { metadata: { resourceVersion: rv }, items: items as unknown as KubernetesObject[] };
  }

  private failed(err: unknown): void {
    this.errors++;
    if (this.stopped) return;
    const d = describeKubeError(err, this.opts.resource, this.opts.group);
    const min = this.opts.minBackoffMs ?? 1000;
    const max = this.opts.maxBackoffMs ?? 30_000;
    this.backoffMs = Math.min(max, this.backoffMs ? this.backoffMs * 2 : min);
    const retry = `retrying in ${Math.round(this.backoffMs / 1000)} s`;
    // A live resource that loses its watch keeps its data, marked stale; otherwise say what is wrong.
    if (this.everSynced && d.state === 'error') this.emit('stale', `${d.message}; ${retry}`);
    else this.emit(d.state, d.state === 'absent' ? d.message : `${d.message}; ${retry}`);
    this.resolveFirst();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.run();
    }, this.backoffMs);
    this.timer.unref();
  }
}
