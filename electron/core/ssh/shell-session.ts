import type { ClientChannel } from 'ssh2';
import { AppError, isAppError } from '../../../shared/api/errors';
import { isOpenFailure, openWithRetry } from './channel-open';
import { CappedBuffer } from './exec-channel';
import { FORGET_MS, runStopScript } from './remote-kill';
import { abortError, type Release } from './semaphore';
import type { Session } from './session';
import {
  FrameScanner,
  SHELL_PROGRAM,
  commandFeed,
  killCommandScript,
  killShellScript,
  newMarker,
  newTag,
  readyFeed,
} from './shell-frame';
import { where } from './ssh-errors';
import type { ExecOptions, ExecResult, PoolOptions, Timers } from './types';

/** What a shell needs from the pool. */
export interface ShellDeps {
  timers: Timers;
  options: PoolOptions;
}

/** One command handed to a shell by its host's queue. */
export interface ShellJob {
  command: string;
  opts: ExecOptions;
  /** When the caller asked (durationMs counts from here, like exec). */
  started: number;
  /** Aborts with TIMEOUT or ABORTED: the caller's whole-call budget. */
  signal: AbortSignal;
  /** Settle the caller's promise; only the first call counts. */
  resolve(result: ExecResult): void;
  reject(error: Error): void;
}

/** `opening`: waiting for a channel; `busy` includes stopping a cancelled command. */
export type ShellState = 'opening' | 'idle' | 'busy' | 'dead';

/** One framed exchange in flight: the shell's start-up report or a command. */
interface Frame {
  out: FrameScanner;
  err: FrameScanner;
  status: number | undefined;
  onEnd(status: number | undefined): void;
  /** Fails the frame's caller when the shell dies first. */
  onLost(error: AppError): void;
}

/** After the KILL pass, how long a stopped command may take to report before the shell goes. */
const RECOVER_MS = 3_000;
/** Start-up output of the shell kept for error messages (a broken profile, a missing sh). */
const STARTUP_STDERR_MAX = 2_000;

const discard = (): void => undefined;

/**
 * A long-lived `/bin/sh` on one host, fed command after command over one channel of the
 * host's connection (it holds one channel lease for its whole life, so the connection's
 * channel limit still holds). One command at a time; see shell-frame.ts for the framing.
 *
 * A cancelled command is stopped by signalling the shell's descendants over a priority
 * channel; the shell then reports it like any other command and is idle again. If it does
 * not, the shell is killed and its channel closed, and the host opens a new one.
 */
export class ShellSession {
  private channel: ClientChannel | undefined;
  private release: Release | undefined;
  private readonly frames: Frame[] = [];
  private current: ShellState = 'opening';
  private pid: number | undefined;
  /** How the shell process ended, once sshd has said so ("status 1", "signal KILL"). */
  private exitStatus: string | undefined;
  private startupErr = '';
  private readonly closer = new AbortController();
  private readonly pendingTimers: { cancel(): void }[] = [];
  /** Set once the shell is being killed: it must not take another command. */
  private doomed = false;
  private readonly at: string;

  /** @param onChange called whenever the shell becomes idle or dead */
  constructor(
    private readonly session: Session,
    private readonly deps: ShellDeps,
    private readonly onChange: () => void,
  ) {
    this.at = where(session.target.host, session.target.port);
  }

  /** Where the shell is in its life. */
  get state(): ShellState {
    return this.current;
  }

