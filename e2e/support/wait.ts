import { isAppError, type AppError } from '../../shared/api/errors';

/** The AppError a promise rejects with; fails the test if it resolves or throws something else. */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

/** Polls a condition (sync or async) until it holds; throws naming `what` when time is up. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  opts: { timeoutMs?: number; everyMs?: number; what?: string } = {},
): Promise<void> {
  const end = Date.now() + (opts.timeoutMs ?? 10_000);
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${opts.what ?? 'a condition'}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 50));
  }
}
