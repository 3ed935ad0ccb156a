import type { Metadata } from 'next';
import { Suspense } from 'react';
import { preload } from 'react-dom';
import { ClusterApp } from '@/components/cluster/ClusterApp';
import { decodeParam, viewPath } from '@/lib/ui/api-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ context: string }> }): Promise<Metadata> {
  const { context } = await params;
  return { title: `${decodeParam(context)} — Farview` };
}

/** The cluster screens of one kube context; the view (pods, nodes, …, filter, sort, selection) is in the query string. */
export default async function ClusterPage({ params }: { params: Promise<{ context: string }> }) {
  const context = decodeParam((await params).context);
  // The browser fetches the view while the scripts load; useLiveCluster's fetch then finds it ready.
  preload(viewPath(context), { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <Suspense fallback={<div className="p-6 font-mono text-[13px] text-muted">Loading {context}…</div>}>
      {/* Keyed by context: switching clusters starts a fresh store and stream. */}
      <ClusterApp key={context} context={context} />
    </Suspense>
  );
}
