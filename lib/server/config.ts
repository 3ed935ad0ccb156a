import 'server-only';
/**
 * Every environment variable the server reads, as data: its meaning and default (the README's Configuration
 * table is checked against this list) and a zod schema that turns the raw string into a typed value or says
 * what is wrong with it. instrumentation.ts parses the whole list once at start and stops the server on a bad
 * value, with one line naming the variable.
 *
 * A variable has one parser. Those of sign-in and rate limits live next to their use (auth.ts, rate-limit.ts)
 * and are only referenced here; the others are defined here and read with `setting(env, NAME)`. Modules that
 * take an env map (tests pass their own) keep doing so: `setting` is as pure as `parseConfig`.
 *
 * Variables the SDKs read themselves (AWS_PROFILE, AWS_ENDPOINT_URL_*) and those of `next build` are declared
 * for the documentation; those the platform sets (PROVIDED) are listed apart, as they are not configuration.
 */
import { parseDiscounts } from '../cost/discounts';
import { z } from 'zod';
import { isOn, parseNameList, parseProxyHeaders, parseSessionHours, parseSessionSecret, parseTokenList, tokenSource, DEFAULT_SESSION_HOURS } from './auth';
import { DEFAULT_RULES, parseRateLimits } from './rate-limit';

export type Env = Record<string, string | undefined>;

/** Who reads a variable: Farview's own code, an SDK or Next by itself, or next.config.js at build time. */
export type ReadBy = 'farview' | 'sdk' | 'next' | 'build';

export interface Variable<T> {
  /** What it does, for the documentation. */
  meaning: string;
  /** The default as the documentation states it ("—" for none). */
  default: string;
  readBy: ReadBy;
  schema: z.ZodType<T, string | undefined>;
}

/** One or more variables with bad values; the message has one line per variable: `farview: NAME: why`. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; why: string }[]) {
    super(problems.map((p) => `farview: ${p.variable}: ${p.why}`).join('\n'));
    this.name = 'ConfigError';
  }

  /** The first bad variable. */
  get variable(): string {
    return this.problems[0]?.variable ?? '';
  }

  /** Why the first bad variable is bad. */
  get why(): string {
    return this.problems[0]?.why ?? '';
  }
}

// ------------------------------------------------------------------------------------------ value kinds

const raw = z.string().optional();

/** A string, trimmed; unset when blank. */
const text = raw.transform((v) => v?.trim() || undefined);

/** Wraps a parser that throws (auth.ts, rate-limit.ts) so its message becomes the issue. */
function parsedBy<T>(parse: (v: string | undefined) => T): z.ZodType<T, string | undefined> {
  return raw.transform((v, ctx) => {
    try {
      return parse(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });
}

/** An http(s) URL; unset when blank. */
const endpoint = text.pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional());

/** FARVIEW_PUBLIC_URL: the origin users reach Farview by, and its host (lower case, with the port if any). */
export interface PublicUrl {
  origin: string;
  host: string;
}

/** Two weeks of 5-minute buckets: enough for a weekly cycle, bounded (see docs/usage.md for the size). */
export const DEFAULT_LEDGER_TICK_SECONDS = 30;
const DEFAULT_LEDGER_RETENTION_DAYS = 400;
const DEFAULT_USAGE_RETENTION_DAYS = 14;
/** Less history than a day misses the daily cycle most services have: no recommendation rests on it. */
export const DEFAULT_RIGHTSIZE_MIN_HOURS = 24;

/** metrics-server's own resolution is 15 s; reading every 30 s halves the load and keeps a screen at most a poll behind. */
export const DEFAULT_METRICS_POLL_SECONDS = 30;
/** Minutes between two reads of the Price List; prices change a few times a year. */
export const DEFAULT_PRICES_REFRESH_MINUTES = 360;
/** Minutes between two reads of Spot prices, which move through the day. */
export const DEFAULT_SPOT_REFRESH_MINUTES = 10;

const publicUrl = text.transform((v, ctx): PublicUrl | undefined => {
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} is not a URL (e.g. https://farview.example.com)` });
    return z.NEVER;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: `must start with https:// or http://, not ${u.protocol}` });
  else if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    ctx.addIssue({ code: 'custom', message: `must be a bare origin such as https://farview.example.com, without a path, query or credentials` });
  } else return { origin: u.origin, host: u.host.toLowerCase() };
  return z.NEVER;
});

