import type { Metadata } from 'next';
import { ProfileFormApp } from '@/components/profiles/ProfileFormApp';
import { decodeParam } from '@/lib/ui/api-paths';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ context: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function replaceOf(sp: Record<string, string | string[] | undefined>): string | null {
  const r = sp.replace;
  const v = Array.isArray(r) ? r[0] : r;
  return v && v.length <= 200 ? v : null;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const replace = replaceOf(await searchParams);
  return { title: `${replace ? `Replace ${replace}` : 'New Fargate profile'} · ${decodeParam((await params).context)} — Farview` };
}

/** New Fargate profile; `?replace=<name>` replaces that profile (create the new one, wait ACTIVE, delete the old). */
export default async function NewProfilePage({ params, searchParams }: Props) {
  const context = decodeParam((await params).context);
  const replace = replaceOf(await searchParams);
  return (
    <>
      <ProfileFormApp key={`${context}/${replace ?? ''}`} context={context} replace={replace} />
    </>
  );
}
