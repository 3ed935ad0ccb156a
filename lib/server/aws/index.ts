import 'server-only';
/**
 * The SDK clients of one region and the gateways' reads, as one module: ClusterSource imports it on its first
 * poll, so the SDK's load time does not hold back the Kubernetes lists. Import the gateways themselves
 * (./eks, ./ec2, …) where the SDK is needed anyway.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsEnv } from './client';
import { ec2Client } from './ec2';
import { eksClient } from './eks';
import { elbv2Client } from './elbv2';

export { fetchEks } from './eks';
export { fetchLoadBalancers, type LoadBalancerInterest } from './elbv2';
export { fetchSubnets, viewSubnet } from './ec2';

export interface AwsClients {
  region: string;
  eks: EKSClient;
  elbv2: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/**
 * SDK clients for EKS, ELBv2 and EC2 in `region`.
 * @param env an explicit environment used instead of the process environment and the default credential
 *   chain (see clientConfig)
 */
export function awsClients(region: string, env?: AwsEnv): AwsClients {
  const eks = eksClient(region, env);
  const elbv2 = elbv2Client(region, env);
  const ec2 = ec2Client(region, env);
  return {
    region,
    eks,
    elbv2,
    ec2,
    destroy() {
      eks.destroy();
      elbv2.destroy();
      ec2.destroy();
    },
  };
}
