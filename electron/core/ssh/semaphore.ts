/** A released permit; calling it more than once is harmless. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
}

/**
 * Counting semaphore with a FIFO queue. Used to keep a connection under sshd's MaxSessions:
 * every exec and SFTP channel holds one permit until the channel has closed.
 */
export class Semaphore {
  private inUse = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('semaphore limit must be >= 1');
  }

  /** Permits currently held. */
  get active(): number {
    return this.inUse;
  }

  /** Callers waiting for a permit. */
  get queued(): number {
    return this.waiters.length;
  }

  /** A permit now if one is free (and nobody waits for one), else undefined. */
  tryAcquire(): Release | undefined {
    if (this.inUse >= this.limit || this.waiters.length > 0) return undefined;
    this.inUse++;
    return this.releaser();
  }

  /**
   * Waits for a permit. If `signal` aborts first the wait is dropped from the queue and the
   * promise rejects with the signal's reason, so a timed-out call never takes a permit later.
   * A `priority` caller is served before those already waiting.
   */
  acquire(signal?: AbortSignal, opts: { priority?: boolean } = {}): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.inUse < this.limit) {
      this.inUse++;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Priority waiters (e.g. the command that kills a cancelled one) go first in line.
      if (opts.priority) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      // Hand the permit straight to the next waiter so the count never dips and races.
      if (next) next.grant(this.releaser());
      else this.inUse--;
    };
  }
}

/** The abort reason of a signal as an Error (reasons may be any value). */
export function abortError(signal: AbortSignal | undefined): Error {
  const r: unknown = signal?.reason;
  return r instanceof Error ? r : new Error(typeof r === 'string' ? r : 'aborted');
}
