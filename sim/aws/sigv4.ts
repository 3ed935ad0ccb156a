import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from './errors';

/** What the simulator takes from a SigV4 Authorization header: who, where and for which service. */
export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/**
 * Reads the credential scope of a SigV4-signed request without verifying the signature (the simulator
 * accepts any key). Refuses what AWS refuses before looking at the signature: no Authorization header
 * (MissingAuthenticationToken) and a header that lacks Credential, SignedHeaders or Signature, or a
 * request without X-Amz-Date/Date (IncompleteSignature). Both are HTTP 403.
 */
export function readSigV4(headers: IncomingHttpHeaders): SigV4Scope {
  const auth = headers.authorization;
  if (!auth || !auth.trim()) {
    throw new AwsError('MissingAuthenticationToken', 403, 'Missing Authentication Token');
  }
  const problems: string[] = [];
  const [algorithm, ...rest] = auth.trim().split(/\s+/);
  const params = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    problems.push(`Unsupported signing algorithm ${JSON.stringify(algorithm)}; expected AWS4-HMAC-SHA256.`);
  }
  for (const required of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!params.get(required)) problems.push(`Authorization header requires '${required}' parameter.`);
  }
  if (!headers['x-amz-date'] && !headers.date) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const credential = params.get('Credential') ?? '';
  const scope = credential.split('/');
  if (credential && (scope.length !== 5 || scope.some((s) => s === ''))) {
    problems.push(`Credential ${JSON.stringify(credential)} must have the form <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request.`);
  } else if (credential && scope[4] !== 'aws4_request') {
    problems.push(`Credential should be scoped with a valid terminator: 'aws4_request', not ${JSON.stringify(scope[4])}.`);
  }
  if (problems.length > 0) {
    throw new AwsError('IncompleteSignature', 403, `${problems.join(' ')} Authorization=${auth.split(/\s+/)[0]}`);
  }
  return { accessKeyId: scope[0], date: scope[1], region: scope[2], service: scope[3] };
}
