'use client';

import { useQuery } from '@tanstack/react-query';
import { usagePath } from '@/lib/ui/api-paths';
import type { UsageResponse, UsageSnapshot } from '@/lib/usage/types';
import { fetchJson } from '../common/request';

/** How often the browser asks; a third of the server's default poll, so a screen is at most one poll behind. */
const REFRESH_MS = 10_000;

/** The latest usage samples, refreshed while a screen that shows them is open. */
export function useUsage(context: string, enabled: boolean): UsageSnapshot | null {
  const q = useQuery({
    queryKey: ['usage', context],
    queryFn: ({ signal }) => fetchJson<UsageResponse>(usagePath(context), signal),
    enabled,
    refetchInterval: enabled ? REFRESH_MS : false,
    staleTime: REFRESH_MS / 2,
  });
  return q.data?.snapshot ?? null;
}
