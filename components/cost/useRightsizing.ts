'use client';

import { useQuery } from '@tanstack/react-query';
import { rightsizingPath } from '@/lib/ui/api-paths';
import type { RightsizingResponse } from '@/lib/usage/types';
import { fetchJson } from '../common/request';

/** History changes every 5 minutes at most (one bucket): a minute between reads is plenty. */
const REFRESH_MS = 60_000;

/** Right-sizing on usage for the cost page, optionally for one namespace. */
export function useRightsizing(context: string, namespace: string | null): { advice: RightsizingResponse | null; error: string | null } {
  const q = useQuery({
    queryKey: ['rightsizing', context, namespace],
    queryFn: ({ signal }) => fetchJson<RightsizingResponse>(`${rightsizingPath(context)}${namespace ? `?namespace=${encodeURIComponent(namespace)}` : ''}`, signal),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS / 2,
  });
  return { advice: q.data ?? null, error: q.error ? (q.error instanceof Error ? q.error.message : String(q.error)) : null };
}