  /**
   * Takes a channel lease (waiting for a reconnect or a free slot), starts the shell and asks
   * for its pid. Resolves as soon as the shell can take a command: the first command is sent
   * right behind the pid request, without waiting a round trip for its answer.
   */
  async open(): Promise<void> {
    const { timers, options } = this.deps;
    try {
      const lease = await this.session.lease(this.closer.signal);
      this.release = lease.release;
      const ch = await openWithRetry<ClientChannel>(
        (cb) => lease.client.exec(SHELL_PROGRAM, cb),
        timers,
        this.closer.signal,
      ).catch((e: unknown) => {
        throw isOpenFailure(e)
          ? new AppError(
              'COMMAND_FAILED',
              `${this.at} refused to open a shell channel: ${(e as Error).message}`,
            )
          : new AppError('HOST_UNREACHABLE', `the connection to ${this.at} was lost`);
      });
      if (this.closer.signal.aborted) {
        ch.close();
        throw abortError(this.closer.signal);
      }
      this.attach(ch);
    } catch (e) {
      this.current = 'dead';
      this.release?.();
      if (isAppError(e)) throw e;
      throw new AppError('INTERNAL', `opening a shell on ${this.at} failed: ${String(e)}`);
    }

    const marker = newMarker();
    const ready: Frame = {
      out: new FrameScanner(marker, true, discard),
      err: new FrameScanner(marker, false, (c) => {
        if (this.startupErr.length < STARTUP_STDERR_MAX) this.startupErr += c.toString('utf8');
      }),
      status: undefined,
      onEnd: (pid) => {
        this.pid = pid;
        this.startupErr = '';
      },
      onLost: discard,
    };
    this.frames.push(ready);
    this.write(readyFeed(marker));
    this.later(() => {
      if (!ready.out.done || !ready.err.done) this.destroy();
    }, options.readyTimeoutMs);
    this.current = 'idle';
  }

  /** Runs a job; the shell must be idle. Settles the job exactly once. */
  start(job: ShellJob): void {
    if (this.current !== 'idle') throw new Error(`shell is ${this.current}, not idle`);
    if (job.signal.aborted) {
      job.reject(abortError(job.signal));
      return;
    }
    const cap = this.deps.options.maxOutputBytes;
    const out = new CappedBuffer(cap);
    const err = new CappedBuffer(cap);
    const marker = newMarker();
    const tag = newTag();
    const onAbort = (): void => {
      job.reject(abortError(job.signal));
      frame.out.redirect(discard);
      frame.err.redirect(discard);
      this.stop(frame, tag);
    };
    const frame: Frame = {
      out: new FrameScanner(marker, true, (c) => {
        out.push(c);
        job.opts.onStdout?.(c);
      }),
      err: new FrameScanner(marker, false, (c) => {
        err.push(c);
        job.opts.onStderr?.(c);
      }),
      status: undefined,
      onEnd: (status) => {
        job.signal.removeEventListener('abort', onAbort);
        const result: ExecResult = {
          code: status ?? null,
          signal: null,
          stdout: out.text(),
          stderr: err.text(),
          durationMs: this.deps.timers.now() - job.started,
        };
        if (out.truncated || err.truncated) result.truncated = true;
        job.resolve(result);
        if (this.doomed) return;
        this.cancelTimers();
        this.current = 'idle';
        this.onChange();
      },
      onLost: (e) => {
        job.signal.removeEventListener('abort', onAbort);
        job.reject(e);
      },
    };
    this.frames.push(frame);
    this.current = 'busy';
    job.signal.addEventListener('abort', onAbort, { once: true });
    this.write(commandFeed(job.command, marker, tag));
  }

  /** Ends the shell: an idle one gets EOF and exits, a busy one is killed. */
  close(): void {
    this.closer.abort(new AppError('ABORTED', `the shell on ${this.at} was closed`));
    if (this.current === 'idle') {
      this.doomed = true;
      this.current = 'busy';
      this.channel?.end();
    } else if (this.current === 'busy') this.destroy();
  }

  private attach(ch: ClientChannel): void {
    this.channel = ch;
    ch.on('data', (chunk: Buffer) => this.onData('out', chunk));
    ch.stderr.on('data', (chunk: Buffer) => this.onData('err', chunk));
    ch.on('exit', (code: number | null, signal?: string) => {
      // The shell is gone. Its channel may stay open for as long as a background process
      // of the last command holds its stdout, so fail its command now and close our side.
      this.exitStatus = typeof code === 'number' ? `status ${code}` : `signal ${String(signal)}`;
      this.gone();
      ch.close();
      this.later(() => this.release?.(), FORGET_MS);
    });
    ch.once('close', () => {
      this.gone();
      this.release?.();
    });
  }

