'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ContextList } from '@/lib/view/model';
import { clusterPath, CONTEXTS_PATH } from '@/lib/ui/api-paths';
import { fetchJson } from '../common/request';

/**
 * The home page: go straight to the current context's pods, or explain why there is no cluster to show
 * and what to do about it.
 */
export function HomeRedirect() {
  const q = useQuery({ queryKey: ['contexts'], queryFn: ({ signal }) => fetchJson<ContextList>(CONTEXTS_PATH, signal), retry: 0 });
  const current = q.data?.current ?? null;

  useEffect(() => {
    // A full load, not a client navigation: the cluster page applies the saved theme with an inline
    // script, which only runs when the document is parsed.
    if (current) window.location.replace(clusterPath(current, 'view=pods'));
  }, [current]);

  let content: React.ReactNode;
  if (q.isPending || current) {
    content = <p className="text-muted">Reading the kubeconfig…</p>;
  } else if (q.error) {
    content = (
      <>
        <h2 className="text-[15px] font-semibold text-err">The Farview server did not list the kube contexts</h2>
        <p>{q.error.message}</p>
        <p className="text-muted">Check that the server is running and can read KUBECONFIG, then reload.</p>
      </>
    );
  } else {
    const list = q.data?.contexts ?? [];
    content = (
      <>
        <h2 className="text-[15px] font-semibold" data-testid="no-cluster">
          No cluster configured
        </h2>
        {q.data?.error ? <pre className="rounded border border-border bg-panel p-2 font-mono text-[12px] whitespace-pre-wrap text-err">{q.data.error}</pre> : null}
        {list.length ? (
          <>
            <p>The kubeconfig has no current context. Pick one:</p>
            <ul className="list-inside list-disc font-mono text-[12px]">
              {list.map((c) => (
                <li key={c.name}>
                  <a className="text-accent hover:underline" href={clusterPath(c.name, 'view=pods')}>
                    {c.name}
                  </a>{' '}
                  <span className="text-muted">
                    cluster {c.cluster}, user {c.user}
                  </span>
                </li>
              ))}
            </ul>
            <p className="text-muted">Or set FARVIEW_CONTEXT to one of them and restart Farview.</p>
          </>
        ) : (
          <>
            <p>Farview found no kube context. To connect it to an EKS cluster:</p>
            <ol className="list-inside list-decimal space-y-1">
              <li>
                Write a kubeconfig: <code className="font-mono text-accent">aws eks update-kubeconfig --name &lt;cluster&gt; --region &lt;region&gt;</code>
              </li>
              <li>
                Point Farview at it with <code className="font-mono">KUBECONFIG=/path/to/config</code> (default <code className="font-mono">~/.kube/config</code>) and, to pick a
                context, <code className="font-mono">FARVIEW_CONTEXT=&lt;name&gt;</code>.
              </li>
              <li>Restart Farview and reload this page.</li>
            </ol>
          </>
        )}
      </>
    );
  }

  return (
    <main className="mx-auto max-w-[90ch] space-y-3 p-6 text-[13px]">
      <h1 className="text-[18px] font-semibold text-accent">Farview</h1>
      {content}
    </main>
  );
}
