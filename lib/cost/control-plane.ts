/**
 * What the EKS control plane costs per hour (Amazon EKS pricing page): $0.10 per cluster-hour while its
 * Kubernetes version is in standard support, $0.60 once it is in extended support (the $0.10 plus a $0.50
 * surcharge). The same in every commercial region. Pure.
 */
import type { EksCluster } from '../view/aws';

export const CONTROL_PLANE_STANDARD_HOURLY = 0.1;
export const CONTROL_PLANE_EXTENDED_HOURLY = 0.6;

export interface ControlPlanePrice {
  hourlyUSD: number;
  support: 'standard' | 'extended' | 'unknown';
  /** "EKS control plane, Kubernetes 1.28 in extended support ($0.60/h)". */
  text: string;
  /** When the cluster was created, for the accrued figure. */
  since: string | null;
}

/** The control plane's price from what EKS says of the cluster and its version; null when EKS was not read. */
export function controlPlanePrice(cluster: EksCluster | null | undefined): ControlPlanePrice | null {
  if (!cluster) return null;
  const v = cluster.version ? `Kubernetes ${cluster.version}` : 'its Kubernetes version';
  const since = cluster.createdAt;
  switch (cluster.versionStatus) {
    case 'STANDARD_SUPPORT':
      return { hourlyUSD: CONTROL_PLANE_STANDARD_HOURLY, support: 'standard', text: `EKS control plane, ${v} in standard support ($0.10/h)`, since };
    case 'EXTENDED_SUPPORT':
      return { hourlyUSD: CONTROL_PLANE_EXTENDED_HOURLY, support: 'extended', text: `EKS control plane, ${v} in extended support ($0.60/h; $0.10/h after an upgrade)`, since };
    case 'UNSUPPORTED':
      return { hourlyUSD: CONTROL_PLANE_EXTENDED_HOURLY, support: 'extended', text: `EKS control plane, ${v} past the end of extended support ($0.60/h until EKS upgrades it)`, since };
    default:
      return {
        hourlyUSD: CONTROL_PLANE_STANDARD_HOURLY,
        support: 'unknown',
        text: `EKS control plane, ${v} ($0.10/h in standard support; $0.60/h if in extended support, which EKS did not say)`,
        since,
      };
  }
}
