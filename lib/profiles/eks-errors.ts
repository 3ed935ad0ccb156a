/**
 * What to tell the user when EKS refuses a profile write. EKS's own message is always kept (as `detail`);
 * the headline says what it means here and what to do. Pure: lib/server passes the SDK error's name,
 * message and HTTP status.
 */

export interface WriteFailure {
  /** HTTP status of Farview's answer. */
  status: number;
  error: string;
  detail: string;
  source: 'eks';
  /** The AWS error name, for the audit log and tests. */
  code: string;
}

export type ProfileOp = 'create' | 'delete' | 'describe';

const ACCESS = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException']);
const BAD_INPUT = new Set(['InvalidParameterException', 'InvalidRequestException', 'BadRequestException', 'ClientException', 'UnsupportedAvailabilityZoneException', 'ValidationException']);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout']);

const VERB: Record<ProfileOp, string> = { create: 'create the Fargate profile', delete: 'delete the Fargate profile', describe: 'read the Fargate profile' };

/**
 * The answer for an EKS error.
 * @param name the SDK error name (e.g. "ResourceInUseException")
 * @param message EKS's message, shown as is
 * @param httpStatus the HTTP status EKS answered with, when there was an answer
 */
export function describeEksError(op: ProfileOp, name: string, message: string, httpStatus?: number): WriteFailure {
  const said = message ? `EKS said: ${message}` : 'EKS gave no message.';
  const base = { source: 'eks' as const, code: name || 'Error' };
  if (name === 'ResourceInUseException') {
    if (/already exists/i.test(message)) {
      return { ...base, status: 409, error: 'A Fargate profile with this name already exists', detail: `${said} Choose another name.` };
    }
    return {
      ...base,
      status: 409,
      error: 'Another Fargate profile is being created or deleted',
      detail: `${said} EKS changes one profile at a time: wait until it is ACTIVE or gone, then try again.`,
    };
  }
  if (name === 'ResourceLimitExceededException') {
    return {
      ...base,
      status: 409,
      error: 'The cluster has reached its Fargate profile quota',
      detail: `${said} Delete a profile first, or raise "Fargate profiles per cluster" in Service Quotas.`,
    };
  }
  if (ACCESS.has(name) || httpStatus === 403) {
    return {
      ...base,
      status: 403,
      error: `AWS denied Farview's credentials the right to ${VERB[op]}`,
      detail: `${said} The IAM identity the server runs as needs eks:${op === 'create' ? 'CreateFargateProfile and iam:PassRole on the pod execution role' : op === 'delete' ? 'DeleteFargateProfile' : 'DescribeFargateProfile'}.`,
    };
  }
  if (name === 'ResourceNotFoundException') {
    return { ...base, status: 404, error: op === 'create' ? 'EKS does not know this cluster' : 'No such Fargate profile', detail: said };
  }
  if (BAD_INPUT.has(name) || (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && !/Throttl/i.test(name))) {
    return { ...base, status: 400, error: `EKS refused to ${VERB[op]}`, detail: said };
  }
  if (/Throttl|TooManyRequests/i.test(name) || httpStatus === 429) {
    return { ...base, status: 429, error: 'EKS is throttling requests', detail: `${said} Try again in a few seconds.` };
  }
  if (NO_CREDENTIALS.has(name)) {
    return { ...base, status: 503, error: 'The server has no AWS credentials', detail: `${message} Configure the SDK's credential chain (AWS_PROFILE, SSO, IRSA, …) for the Farview server.` };
  }
  if (NETWORK.has(name) || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket hang up/i.test(message)) {
    return { ...base, status: 502, error: 'EKS cannot be reached', detail: message || name };
  }
  return { ...base, status: 502, error: `EKS failed to ${VERB[op]}`, detail: `${name ? `${name}: ` : ''}${message || 'no message'}` };
}
