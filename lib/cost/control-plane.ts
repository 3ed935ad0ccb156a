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
  /** Short, for a row: "EKS control plane (1.28, extended support)". */
  text: string;
  /** Why this price, and what changes it, for the notes. */
  note: string;
  /** When the cluster was created, for the accrued figure. */
  since: string | null;
}

/** The control plane's price from what EKS says of the cluster and its version; null when EKS was not read. */
export function controlPlanePrice(cluster: EksCluster | null | undefined): ControlPlanePrice | null {
  if (!cluster) return null;
  const v = cluster.version ?? '?';
  const since = cluster.createdAt;
  const until = cluster.endOfStandardSupport ? `, ended ${cluster.endOfStandardSupport.slice(0, 10)}` : '';
  switch (cluster.versionStatus) {
    case 'STANDARD_SUPPORT':
      return {
        hourlyUSD: CONTROL_PLANE_STANDARD_HOURLY,
        support: 'standard',
        text: `EKS control plane (${v}, standard support)`,
        note: `EKS control plane: $0.10/h, Kubernetes ${v} being in standard support${cluster.endOfStandardSupport ? ` until ${cluster.endOfStandardSupport.slice(0, 10)}` : ''}; $0.60/h in extended support after that.`,
        since,
      };
    case 'EXTENDED_SUPPORT':
      return {
        hourlyUSD: CONTROL_PLANE_EXTENDED_HOURLY,
        support: 'extended',
        text: `EKS control plane (${v}, extended support)`,
        note: `EKS control plane: $0.60/h, Kubernetes ${v} being in extended support (standard support${until}); upgrading to a version in standard support brings it to $0.10/h.`,
        since,
      };
    case 'UNSUPPORTED':
      return {
        hourlyUSD: CONTROL_PLANE_EXTENDED_HOURLY,
        support: 'extended',
        text: `EKS control plane (${v}, past extended support)`,
        note: `EKS control plane: $0.60/h, Kubernetes ${v} being past the end of extended support (standard support${until}); EKS upgrades such clusters, and a version in standard support costs $0.10/h.`,
        since,
      };
    default:
      return {
        hourlyUSD: CONTROL_PLANE_STANDARD_HOURLY,
        support: 'unknown',
        text: `EKS control plane (${v})`,
        note: `EKS control plane: $0.10/h as in standard support; EKS did not say where Kubernetes ${v} stands, and a version in extended support costs $0.60/h.`,
        since,
      };
  }
}
