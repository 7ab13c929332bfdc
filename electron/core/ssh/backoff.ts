/**
 * Delay before reconnect attempt `attempt` (0-based): base doubling up to max, with "equal
 * jitter" (half fixed, half random) so many hosts dropped at once do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exp / 2 + (exp / 2) * random());
}
