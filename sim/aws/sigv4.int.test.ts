import { describe, expect, it } from 'vitest';
import { AwsError } from './errors';
import { readSigV4 } from './sigv4';

const signed = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/ap-southeast-1/elasticloadbalancing/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123';

function error(headers: Record<string, string>): AwsError {
  try {
    readSigV4(headers);
  } catch (e) {
    return e as AwsError;
  }
  throw new Error('expected a failure');
}

describe('readSigV4', () => {
  it('reads service and region from the credential scope', () => {
    expect(readSigV4({ authorization: signed, 'x-amz-date': '20261126T120000Z' })).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20261126',
      region: 'ap-southeast-1',
      service: 'elasticloadbalancing',
    });
  });

  it('refuses a request without Authorization as MissingAuthenticationToken (403)', () => {
    expect(error({})).toMatchObject({ code: 'MissingAuthenticationToken', status: 403 });
  });

  it('names every missing part of an incomplete signature', () => {
    const e = error({ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261126/ap-southeast-1/eks/aws4_request' });
    expect(e.code).toBe('IncompleteSignature');
    expect(e.status).toBe(403);
    expect(e.message).toContain("requires 'SignedHeaders' parameter");
    expect(e.message).toContain("requires 'Signature' parameter");
    expect(e.message).toContain("'X-Amz-Date' or a 'Date' header");
    expect(error({ authorization: signed.replace('aws4_request', 'aws5'), 'x-amz-date': 'x' }).message).toContain("valid terminator: 'aws4_request'");
    expect(error({ authorization: 'Bearer token', 'x-amz-date': 'x' }).message).toContain('Unsupported signing algorithm "Bearer"');
  });
});