  /** Hands a stream's bytes to the frames in flight, in order, and completes finished ones. */
  private onData(stream: 'out' | 'err', chunk: Buffer): void {
    let data = chunk;
    for (const f of this.frames) {
      const scanner = stream === 'out' ? f.out : f.err;
      if (scanner.done) continue;
      const end = scanner.push(data);
      if (!end) break;
      if (stream === 'out') f.status = end.status;
      data = end.rest;
      if (data.length === 0) break;
    }
    // Bytes after every frame (a background process still writing) belong to no command.
    for (let f = this.frames[0]; f?.out.done && f.err.done; f = this.frames[0]) {
      this.frames.shift();
      f.onEnd(f.status);
    }
  }

  /**
   * Stops a cancelled command: TERM to the shell's descendants and tagged processes at once,
   * KILL after the grace period, and the whole shell if it still has not reported after that.
   */
  private stop(frame: Frame, tag: string): void {
    const { timers, options } = this.deps;
    const kill = (signal: 'TERM' | 'KILL'): void => {
      const script = `${killCommandScript(this.pid, tag, signal)}\nexit 0`;
      void runStopScript(this.session, script, timers).catch(() => undefined);
    };
    const ended = (): boolean => frame.out.done && frame.err.done;
    kill('TERM');
    this.later(() => {
      if (ended()) return;
      kill('KILL');
      this.later(() => {
        if (!ended()) this.destroy(tag);
      }, RECOVER_MS);
    }, options.killGraceMs);
  }

  /** Kills the shell and closes its channel; the host opens a fresh one for later commands. */
  private destroy(tag = newTag()): void {
    if (this.doomed) return;
    this.doomed = true;
    // Not idle any more: the host must not hand it another command.
    if (this.current === 'idle') this.current = 'busy';
    const ch = this.channel;
    if (this.pid !== undefined) {
      void runStopScript(this.session, killShellScript(this.pid, tag), this.deps.timers)
        .catch(() => undefined)
        .finally(() => ch?.close());
    } else {
      ch?.close();
    }
    // sshd keeps a session's channel until its process exits; if that never happens, stop
    // waiting and give the slot back (a refused open later is retried by openWithRetry).
    this.later(() => {
      this.gone();
      this.release?.();
    }, FORGET_MS);
  }

  /** Marks the shell dead once: fails the frames in flight and tells the host. */
  private gone(): void {
    if (this.current === 'dead') return;
    this.current = 'dead';
    this.cancelTimers();
    const status = this.exitStatus === undefined ? '' : ` (${this.exitStatus})`;
    const said = this.startupErr.trim() ? `: ${this.startupErr.trim().slice(0, 500)}` : '';
    const error =
      this.exitStatus !== undefined || this.closer.signal.aborted
        ? new AppError(
            this.closer.signal.aborted ? 'ABORTED' : 'COMMAND_FAILED',
            `the shell on ${this.at} ended${status} while the command ran; it was not retried${said}`,
          )
        : new AppError(
            'HOST_UNREACHABLE',
            `the connection to ${this.at} was lost while the command ran; it was not retried`,
          );
    for (const f of this.frames.splice(0)) f.onLost(error);
    this.onChange();
  }

  private write(text: string): void {
    try {
      this.channel?.write(text);
    } catch {
      // The channel is closing; its close event fails the command.
    }
  }

  private later(fn: () => void, ms: number): void {
    this.pendingTimers.push(this.deps.timers.setTimeout(fn, ms));
  }

  private cancelTimers(): void {
    for (const t of this.pendingTimers.splice(0)) t.cancel();
  }
}
