/**
 * The header's freshness indicator: is what the screen shows live, stale, or cut off? Computed from
 * the stream's connection state and the server's per-source sync status, at a given time.
 */
import { PLAIN_KINDS, type PlainCollectionName } from '../view/kinds';
import type { SourceId, SourceStatus } from '../view/model';
import { formatDuration } from './format';
import type { Tone } from './tone';

export type StreamStatus = 'connecting' | 'live' | 'retrying';

/** The Kubernetes watches every screen depends on; AWS sources only feed some columns. */
const CORE_SOURCES: ReadonlySet<SourceId> = new Set(['pods', 'nodes', 'services', 'namespaces', 'events']);

export interface Freshness {
  text: string;
  tone: Tone;
}

/** "● live", "stale 40s", "syncing…", "disconnected — retrying in 3s" or "connecting…". */
export function freshness(status: StreamStatus, retryAt: number | null, sources: readonly SourceStatus[] | null, now: number): Freshness {
  if (status === 'connecting') return { text: 'connecting…', tone: 'muted' };
  if (status === 'retrying') {
    const wait = retryAt !== null ? Math.ceil((retryAt - now) / 1000) : 0;
    return { text: wait > 0 ? `disconnected — retrying in ${wait}s` : 'disconnected — retrying…', tone: 'err' };
  }
  const core = (sources ?? []).filter((s) => CORE_SOURCES.has(s.id));
  const stale = core.filter((s) => s.state === 'stale' || s.state === 'error');
  if (stale.length) {
    const times = stale.map((s) => (s.lastSyncAt ? Date.parse(s.lastSyncAt) : NaN)).filter((t) => !Number.isNaN(t));
    if (times.length) return { text: `stale ${formatDuration(now - Math.min(...times))}`, tone: 'warn' };
    return { text: 'stale', tone: 'warn' };
  }
  if (core.some((s) => s.state === 'syncing')) return { text: 'syncing…', tone: 'warn' };
  return { text: '● live', tone: 'ok' };
}

const SOURCE_LABELS: Record<SourceId, string> = {
  // Plain kinds name themselves.
  ...(Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.title])) as Record<PlainCollectionName, string>),
  kubeconfig: 'kubeconfig',
  pods: 'Pods',
  nodes: 'Nodes',
  services: 'Services',
  namespaces: 'Namespaces',
  events: 'Events',
  targetgroupbindings: 'TargetGroupBindings',
  karpenternodepools: 'Karpenter NodePools',
  eks: 'EKS',
  elbv2: 'ELBv2',
  ec2: 'EC2',
  metrics: 'Usage (metrics-server)',
  pricing: 'Prices (AWS Price List)',
  spot: 'Spot prices (EC2)',
};

/** Sources whose failure leaves a fallback in place (the bundled price table): a warning, not an error. */
const FALLBACK_SOURCES: ReadonlySet<SourceId> = new Set(['pricing', 'spot']);

/** The human name of a data source ("EKS", "Pods"). */
export function sourceLabel(id: SourceId): string {
  return SOURCE_LABELS[id] ?? id;
}

/**
 * Sources the banner must mention: those in error or forbidden, each with its message; and usage when it is
 * missing or stale, since the usage columns then have nothing (or nothing current) to show.
 */
export function sourceProblems(sources: readonly SourceStatus[] | null): { id: SourceId; text: string; tone: Tone }[] {
  return (sources ?? [])
    .filter((s) => s.state === 'error' || s.state === 'forbidden' || (s.id === 'metrics' && (s.state === 'absent' || s.state === 'stale')))
    .map((s) => {
      const label = sourceLabel(s.id);
      const msg = s.message ?? (s.state === 'forbidden' ? 'access denied' : 'not available');
      return { id: s.id, text: msg.startsWith(label) ? msg : `${label}: ${msg}`, tone: s.state === 'error' && !FALLBACK_SOURCES.has(s.id) ? 'err' : 'warn' };
    });
}