const FALSE = new Set(['', '0', 'false', 'no', 'off']);

/** Parses FARVIEW_READ_ONLY: any value but 0, false, no, off (or blank) turns writes off, so a typo errs safe. */
export const readOnlyOn = (v: string | undefined): boolean => v !== undefined && !FALSE.has(v.trim().toLowerCase());

/** The default FARVIEW_RATE_LIMIT, in its own syntax. */
export const DEFAULT_RATE_LIMIT = Object.entries(DEFAULT_RULES)
  .map(([name, r]) => `${name}=${r.burst}/min`)
  .join(',');

const define = <T>(v: Variable<T>): Variable<T> => v;

export const DEFAULT_REPORT_QUOTA = 1000;
export const DEFAULT_REPORT_RETENTION_DAYS = 400;

/** A whole number from `min` to `max`, or `fallback` when unset. */
function wholeNumber(min: number, max: number, fallback: number) {
  return text.pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, { error: `must be a whole number from ${min} to ${max}` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { error: `must be a whole number from ${min} to ${max}` })
      .optional()
      .transform((n) => n ?? fallback),
  );
}

// ------------------------------------------------------------------------------------------ the variables

export const VARIABLES = {
  // Which cluster
  KUBECONFIG: define({
    meaning: 'kubeconfig files to read, merged as kubectl does',
    default: "`~/.kube/config`, else the pod's service account",
    readBy: 'farview',
    schema: raw,
  }),
  FARVIEW_CONTEXT: define({ meaning: 'the context to open', default: "the kubeconfig's current context", readBy: 'farview', schema: raw }),
  FARVIEW_EKS_CLUSTER: define({
    meaning: 'EKS cluster name',
    default: "from the context (`aws eks get-token --cluster-name`, or the context's ARN)",
    readBy: 'farview',
    schema: raw,
  }),
  AWS_REGION: define({ meaning: "AWS region of the cluster, over what the context says (the SDK's too)", default: 'from the context', readBy: 'farview', schema: raw }),
  AWS_DEFAULT_REGION: define({ meaning: 'AWS region when neither `AWS_REGION` nor the context names one', default: '—', readBy: 'farview', schema: raw }),
  AWS_PROFILE: define({
    meaning: "AWS credentials: the SDK's default chain (profiles, SSO, `AWS_ACCESS_KEY_ID`…, IRSA, Pod Identity)",
    default: '—',
    readBy: 'sdk',
    schema: raw,
  }),
  AWS_ENDPOINT_URL: define({ meaning: 'endpoint for every AWS service (a simulator, a proxy)', default: "AWS's public endpoints", readBy: 'sdk', schema: endpoint }),
  AWS_ENDPOINT_URL_EKS: define({ meaning: 'endpoint for EKS', default: '`AWS_ENDPOINT_URL`', readBy: 'sdk', schema: endpoint }),
  AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: define({ meaning: 'endpoint for Elastic Load Balancing v2', default: '`AWS_ENDPOINT_URL`', readBy: 'sdk', schema: endpoint }),
  AWS_ENDPOINT_URL_EC2: define({ meaning: 'endpoint for EC2', default: '`AWS_ENDPOINT_URL`', readBy: 'sdk', schema: endpoint }),
  AWS_ENDPOINT_URL_PRICING: define({ meaning: 'endpoint for the Price List Query API', default: '`AWS_ENDPOINT_URL`', readBy: 'sdk', schema: endpoint }),

  // The store
  DATABASE_URL: define({
    meaning: 'PostgreSQL (`postgres://…`) for reports and the audit log when several replicas run',
    default: 'embedded PGlite in `FARVIEW_DATA_DIR`',
    readBy: 'farview',
    // Never echoed: it usually carries a password.
    schema: text.refine((v) => v === undefined || /^postgres(ql)?:\/\//i.test(v), { error: 'must start with postgres:// or postgresql://' }),
  }),
  FARVIEW_DATA_DIR: define({ meaning: 'where the embedded store lives; it serves one Farview process (replicas share `DATABASE_URL` instead)', default: '`./.farview`', readBy: 'farview', schema: text.transform((v) => v ?? '.farview') }),

  // Serving
  HOST: define({ meaning: 'address `npm run dev` and `npm start` listen on', default: '`127.0.0.1`', readBy: 'farview', schema: text }),
  HOSTNAME: define({ meaning: "address the container image's standalone server listens on", default: '`0.0.0.0`', readBy: 'farview', schema: text }),
  PORT: define({
    meaning: 'port the server listens on',
    default: '`3000`',
    readBy: 'next',
    schema: text.pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, { error: 'must be a port number from 1 to 65535' })
        .transform(Number)
        .refine((n) => n >= 1 && n <= 65535, { error: 'must be a port number from 1 to 65535' })
        .optional()
        .transform((n) => n ?? 3000),
    ),
  }),
  FARVIEW_PUBLIC_URL: define({
    meaning: 'the address users reach Farview by (e.g. https://farview.example.com), accepted as Host and Origin besides loopback names and IP addresses',
    default: '—',
    readBy: 'farview',
    schema: publicUrl,
  }),
  FARVIEW_READ_ONLY: define({ meaning: 'refuse every write to AWS or the cluster (any value but `0`, `false`, `no`, `off`)', default: 'off', readBy: 'farview', schema: raw.transform(readOnlyOn) }),

  // Sign-in
  FARVIEW_AUTH_TOKENS: define({
    meaning: 'sign-in tokens `name:role:token,…` (roles `viewer`, `editor`); writes need `editor`',
    default: 'sign-in off',
    readBy: 'farview',
    schema: parsedBy((v) => parseTokenList(v)),
  }),
  FARVIEW_AUTH_TOKENS_FILE: define({
    meaning: 'a file of the same entries, one per line (`#` comments), read again when it changes; instead of `FARVIEW_AUTH_TOKENS`',
    default: '—',
    readBy: 'farview',
    // The file itself is read per request (a rotated Secret), so only its name is checked here.
    schema: text,
  }),
  FARVIEW_TRUST_PROXY_HEADERS: define({
    meaning: 'identity header of a trusted auth proxy, optionally followed by its groups header (`X-Forwarded-User,X-Forwarded-Groups`)',
    default: 'not trusted',
    readBy: 'farview',
    schema: parsedBy(parseProxyHeaders),
  }),
  FARVIEW_EDITOR_GROUPS: define({ meaning: "proxy groups whose members are editors, comma-separated (the others are viewers)", default: '—', readBy: 'farview', schema: raw.transform(parseNameList) }),
  FARVIEW_EDITOR_USERS: define({ meaning: 'proxy users who are editors, comma-separated', default: '—', readBy: 'farview', schema: raw.transform(parseNameList) }),
  FARVIEW_SESSION_SECRET: define({
    meaning: 'HMAC key of the session cookie, 32 characters or more (set it when several replicas run)',
    default: 'random per process',
    readBy: 'farview',
    schema: parsedBy(parseSessionSecret),
  }),
  FARVIEW_SESSION_HOURS: define({ meaning: 'how long a sign-in lasts, in hours (at most 720)', default: `\`${DEFAULT_SESSION_HOURS}\``, readBy: 'farview', schema: parsedBy(parseSessionHours) }),
  FARVIEW_PUBLIC_REPORTS: define({ meaning: '`1` lets shared report links open without sign-in', default: 'off', readBy: 'farview', schema: raw.transform(isOn) }),
  FARVIEW_METRICS_POLL_SECONDS: define({
    meaning: 'seconds between two reads of pod and node usage from metrics-server (it refreshes every 15 s by default)',
    default: `\`${DEFAULT_METRICS_POLL_SECONDS}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 3600, DEFAULT_METRICS_POLL_SECONDS),
  }),
  FARVIEW_PRICES_REFRESH_MINUTES: define({
    meaning: 'minutes between two reads of Fargate, On-Demand EC2 and EKS Auto Mode fee prices from the AWS Price List API (new instance types are priced at once)',
    default: `\`${DEFAULT_PRICES_REFRESH_MINUTES}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 7 * 24 * 60, DEFAULT_PRICES_REFRESH_MINUTES),
  }),
  FARVIEW_SPOT_REFRESH_MINUTES: define({
    meaning: 'minutes between two reads of the Spot prices of the Spot nodes from EC2 (new zone and type pairs are read at once)',
    default: `\`${DEFAULT_SPOT_REFRESH_MINUTES}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 24 * 60, DEFAULT_SPOT_REFRESH_MINUTES),
  }),
  FARVIEW_LEDGER_TICK_SECONDS: define({
    meaning: 'seconds between two looks of the cost ledger at what the cluster bills (a pod that ends is closed within this)',
    default: `\`${DEFAULT_LEDGER_TICK_SECONDS}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 3600, DEFAULT_LEDGER_TICK_SECONDS),
  }),
  FARVIEW_LEDGER_RETENTION_DAYS: define({
    meaning: 'days of cost history (the ledger of what each pod, node and the control plane cost, and when) kept in the store',
    default: `\`${DEFAULT_LEDGER_RETENTION_DAYS}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 1000, DEFAULT_LEDGER_RETENTION_DAYS),
  }),
  FARVIEW_USAGE_RETENTION_DAYS: define({
    meaning: 'days of usage history (5-minute buckets per workload and container) kept in the store for right-sizing',
    default: `\`${DEFAULT_USAGE_RETENTION_DAYS}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 400, DEFAULT_USAGE_RETENTION_DAYS),
  }),
  FARVIEW_RIGHTSIZE_MIN_HOURS: define({
    meaning: 'hours of usage history a workload needs before Farview recommends requests for it',
    default: `\`${DEFAULT_RIGHTSIZE_MIN_HOURS}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 24 * 400, DEFAULT_RIGHTSIZE_MIN_HOURS),
  }),
  FARVIEW_DISCOUNTS: define({
    meaning: 'your own discount rates, shown as effective cost beside list cost: `fargate=20%,ec2=28%` and per instance family (`m6g=35%`); Spot, the control plane and the EKS Auto Mode fee stay at list price',
    default: 'none',
    readBy: 'farview',
    schema: parsedBy(parseDiscounts),
  }),
  FARVIEW_REPORT_QUOTA: define({
    meaning: 'most reports one user may have stored (viewers and editors alike may share)',
    default: `\`${DEFAULT_REPORT_QUOTA}\``,
    readBy: 'farview',
    schema: wholeNumber(1, 1_000_000, DEFAULT_REPORT_QUOTA),
  }),
  FARVIEW_REPORT_RETENTION_DAYS: define({
    meaning: 'reports older than this many days are deleted (when reports are shared, at most hourly); `0` keeps them forever',
    default: `\`${DEFAULT_REPORT_RETENTION_DAYS}\``,
    readBy: 'farview',
    schema: wholeNumber(0, 100_000, DEFAULT_REPORT_RETENTION_DAYS),
  }),
  FARVIEW_ALLOW_ANONYMOUS: define({ meaning: '`1` serves a non-loopback `HOST` without sign-in (refused otherwise)', default: 'off', readBy: 'farview', schema: raw.transform(isOn) }),
  FARVIEW_TRUST_PROXY: define({
    meaning: '`1` trusts `X-Forwarded-Proto`, `-Host` and `-For` from the reverse proxy in front',
    default: 'off',
    readBy: 'farview',
    schema: raw.transform(isOn),
  }),
  FARVIEW_RATE_LIMIT: define({
    meaning: 'per-client limits on writes, previews, reports and sign-in: `off`, or `name=N/min` (or `/s`, `/h`), comma-separated',
    default: `\`${DEFAULT_RATE_LIMIT}\``,
    readBy: 'farview',
    schema: parsedBy(parseRateLimits),
  }),

  // Building
  FARVIEW_OUTPUT: define({ meaning: "`standalone` builds the container image's self-contained server", default: 'a regular build', readBy: 'build', schema: raw }),
  FARVIEW_DIST_DIR: define({ meaning: 'build directory, for a check build beside a running server', default: '`.next`', readBy: 'build', schema: raw }),
} as const;

