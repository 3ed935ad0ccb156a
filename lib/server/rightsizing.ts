import 'server-only';
/**
 * Right-sizing on usage for one context: the live view's workloads, the usage history of the last `days` days
 * from the store, and the prices, through lib/usage/recommend.ts. The rightsizing route and shared cost reports
 * both answer with this.
 */
import { priceInfo } from '../cost/prices';
import { readUsageBuckets } from '../store/usage';
import { BUCKET_SECONDS } from '../usage/buckets';
import { DEFAULT_RULE, recommendAll, ruleSentence } from '../usage/recommend';
import type { RightsizingResponse } from '../usage/types';
import { workloadInputs } from '../usage/workloads';
import type { ClusterSource } from './cluster-source';
import { setting } from './config';

export const DEFAULT_RIGHTSIZING_DAYS = 7;
export const MAX_RIGHTSIZING_DAYS = 400;

/** @throws StoreError when the history cannot be read */
export async function rightsizingFor(source: ClusterSource, opts: { days?: number; namespace?: string; env?: Record<string, string | undefined> } = {}): Promise<RightsizingResponse> {
  const days = opts.days ?? DEFAULT_RIGHTSIZING_DAYS;
  const history = source.historyState();
  // The window ends with the newest sample (a simulated cluster's usage clock may run ahead of this one).
  const latest = Math.max(Date.now(), history?.latestSample ? Date.parse(history.latestSample) : 0);
  const until = new Date(latest + BUCKET_SECONDS * 1000).toISOString();
  const since = new Date(latest - days * 86_400_000).toISOString();
  const buckets = await readUsageBuckets(source.context, { since, until, namespace: opts.namespace });
  const { view } = source.snapshot();
  const pods = opts.namespace ? view.pods.filter((p) => p.namespace === opts.namespace) : view.pods;
  const ec2Types = view.nodes.filter((n) => n.computeType === 'ec2').map((n) => n.instanceType).filter((t): t is string => !!t);
  const prices = source.prices ? priceInfo(source.prices, ec2Types) : null;
  const minHours = setting(opts.env ?? process.env, 'FARVIEW_RIGHTSIZE_MIN_HOURS');
  // At least one sample per quarter hour on average: a poll every 30 s gives thirty times that.
  const rule = { ...DEFAULT_RULE, minSpanHours: minHours, minSamples: minHours * 4 };
  const inputs = workloadInputs(
    pods,
    (ns, name) => source.podSizing(ns, name)?.containers ?? null,
    (ns, name) => source.getPodObject(ns, name),
  );
  return {
    window: { since, until, days },
    rule: ruleSentence(rule),
    history,
    recommendations: recommendAll(inputs, buckets, { window: { since, until }, prices, rule }),
  };
}
