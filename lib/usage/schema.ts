/**
 * The shape of right-sizing on usage as a shared report stores it, checked field by field when the report is read
 * back (lib/cost/report.ts). The type annotation keeps it in step with lib/usage/recommend.ts.
 */
import { z } from 'zod';
import type { RightsizingResponse } from './types';

/** The most recommendations (and, apart, workloads short of history) a report keeps; the rest are counted. */
export const REPORT_MAX_RECOMMENDATIONS = 200;

const str = z.string();
const nstr = z.string().nullable();
const num = z.number().finite();
const nnum = num.nullable();
const resources = z.object({ cpuMillis: num, memoryBytes: num });
const limits = z.object({ cpuMillis: nnum, memoryBytes: nnum });
const size = z.object({ vcpu: num, memoryGiB: num });
const both = z.object({ cpu: z.boolean(), memory: z.boolean() });
const side = z.object({ size: size.nullable(), capacityProvisioned: nstr, hourlyUSD: nnum });
const base = {
  workload: z.object({ namespace: str, kind: str, name: str }),
  placement: z.enum(['fargate', 'ec2']),
  replicas: num,
  window: z.object({ since: str, until: str }),
  rule: str,
};
const evidence = z.object({
  start: nstr,
  end: nstr,
  spanHours: num,
  buckets: num,
  samples: num,
  cpuP95Millis: num,
  cpuPeakMillis: num,
  memoryP95Bytes: num,
  memoryPeakBytes: num,
  cpuAtLimitBuckets: num,
});
const recommended = z.object({
  ...base,
  kind: z.literal('recommendation'),
  containers: z.array(
    z.object({
      container: str,
      role: z.enum(['container', 'sidecar', 'init']),
      current: z.object({ request: resources, limits }),
      recommended: resources,
      evidence: evidence.nullable(),
      underRequested: both,
      cappedAtLimit: both,
    }),
  ),
  changed: z.boolean(),
  underRequested: z.boolean(),
  fargate: z.object({ now: side, after: side, savingHourlyUSD: nnum, savingMonthlyUSD: nnum }).nullable(),
  ec2: z.object({ perPod: resources, total: resources, note: str }).nullable(),
  risk: z.object({ restarts: num, oomKills: num, cpuAtLimitBuckets: num, messages: z.array(str) }),
});
const insufficient = z.object({
  ...base,
  kind: z.literal('insufficient'),
  have: z.object({ container: str, spanHours: num, samples: num }),
  need: z.object({ spanHours: num, samples: num }),
  message: str,
});

export const rightsizingSchema: z.ZodType<RightsizingResponse> = z.object({
  window: z.object({ since: str, until: str, days: num }),
  rule: str,
  history: z.object({ written: num, pending: num, dropped: num, problem: nstr, latestSample: nstr }).nullable(),
  recommendations: z.array(z.discriminatedUnion('kind', [recommended, insufficient])),
  omitted: num.optional(),
});

/** What a report keeps: the first recommendations of each kind, and how many were left out. */
export function forReport(r: RightsizingResponse): RightsizingResponse {
  const recs = r.recommendations.filter((x) => x.kind === 'recommendation');
  const short = r.recommendations.filter((x) => x.kind === 'insufficient');
  const kept = [...recs.slice(0, REPORT_MAX_RECOMMENDATIONS), ...short.slice(0, REPORT_MAX_RECOMMENDATIONS)];
  return { ...r, recommendations: kept, omitted: r.recommendations.length - kept.length };
}
