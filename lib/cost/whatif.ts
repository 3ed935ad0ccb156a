/**
 * What-if: pod templates from manifests → where each would land in this cluster and what it would cost. A
 * template lands on Fargate when an ACTIVE profile selects its namespace and labels (landPod, the same rule
 * EKS applies), on EC2 otherwise. Its Fargate size, price and every reason Fargate would refuse it come
 * from the engine (estimatePod, as `farview size` uses it); its EC2 price is the requested share of the
 * cluster's reference node (see other-side.ts).
 */
import { estimatePod } from '../fargate/estimate';
import { landPod, neverOnFargate, type Landing } from '../fargate/landing';
import { describeMatch, explainNoMatch, type ProfileLike } from '../fargate/profiles';
import { sizePod } from '../fargate/sizing';
import type { FargateSize, RegionPrices, Resources } from '../fargate/types';
import type { PodTemplate } from '../k8s/manifest';
import { fargateIssues, limitWarnings } from '../lint/podspec';
import { ec2ShareHourly } from '../view/cost';
import { fromNano, toNano } from './money';
import type { Ec2Reference, PriceInfo } from './types';

/** Manifests pasted or uploaded on the what-if page: far below the manifest reader's own 5 MiB cap. */
export const MAX_WHATIF_BYTES = 1024 * 1024;

export interface WhatIfRow {
  /** The file the template came from (uploads), or null for pasted text. */
  source: string | null;
  /** 1-based document number within its file or text. */
  document: number;
  kind: string;
  namespace: string;
  /** True when the manifest named no namespace and the default was used. */
  namespaceDefaulted: boolean;
  name: string;
  replicas: number;
  labels: Record<string, string>;
  landing: Landing;
  /** The profile that would capture the pods (also for 'refused'). */
  profile: string | null;
  selectorIndex: number | null;
  /** One sentence: why it lands there. */
  reason: string;
  request: Resources;
  /** Memory Fargate must fit: request + 256 MiB. */
  fargateMemoryBytes: number;
  size: FargateSize | null;
  capacityProvisioned: string | null;
  /** Per pod, list price on Fargate; null when no size holds it or the region has no prices. */
  fargateHourlyUSD: number | null;
  /** Per pod, requested share of the reference EC2 node; null without one. */
  ec2HourlyUSD: number | null;
  /** Per pod, where it lands: Fargate or EC2 price, 0 when refused or pending. */
  landedHourlyUSD: number | null;
  /** Every reason Fargate would refuse the pod. */
  issues: string[];
  warnings: string[];
  /** The engine's right-sizing hint: the next cheaper size and the trim it takes. */
  nextSmaller: { capacityProvisioned: string; trim: Resources; savingMonthlyUSD: number } | null;
}

export interface WhatIfTotals {
  pods: number;
  /** Sum over templates × replicas, at where they land. */
  landedHourlyUSD: number;
  /** All on Fargate (templates Fargate refuses are left out and counted in `notOnFargate`). */
  fargateHourlyUSD: number;
  notOnFargate: number;
  /** All on EC2 at the reference node's price (null without one). */
  ec2HourlyUSD: number | null;
}

export interface WhatIfContext {
  profiles: readonly ProfileLike[];
  /** Whether the cluster has EC2 nodes a pod could be scheduled on. */
  hasEc2Nodes: boolean;
  prices: RegionPrices | null;
  reference: Ec2Reference | null;
  /** The namespace of templates whose manifest names none (kubectl uses the context's namespace). */
  defaultNamespace: string;
}

