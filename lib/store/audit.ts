import 'server-only';
import type { AuditEntry } from '../view/model';
import { getDb, type Db } from './db';
import { StoreError, guard } from './errors';
import { isoTime, parseJsonColumn, safeInt } from './rows';
import { requireLimit, requireObject, requireText, serializeJson } from './validate';

export type { AuditEntry } from '../view/model';

/** The largest audited request, as serialised JSON. */
export const MAX_AUDIT_REQUEST_BYTES = 256 * 1024;
/** The longest `detail` text. */
export const MAX_AUDIT_DETAIL_CHARS = 16 * 1024;
/** Page size bounds for listAudit. */
export const DEFAULT_AUDIT_PAGE = 100;
export const MAX_AUDIT_PAGE = 500;

const WHAT = 'audit log';

/** One thing someone did (or tried) through Farview. */
export interface AuditInput {
  /** Who: a user name, or `local` for the single-user server. 1..256 characters. */
  actor: string;
  /** What, e.g. `fargate-profile.create`. 1..128 characters. */
  action: string;
  /** On what, e.g. `eksworkshop/fargate-profile/test2-fargate`. 1..1024 characters. */
  target: string;
  /** The kube context; may be empty for actions outside any cluster. */
  context: string;
  /** The request as sent, JSON, at most 256 KiB. */
  request: unknown;
  result: 'ok' | 'error';
  /** Why it failed, or a note. At most 16 KiB characters. */
  detail?: string;
}

interface AuditRow {
  id: unknown;
  at: unknown;
  actor: string;
  action: string;
  target: string;
  context: string;
  request: string;
  result: 'ok' | 'error';
  detail: string | null;
}

/**
 * Appends an entry to the audit log. Resolves after it is committed and durable; throws a
 * StoreError `invalid_input` / `too_large` naming the field for bad input.
 */
export async function recordAudit(input: AuditInput, db?: Db): Promise<{ id: number; at: string }> {
  const fields = requireObject('audit entry', input);
  const actor = requireText('actor', fields.actor, 1, 256);
  const action = requireText('action', fields.action, 1, 128);
  const target = requireText('target', fields.target, 1, 1024);
  const context = requireText('context', fields.context, 0, 256);
  const request = serializeJson('request', fields.request, MAX_AUDIT_REQUEST_BYTES);
  if (fields.result !== 'ok' && fields.result !== 'error') {
    throw new StoreError('invalid_input', `result must be "ok" or "error", got ${JSON.stringify(fields.result) ?? 'undefined'}`);
  }
  const result = fields.result;
  const detail = fields.detail === undefined ? null : requireText('detail', fields.detail, 0, MAX_AUDIT_DETAIL_CHARS);

  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [row] = await store.query<{ id: unknown; at: unknown }>(
      `INSERT INTO audit_log (actor, action, target, context, request, result, detail)
       VALUES ($1, $2, $3, $4, $5::text::json, $6, $7)
       RETURNING id, at`,
      [actor, action, target, context, request.text, result, detail],
    );
    return { id: safeInt(row.id), at: isoTime(row.at) };
  });
}

/**
 * Audit entries newest first. `before` is an entry id: only older entries are returned.
 * `limit` defaults to 100 (at most 500).
 */
export async function listAudit(options: { limit?: number; before?: number } = {}, db?: Db): Promise<AuditEntry[]> {
  const limit = requireLimit(options.limit, DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE);
  const before = options.before;
  if (before !== undefined && (!Number.isSafeInteger(before) || before < 1)) {
    throw new StoreError('invalid_input', `before must be a positive integer audit id, got ${String(before)}`);
  }
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const rows = await store.query<AuditRow>(
      `SELECT id, at, actor, action, target, context, request::text AS request, result, detail
       FROM audit_log WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2`,
      [before ?? null, limit],
    );
    return rows.map((r) => ({
      id: safeInt(r.id),
      at: isoTime(r.at),
      actor: r.actor,
      action: r.action,
      target: r.target,
      context: r.context,
      request: parseJsonColumn(r.request),
      result: r.result,
      detail: r.detail,
    }));
  });
}
