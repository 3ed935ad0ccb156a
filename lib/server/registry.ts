import 'server-only';
/**
 * The process-wide ClusterSource registry: one source per opened context, kept on globalThis so every route
 * bundle and every dev reload shares the same informers. A source starts on first use (never at import, so
 * `next build` connects to nothing). A source whose kubeconfig was unusable is rebuilt on the next request,
 * so fixing the file needs no restart.
 */
import { ClusterSource } from './cluster-source';
import { loadKubeconfig } from './kubeconfig';
import { closeOpenLedgerEntries, ledgerCoveredUntil, pruneLedger, setLedgerCoveredUntil, writeLedgerEntries } from '../store/ledger';
import { loadPrices, savePrices } from '../store/prices';
import { pruneUsage, writeUsageBuckets } from '../store/usage';

const KEY = Symbol.for('farview.clusterSources.v1');

function registry(): Map<string, ClusterSource> {
  const g = globalThis as unknown as Record<symbol, Map<string, ClusterSource> | undefined>;
  let reg = g[KEY];
  if (!reg) g[KEY] = reg = new Map();
  return reg;
}

/** A context name that cannot be right (400) or that no kubeconfig defines (404). */
export class ContextError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'ContextError';
  }
}

/** Kubeconfig context names are free text, but never empty, huge, or made of control characters. */
export function checkContextName(name: string): void {
  if (!name || name.length > 253 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new ContextError(400, 'bad context name', `context names are 1–253 printable characters; got ${JSON.stringify(name.slice(0, 80))}`);
  }
}

/**
 * The started ClusterSource of a context.
 * @throws ContextError 400 for an impossible name, 404 when no kubeconfig file defines the context
 */
export function getClusterSource(context: string): ClusterSource {
  checkContextName(context);
  const reg = registry();
  const existing = reg.get(context);
  if (existing && existing.statusOf('kubeconfig')?.state !== 'error') {
    existing.start();
    return existing;
  }
  const k = loadKubeconfig();
  if (!k.contexts.some((c) => c.name === context)) {
    const known = k.contexts.map((c) => c.name);
    const why = k.problems.length ? ` (${k.problems.join('; ')})` : '';
    throw new ContextError(404, 'unknown context', `no kubeconfig file defines context "${context}"; known: ${known.join(', ') || 'none'}${why}`);
  }
  if (existing) void existing.stop();
  const source = new ClusterSource({
    context,
    kubeconfig: k,
    usageHistory: { write: (b) => writeUsageBuckets(context, b), prune: (before) => pruneUsage(before) },
    priceCache: { load: (region) => loadPrices(region), save: (live) => savePrices(live) },
    ledger: {
      write: (e) => writeLedgerEntries(context, e),
      coveredUntil: () => ledgerCoveredUntil(context),
      setCoveredUntil: (at) => setLedgerCoveredUntil(context, at),
      closeOpen: (at) => closeOpenLedgerEntries(context, at),
      prune: (before) => pruneLedger(before),
    },
  });
  reg.set(context, source);
  source.start();
  return source;
}

/** Every registered source (for shutdown and tests). */
export function registeredSources(): ClusterSource[] {
  return [...registry().values()];
}

/** Stops and forgets every source. */
export async function closeAllSources(): Promise<void> {
  const reg = registry();
  const all = [...reg.values()];
  reg.clear();
  await Promise.all(all.map((s) => s.stop()));
}
