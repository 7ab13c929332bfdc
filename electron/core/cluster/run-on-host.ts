import type { StepTarget } from '../queue/command-queue';
import type { ExecResult } from '../ssh/types';

/** What running a command on a cluster host needs: the queue's step target. */
export type HostRunner = Pick<StepTarget, 'ensureConnected' | 'run'>;

/**
 * Runs one command on a host over its kept session, connecting first (with remembered
 * secrets) when the session is not up. Throws the connection's AppError when it cannot be.
 */
export async function runOnHost(
  target: HostRunner,
  hostId: string,
  command: string,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<ExecResult> {
  await target.ensureConnected(hostId);
  return target.run(hostId, command, {
    timeoutMs: opts.timeoutMs,
    signal: opts.signal ?? new AbortController().signal,
  });
}
