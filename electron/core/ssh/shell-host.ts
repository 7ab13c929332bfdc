import { AppError } from '../../../shared/api/errors';
import { callDeadline } from './deadline';
import { abortError } from './semaphore';
import type { Session } from './session';
import { ShellSession, type ShellDeps, type ShellJob } from './shell-session';
import { where } from './ssh-errors';
import type { ExecOptions, ExecResult } from './types';

/**
 * The framed shells of one host connection and the FIFO queue of commands waiting for them.
 * Commands start in the order they were asked for; with one shell (the default) they also run
 * and finish in that order. Up to `shells` shells are opened, one at a time and only while
 * every open shell is busy; each keeps one of the connection's channels for its life.
 */
export class ShellHost {
  private readonly shells: ShellSession[] = [];
  private readonly queue: ShellJob[] = [];
  private closed = false;

  constructor(
    /** The connection the shells live on; a replaced connection gets a new ShellHost. */
    readonly session: Session,
    private readonly deps: ShellDeps & { shells: number },
  ) {}

  /** Shells open or opening, and commands waiting for one (for tests and diagnostics). */
  get stats(): { shells: number; queued: number } {
    return { shells: this.shells.length, queued: this.queue.length };
  }

  /**
   * Runs a command through one of the host's shells. The timeout covers queueing, opening a
   * shell and the command; a timeout or abort rejects at once and stops the command.
   */
  run(command: string, opts: ExecOptions): Promise<ExecResult> {
    const { timers } = this.deps;
    const at = where(this.session.target.host, this.session.target.port);
    const started = timers.now();
    const deadline = callDeadline(timers, opts.timeoutMs, opts.signal, `the command on ${at}`);
    return new Promise<ExecResult>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        deadline.signal.removeEventListener('abort', onQueuedAbort);
        deadline.dispose();
        return true;
      };
      const job: ShellJob = {
        command,
        opts,
        started,
        signal: deadline.signal,
        resolve: (r) => {
          if (settle()) resolve(r);
        },
        reject: (e) => {
          if (settle()) reject(e);
        },
      };
      // Only while queued: once a shell has the job, the shell stops it on abort.
      const onQueuedAbort = (): void => {
        const i = this.queue.indexOf(job);
        if (i < 0) return;
        this.queue.splice(i, 1);
        job.reject(abortError(deadline.signal));
      };
      if (this.closed) {
        job.reject(new AppError('ABORTED', `the connection to ${at} was closed`));
        return;
      }
      if (deadline.signal.aborted) {
        job.reject(abortError(deadline.signal));
        return;
      }
      deadline.signal.addEventListener('abort', onQueuedAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Fails queued commands with ABORTED and ends every shell. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const at = where(this.session.target.host, this.session.target.port);
    for (const job of this.queue.splice(0)) {
      job.reject(new AppError('ABORTED', `the connection to ${at} was closed`));
    }
    for (const shell of this.shells.splice(0)) shell.close();
  }

  /** Starts queued commands on idle shells, opening a shell when all are busy. */
  private pump(): void {
    if (this.closed) return;
    for (;;) {
      const idle = this.shells.find((s) => s.state === 'idle');
      if (!idle) break;
      const job = this.queue.shift();
      if (!job) return;
      idle.start(job);
    }
    const opening = this.shells.some((s) => s.state === 'opening');
    if (this.queue.length > 0 && !opening && this.shells.length < this.deps.shells) {
      this.openShell();
    }
  }

  private openShell(): void {
    const shell = new ShellSession(this.session, this.deps, () => {
      if (shell.state === 'dead') this.forget(shell);
      this.pump();
    });
    this.shells.push(shell);
    shell.open().then(
      () => this.pump(),
      (e: unknown) => {
        this.forget(shell);
        // The queued commands were waiting for this shell; with no other shell alive they
        // would wait for nothing, so they get the reason (e.g. HOST_KEY_CHANGED) now.
        if (this.shells.length === 0) {
          const err = e instanceof Error ? e : new Error(String(e));
          for (const job of this.queue.splice(0)) job.reject(err);
        }
        this.pump();
      },
    );
  }

  private forget(shell: ShellSession): void {
    const i = this.shells.indexOf(shell);
    if (i >= 0) this.shells.splice(i, 1);
  }
}
