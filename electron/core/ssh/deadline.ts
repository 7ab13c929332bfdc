import { AppError } from '../../../shared/api/errors';
import type { Timers } from './types';

/**
 * An AbortController that fires with TIMEOUT after `timeoutMs` or with ABORTED when the
 * caller's signal aborts; `dispose` clears both so nothing leaks after the call.
 */
export function callDeadline(
  timers: Timers,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  what: string,
): { signal: AbortSignal; dispose(): void } {
  const ac = new AbortController();
  const timer = timers.setTimeout(
    () =>
      ac.abort(
        new AppError('TIMEOUT', `${what} did not finish within ${timeoutMs} ms`, { timeoutMs }),
      ),
    timeoutMs,
  );
  const onAbort = (): void => ac.abort(new AppError('ABORTED', `${what} was cancelled`));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: ac.signal,
    dispose: () => {
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
