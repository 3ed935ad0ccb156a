import 'server-only';
/**
 * What every AWS gateway shares, without loading any SDK: the client settings for one region (timeouts,
 * retries, and with an explicit `env` the endpoint and static credentials), paging, bounded concurrency and
 * date conversion. Each gateway (eks.ts, elbv2.ts, ec2.ts, and the next one) builds its SDK client from
 * `clientConfig` so they all behave alike.
 */

/** A process-like environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_ENDPOINT_URL(_<SERVICE>). */
export type AwsEnv = Record<string, string | undefined>;

// A hung endpoint must not stall the poller for minutes; the SDK retries throttling and 5xx itself.
const REQUEST = { requestTimeout: 15_000, connectionTimeout: 5_000 };

/** Safety bound on paging: a misbehaving endpoint must not keep us reading forever. */
export const MAX_PAGES = 100;

export interface ClientConfig {
  region: string;
  maxAttempts: number;
  requestHandler: typeof REQUEST;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | (() => Promise<never>);
}

/**
 * Settings for one SDK client. Without `env` the SDK's default credential chain (env, SSO, profiles, IRSA,
 * Pod Identity) and its own AWS_ENDPOINT_URL_<SERVICE> handling apply; with `env`, region, static credentials
 * and endpoint come from that map only, so tests never read the process environment.
 * @param service the endpoint variable's suffix: EKS, ELASTIC_LOAD_BALANCING_V2, EC2, …
 */
export function clientConfig(region: string, service: string, env?: AwsEnv): ClientConfig {
  const base = { region, maxAttempts: 3, requestHandler: REQUEST };
  if (!env) return base;
  const endpoint = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
  const credentials: ClientConfig['credentials'] =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN }
      : async () => {
          throw new Error('no AWS credentials in the given environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)');
        };
  return { ...base, ...(endpoint ? { endpoint } : {}), credentials };
}

/**
 * Every item of a paged list: `page(token)` reads one page and says its items and the next token.
 * @param maxPages stops after this many pages even if AWS says there is more
 */
export async function allPages<T>(page: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>, maxPages = MAX_PAGES): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const r = await page(token);
    out.push(...(r.items ?? []));
    token = r.next || undefined;
    if (!token) break;
  }
  return out;
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

/** An SDK Date as an ISO string; null when absent or invalid. */
export function iso(d: Date | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}
