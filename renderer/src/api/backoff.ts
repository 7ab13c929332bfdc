/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Defaults: 250 ms, doubling, capped at 10 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 };

/**
 * Delay before reconnect attempt number `attempt` (0-based): exponential, capped, with up to
 * 25 % jitter subtracted so that many tabs do not reconnect in lock-step.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exp = options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30);
  const capped = Math.min(options.maxMs, exp);
  return Math.round(capped * (1 - 0.25 * random()));
}
