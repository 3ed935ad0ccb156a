import 'server-only';
/**
 * Who is calling, when Farview is shared by a team.
 *
 * Auth is off when nothing is configured: the server is meant for one person on 127.0.0.1, who is "local".
 * It is on when either is set:
 *  - FARVIEW_AUTH_TOKENS ("name:role:token,…", role viewer or editor) or FARVIEW_AUTH_TOKENS_FILE (a mounted
 *    file with the same entries, one per line or comma-separated, `#` comments). People sign in once at
 *    /signin with their token and get a signed session cookie; scripts may send `Authorization: Bearer`.
 *  - FARVIEW_TRUST_PROXY_HEADERS naming the header an authenticating proxy sets (e.g. "X-Forwarded-User",
 *    optionally followed by the groups header: "X-Forwarded-User,X-Forwarded-Groups"). Users in
 *    FARVIEW_EDITOR_GROUPS (or named in FARVIEW_EDITOR_USERS) are editors, everyone else a viewer. Only
 *    turn this on when nothing but the proxy can reach Farview (see deploy/README.md).
 *
 * Sessions are `v1.<payload>.<HMAC-SHA256>` cookies keyed by FARVIEW_SESSION_SECRET (or a random per-process
 * secret, so sessions end with the process and do not carry across replicas). A session names its token by
 * a fingerprint, so removing or rotating a token ends its sessions, and the role is read from the current
 * token list, never from the cookie. Tokens are compared by SHA-256 digest in constant time.
 *
 * A malformed configuration fails closed: every caller is refused with the reason, until it is fixed.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Server } from 'node:net';

export type Env = Record<string, string | undefined>;
export type Role = 'editor' | 'viewer';

/** A caller: a person (by token or proxy identity), or "local" when auth is off. */
export interface User {
  name: string;
  role: Role | 'local';
  /** How they proved it. */
  via: 'local' | 'session' | 'token' | 'proxy';
}

export interface TokenEntry {
  name: string;
  role: Role;
  /** SHA-256 of the token. */
  digest: Buffer;
}

export interface ProxyIdentity {
  userHeader: string;
  groupsHeader: string | null;
  editorGroups: Set<string>;
  editorUsers: Set<string>;
}

export interface AuthConfig {
  /** True when any way of signing in is configured. */
  enabled: boolean;
  tokens: TokenEntry[];
  proxy: ProxyIdentity | null;
  secret: Buffer;
  secretSource: 'env' | 'random';
  sessionTtlMs: number;
  /** FARVIEW_PUBLIC_REPORTS=1: shared report links open without signing in. */
  publicReports: boolean;
  /** FARVIEW_ALLOW_ANONYMOUS=1: serve without auth on a non-loopback address. */
  allowAnonymous: boolean;
  /** FARVIEW_TRUST_PROXY=1: X-Forwarded-Proto/-Host/-For come from a proxy we trust. */
  trustProxy: boolean;
}

/** The configuration cannot be used; every request is refused with this message. */
export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

export const SESSION_COOKIE = 'farview_session';
/** The cookie's name over HTTPS: the __Host- prefix makes the browser refuse one set for another host or path. */
export const SECURE_SESSION_COOKIE = '__Host-farview_session';
export const MIN_TOKEN_CHARS = 16;
export const MIN_SECRET_CHARS = 32;
export const DEFAULT_SESSION_HOURS = 12;
const MAX_COOKIE_CHARS = 4096;

const TRUE = new Set(['1', 'true', 'yes', 'on']);
/** The on/off switches (FARVIEW_PUBLIC_REPORTS, …): on for 1, true, yes, on; anything else is off. */
export const isOn = (v: string | undefined): boolean => TRUE.has(v?.trim().toLowerCase() ?? '');

/** FARVIEW_TRUST_PROXY=1: X-Forwarded-Proto, -Host and -For come from a proxy we trust. The one reader of it. */
export const trustProxy = (env: Env = process.env): boolean => isOn(env.FARVIEW_TRUST_PROXY);

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest();

