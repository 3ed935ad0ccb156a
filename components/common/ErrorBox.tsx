'use client';
/** A failed request (or a check that failed before one), as the server or the page worded it. */
import type { ApiError } from '@/lib/view/model';
import { ApiRequestError } from './request';

/** The {error, detail} a page writes itself for a problem found before any request. */
export type Problem = Pick<ApiError, 'error' | 'detail'>;

function isProblem(e: unknown): e is Problem {
  return typeof e === 'object' && e !== null && typeof (e as Problem).error === 'string';
}

/**
 * The error and its detail; on a 401, a sign-in link with `signIn` saying what to sign in as (null: no link,
 * for pages that do not need a role).
 */
export function ErrorBox({ error, testId = 'profile-error', signIn = 'with a token that has the editor role, then try again.' }: { error: unknown; testId?: string; signIn?: string | null }) {
  const api = error instanceof ApiRequestError ? error : null;
  const title = api ? api.body.error : error instanceof Error ? error.message : isProblem(error) ? error.error : String(error);
  const detail = api ? api.body.detail : !(error instanceof Error) && isProblem(error) ? error.detail : undefined;
  return (
    <div role="alert" className="rounded border border-err/60 p-2 font-mono text-[12px]" data-testid={testId}>
      <p className="font-semibold text-err">{title}</p>
      {detail ? <p className="whitespace-pre-wrap">{detail}</p> : null}
      {api?.status === 401 && signIn ? (
        <p className="mt-1">
          <a className="text-accent underline" href={`/signin?next=${encodeURIComponent(typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search)}`}>
            Sign in
          </a>{' '}
          {signIn}
        </p>
      ) : null}
    </div>
  );
}
