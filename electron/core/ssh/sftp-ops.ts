import type { SFTPWrapper } from 'ssh2';
import { AppError, isAppError } from '../../../shared/api/errors';
import { isOpenFailure, openWithRetry } from './channel-open';
import { callDeadline } from './deadline';
import { abortError } from './semaphore';
import type { Session } from './session';
import { where } from './ssh-errors';
import type { PoolOptions, Timers } from './types';

/** Options of one SFTP operation. */
export interface SftpOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Options of {@link sftpWrite}. */
export interface SftpWriteOptions extends SftpOptions {
  /** File mode of the written file, e.g. 0o644. */
  mode?: number;
}

interface SftpDeps {
  timers: Timers;
  options: PoolOptions;
  random(): number;
}

const DEFAULT_SFTP_TIMEOUT_MS = 60_000;

/** Turns an SFTP status error into an AppError naming the path and host. */
function sftpError(e: unknown, what: string, path: string, at: string): AppError {
  if (isAppError(e)) return e;
  const err = e as { code?: unknown; message?: unknown };
  const msg = typeof err.message === 'string' ? err.message : String(e);
  // ssh2 reports SFTP status 2 (no such file) as code 2.
  if (err.code === 2) return new AppError('NOT_FOUND', `${path} does not exist on ${at}`, { path });
  return new AppError('COMMAND_FAILED', `${what} ${path} on ${at} failed: ${msg}`, { path });
}

/**
 * Runs `fn` on an SFTP channel that takes one of the session's channel slots, and closes it
 * afterwards. The slot is given back when the channel has closed.
 */
async function withSftp<T>(
  session: Session,
  deps: SftpDeps,
  opts: SftpOptions,
  what: string,
  path: string,
  fn: (sftp: SFTPWrapper) => Promise<T>,
): Promise<T> {
  const at = where(session.target.host, session.target.port);
  const deadline = callDeadline(
    deps.timers,
    opts.timeoutMs ?? DEFAULT_SFTP_TIMEOUT_MS,
    opts.signal,
    `${what} ${path} on ${at}`,
  );
  let sftp: SFTPWrapper | undefined;
  try {
    const { client, release } = await session.lease(deadline.signal);
    try {
      sftp = await openWithRetry<SFTPWrapper>(
        (cb) => client.sftp(cb),
        deps.timers,
        deadline.signal,
      );
    } catch (e) {
      release();
      throw isOpenFailure(e)
        ? new AppError('COMMAND_FAILED', `${at} refused an SFTP channel: ${(e as Error).message}`)
        : new AppError('HOST_UNREACHABLE', `the connection to ${at} was lost`);
    }
    sftp.once('close', release);
    const channel = sftp;
    // Race the work against the deadline; on timeout the channel is closed below.
    return await new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(abortError(deadline.signal));
      if (deadline.signal.aborted) onAbort();
      deadline.signal.addEventListener('abort', onAbort, { once: true });
      fn(channel)
        .then(resolve, reject)
        .finally(() => deadline.signal.removeEventListener('abort', onAbort));
    });
  } catch (e) {
    throw sftpError(e, what, path, at);
  } finally {
    deadline.dispose();
    sftp?.end();
  }
}

/** Promisifies one SFTP call. */
function call<T>(f: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    f((err, value) => (err ? reject(err) : resolve(value))),
  );
}

/** Reads a whole remote file. */
export function sftpRead(
  session: Session,
  path: string,
  opts: SftpOptions,
  deps: SftpDeps,
): Promise<Buffer> {
  return withSftp(session, deps, opts, 'reading', path, (sftp) =>
    call<Buffer>((cb) => sftp.readFile(path, (err, data) => cb(err, data))),
  );
}

/**
 * Writes a remote file atomically: to a temporary name in the same directory, flushed to
 * disk, then renamed over the target, so a crash never leaves a half-written file.
 */
export function sftpWrite(
  session: Session,
  path: string,
  data: Buffer | string,
  opts: SftpWriteOptions,
  deps: SftpDeps,
): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const slash = path.lastIndexOf('/');
  const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
  const base = path.slice(slash + 1);
  const tmp = `${dir}.${base}.clusterdeck-${Math.floor(deps.random() * 1e12).toString(36)}.tmp`;
  return withSftp(session, deps, opts, 'writing', path, async (sftp) => {
    const handle = await call<Buffer>((cb) =>
      sftp.open(tmp, 'w', { mode: opts.mode ?? 0o644 }, (err, h) => cb(err, h)),
    );
    try {
      // open() is subject to the server's umask; fchmod sets the exact mode asked for.
      if (opts.mode !== undefined)
        await call<undefined>((cb) =>
          sftp.fchmod(handle, opts.mode ?? 0o644, (err) => cb(err, undefined)),
        );
      let offset = 0;
      while (offset < bytes.length) {
        const len = Math.min(32 * 1024, bytes.length - offset);
        const at = offset;
        await call<undefined>((cb) =>
          sftp.write(handle, bytes, at, len, at, (err) => cb(err, undefined)),
        );
        offset += len;
      }
      await call<undefined>((cb) =>
        sftp.ext_openssh_fsync(handle, (err) => cb(err, undefined)),
      ).catch(() => undefined);
    } finally {
      await call<undefined>((cb) => sftp.close(handle, (err) => cb(err, undefined))).catch(
        () => undefined,
      );
    }
    try {
      // POSIX rename replaces the target in one step; plain SFTP rename refuses an existing one.
      await call<undefined>((cb) =>
        sftp.ext_openssh_rename(tmp, path, (err) => cb(err, undefined)),
      );
    } catch (e) {
      await call<undefined>((cb) => sftp.unlink(tmp, (err) => cb(err, undefined))).catch(
        () => undefined,
      );
      throw e;
    }
  });
}
