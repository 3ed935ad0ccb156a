import type { Metadata } from 'next';
import { WhatIfApp } from '@/components/whatif/WhatIfApp';
import { isNamespaceName } from '@/lib/cost/query';
import { decodeParam } from '@/lib/ui/api-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ context: string }> }): Promise<Metadata> {
  return { title: `What-if · ${decodeParam((await params).context)} — Farview` };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `:whatif` — paste or upload manifests and see where each pod template would land and what it would cost. ?ns= sets the default namespace. */
export default async function WhatIfPage({ params, searchParams }: { params: Promise<{ context: string }>; searchParams: SearchParams }) {
  const context = decodeParam((await params).context);
  const ns = (await searchParams).ns;
  const first = Array.isArray(ns) ? ns[0] : ns;
  return (
    <>
      <WhatIfApp key={context} context={context} initialNamespace={first && isNamespaceName(first) ? first : 'default'} />
    </>
  );
}
