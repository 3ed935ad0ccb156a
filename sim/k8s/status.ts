/** Kubernetes `Status` failures: the body every error response carries, with HTTP status = code. */
import type { ResourceInfo } from './resources';
import { qualifiedName } from './resources';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error that becomes a Status response. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** The Status body for this error. */
  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    return s;
  }
}

function resourceDetails(r: ResourceInfo, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: r.plural };
  if (r.group) d.group = r.group;
  return d;
}

/** Factories for the errors the server raises, with the upstream message formats. */
export const errors = {
  badRequest: (message: string) => new StatusError(400, 'BadRequest', message),
  unauthorized: () => new StatusError(401, 'Unauthorized', 'Unauthorized'),
  notFound: (r: ResourceInfo, name: string) => new StatusError(404, 'NotFound', `${qualifiedName(r)} "${name}" not found`, resourceDetails(r, name)),
  namespaceNotFound: (ns: string) => new StatusError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }),
  unknownPath: () => new StatusError(404, 'NotFound', 'the server could not find the requested resource', {}),
  methodNotAllowed: (method: string) => new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`, {}),
  alreadyExists: (r: ResourceInfo, name: string) => new StatusError(409, 'AlreadyExists', `${qualifiedName(r)} "${name}" already exists`, resourceDetails(r, name)),
  conflict: (r: ResourceInfo, name: string, why?: string) =>
    new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedName(r)} "${name}": ${why ?? 'the object has been modified; please apply your changes to the latest version and try again'}`,
      resourceDetails(r, name),
    ),
  expired: (message: string) => new StatusError(410, 'Expired', message),
  unsupportedMediaType: (type: string) => new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${JSON.stringify(type)})`),
  invalid: (r: ResourceInfo, name: string, field: string, message: string) =>
    new StatusError(422, 'Invalid', `${r.kind} "${name}" is invalid: ${field}: ${message}`, {
      name,
      ...(r.group ? { group: r.group } : {}),
      kind: r.kind,
      causes: [{ reason: 'FieldValueInvalid', message, field }],
    }),
  tooManyRequests: (retryAfterSeconds: number) =>
    new StatusError(429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later', { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) }),
  internal: (message: string) => new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, {}),
};
