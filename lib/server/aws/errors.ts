import 'server-only';
/**
 * AWS errors in our terms. Loads no SDK (the poller needs it before the SDK is loaded): it reads only the
 * error's name, message, code and HTTP status, which every SDK v3 client sets the same way.
 */
import { describeEksError, type ProfileOp, type WriteFailure } from '../../profiles/eks-errors';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The SDK error's name ("ThrottlingException", "ResourceNotFoundException", …), or '' when it has none. */
export function errorName(e: unknown): string {
  return (e as SdkErrorLike)?.name ?? '';
}

/** AWS said the thing asked for does not exist (deleted between a list and a describe, say). */
export function isNotFound(e: unknown): boolean {
  return errorName(e) === 'ResourceNotFoundException';
}

/** Throttling, which must reach the poller's backoff instead of being taken for a missing item. */
export function isThrottled(e: unknown): boolean {
  return errorName(e).startsWith('Throttl');
}

const THROTTLE = /throttl|toomanyrequests|requestlimitexceeded|slowdown|ratelimit/i;
const DENIED = /accessdenied|unauthorizedoperation|unrecognizedclient|invalidclienttokenid|expiredtoken|signaturedoesnotmatch|authfailure/i;

const PERMISSIONS: Record<string, string> = {
  eks: 'eks:DescribeCluster, eks:ListNodegroups, eks:DescribeNodegroup, eks:ListFargateProfiles, eks:DescribeFargateProfile',
  elbv2: 'elasticloadbalancing:DescribeLoadBalancers, DescribeListeners, DescribeTargetGroups, DescribeTargetHealth',
  ec2: 'ec2:DescribeSubnets, ec2:DescribeRouteTables',
  pricing: 'pricing:GetProducts',
  spot: 'ec2:DescribeSpotPriceHistory',
};

/** What went wrong with an AWS read, in words for the banner, and whether it is throttling. */
export function describeAwsError(e: unknown, part: string): { message: string; throttled: boolean } {
  const name = (e as SdkErrorLike)?.name ?? 'Error';
  const raw = e instanceof Error ? e.message : String(e);
  const status = (e as SdkErrorLike)?.$metadata?.httpStatusCode;
  if (THROTTLE.test(name) || status === 429) return { message: `${part}: throttled by AWS (${name})`, throttled: true };
  if (name === 'CredentialsProviderError' || (/credential/i.test(raw) && /could not load|no aws credentials|missing/i.test(raw))) {
    return { message: `${part}: no AWS credentials (${raw}) — set AWS_PROFILE or run aws sso login; Kubernetes data still shows`, throttled: false };
  }
  if (DENIED.test(name) || status === 403) {
    return { message: `${part}: ${name}: ${raw} — the AWS identity needs ${PERMISSIONS[part] ?? 'read access'}`, throttled: false };
  }
  if (name === 'ResourceNotFoundException') return { message: `${part}: ${raw} — set FARVIEW_EKS_CLUSTER if the context names another cluster`, throttled: false };
  return { message: `${part}: ${name}: ${raw}`, throttled: false };
}

/** What to answer when EKS refuses (or cannot be reached for) a Fargate profile write or read. */
export function eksWriteFailure(op: ProfileOp, e: unknown): WriteFailure {
  const err = e as SdkErrorLike;
  // An error with a code but no name is known by its code.
  const name = err?.code && !err.name ? err.code : (err?.name ?? '');
  return describeEksError(op, name, err?.message ?? String(e), err?.$metadata?.httpStatusCode);
}
