import { randomBytes } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import { AppError, isAppError } from '../../../shared/api/errors';
import { callDeadline } from './deadline';
import { isOpenFailure, openWithRetry } from './channel-open';
import { abortError } from './semaphore';
import { FORGET_MS, killTaggedScript, runStopScript, tagCommand } from './remote-kill';
import type { Session } from './session';
import { where } from './ssh-errors';
import type { ExecOptions, ExecResult, PoolOptions, Timers } from './types';

/** Collects a stream's bytes up to a cap, remembering whether some were dropped. */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  /** Keeps what fits of `chunk` under the cap. */
  push(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part !== chunk) this.truncated = true;
    this.chunks.push(part);
    this.size += part.length;
  }

  /** The kept bytes as UTF-8 text. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Runs one command on the session's connection. Output streams to the callbacks as it comes.
 * A timeout or abort rejects at once and stops the remote command: TERM to its process group
 * (by signal request and by a kill over another channel, as OpenSSH ignores signal requests
 * for root), KILL after a grace period, then the channel is closed. The channel slot is only
 * given back once the channel has closed, so the count of open channels stays exact; sshd
 * keeps a session slot busy while its command lives, so stopping it matters for that too.
 */
export async function runExec(
  session: Session,
  command: string,
  opts: ExecOptions,
  deps: { timers: Timers; options: PoolOptions },
): Promise<ExecResult> {
  const at = where(session.target.host, session.target.port);
  const started = deps.timers.now();
  const token = randomBytes(12).toString('hex');
  const deadline = callDeadline(deps.timers, opts.timeoutMs, opts.signal, `the command on ${at}`);
  try {
    const { client, release } = await session.lease(deadline.signal);
    return await new Promise<ExecResult>((resolve, reject) => {
      const out = new CappedBuffer(deps.options.maxOutputBytes);
      const err = new CappedBuffer(deps.options.maxOutputBytes);
      let exit: { code: number | null; signal: string | null } | undefined;
      let stream: ClientChannel | undefined;
      let done = false;
      const finish = (e: Error | undefined, result?: ExecResult): void => {
        if (done) return;
        done = true;
        deadline.signal.removeEventListener('abort', onAbort);
        if (result) resolve(result);
        else reject(e ?? new Error('no result'));
      };
      let closed = false;
      const kill = (signal: 'TERM' | 'KILL'): Promise<void> =>
        runStopScript(session, killTaggedScript(token, signal), deps.timers).catch(() => undefined);
      const stop = (ch: ClientChannel): void => {
        trySignal(ch, 'TERM');
        void kill('TERM');
        const grace = deps.timers.setTimeout(() => {
          if (closed) return;
          trySignal(ch, 'KILL');
          void kill('KILL').finally(() => {
            ch.close();
            // A process that even KILL does not end (stuck in the kernel) keeps sshd's session
            // open: the slot is given back after a while so that the host is not wedged.
            if (!closed) deps.timers.setTimeout(release, FORGET_MS);
          });
        }, deps.options.killGraceMs);
        ch.once('close', () => grace.cancel());
      };
      const onAbort = (): void => {
        if (stream) stop(stream);
        finish(abortError(deadline.signal));
      };
      deadline.signal.addEventListener('abort', onAbort, { once: true });

      const onChannel = (ch: ClientChannel): void => {
        stream = ch;
        ch.once('close', () => {
          closed = true;
          release();
        });
        if (done) {
          // Aborted while the channel was being opened: stop it at once.
          stop(ch);
          return;
        }
        ch.on('data', (chunk: Buffer) => {
          out.push(chunk);
          opts.onStdout?.(chunk);
        });
        ch.stderr.on('data', (chunk: Buffer) => {
          err.push(chunk);
          opts.onStderr?.(chunk);
        });
        ch.on('exit', (code: number | null, signal?: string) => {
          exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
        });
        // ssh2 emits 'exit' as the exit status arrives, which can be in the same read as the
        // exec's success, before this function runs (a fast command on a busy client): that
        // 'exit' is missed. 'close' comes later and carries the same status (null and the
        // signal for a killed command, nothing when none came), so it is the one to trust.
        ch.on('close', (code?: number | null, signal?: string) => {
          if (exit === undefined && code !== undefined) {
            exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
          }
          if (exit === undefined) {
            finish(
              new AppError(
                'HOST_UNREACHABLE',
                `the connection to ${at} was lost while the command ran`,
              ),
            );
            return;
          }
          const result: ExecResult = {
            code: exit.code,
            signal: exit.signal,
            stdout: out.text(),
            stderr: err.text(),
            durationMs: deps.timers.now() - started,
          };
          if (out.truncated || err.truncated) result.truncated = true;
          finish(undefined, result);
        });
        if (opts.stdin !== undefined) ch.end(opts.stdin);
        else ch.end();
      };
      openWithRetry<ClientChannel>(
        (cb) => client.exec(tagCommand(command, token), cb),
        deps.timers,
        deadline.signal,
      ).then(onChannel, (e: unknown) => {
        release();
        finish(
          isOpenFailure(e)
            ? new AppError(
                'COMMAND_FAILED',
                `${at} refused to open a channel: ${(e as Error).message}`,
              )
            : new AppError('HOST_UNREACHABLE', `the connection to ${at} was lost`),
        );
      });
    });
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new AppError('INTERNAL', `running a command on ${at} failed: ${String(e)}`);
  } finally {
    deadline.dispose();
  }
}

/** The parts of ssh2's channel internals needed to signal after stdin was closed. */
interface ChannelInternals {
  outgoing?: { id?: number; state?: string };
  _client?: { _protocol?: { signal?(id: number, name: string): void } };
}

/**
 * Sends a signal request. ssh2's public `signal()` silently does nothing once our side of the
 * channel is ended (stdin closed), which is every command here, so the request is sent
 * through the protocol object the same way that method does, when the channel is still open.
 */
function trySignal(ch: ClientChannel, name: string): void {
  try {
    const internal = ch as unknown as ChannelInternals;
    const id = internal.outgoing?.id;
    const protocol = internal._client?._protocol;
    if (
      typeof id === 'number' &&
      (internal.outgoing?.state === 'open' || internal.outgoing?.state === 'eof') &&
      typeof protocol?.signal === 'function'
    ) {
      protocol.signal(id, name);
    } else {
      ch.signal(name);
    }
  } catch {
    // The channel may already be closing; closing it is enough then.
  }
}
