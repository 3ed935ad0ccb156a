import 'server-only';
/**
 * The AWS SDK clients for one region. By default they use the SDK's default credential chain (env, SSO,
 * profiles, IRSA, Pod Identity) and honour AWS_ENDPOINT_URL_EKS / _ELASTIC_LOAD_BALANCING_V2 / _EC2 from the
 * process environment. Tests (and anything that must not read the process environment) pass `env`: then
 * region, static credentials and endpoints come from that map only.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

export interface AwsClients {
  region: string;
  eks: EKSClient;
  elbv2: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
  /** Closes the clients' sockets. */
  destroy(): void;
}

// A hung endpoint must not stall the poller for minutes; the SDK retries throttling and 5xx itself.
const REQUEST = { requestTimeout: 15_000, connectionTimeout: 5_000 };

/**
 * SDK clients for EKS, ELBv2 and EC2 in `region`.
 * @param env an explicit environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
 *   AWS_ENDPOINT_URL_EKS, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2, AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL)
 *   used instead of the process environment and the default credential chain
 */
export function awsClients(region: string, env?: Record<string, string | undefined>): AwsClients {
  const base = { region, maxAttempts: 3, requestHandler: REQUEST };
  const explicit = (service: string) => {
    if (!env) return {};
    const endpoint = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    const credentials =
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN }
        : async () => {
            throw new Error('no AWS credentials in the given environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)');
          };
    return { ...(endpoint ? { endpoint } : {}), credentials };
  };
  const eks = new EKSClient({ ...base, ...explicit('EKS') });
  const elbv2 = new ElasticLoadBalancingV2Client({ ...base, ...explicit('ELASTIC_LOAD_BALANCING_V2') });
  const ec2 = new EC2Client({ ...base, ...explicit('EC2') });
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