/** Read but not configuration: set by the OS, Kubernetes or Next itself. */
export const PROVIDED: Readonly<Record<string, string>> = {
  HOME: 'where `~/.kube/config` is looked for when KUBECONFIG is unset',
  KUBERNETES_SERVICE_HOST: "set in a pod: with no kubeconfig file, the pod's service account is used",
  NODE_ENV: 'development or production (next.config.js relaxes the CSP in development)',
  NEXT_RUNTIME: 'nodejs or edge (instrumentation.ts starts the server only in Node.js)',
  NEXT_PHASE: 'phase-production-build during `next build`, when nothing is checked or preloaded',
};

type Variables = typeof VARIABLES;
export type VariableName = keyof Variables;
export type Config = { readonly [K in VariableName]: z.output<Variables[K]['schema']> };

const NAMES = Object.keys(VARIABLES) as VariableName[];

/** The reason alone: the parsers in auth.ts and rate-limit.ts start their messages with the variable's name. */
function reason(name: string, message: string): string {
  const named = message.startsWith(name) && !/[A-Z0-9_]/.test(message.charAt(name.length));
  return named ? message.slice(name.length).replace(/^[:\s]+/, '') : message;
}

function parseOne<K extends VariableName>(env: Env, name: K): { ok: true; value: Config[K] } | { ok: false; why: string } {
  const r = (VARIABLES[name].schema as z.ZodType<Config[K], string | undefined>).safeParse(env[name]);
  return r.success ? { ok: true, value: r.data } : { ok: false, why: reason(name, r.error.issues[0]?.message ?? 'invalid value') };
}

