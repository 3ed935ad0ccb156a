import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from '../context';
import { handleEc2, EC2_XMLNS } from './ec2';
import { handleEks } from './eks';
import { handleElbv2, ELBV2_XMLNS } from './elbv2';
import { handlePricing } from './pricing';
import { AwsError } from './errors';
import { QueryParams } from './query';
import { readSigV4 } from './sigv4';
import type { SimAwsState } from './state';
import { xmlDocument, type XmlObject } from './xml';

/** The part of sim/faults.ts's FaultInjector this handler uses. */
export interface FaultSource {
  maybeFail(): { status: 500 | 429; retryAfterSeconds?: number } | null;
  delayMs(): number;
}

type Protocol = 'rest-json' | 'json11' | 'elbv2' | 'ec2';

const SERVICES: Record<string, Protocol> = { eks: 'rest-json', pricing: 'json11', elasticloadbalancing: 'elbv2', ec2: 'ec2' };
const MAX_BODY = 1024 * 1024;

/**
 * Access keys of identities with less than full rights, for testing how clients degrade: this one may not read
 * prices (pricing:GetProducts, ec2:DescribeSpotPriceHistory), and is told so as AWS tells it.
 */
export const NO_PRICES_ACCESS_KEY = 'AKIASIMULATORNOPRICE';
const PRICE_ACTIONS: Record<string, string> = { 'pricing:GetProducts': 'pricing:GetProducts', 'ec2:DescribeSpotPriceHistory': 'ec2:DescribeSpotPriceHistory' };
const EKS_ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.eks.v20171101/';
// Members every EKS error shape carries; null when not applicable, as real EKS sends them.
const EKS_ERROR_MEMBERS = ['clusterName', 'nodegroupName', 'fargateProfileName', 'addonName', 'subscriptionId'];

/**
 * One plain-HTTP handler for the simulated AWS APIs. The service is the one named in the SigV4 credential
 * scope (eks, pricing, elasticloadbalancing, ec2); signatures are not verified. Faults (throttling,
 * 500s, latency) come from the injector when one is given.
 */
export function createAwsHandler(aws: SimAwsState, opts: { faults?: FaultSource; ctx?: SimContext } = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req)
      .then((body) => serve(aws, opts.faults, req, res, body))
      .catch((e: unknown) => {
        const err = e instanceof AwsError ? e : new AwsError('InternalFailure', 500, `Simulator failure: ${(e as Error)?.message ?? String(e)}`);
        if (!res.headersSent) sendError(res, guessProtocol(req, ''), err);
        else res.destroy();
      });
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsError('RequestEntityTooLarge', 413, `Request body larger than ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Which error format to use before the service is known (no or broken Authorization header). */
function guessProtocol(req: IncomingMessage, body: string): Protocol {
  const type = String(req.headers['content-type'] ?? '');
  const all = `${req.url ?? ''}&${body}`;
  if (type.includes('x-amz-json-1.1')) return 'json11';
  if (type.includes('x-www-form-urlencoded') || /(^|[?&])Action=/.test(all)) {
    return /Version=2016-11-15/.test(all) ? 'ec2' : 'elbv2';
  }
  return 'rest-json';
}

async function serve(aws: SimAwsState, faults: FaultSource | undefined, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const state = { protocol: guessProtocol(req, body) };
  try {
    await route(aws, faults, req, res, body, state);
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    sendError(res, state.protocol, e);
  }
}

async function route(
  aws: SimAwsState,
  faults: FaultSource | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  state: { protocol: Protocol },
): Promise<void> {
  let protocol = state.protocol;
  const scope = readSigV4(req.headers);
  const mapped = SERVICES[scope.service];
  if (!mapped) {
    throw new AwsError(
      protocol === 'rest-json' ? 'InvalidSignatureException' : 'SignatureDoesNotMatch',
      403,
      `Credential should be scoped to correct service: this endpoint serves eks, pricing, elasticloadbalancing and ec2, not '${scope.service}'.`,
    );
  }
  protocol = mapped;
  state.protocol = mapped;
  const delay = faults?.delayMs() ?? 0;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const fault = faults?.maybeFail() ?? null;
  if (fault) throw faultError(protocol, fault.status, fault.retryAfterSeconds);
  const inRegion = scope.region === aws.region;
  const url = new URL(req.url ?? '/', 'http://sim.invalid');

  if (scope.accessKeyId === NO_PRICES_ACCESS_KEY) {
    const action = protocol === 'json11' ? `pricing:${String(req.headers['x-amz-target'] ?? '').split('.').pop()}` : `ec2:${new QueryParams([url.search.slice(1), body].filter((x) => x !== '').join('&')).get('Action') ?? ''}`;
    if (PRICE_ACTIONS[action]) {
      const who = `User: arn:aws:iam::${aws.accountId}:user/farview-no-prices is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
      throw protocol === 'json11' ? new AwsError('AccessDeniedException', 400, who) : new AwsError('UnauthorizedOperation', 403, `You are not authorized to perform this operation. ${who}`);
    }
  }
  if (protocol === 'json11') {
    const out = handlePricing(String(req.headers['x-amz-target'] ?? ''), body, scope.region);
    sendJson(res, 200, out, { 'content-type': 'application/x-amz-json-1.1' });
    return;
  }
  if (protocol === 'rest-json') {
    const out = handleEks(aws, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body }, inRegion);
    sendJson(res, out.status, out.body);
    return;
  }
  const q = new QueryParams([url.search.slice(1), body].filter((s) => s !== '').join('&'));
  const action = q.get('Action') ?? '';
  if (protocol === 'elbv2') {
    const result = handleElbv2(aws, action, q, inRegion);
    sendXml(res, 200, xmlDocument(`${action}Response`, ELBV2_XMLNS, { [`${action}Result`]: result, ResponseMetadata: { RequestId: randomUUID() } }));
    return;
  }
  const result = handleEc2(aws, action, q, inRegion);
  sendXml(res, 200, xmlDocument(`${action}Response`, EC2_XMLNS, { requestId: randomUUID(), ...result }));
}

