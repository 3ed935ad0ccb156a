import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { authConfig, currentUser, safeNextPath } from '@/lib/server/auth';

export const metadata: Metadata = { title: 'Sign in — Farview' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Who is asking, from the incoming request's headers (cookie, Authorization, proxy identity). */
async function whoIsAsking(): Promise<{ enabled: boolean; tokens: boolean; user: string | null; problem: string | null }> {
  try {
    const h = await headers();
    const cfg = authConfig();
    const user = currentUser(new Request('http://farview.invalid/signin', { headers: new Headers(h) }));
    return { enabled: cfg.enabled, tokens: cfg.tokens.length > 0, user: cfg.enabled && user ? user.name : null, problem: null };
  } catch (e) {
    return { enabled: true, tokens: false, user: null, problem: (e as Error).message };
  }
}

/**
 * /signin?next=PATH&error=TEXT — a token form that posts to /api/auth/signin (no script needed), which sets the
 * session cookie and sends the browser on to `next` (a local path only). Someone already signed in goes straight on.
 */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const next = safeNextPath(first(sp.next));
  const error = first(sp.error)?.slice(0, 200) ?? null;
  const who = await whoIsAsking();
  if (who.user && !error) redirect(next);

  return (
    <>
      <main className="mx-auto mt-[12vh] max-w-md p-4 font-mono text-[13px]">
      <div className="rounded border border-border bg-panel p-6">
        <h1 className="mb-1 text-lg font-semibold text-fg">Sign in to Farview</h1>
        {who.problem ? (
          <p role="alert" className="mt-3 text-err">
            Sign-in is misconfigured on this server: {who.problem}
          </p>
        ) : !who.enabled ? (
          <p className="mt-3 text-muted">
            Sign-in is off on this server: it serves one person on this machine.{' '}
            <a href={next} className="text-accent underline">
              Continue to Farview
            </a>
          </p>
        ) : !who.tokens ? (
          <p className="mt-3 text-muted">This server takes your identity from its sign-in proxy. Open Farview through that proxy.</p>
        ) : (
          <>
            <p className="mb-4 text-muted">Paste the token your Farview administrator gave you. It stays valid in this browser for the session.</p>
            {error ? (
              <p role="alert" className="mb-3 rounded border border-err px-2 py-1 text-err">
                {error}
              </p>
            ) : null}
            <form method="post" action="/api/auth/signin" className="flex flex-col gap-3">
              <input type="hidden" name="next" value={next} />
              <label htmlFor="token" className="text-fg">
                Token
              </label>
              <input
                id="token"
                name="token"
                type="password"
                required
                minLength={16}
                maxLength={1024}
                autoComplete="current-password"
                autoFocus
                className="rounded border border-border bg-bg px-2 py-1 text-fg"
              />
              <button type="submit" className="mt-1 rounded border border-accent px-3 py-1 text-accent hover:bg-[var(--row-hover)]">
                Sign in
              </button>
            </form>
          </>
        )}
      </div>
      </main>
    </>
  );
}
