import type { SimContext } from '../context';
import { baseCluster } from './eksworkshop';

/**
 * The seed's cluster before any workload: the cluster, its node group managed-ng (2 × t3.xlarge) and
 * what EKS runs on it by itself (CoreDNS, aws-node, kube-proxy). No Fargate profile, no load balancer
 * controller pods, no test namespaces.
 */
export function loadEmpty(ctx: SimContext): void {
  baseCluster(ctx);
}
