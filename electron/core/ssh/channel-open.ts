import type { Timers } from './types';

const MAX_TRIES = 8;

/**
 * Opens a channel, retrying a refused open a few times with short doubling pauses. sshd
 * frees a closed session only on its next loop turn, so an open sent right after a close
 * can be refused although our count is below MaxSessions; a server with a lower MaxSessions
 * is survived the same way. Gives up on abort or after the last try.
 */
export async function openWithRetry<T>(
  open: (cb: (err: Error | undefined, channel: T) => void) => void,
  timers: Timers,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<T>((resolve, reject) => {
        open((err, channel) => (err ? reject(err) : resolve(channel)));
      });
    } catch (e) {
      if (!isOpenFailure(e) || attempt + 1 >= MAX_TRIES || signal?.aborted) throw e;
      await new Promise<void>((resolve) => timers.setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** Whether the server refused a channel open (as opposed to a lost connection). */
export function isOpenFailure(e: unknown): boolean {
  return e instanceof Error && /Channel open failure/i.test(e.message);
}
