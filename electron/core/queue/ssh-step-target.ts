import { posix } from 'node:path';
import { cmd } from '../../../shared/shell/quote';
import { AppError } from '../../../shared/api/errors';
import type { PlannedFile } from '../../../shared/plan/types';
import type { HostService, SshSessions } from '../hosts/host-service';
import { readRemoteFiles } from '../cluster/read-files';
import type { ExecResult } from '../ssh/types';

/** The parts of the SSH pool the queue's steps use. */
export interface StepSessions extends SshSessions {
  sftpWrite(
    hostId: string,
    path: string,
    data: Buffer,
    opts?: { mode?: number; signal?: AbortSignal },
  ): Promise<void>;
}

/** Runs queued steps over the kept SSH sessions, connecting (with remembered secrets) when needed. */
export class SshStepTarget {
  constructor(
    private readonly sessions: StepSessions,
    private readonly hosts: Pick<HostService, 'connect'>,
  ) {}

  /** Connects if the kept session is not up. */
  async ensureConnected(hostId: string): Promise<void> {
    if (this.sessions.state(hostId) === 'connected') return;
    await this.hosts.connect({ hostId });
  }

  /** Runs one command, through the framed shell when available. */
  run(
    hostId: string,
    command: string,
    opts: { timeoutMs: number; signal: AbortSignal },
  ): Promise<ExecResult> {
    return this.sessions.run
      ? this.sessions.run(hostId, command, opts)
      : this.sessions.exec(hostId, command, opts);
  }

  /**
   * Writes a planned file: refuses when the host's copy is neither what the plan's diff was made
   * against nor the planned content (someone changed it since: preview again rather than lose
   * that edit), creates the folder, writes atomically (SFTP temp + rename), sets owner and mode.
   */
  async writeFile(hostId: string, file: PlannedFile, signal: AbortSignal): Promise<void> {
    const now = (
      await readRemoteFiles(
        (command, opts) => this.run(hostId, command, { ...opts, signal }),
        [file.path],
      )
    )[file.path];
    if (now !== file.current && now !== file.content) {
      throw new AppError(
        'FILE_CHANGED_ON_HOST',
        `${file.path} changed on the host since the plan was made; cancel this queue and preview the plan again (nothing was written)`,
        { hostId, path: file.path },
      );
    }
    const mkdir = await this.run(hostId, cmd('mkdir', '-p', '--', posix.dirname(file.path)), {
      timeoutMs: 30_000,
      signal,
    });
    if (mkdir.code !== 0)
      throw new AppError(
        'COMMAND_FAILED',
        `cannot create the folder of ${file.path}: ${mkdir.stderr.trim()}`,
      );
    const mode = parseInt(file.mode, 8);
    await this.sessions.sftpWrite(hostId, file.path, Buffer.from(file.content, 'utf8'), {
      mode,
      signal,
    });
    const own = await this.run(
      hostId,
      `${cmd('chown', `${file.owner}:${file.group}`, '--', file.path)} && ${cmd('chmod', file.mode, '--', file.path)}`,
      { timeoutMs: 30_000, signal },
    );
    if (own.code !== 0)
      throw new AppError(
        'COMMAND_FAILED',
        `cannot set owner/mode of ${file.path}: ${own.stderr.trim()}`,
      );
  }
}
