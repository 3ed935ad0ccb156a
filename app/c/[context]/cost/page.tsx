import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CostApp } from '@/components/cost/CostApp';
import { decodeParam } from '@/lib/ui/api-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ context: string }> }): Promise<Metadata> {
  return { title: `Cost · ${decodeParam((await params).context)} — Farview` };
}

/** `:cost` — the live cost view of a context; grouping and filters are in the query string (?by=&ns=&place=). */
export default async function CostPage({ params }: { params: Promise<{ context: string }> }) {
  const context = decodeParam((await params).context);
  return (
    <>
      <Suspense fallback={<div className="p-6 font-mono text-[13px] text-muted">Loading the cost of {context}…</div>}>
        <CostApp key={context} context={context} />
      </Suspense>
    </>
  );
}
