import 'server-only';
/**
 * The SDK clients of one region and the gateways' reads, as one module: ClusterSource imports it on its first
 * poll, so the SDK's load time does not hold back the Kubernetes lists. Import the gateways themselves
 * (./eks, ./ec2, …) where the SDK is needed anyway.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { AwsEnv } from './client';
import { ec2Client } from './ec2';
import { eksClient } from './eks';
import { elbv2Client } from './elbv2';
import { pricingClient } from './pricing';

export { fetchEks } from './eks';
export { fetchLoadBalancers, type LoadBalancerInterest } from './elbv2';
export { fetchSubnets, viewSubnet } from './ec2';
export { fetchAutoModeFees, fetchFargateRates, fetchOnDemand, fetchSpotPrices } from './pricing';

export interface AwsClients {
  region: string;
  eks: EKSClient;
  elbv2: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
  pricing: PricingClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/**
 * SDK clients for EKS, ELBv2, EC2 and the Price List (from its nearest endpoint) for `region`.
 * @param env an explicit environment used instead of the process environment and the default credential
 *   chain (see clientConfig)
 */
export function awsClients(region: string, env?: AwsEnv): AwsClients {
  const eks = eksClient(region, env);
  const elbv2 = elbv2Client(region, env);
  const ec2 = ec2Client(region, env);
  const pricing = pricingClient(region, env);
  return {
    region,
    eks,
    elbv2,
    ec2,
    pricing,
    destroy() {
      eks.destroy();
      elbv2.destroy();
      ec2.destroy();
      pricing.destroy();
    },
  };
}