/**
 * Parses token entries ("name:role:token", separated by commas or newlines; blank lines and `#` comments are
 * skipped). `label` names the variable or file in errors. Null when there are no entries.
 * @throws AuthConfigError naming the bad entry, never echoing a token
 */
export function parseTokenList(text: string | undefined, label = 'FARVIEW_AUTH_TOKENS'): TokenEntry[] | null {
  if (text === undefined) return null;
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.replace(/\r$/, '').trim())
    .filter((e) => e !== '' && !e.startsWith('#'));
  if (entries.length === 0) return null;
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    if (first <= 0 || second < 0) throw new AuthConfigError(`${label} entry ${i + 1} is not name:role:token`);
    const name = entry.slice(0, first).trim();
    const role = entry.slice(first + 1, second).trim();
    const token = entry.slice(second + 1).trim();
    if (!/^[\w.@+-]{1,64}$/.test(name)) throw new AuthConfigError(`${label} entry ${i + 1}: the name must be 1 to 64 letters, digits or . _ @ + -`);
    if (role !== 'editor' && role !== 'viewer') throw new AuthConfigError(`${label} entry ${i + 1} (${name}): role must be editor or viewer, not ${JSON.stringify(role.slice(0, 20))}`);
    if (token.length < MIN_TOKEN_CHARS) throw new AuthConfigError(`${label} entry ${i + 1} (${name}): the token must be at least ${MIN_TOKEN_CHARS} characters`);
    if (/\s/.test(token)) throw new AuthConfigError(`${label} entry ${i + 1} (${name}): the token must not contain spaces`);
    if (seen.has(name)) throw new AuthConfigError(`${label}: the name ${name} appears twice`);
    seen.add(name);
    return { name, role, digest: sha256(token) };
  });
}

// The token file is read again when it changes (a rotated Kubernetes Secret), checked at most once a second.
interface FileCache {
  path: string;
  checkedAt: number;
  stamp: string;
  entries: TokenEntry[] | null;
  error: string | null;
}
const FILE_KEY = Symbol.for('farview.auth.tokenFile.v1');
const SECRET_KEY = Symbol.for('farview.auth.processSecret.v1');

function processState<T>(key: symbol, make: () => T): T {
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  let v = g[key];
  if (v === undefined) g[key] = v = make();
  return v;
}

