/**
 * Findings about a live cluster: rules that need more than one pod spec — the profile that captures a pod,
 * the node it landed on, the annotation AWS wrote, the target type in front of it, the subnets of a profile.
 * Pure: every input is plain data computed by lib/view.
 */
import { neverOnFargate } from '../fargate/landing';
import type { FargateSize, PodSizing } from '../fargate/types';
import type { Finding, Placement } from '../view/model';

export const RULES = {
  daemonSet: 'fargate-daemonset',
  annotationMismatch: 'capacity-annotation-mismatch',
  annotationUnreadable: 'capacity-annotation-unreadable',
  badQuantity: 'invalid-quantity',
  pendingNoRoom: 'pending-no-profile-no-room',
  instanceTarget: 'instance-target-on-fargate',
  publicSubnet: 'profile-public-subnet',
  yamlLabel: 'profile-label-not-a-string',
  unknownPrice: 'unknown-instance-price',
} as const;

function fmtSize(s: FargateSize): string {
  return `${s.vcpu}vCPU ${s.memoryGiB}GB`;
}

export interface PodLintInput {
  /** "Pod/namespace/name" */
  object: string;
  namespace: string;
  ownerKind: string | null;
  placement: Placement;
  sizing: PodSizing | null;
  /** Why sizing failed (a quantity that does not parse), when it did. */
  sizingError: string | null;
  /** Profiles with a selector whose namespace pattern matches the pod's namespace. */
  namespaceProfiles: string[];
  /** The CapacityProvisioned annotation as written, on a pod that runs on Fargate. */
  capacityProvisioned: string | null;
  /** The annotation parsed; null when absent or unreadable. */
  annotationSize: FargateSize | null;
  expectedSize: FargateSize | null;
  /** Pending, matched by no profile: true when no EC2 node has room for its request, null when unknown. */
  pendingNoRoom: boolean | null;
  /** Why no profile matched, for the Pending message. */
  noMatchReason: string | null;
}

/** Findings that need the pod's place in the cluster (spec-only rules live in lib/lint/podspec.ts). */
export function podClusterFindings(p: PodLintInput): Finding[] {
  const out: Finding[] = [];
  if (p.sizingError) {
    out.push({ rule: RULES.badQuantity, severity: 'error', object: p.object, message: `Cannot size this pod: ${p.sizingError}` });
  }
  if (neverOnFargate(p.ownerKind) && p.namespaceProfiles.length > 0) {
    out.push({
      rule: RULES.daemonSet,
      severity: 'warning',
      object: p.object,
      message:
        `DaemonSet pod in namespace ${p.namespace}, which Fargate profile ${p.namespaceProfiles.join(', ')} selects: ` +
        `DaemonSets do not run on Fargate, so Fargate pods there get no copy of this daemon (run it as a sidecar).`,
    });
  }
  if (p.placement === 'fargate' && p.capacityProvisioned !== null) {
    if (p.annotationSize === null) {
      out.push({
        rule: RULES.annotationUnreadable,
        severity: 'warning',
        object: p.object,
        message: `CapacityProvisioned "${p.capacityProvisioned}" is not in the "<vCPU>vCPU <GB>GB" form; the cost uses the expected size instead.`,
      });
    } else if (p.expectedSize && (p.expectedSize.vcpu !== p.annotationSize.vcpu || p.expectedSize.memoryGiB !== p.annotationSize.memoryGiB)) {
      out.push({
        rule: RULES.annotationMismatch,
        severity: 'warning',
        object: p.object,
        message:
          `CapacityProvisioned says ${fmtSize(p.annotationSize)} but the requests plus 256 MiB fit ${fmtSize(p.expectedSize)}; ` +
          `AWS bills the annotation (was the pod resized, or its requests changed after it started?).`,
      });
    }
  }
  if (p.placement === 'pending' && p.pendingNoRoom === true) {
    out.push({
      rule: RULES.pendingNoRoom,
      severity: 'error',
      object: p.object,
      message:
        `Pending: no Fargate profile matches (${p.noMatchReason ?? 'no profiles'}) and no EC2 node has room for its request` +
        `${p.sizing ? ` (${p.sizing.effective.cpuMillis}m CPU, ${Math.ceil(p.sizing.effective.memoryBytes / 1048576)}Mi memory)` : ''}.`,
    });
  }
  return out;
}

