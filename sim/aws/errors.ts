/**
 * An error as an AWS service reports it: a code (the wire error type), an HTTP status and a message,
 * plus modelled members (EKS puts clusterName, fargateProfileName, ... in the body).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: Record<string, string | null> = {},
    /** Extra response headers (Retry-After on throttling). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** EKS error types and their modelled HTTP status (botocore eks/2017-11-01). */
export const EKS_STATUS: Record<string, number> = {
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  ClientException: 400,
  ResourceLimitExceededException: 400,
  BadRequestException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  NotFoundException: 404,
  ResourceInUseException: 409,
  ThrottlingException: 429,
  ServerException: 500,
  ServiceUnavailableException: 503,
};

/** Shorthand for an EKS error with its modelled status. */
export function eksError(code: keyof typeof EKS_STATUS | string, message: string, fields: Record<string, string | null> = {}): AwsError {
  return new AwsError(code, EKS_STATUS[code] ?? 400, message, fields);
}

/** Shorthand for a query-protocol (ELBv2, EC2) sender error: HTTP 400 unless told otherwise. */
export function queryError(code: string, message: string, status = 400): AwsError {
  return new AwsError(code, status, message);
}
