import type { Metadata } from 'next';
import { AuditApp } from '@/components/profiles/AuditApp';
import { decodeParam } from '@/lib/ui/api-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ context: string }> }): Promise<Metadata> {
  return { title: `Audit log · ${decodeParam((await params).context)} — Farview` };
}

/** `:audit` — every change made through Farview to this context: who, what, when, and how it went. */
export default async function AuditPage({ params }: { params: Promise<{ context: string }> }) {
  const context = decodeParam((await params).context);
  return (
    <>
      <AuditApp key={context} context={context} />
    </>
  );
}
