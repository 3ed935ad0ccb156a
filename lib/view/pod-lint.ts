/**
 * The spec-only Fargate rules of lib/lint/podspec.ts (sentences) turned into Findings for a live pod: only
 * for pods a Fargate profile holds or would take, and with the CPU-limit check made against the size the
 * pod is actually billed for (the CapacityProvisioned annotation), not only the engine's expectation.
 */
import { formatCapacityProvisioned } from '../fargate/capacity';
import type { FargateSize, PodSizing } from '../fargate/types';
import { fargateIssues, limitWarnings } from '../lint/podspec';
import type { KubePod } from './kube';
import type { Finding, Placement, Severity } from './model';

export const POD_RULES = {
  unsupported: 'fargate-unsupported',
  cpuLimit: 'cpu-limit-above-size',
  memoryLimit: 'memory-limit-above-size',
  limits: 'fargate-limits',
} as const;

export interface PodLintContext {
  sizing: PodSizing | null;
  ownerKind: string | null;
  placement: Placement;
  /** The profile that holds the pod (Fargate) or would take it (pending, or EC2 created before the profile). */
  matchedProfile: string | null;
  billedSize: FargateSize | null;
}

function classify(message: string): { rule: string; severity: Severity } {
  if (/CPU limit .* is above/.test(message)) return { rule: POD_RULES.cpuLimit, severity: 'error' };
  if (/memory limit .* is above/.test(message)) return { rule: POD_RULES.memoryLimit, severity: 'warning' };
  if (/thousandths of a byte/.test(message)) return { rule: POD_RULES.limits, severity: 'warning' };
  return { rule: POD_RULES.limits, severity: 'info' };
}

/** Findings from the pod's spec, for pods that Fargate holds or would take. */
export function podSpecFindings(pod: KubePod, object: string, ctx: PodLintContext): Finding[] {
  if (!ctx.matchedProfile && ctx.placement !== 'fargate') return [];
  const out: Finding[] = [];
  if (ctx.placement !== 'fargate') {
    // DaemonSet pods are never sent to Fargate; lib/lint/cluster.ts has the namespace-level rule for them.
    const issues = fargateIssues(pod.spec, ctx.sizing ? { kind: 'Pod', sizing: ctx.sizing } : { kind: 'Pod' });
    for (const message of issues) {
      out.push({
        rule: POD_RULES.unsupported,
        severity: 'error',
        object,
        message: `Matched by Fargate profile ${ctx.matchedProfile}, but ${message}`,
      });
    }
  }
  if (ctx.sizing) {
    // Limits are checked against what Fargate provisioned when the annotation says so.
    const billed = ctx.billedSize;
    const sizing: PodSizing = billed ? { ...ctx.sizing, size: billed, capacityProvisioned: formatCapacityProvisioned(billed) } : ctx.sizing;
    for (const message of limitWarnings(pod.spec, sizing)) {
      out.push({ ...classify(message), object, message });
    }
  }
  return out;
}
