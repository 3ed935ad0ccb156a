import 'server-only';
import { getDb, type Db } from './db';
import { StoreError, guard } from './errors';
import { isReportId, newReportId } from './ids';
import { isoTime, parseJsonColumn } from './rows';
import { requireLimit, requireObject, requireText, serializeJson } from './validate';

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
}

/** A report as listed: everything but the payload. */
export interface ReportSummary {
  id: string;
  kind: string;
  title: string;
  context: string;
  query: unknown;
  /** Size of the stored payload JSON in bytes. */
  payloadBytes: number;
  /** ISO 8601, UTC. */
  createdAt: string;
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

  return guard(WHAT, async () => {
    const store = db ?? (await getDb());
    // 128 random bits make a clash practically impossible; if one happens, draw again.
    for (let attempt = 1; ; attempt++) {
      const id = newReportId();
      try {
        const [row] = await store.query<{ created_at: unknown }>(
          `INSERT INTO reports (id, kind, title, context, query, payload, payload_bytes)
           VALUES ($1, $2, $3, $4, $5::text::json, $6::text::json, $7)
           RETURNING created_at`,
          [id, kind, title, context, query.text, payload.text, payload.bytes],
        );
        return { id, createdAt: isoTime(row.created_at) };
      } catch (err) {
        if (attempt >= 3 || !isUniqueViolation(err)) throw err;
      }
    }
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