/** Where one template lands and what it costs. */
export function whatIfRow(t: PodTemplate, ctx: WhatIfContext): WhatIfRow {
  const namespace = t.namespace ?? ctx.defaultNamespace;
  const est = ctx.prices ? estimatePod(t.spec, ctx.prices, { kind: t.kind }) : null;
  const sizing = est?.sizing ?? sizePod(t.spec);
  const issues = est?.issues ?? fargateIssues(t.spec, { kind: t.kind, sizing });
  const warnings = [...t.warnings, ...(est?.warnings ?? limitWarnings(t.spec, sizing))];
  const pod = { namespace, labels: t.labels };
  const profiles = ctx.profiles as ProfileLike[];
  const { landing, match } = landPod(pod, { ownerKind: t.kind, profiles, hasEc2Nodes: ctx.hasEc2Nodes, fargateRefuses: issues.length > 0 });

  let reason: string;
  if (neverOnFargate(t.kind)) {
    reason = `DaemonSet pods run on every EC2 node; Fargate never runs them${ctx.hasEc2Nodes ? '' : ', and the cluster has no EC2 node'}`;
  } else if (match && landing === 'fargate') {
    reason = `Fargate: ${describeMatch(match, profiles)}`;
  } else if (match) {
    reason = `${describeMatch(match, profiles)} selects it, but Fargate would refuse it (${issues.length} reason${issues.length > 1 ? 's' : ''} below): it would stay Pending`;
  } else {
    const why = explainNoMatch(pod, profiles);
    reason = ctx.hasEc2Nodes ? `EC2: ${why}` : `Pending: ${why}, and the cluster has no EC2 node`;
  }

  const fargateHourlyUSD = est?.hourlyUSD ?? null;
  const ec2HourlyUSD = ctx.reference ? ec2ShareHourly(ctx.reference.hourlyUSD, sizing.effective, ctx.reference.allocatable) : null;
  const landedHourlyUSD = landing === 'fargate' ? fargateHourlyUSD : landing === 'ec2' ? ec2HourlyUSD : 0;
  const next = est?.rightSizing.nextSmaller ?? null;
  return {
    source: null,
    document: t.document,
    kind: t.kind,
    namespace,
    namespaceDefaulted: t.namespace === null,
    name: t.name,
    replicas: t.replicas,
    labels: { ...t.labels },
    landing,
    profile: match?.profile ?? null,
    selectorIndex: match?.selectorIndex ?? null,
    reason,
    request: { ...sizing.effective },
    fargateMemoryBytes: sizing.fargateMemoryBytes,
    size: sizing.size,
    capacityProvisioned: sizing.capacityProvisioned,
    fargateHourlyUSD,
    ec2HourlyUSD,
    landedHourlyUSD,
    issues,
    warnings,
    nextSmaller: next && { capacityProvisioned: next.capacityProvisioned, trim: next.trim, savingMonthlyUSD: next.savingMonthlyUSD },
  };
}

/** Every template's row and the totals over replicas. */
export function whatIf(templates: readonly PodTemplate[], ctx: WhatIfContext): { rows: WhatIfRow[]; totals: WhatIfTotals } {
  const rows = templates.map((t) => whatIfRow(t, ctx));
  let landed = 0;
  let fargate = 0;
  let ec2 = 0;
  let notOnFargate = 0;
  for (const r of rows) {
    landed += toNano(r.landedHourlyUSD ?? 0) * r.replicas;
    if (r.fargateHourlyUSD !== null && r.issues.length === 0) fargate += toNano(r.fargateHourlyUSD) * r.replicas;
    else notOnFargate += r.replicas;
    ec2 += toNano(r.ec2HourlyUSD ?? 0) * r.replicas;
  }
  return {
    rows,
    totals: {
      pods: rows.reduce((n, r) => n + r.replicas, 0),
      landedHourlyUSD: fromNano(landed),
      fargateHourlyUSD: fromNano(fargate),
      notOnFargate,
      ec2HourlyUSD: ctx.reference ? fromNano(ec2) : null,
    },
  };
}

/** The answer of POST /api/c/[context]/whatif. */
export interface WhatIfResponse {
  context: string;
  region: string | null;
  /** The moment of the cluster view the templates were placed against. */
  at: string;
  prices: PriceInfo | null;
  reference: Ec2Reference | null;
  defaultNamespace: string;
  /** The profiles considered, with their status (only ACTIVE ones capture pods). */
  profiles: { name: string; status: string }[];
  rows: WhatIfRow[];
  totals: WhatIfTotals;
  /** How the EC2 figure is computed. */
  ec2Method: string;
  /** What limits the answer (profiles unknown, no prices). */
  notes: string[];
}
