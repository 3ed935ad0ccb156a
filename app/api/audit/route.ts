import { AUDIT_STORE, toResponse } from '@/app/api/_lib/errors';
import { json, jsonError } from '@/app/api/_lib/http';
import { DEFAULT_AUDIT_PAGE, listAudit, MAX_AUDIT_PAGE } from '@/lib/store/audit';
import { identify } from '@/lib/server/write-guard';
import type { AuditPage } from '@/lib/ui/api-types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Entries are filtered after reading; this bounds how far back a filtered page looks.
const MAX_SCAN = 5_000;

function intParam(url: URL, name: string, min: number, max: number): number | undefined | Response {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    return jsonError(400, { error: `invalid ${name}`, detail: `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`, source: 'request' });
  }
  return n;
}

/**
 * GET /api/audit?limit=&before=&context=&action= → {entries, next}: the audit log of every write made through
 * Farview (who, what, when, result), newest first. `next` is the `before` of the following page, or null.
 * When sign-in is on, any signed-in user (viewer or editor) may read it.
 */
export async function GET(req: Request): Promise<Response> {
  let who;
  try {
    who = identify(req);
  } catch (e) {
    return toResponse(e);
  }
  if (!who) return jsonError(401, { error: 'Sign-in required', detail: 'This Farview has sign-in on: sign in at /signin, or send Authorization: Bearer <token>.', source: 'request' });
  const url = new URL(req.url);
  const limit = intParam(url, 'limit', 1, MAX_AUDIT_PAGE);
  if (limit instanceof Response) return limit;
  const before = intParam(url, 'before', 1, Number.MAX_SAFE_INTEGER);
  if (before instanceof Response) return before;
  const context = url.searchParams.get('context');
  const action = url.searchParams.get('action');
  const want = limit ?? DEFAULT_AUDIT_PAGE;
  try {
    if (!context && !action) {
      const entries = await listAudit({ limit: want, before });
      const page: AuditPage = { entries, next: entries.length === want ? entries[entries.length - 1].id : null };
      return json(page);
    }
    const entries = [];
    let cursor = before;
    let scanned = 0;
    let exhausted = false;
    while (entries.length < want && scanned < MAX_SCAN) {
      const page = await listAudit({ limit: MAX_AUDIT_PAGE, before: cursor });
      scanned += page.length;
      for (const e of page) {
        if ((context && e.context !== context) || (action && !e.action.startsWith(action))) continue;
        entries.push(e);
        if (entries.length === want) break;
      }
      if (page.length < MAX_AUDIT_PAGE) {
        exhausted = true;
        break;
      }
      cursor = page[page.length - 1].id;
    }
    // A full page continues after its last entry; a scan that stopped early continues where it stopped.
    const next = exhausted ? null : entries.length === want ? entries[entries.length - 1].id : (cursor ?? null);
    const page: AuditPage = { entries, next };
    return json(page);
  } catch (e) {
    return toResponse(e, { store: AUDIT_STORE });
  }
}
