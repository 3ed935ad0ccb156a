/**
 * metrics-server's clock in the simulator: it runs `speed` times faster than the wall clock from the moment it is
 * made, so that a simulated day of usage passes in 86,400 / speed seconds under `--speed`. Wall-clock times (a
 * container's `startedAt`) map onto it with `of`, so the patterns see the time a container has run on the same clock.
 * With speed 1 both clocks are the wall clock.
 */
export interface UsageClock {
  readonly speed: number;
  /** Now, on the usage clock (ms since the epoch). */
  now(): number;
  /** A wall-clock time on the usage clock. */
  of(wallMs: number): number;
  /** How many wall-clock ms until the usage clock reaches `usageMs` (0 when it has). */
  wallMsUntil(usageMs: number): number;
}

export function usageClock(wall: () => Date, speed: number): UsageClock {
  const t0 = wall().getTime();
  const of = (ms: number) => (speed === 1 ? ms : t0 + (ms - t0) * speed);
  return {
    speed,
    of,
    now: () => of(wall().getTime()),
    wallMsUntil: (usageMs) => Math.max(0, (usageMs - of(wall().getTime())) / speed),
  };
}