function faultError(protocol: Protocol, status: 500 | 429, retryAfterSeconds?: number): AwsError {
  if (status === 429) {
    const headers: Record<string, string> = retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {};
    // EKS answers 429 ThrottlingException; the query APIs answer 400 Throttling "Rate exceeded".
    return protocol === 'rest-json' || protocol === 'json11'
      ? new AwsError('ThrottlingException', 429, 'Rate exceeded', {}, headers)
      : new AwsError('Throttling', 400, 'Rate exceeded', {}, headers);
  }
  if (protocol === 'json11') return new AwsError('InternalErrorException', 500, 'Simulated internal server error (fault injection); retry the request.');
  if (protocol === 'rest-json') return new AwsError('ServerException', 500, 'Simulated internal server error (fault injection); retry the request.');
  return new AwsError(protocol === 'ec2' ? 'InternalError' : 'InternalFailure', 500, 'Simulated internal server error (fault injection); retry the request.');
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...extra,
  });
  res.end(text);
}

function sendXml(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID(), ...extra });
  res.end(text);
}

function sendError(res: ServerResponse, protocol: Protocol, err: AwsError): void {
  if (protocol === 'json11') {
    // JSON 1.1 errors: the shape name in __type, the text in Message (Price List Query API model).
    sendJson(res, err.status, { __type: err.code, Message: err.message }, { 'content-type': 'application/x-amz-json-1.1', ...err.headers });
    return;
  }
  if (protocol === 'rest-json') {
    // Authentication failures carry the "Exception" suffix on JSON APIs (MissingAuthenticationTokenException).
    const type = err.code === 'MissingAuthenticationToken' || err.code === 'IncompleteSignature' ? `${err.code}Exception` : err.code;
    const body: Record<string, unknown> = { __type: type, message: err.message };
    for (const m of EKS_ERROR_MEMBERS) body[m] = err.fields[m] ?? null;
    sendJson(res, err.status, body, { 'x-amzn-errortype': `${type}:${EKS_ERROR_NAMESPACE}`, ...err.headers });
    return;
  }
  const requestId = randomUUID();
  if (protocol === 'ec2') {
    const doc: XmlObject = { Errors: { Error: { Code: err.code, Message: err.message } }, RequestID: requestId };
    sendXml(res, err.status, xmlDocument('Response', null, doc), err.headers);
    return;
  }
  const doc: XmlObject = {
    Error: { Type: err.status >= 500 ? 'Receiver' : 'Sender', Code: err.code, Message: err.message },
    RequestId: requestId,
  };
  sendXml(res, err.status, xmlDocument('ErrorResponse', ELBV2_XMLNS, doc), err.headers);
}
