import { describe, expect, it, vi } from 'vitest';
import { AuthConfigError } from '@/lib/server/auth';
import { StoreError } from '@/lib/store/errors';
import { AUDIT_STORE, REPORT_STORE, toResponse } from './errors';

async function answer(r: Response) {
  return { status: r.status, cache: r.headers.get('cache-control'), body: (await r.json()) as Record<string, unknown> };
}

class CarriesAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; detail?: string; issues?: unknown[] },
  ) {
    super(body.error);
  }
}

describe('toResponse', () => {
  it('sends an error that carries its own answer as it is', async () => {
    const a = await answer(toResponse(new CarriesAnswer(409, { error: 'Another Fargate profile is being created or deleted', issues: [] })));
    expect(a).toEqual({ status: 409, cache: 'no-store', body: { error: 'Another Fargate profile is being created or deleted', issues: [] } });
  });

  it('maps store failures to statuses, in the words of the route’s store', async () => {
    // The server's own trouble names paths and pids: logged, and answered with the log line's reference only.
    const inUse = new StoreError('unavailable', 'report store unavailable: the data directory /srv/farview is in use (pid 4242)');
    const body = (await answer(toResponse(inUse, { store: REPORT_STORE }))).body;
    expect(body).toMatchObject({ error: 'report store unavailable', source: 'store' });
    expect(body.detail).toMatch(/^the server's log has the details, under \[[0-9a-f]{8}\]$/);
    expect((await answer(toResponse(new StoreError('too_large', 'x'), { store: REPORT_STORE }))).status).toBe(413);
    expect((await answer(toResponse(new StoreError('invalid_input', 'x'), { store: REPORT_STORE }))).status).toBe(400);
    const audit = await answer(toResponse(new StoreError('unavailable', 'down'), { store: AUDIT_STORE }));
    expect(audit).toMatchObject({ status: 503, body: { error: 'audit log unavailable', source: 'store' } });
    // Anything else the store route throws is a store failure.
    expect(await answer(toResponse(new Error('boom at /srv/x'), { store: REPORT_STORE }))).toMatchObject({ status: 500, body: { error: 'report store failed', detail: expect.not.stringContaining('/srv') } });
  });

  it('names sign-in misconfiguration and unreadable reports; the rest is an internal error', async () => {
    expect((await answer(toResponse(new AuthConfigError('FARVIEW_AUTH_TOKENS is malformed')))).body).toEqual({
      error: 'Sign-in is misconfigured on this server',
      detail: 'FARVIEW_AUTH_TOKENS is malformed',
      source: 'request',
    });
    const unreadable = Object.assign(new Error('report r1 cannot be shown: no summary'), { name: 'UnreadableReportError' });
    expect(await answer(toResponse(unreadable, { store: REPORT_STORE }))).toMatchObject({ status: 500, body: { error: 'stored report unreadable' } });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await answer(toResponse('nope'))).toMatchObject({ status: 500, body: { error: 'internal error', detail: expect.stringMatching(/^the server's log has the details/), source: 'request' } });
    log.mockRestore();
  });
});