function readTokenFile(path: string, nowMs: number): TokenEntry[] | null {
  const g = globalThis as unknown as Record<symbol, FileCache | undefined>;
  const cached = g[FILE_KEY];
  if (cached && cached.path === path && nowMs - cached.checkedAt < 1000) {
    if (cached.error) throw new AuthConfigError(cached.error);
    return cached.entries;
  }
  let stamp: string;
  try {
    const st = statSync(path);
    stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch (e) {
    const error = `FARVIEW_AUTH_TOKENS_FILE ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    g[FILE_KEY] = { path, checkedAt: nowMs, stamp: '', entries: null, error };
    throw new AuthConfigError(error);
  }
  if (cached && cached.path === path && cached.stamp === stamp) {
    cached.checkedAt = nowMs;
    if (cached.error) throw new AuthConfigError(cached.error);
    return cached.entries;
  }
  let entries: TokenEntry[] | null = null;
  let error: string | null = null;
  try {
    const st = statSync(path);
    if (st.size > 1024 * 1024) throw new AuthConfigError(`FARVIEW_AUTH_TOKENS_FILE ${path} is larger than 1 MiB`);
    entries = parseTokenList(readFileSync(path, 'utf8'), `FARVIEW_AUTH_TOKENS_FILE ${path}`);
    if (!entries) error = `FARVIEW_AUTH_TOKENS_FILE ${path} holds no token entries`;
  } catch (e) {
    error = e instanceof AuthConfigError ? e.message : `FARVIEW_AUTH_TOKENS_FILE ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  g[FILE_KEY] = { path, checkedAt: nowMs, stamp, entries, error };
  if (error) throw new AuthConfigError(error);
  return entries;
}

const headerName = (h: string) => h.trim().toLowerCase();
/** FARVIEW_EDITOR_GROUPS, FARVIEW_EDITOR_USERS: comma-separated names. */
export const parseNameList = (v: string | undefined): Set<string> => new Set((v ?? '').split(',').map((x) => x.trim()).filter(Boolean));

/**
 * FARVIEW_TRUST_PROXY_HEADERS: the user header, optionally followed by the groups header; null when unset.
 * @throws AuthConfigError
 */
export function parseProxyHeaders(v: string | undefined): { userHeader: string; groupsHeader: string | null } | null {
  const trusted = v?.trim();
  if (!trusted) return null;
  const names = trusted.split(',').map(headerName).filter(Boolean);
  const valid = /^[a-z0-9-]{1,64}$/;
  if (names.length < 1 || names.length > 2 || !names.every((n) => valid.test(n))) {
    throw new AuthConfigError('FARVIEW_TRUST_PROXY_HEADERS must name the user header, optionally followed by the groups header: "X-Forwarded-User,X-Forwarded-Groups"');
  }
  if (['cookie', 'authorization', 'host', 'origin'].includes(names[0])) throw new AuthConfigError(`FARVIEW_TRUST_PROXY_HEADERS: ${names[0]} cannot carry an identity`);
  return { userHeader: names[0], groupsHeader: names[1] ?? null };
}

/**
 * FARVIEW_SESSION_SECRET, trimmed; null when unset or blank (a random per-process secret is used then).
 * @throws AuthConfigError when it is too short
 */
export function parseSessionSecret(v: string | undefined): string | null {
  if (v === undefined || v.trim() === '') return null;
  if (v.trim().length < MIN_SECRET_CHARS) throw new AuthConfigError(`FARVIEW_SESSION_SECRET must be at least ${MIN_SECRET_CHARS} characters (e.g. openssl rand -hex 32)`);
  return v.trim();
}

/**
 * FARVIEW_SESSION_HOURS: how long a session lasts, in hours.
 * @throws AuthConfigError
 */
export function parseSessionHours(v: string | undefined): number {
  if (!v?.trim()) return DEFAULT_SESSION_HOURS;
  const h = Number(v);
  if (!Number.isFinite(h) || h <= 0 || h > 24 * 30) throw new AuthConfigError('FARVIEW_SESSION_HOURS must be a number of hours above 0 and at most 720');
  return h;
}

/**
 * The sign-in token source: inline FARVIEW_AUTH_TOKENS or the file FARVIEW_AUTH_TOKENS_FILE (trimmed path).
 * @throws AuthConfigError when both are set
 */
export function tokenSource(env: Env): { file: string | null } {
  if (env.FARVIEW_AUTH_TOKENS?.trim() && env.FARVIEW_AUTH_TOKENS_FILE?.trim()) {
    throw new AuthConfigError('set FARVIEW_AUTH_TOKENS or FARVIEW_AUTH_TOKENS_FILE, not both');
  }
  return { file: env.FARVIEW_AUTH_TOKENS_FILE?.trim() || null };
}

/**
 * The auth configuration of this environment.
 * @throws AuthConfigError when any variable is malformed (the server then refuses everyone)
 */
export function authConfig(env: Env = process.env, nowMs: number = Date.now()): AuthConfig {
  const { file } = tokenSource(env);
  const tokens = (file ? readTokenFile(file, nowMs) : parseTokenList(env.FARVIEW_AUTH_TOKENS)) ?? [];

  const headers = parseProxyHeaders(env.FARVIEW_TRUST_PROXY_HEADERS);
  const proxy: ProxyIdentity | null = headers && { ...headers, editorGroups: parseNameList(env.FARVIEW_EDITOR_GROUPS), editorUsers: parseNameList(env.FARVIEW_EDITOR_USERS) };

  let secret: Buffer;
  let secretSource: AuthConfig['secretSource'];
  const envSecret = parseSessionSecret(env.FARVIEW_SESSION_SECRET);
  if (envSecret !== null) {
    secret = sha256(`farview-session:${envSecret}`);
    secretSource = 'env';
  } else {
    secret = processState(SECRET_KEY, () => randomBytes(32));
    secretSource = 'random';
  }

  const sessionTtlMs = parseSessionHours(env.FARVIEW_SESSION_HOURS) * 3_600_000;

  return {
    enabled: tokens.length > 0 || proxy !== null,
    tokens,
    proxy,
    secret,
    secretSource,
    sessionTtlMs,
    publicReports: isOn(env.FARVIEW_PUBLIC_REPORTS),
    allowAnonymous: isOn(env.FARVIEW_ALLOW_ANONYMOUS),
    trustProxy: trustProxy(env),
  };
}

/** The entry whose token this is, comparing digests in constant time against every entry. */
export function matchToken(tokens: readonly TokenEntry[], presented: string): TokenEntry | null {
  if (presented.length === 0 || presented.length > 1024) return null;
  const d = sha256(presented);
  let found: TokenEntry | null = null;
  for (const t of tokens) if (timingSafeEqual(t.digest, d)) found = t;
  return found;
}

/** A short, stable name for a token that reveals nothing about it (sessions carry this, not the token). */
function fingerprint(secret: Buffer, t: TokenEntry): string {
  return createHmac('sha256', secret).update('token-fingerprint:').update(t.digest).digest('base64url').slice(0, 16);
}

function sign(secret: Buffer, body: string): Buffer {
  return createHmac('sha256', secret).update(`farview-session-v1.${body}`).digest();
}

interface SessionPayload {
  u: string;
  f: string;
  iat: number;
  exp: number;
}

/** A session cookie value for the holder of token entry `t`, valid for the configured time from `nowMs`. */
export function issueSession(cfg: AuthConfig, t: TokenEntry, nowMs: number): { value: string; expiresAt: Date } {
  const exp = Math.floor((nowMs + cfg.sessionTtlMs) / 1000);
  const payload: SessionPayload = { u: t.name, f: fingerprint(cfg.secret, t), iat: Math.floor(nowMs / 1000), exp };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { value: `v1.${body}.${sign(cfg.secret, body).toString('base64url')}`, expiresAt: new Date(exp * 1000) };
}

/** The user a session cookie value stands for, or null when it is forged, expired, or its token is gone. */
export function verifySession(cfg: AuthConfig, value: string, nowMs: number): User | null {
  if (value.length > MAX_COOKIE_CHARS) return null;
  const m = /^v1\.([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const mac = Buffer.from(m[2], 'base64url');
  const want = sign(cfg.secret, m[1]);
  if (mac.length !== want.length || !timingSafeEqual(mac, want)) return null;
  let p: Partial<SessionPayload>;
  try {
    p = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as Partial<SessionPayload>;
  } catch {
    return null;
  }
  if (typeof p.u !== 'string' || typeof p.f !== 'string' || typeof p.exp !== 'number') return null;
  if (p.exp * 1000 <= nowMs) return null;
  const entry = cfg.tokens.find((t) => t.name === p.u && fingerprint(cfg.secret, t) === p.f);
  return entry ? { name: entry.name, role: entry.role, via: 'session' } : null;
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The token of an `Authorization: Bearer` header, or null. */
export function bearer(req: Request): string | null {
  const h = req.headers.get('authorization');
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1] : null;
}

/** The name a proxy header carries: printable, trimmed, bounded. */
function proxyUser(cfg: ProxyIdentity, req: Request): User | null {
  const raw = req.headers.get(cfg.userHeader)?.trim();
  if (!raw || raw.length > 256 || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  const groups = cfg.groupsHeader ? (req.headers.get(cfg.groupsHeader) ?? '').split(/[,|]/).map((g) => g.trim()).filter(Boolean) : [];
  const editor = cfg.editorUsers.has(raw) || groups.some((g) => cfg.editorGroups.has(g));
  return { name: raw, role: editor ? 'editor' : 'viewer', via: 'proxy' };
}

/**
 * Who is calling: "local" when auth is off; otherwise the proxy identity (when trusted and present), the
 * owner of a Bearer token, or of a valid session cookie; null when none of these holds.
 * @throws AuthConfigError when the configuration is malformed
 */
export function currentUser(req: Request, env: Env = process.env, nowMs: number = Date.now()): User | null {
  const cfg = authConfig(env, nowMs);
  if (!cfg.enabled) return { name: 'local', role: 'local', via: 'local' };
  if (cfg.proxy) {
    const u = proxyUser(cfg.proxy, req);
    if (u) return u;
  }
  const token = bearer(req);
  if (token !== null) {
    const t = matchToken(cfg.tokens, token);
    // A wrong token is an answer, not a reason to look at the cookie.
    return t ? { name: t.name, role: t.role, via: 'token' } : null;
  }
  const cookies = req.headers.get('cookie');
  for (const name of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    const v = readCookie(cookies, name);
    if (v) {
      const u = verifySession(cfg, v, nowMs);
      if (u) return u;
    }
  }
  return null;
}

/**
 * Whether the browser reached us over HTTPS. Farview serves plain HTTP itself, so only a trusted TLS proxy's
 * X-Forwarded-Proto can say so; Next builds the request URL from that header whoever sent it, so the URL's
 * scheme is believed only behind such a proxy too.
 */
export function isSecureRequest(req: Request, env: Env = process.env): boolean {
  if (!trustProxy(env)) return false;
  const p = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (p) return p === 'https';
  try {
    return new URL(req.url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Set-Cookie for a new session: HttpOnly, SameSite=Strict, Path=/, Secure (and __Host-) over HTTPS. */
export function sessionCookieHeader(value: string, expiresAt: Date, secure: boolean, nowMs: number): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - nowMs) / 1000));
  return `${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** Set-Cookie headers that end every session cookie this server may have set. */
export function clearSessionCookieHeaders(secure: boolean): string[] {
  const out = [`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`];
  if (secure) out.push(`${SECURE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure`);
  return out;
}

/**
 * The address this process listens on, from how it was started: `next start|dev --hostname H` (or -H), else
 * Next's standalone server.js (HOSTNAME, default 0.0.0.0), else Next's own default (all interfaces).
 * HOST is what package.json's scripts pass as --hostname, so it also counts when no flag is visible.
 */
export function listenHost(argv: readonly string[] = process.argv, env: Env = process.env): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--hostname' || a === '-H') && argv[i + 1]) return argv[i + 1];
    const m = /^--hostname=(.+)$/.exec(a);
    if (m) return m[1];
  }
  const script = argv[1] ?? '';
  if (/(^|[\\/])server\.js$/.test(script)) return env.HOSTNAME?.trim() || '0.0.0.0';
  return env.HOST?.trim() || '0.0.0.0';
}

/**
 * The addresses this process's servers actually listen on, read from Node's active handles (Next gives the
 * proxy no other way to know), or null when none is listening yet. Cached once found: a server does not move.
 */
export function listeningAddresses(): string[] | null {
  const g = globalThis as unknown as Record<symbol, string[] | undefined>;
  const key = Symbol.for('farview.auth.listening.v1');
  if (g[key]) return g[key];
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  const found: string[] = [];
  for (const h of handles) {
    if (!(h instanceof Server) || !h.listening) continue;
    const a = h.address();
    if (a && typeof a === 'object') found.push(a.address);
  }
  if (found.length === 0) return null;
  g[key] = found;
  return found;
}

/** The address to judge exposure by: a non-loopback one this process listens on, else how it was started. */
export function exposedHost(): string {
  const bound = listeningAddresses();
  if (bound) return bound.find((a) => !isLoopback(a)) ?? bound[0];
  return listenHost();
}

/** True for 127.0.0.0/8, ::1 and "localhost". */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * Why this server must refuse to serve (auth off on a non-loopback address without FARVIEW_ALLOW_ANONYMOUS=1),
 * or null when serving is fine.
 */
export function anonymousExposure(cfg: AuthConfig, host: string): string | null {
  if (cfg.enabled || cfg.allowAnonymous || isLoopback(host)) return null;
  return (
    `Farview listens on ${host} with no sign-in configured, so anyone who can reach it could see the cluster and change Fargate profiles. ` +
    'Set FARVIEW_AUTH_TOKENS (name:role:token,…), FARVIEW_AUTH_TOKENS_FILE, or FARVIEW_TRUST_PROXY_HEADERS behind an authenticating proxy; ' +
    'or listen on 127.0.0.1 (HOST=127.0.0.1); or set FARVIEW_ALLOW_ANONYMOUS=1 if the network itself is the access control.'
  );
}

/**
 * A local path to return to after signing in: only same-site absolute paths ("/c/x?view=pods"), never
 * "//evil.example", "/\\evil", a scheme or control characters; anything else is "/".
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(raw)) return '/';
  try {
    const u = new URL(raw, 'http://farview.invalid');
    if (u.origin !== 'http://farview.invalid') return '/';
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return '/';
  }
}

// ------------------------------------------------------------------------------------------ route access

/** What a request needs: nothing, a signed-in user, an editor, or (shared report links) maybe nothing. */
export type Need = 'open' | 'user' | 'editor' | 'report';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for methods that change something (and so need a same-origin Origin header). */
export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

const OPEN_EXACT = new Set(['/signin', '/api/health', '/api/ready', '/favicon.ico', '/robots.txt']);
// POSTs under /api/c/<context>/ that compute and change nothing: a viewer may run them.
const VIEWER_POSTS = [/^\/api\/c\/[^/]+\/whatif\/?$/, /^\/api\/c\/[^/]+\/profiles\/preview\/?$/];
// A shared report as a page, as JSON and as CSV (never the list of all reports). /reports/compare matches too: it
// shows two reports named by their ids, so it is as open as they are.
const REPORT_PATHS = [/^\/reports\/[^/]+\/?$/, /^\/api\/reports\/[^/]+\/?$/, /^\/api\/reports\/[^/]+\/csv\/?$/];

// Every route that accepts a write, by method (tests/routes-methods.test.ts checks it against app/api). A write
// anywhere else is answered 405 before it spends any of the client's write budget.
const WRITE_ROUTES: Readonly<Record<string, readonly RegExp[]>> = {
  POST: [
    /^\/api\/auth\/sign(in|out)\/?$/,
    /^\/api\/c\/[^/]+\/profiles\/?$/,
    /^\/api\/c\/[^/]+\/profiles\/preview\/?$/,
    /^\/api\/c\/[^/]+\/profiles\/[^/]+\/(replace|restart-workloads)\/?$/,
    /^\/api\/c\/[^/]+\/whatif\/?$/,
    /^\/api\/reports\/?$/,
  ],
  DELETE: [/^\/api\/c\/[^/]+\/profiles\/[^/]+\/?$/, /^\/api\/c\/[^/]+\/profiles\/preview\/?$/],
};

/** Methods any route answers; others (TRACE, CONNECT, WebDAV's…) get 405 everywhere. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** True when some route accepts this write method on this path. */
export function acceptsWrite(method: string, pathname: string): boolean {
  return (WRITE_ROUTES[method.toUpperCase()] ?? []).some((r) => r.test(pathname));
}

/** True for the POSTs that compute and change nothing (what-if, profile preview): rate-limited apart from writes. */
export function isComputePost(method: string, pathname: string): boolean {
  return method.toUpperCase() === 'POST' && VIEWER_POSTS.some((r) => r.test(pathname));
}

/**
 * The access rule for a request when auth is on: sign-in, probes and Next's static assets are open; a shared
 * report (GET) is open only with FARVIEW_PUBLIC_REPORTS=1; changing a cluster (POST, PUT, PATCH, DELETE under
 * /api/c/, except what-if and the profile preview) needs an editor; everything else a signed-in user (a viewer
 * may also share a cost report: it freezes only what they can already see).
 */
export function accessFor(method: string, pathname: string): Need {
  const m = method.toUpperCase();
  if (OPEN_EXACT.has(pathname) || pathname.startsWith('/api/auth/') || pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image')) return 'open';
  if ((m === 'GET' || m === 'HEAD') && REPORT_PATHS.some((r) => r.test(pathname))) return 'report';
  if (isWriteMethod(m) && pathname.startsWith('/api/c/')) {
    if (m === 'POST' && VIEWER_POSTS.some((r) => r.test(pathname))) return 'user';
    return 'editor';
  }
  return 'user';
}
