'use client';

import { clusterPath } from '@/lib/ui/api-paths';
import type { StreamProblem } from './useLiveCluster';
import { StateMessage } from './StateMessage';
import { useNow } from './useNow';

/** What to do about a failure, from the status and the source the server blamed. */
export function hintFor(problem: StreamProblem): string {
  if (problem.status === 0) return 'The Farview server is not answering: check that it is still running, then reload.';
  if (problem.status === 404) return 'Pick one of the contexts below, or set FARVIEW_CONTEXT to a context in your kubeconfig and restart Farview.';
  if (problem.source === 'kubeconfig') return 'Check KUBECONFIG / FARVIEW_CONTEXT: the file must exist, be readable, and name this context.';
  if (problem.source === 'eks' || problem.source === 'elbv2' || problem.source === 'ec2')
    return 'Check the AWS credentials (AWS_PROFILE, AWS_REGION, SSO login) available to the Farview server.';
  return 'Check KUBECONFIG / FARVIEW_CONTEXT, your network or VPN, and that the cluster API server is reachable (kubectl get nodes).';
}

/** The full-screen error while there is no data: the server's message, what to do, and the retry countdown. */
export function StreamProblemMessage({ context, problem, retryAt, contexts }: { context: string; problem: StreamProblem; retryAt: number | null; contexts: readonly string[] }) {
  const now = useNow(1000);
  const wait = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  const others = contexts.filter((c) => c !== context);
  return (
    <StateMessage title={`Cannot show ${context}: ${problem.error}`} tone="err" testId="stream-error">
      {problem.detail ? <pre className="rounded border border-border bg-panel p-2 font-mono text-[12px] whitespace-pre-wrap">{problem.detail}</pre> : null}
      <p>{hintFor(problem)}</p>
      {problem.status === 404 && others.length ? (
        <ul className="list-inside list-disc font-mono text-[12px]">
          {others.map((c) => (
            <li key={c}>
              <a className="text-accent hover:underline" href={clusterPath(c, 'view=pods')}>
                {c}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="text-muted">{wait > 0 ? `Retrying in ${wait}s…` : 'Retrying…'}</p>
    </StateMessage>
  );
}