// Rules over more than one variable: [the variable to blame, the check].
const CROSS: readonly [VariableName, (env: Env) => unknown][] = [['FARVIEW_AUTH_TOKENS_FILE', tokenSource]];

/**
 * One variable's typed value.
 * @throws ConfigError naming it when its value is bad
 */
export function setting<K extends VariableName>(env: Env, name: K): Config[K] {
  const r = parseOne(env, name);
  if (!r.ok) throw new ConfigError([{ variable: name, why: r.why }]);
  return r.value;
}

/** One line per bad variable, `farview: NAME: why`; empty when every value is fine. */
export function configProblems(env: Env): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
}

/**
 * Every declared variable's typed value.
 * @throws ConfigError listing every bad variable
 */
export function parseConfig(env: Env): Config {
  const out: Partial<Record<VariableName, unknown>> = {};
  const problems: { variable: string; why: string }[] = [];
  for (const name of NAMES) {
    const r = parseOne(env, name);
    if (r.ok) out[name] = r.value;
    else problems.push({ variable: name, why: r.why });
  }
  for (const [name, check] of CROSS) {
    if (problems.some((p) => p.variable === name)) continue;
    try {
      check(env);
    } catch (e) {
      problems.push({ variable: name, why: reason(name, (e as Error).message) });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(out) as Config;
}

// On globalThis: instrumentation, the proxy and the route bundles are separate module graphs in one process.
const KEY = Symbol.for('farview.config.v1');

/**
 * The configuration of process.env, parsed on first use (instrumentation.ts does it at start).
 * @throws ConfigError when a value is bad (the server has then refused to start)
 */
export function config(): Config {
  const g = globalThis as unknown as Record<symbol, Config | undefined>;
  return (g[KEY] ??= parseConfig(process.env));
}
