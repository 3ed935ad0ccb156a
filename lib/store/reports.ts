import 'server-only';
import type { ReportSummary } from '../view/model';
import { getDb, type Db } from './db';
import { StoreError, guard } from './errors';
import { isReportId, newReportId } from './ids';
import { isoTime, parseJsonColumn } from './rows';
import { requireLimit, requireObject, requireText, serializeJson } from './validate';

export type { ReportSummary } from '../view/model';

/** The largest report payload accepted, as serialised JSON in UTF-8. */
export const MAX_REPORT_PAYLOAD_BYTES = 2 * 1024 * 1024;
/** The largest report query accepted (the query is listed with every report, so keep it small). */
export const MAX_REPORT_QUERY_BYTES = 64 * 1024;
/** Page size bounds for listReports. */
export const DEFAULT_REPORT_PAGE = 50;
export const MAX_REPORT_PAGE = 200;

const KIND = /^[a-z][a-z0-9-]{0,63}$/;
const WHAT = 'report store';

/** What a caller supplies to share a report. */
export interface NewReport {
  /** What sort of report, lower-case with dashes, e.g. `cost`. */
  kind: string;
  /** 1..200 characters. */
  title: string;
  /** The kube context it was made from, 1..256 characters. */
  context: string;
  /** The query that produced it (window, filters…), JSON, at most 64 KiB. */
  query: unknown;
  /** The report itself, JSON, at most 2 MiB. Never changes once stored. */
  payload: unknown;
  /** Who shares it (the signed-in user, or "local"): counted against their quota. */
  createdBy?: string;
}

/** A stored report. */
export interface Report extends ReportSummary {
  payload: unknown;
}

interface SummaryRow {
  id: string;
  kind: string;
  title: string;
  context: string;
  query: string;
  payload_bytes: number;
  created_at: unknown;
}

const SUMMARY_COLUMNS = 'id, kind, title, context, query::text AS query, payload_bytes, created_at';

function toSummary(row: SummaryRow): ReportSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    context: row.context,
    query: parseJsonColumn(row.query),
    payloadBytes: Number(row.payload_bytes),
    createdAt: isoTime(row.created_at),
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/**
 * Stores a report and returns its new id. Resolves only after the report is committed and
 * durable. Throws StoreError `invalid_input` or `too_large` for bad input, naming the field.
 */
export async function createReport(input: NewReport, db?: Db): Promise<{ id: string; createdAt: string }> {
  const fields = requireObject('report', input);
  const kind = requireText('kind', fields.kind, 1, 64);
  if (!KIND.test(kind)) {
    throw new StoreError('invalid_input', `kind must be lower-case letters, digits and dashes, starting with a letter (got "${kind}")`);
  }
  const title = requireText('title', fields.title, 1, 200);
  if (title.trim() === '') throw new StoreError('invalid_input', 'title must not be blank');
  const context = requireText('context', fields.context, 1, 256);
  const query = serializeJson('query', fields.query, MAX_REPORT_QUERY_BYTES);
  const payload = serializeJson('payload', fields.payload, MAX_REPORT_PAYLOAD_BYTES);
  const createdBy = fields.createdBy === undefined ? null : requireText('createdBy', fields.createdBy, 1, 256);

  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    // 128 random bits make a clash practically impossible; if one happens, draw again.
    for (let attempt = 1; ; attempt++) {
      const id = newReportId();
      try {
        const [row] = await store.query<{ created_at: unknown }>(
          `INSERT INTO reports (id, kind, title, context, query, payload, payload_bytes, created_by)
           VALUES ($1, $2, $3, $4, $5::text::json, $6::text::json, $7, $8)
           RETURNING created_at`,
          [id, kind, title, context, query.text, payload.text, payload.bytes, createdBy],
        );
        return { id, createdAt: isoTime(row.created_at) };
      } catch (err) {
        if (attempt >= 3 || !isUniqueViolation(err)) throw err;
      }
    }
  });
}

/** How many stored reports `who` has shared (for the per-user quota). */
export async function countReportsBy(who: string, db?: Db): Promise<number> {
  const name = requireText('createdBy', who, 1, 256);
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [row] = await store.query<{ n: unknown }>('SELECT count(*) AS n FROM reports WHERE created_by = $1', [name]);
    return Number(row?.n ?? 0);
  });
}

/**
 * Deletes the reports shared before `before` (retention); returns how many went. Their links then answer 404
 * like any unknown id.
 */
export async function deleteReportsBefore(before: Date, db?: Db): Promise<number> {
  if (!(before instanceof Date) || Number.isNaN(before.getTime())) throw new StoreError('invalid_input', 'before must be a valid date');
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const rows = await store.query<{ id: string }>('DELETE FROM reports WHERE created_at < $1 RETURNING id', [before.toISOString()]);
    return rows.length;
  });
}

/** The report with this id, or null when there is none. Malformed ids are null without a query. */
export async function getReport(id: string, db?: Db): Promise<Report | null> {
  if (!isReportId(id)) return null;
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    const [row] = await store.query<SummaryRow & { payload: string }>(
      `SELECT ${SUMMARY_COLUMNS}, payload::text AS payload FROM reports WHERE id = $1`,
      [id],
    );
    return row ? { ...toSummary(row), payload: parseJsonColumn(row.payload) } : null;
  });
}

/**
 * Reports newest first, without payloads. `before` is the id of the last report of the previous
 * page; `limit` defaults to 50 (at most 200).
 */
export async function listReports(
  options: { limit?: number; before?: string } = {},
  db?: Db,
): Promise<ReportSummary[]> {
  const limit = requireLimit(options.limit, DEFAULT_REPORT_PAGE, MAX_REPORT_PAGE);
  const before = options.before;
  if (before !== undefined && !isReportId(before)) {
    throw new StoreError('invalid_input', `before must be a report id (22 base64url characters), got "${String(before).slice(0, 40)}"`);
  }
  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    if (before === undefined) {
      const rows = await store.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM reports ORDER BY seq DESC LIMIT $1`, [limit]);
      return rows.map(toSummary);
    }
    const [cursor] = await store.query<{ seq: unknown }>('SELECT seq FROM reports WHERE id = $1', [before]);
    if (!cursor) throw new StoreError('invalid_input', `before names no stored report: ${before}`);
    const rows = await store.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM reports WHERE seq < $1 ORDER BY seq DESC LIMIT $2`,
      [cursor.seq, limit],
    );
    return rows.map(toSummary);
  });
}