export interface ServiceLintInput {
  object: string;
  targetType: string | null;
  /** Pods behind the service that run on Fargate (selected, or registered as targets). */
  fargateBackends: number;
}

/** NLB/ALB instance targets cannot reach Fargate pods: Fargate needs IP targets. */
export function serviceFindings(s: ServiceLintInput): Finding[] {
  if (s.targetType === 'instance' && s.fargateBackends > 0) {
    return [
      {
        rule: RULES.instanceTarget,
        severity: 'error',
        object: s.object,
        message:
          `Target type is instance but ${s.fargateBackends} backend pod${s.fargateBackends === 1 ? '' : 's'} run on Fargate, ` +
          `which only IP targets reach: set service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip.`,
      },
    ];
  }
  return [];
}

const YAML11_BOOLEANS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off']);
const YAML_NULLS = new Set(['', '~', 'null']);
// YAML 1.1 ints (decimal, octal 0o/0, hex, binary, sexagesimal, underscores) and floats.
const YAML11_NUMBER = /^[-+]?(0b[01_]+|0x[0-9a-f_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])*|([0-9][0-9_]*)?\.[0-9_]*([e][-+]?[0-9]+)?|[0-9][0-9_]*[e][-+]?[0-9]+|\.inf|\.nan)$/i;

/**
 * What an unquoted YAML 1.1 parser turns this label value into when it is not a string ("boolean true",
 * "number", "null"), or null when it stays a string. Kubernetes label values must be strings, so a
 * manifest or eksctl config that writes runon: yes without quotes fails or changes meaning.
 */
export function yamlNonString(value: string): string | null {
  const v = value.toLowerCase();
  if (YAML11_BOOLEANS.has(v)) return `boolean ${['y', 'yes', 'true', 'on'].includes(v)}`;
  if (YAML_NULLS.has(v)) return 'null';
  if (YAML11_NUMBER.test(value)) return 'number';
  return null;
}

export interface ProfileLintInput {
  object: string;
  selectors: { namespace: string; labels: Record<string, string> }[];
  subnets: string[];
  /** Subnet id → public (route to an internet gateway); missing ids are unknown. */
  publicSubnets: ReadonlyMap<string, boolean> | null;
}

/** Public subnets (Fargate accepts private ones only) and selector label values YAML would not keep as strings. */
export function profileFindings(p: ProfileLintInput): Finding[] {
  const out: Finding[] = [];
  const pub = p.publicSubnets ? (p.subnets ?? []).filter((s) => p.publicSubnets?.get(s) === true) : [];
  if (pub.length > 0) {
    out.push({
      rule: RULES.publicSubnet,
      severity: 'error',
      object: p.object,
      message:
        `Subnet${pub.length === 1 ? '' : 's'} ${pub.join(', ')} route${pub.length === 1 ? 's' : ''} to an internet gateway; ` +
        `Fargate pods must run in private subnets (with a NAT gateway for outbound access).`,
    });
  }
  (p.selectors ?? []).forEach((sel, i) => {
    for (const [k, v] of Object.entries(sel.labels ?? {})) {
      const as = yamlNonString(v);
      if (as) {
        out.push({
          rule: RULES.yamlLabel,
          severity: 'warning',
          object: p.object,
          message:
            `Selector ${i + 1} label ${k}=${v}: written unquoted in a manifest, YAML 1.1 reads ${JSON.stringify(v)} as a ${as}, ` +
            `not a string; quote it (${k}: "${v}") in pod templates and eksctl configs or pods will not match.`,
        });
      }
    }
  });
  return out;
}

/** Info finding for an EC2 node whose instance type has no price in the table (its cost shows as 0). */
export function unknownPriceFinding(object: string, instanceType: string | null, region: string | null): Finding {
  return {
    rule: RULES.unknownPrice,
    severity: 'info',
    object,
    message: `No on-demand price for ${instanceType ?? 'an unknown instance type'}${region ? ` in ${region}` : ''}; this node and its pods show $0.`,
  };
}
