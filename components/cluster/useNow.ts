'use client';

import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `intervalMs` (ages and freshness are computed from it). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(t);
  }, [intervalMs]);
  return now;
}
