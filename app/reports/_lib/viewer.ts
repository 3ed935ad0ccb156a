import 'server-only';
import { headers } from 'next/headers';
import { mayUse } from '@/lib/server/write-guard';

/**
 * Whether whoever opened this page may browse other reports: anyone when sign-in is off, a signed-in user when
 * it is on. A report shared publicly (FARVIEW_PUBLIC_REPORTS=1) opens for anyone with its link, and must reveal
 * that report only: no ids or titles of the others.
 */
export async function mayBrowseReports(): Promise<boolean> {
  return mayUse(new Request('http://farview.invalid/', { headers: await headers() }));
}
