import { Client } from 'ssh2';
import { AppError } from '../../../shared/api/errors';
import type { ConnectionState } from '../../../shared/model/host';
import { runExec } from './exec-channel';
import type { HostKey } from './host-keys';
import { Session } from './session';
import { ShellHost } from './shell-host';
import { sftpRead, sftpWrite, type SftpOptions, type SftpWriteOptions } from './sftp-ops';
import {
  DEFAULT_POOL_OPTIONS,
  realTimers,
  type ExecOptions,
  type ExecResult,
  type HostKeyVerifier,
  type PoolOptions,
  type SshTarget,
  type StateChange,
  type Timers,
} from './types';

/** What the pool needs from outside; only `verifier` is required. */
export interface SshPoolDeps {
  verifier: HostKeyVerifier;
  createClient?: () => Client;
  timers?: Timers;
  random?: () => number;
  /** Environment read for SSH_AUTH_SOCK; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  options?: Partial<PoolOptions>;
}

/** A listener of connection state changes. */
export type StateListener = (change: StateChange) => void;

/**
 * Keeps one SSH connection per host and runs commands and SFTP transfers over it, never more
 * than `maxChannelsPerHost` channels at a time per connection. Host keys are checked by the
 * injected verifier before authentication, on every connect and reconnect.
 */
export class SshPool {
  private readonly sessions = new Map<string, Session>();
  private readonly shellHosts = new Map<string, ShellHost>();
  private readonly listeners = new Set<StateListener>();
  private readonly options: PoolOptions;
  private readonly timers: Timers;
  private readonly random: () => number;

  constructor(private readonly deps: SshPoolDeps) {
    this.options = { ...DEFAULT_POOL_OPTIONS, ...deps.options };
    this.timers = deps.timers ?? realTimers;
    this.random = deps.random ?? Math.random;
  }

  /**
   * Connects to a host (or reuses its live connection). Rejects with HOST_KEY_UNKNOWN /
   * HOST_KEY_CHANGED (details: keyType, fingerprint), SSH_AUTH_FAILED,
   * SSH_CREDENTIAL_REQUIRED, HOST_UNREACHABLE or TIMEOUT. A changed target replaces the old
   * connection.
   */
  async connect(target: SshTarget): Promise<void> {
    let session = this.sessions.get(target.hostId);
    if (session && !sameTarget(session.target, target)) {
      session.disconnect();
      session = undefined;
    }
    if (!session) {
      const env = this.deps.env ?? process.env;
      session = new Session(target, {
        createClient: this.deps.createClient ?? (() => new Client()),
        verifier: this.deps.verifier,
        timers: this.timers,
        random: this.random,
        agentSocket: () => env['SSH_AUTH_SOCK'],
        options: this.options,
        emit: (change) => this.emit(change),
      });
      this.sessions.set(target.hostId, session);
    }
    await session.connect();
  }

  /**
   * Runs a command. Waits (within `timeoutMs`) for a reconnect or a free channel; a timeout
   * or abort stops the remote command and rejects with TIMEOUT / ABORTED. A non-zero exit
   * is a result, not an error.
   */
  async exec(hostId: string, command: string, opts: ExecOptions): Promise<ExecResult> {
    return runExec(this.session(hostId), command, opts, {
      timers: this.timers,
      options: this.options,
    });
  }

  /**
   * Runs a short command through the host's long-lived framed shell: over a kept connection
   * this costs a round trip and a fork instead of a new SSH session (sshd forking and starting
   * a shell for every channel). Same result, errors and timeout/abort behaviour as `exec`,
   * with these differences: the command runs in `/bin/sh` (not the login shell) in a subshell
   * of its own, with stdin from /dev/null; commands on one host run one after another (FIFO,
   * or up to `shellsPerHost` at once); a command killed by a signal reports `code` 128+n and
   * `signal` null. A command given `stdin` goes to `exec` instead. A command in flight when
   * the shell or connection dies fails and is not retried; the next one gets a fresh shell.
   * Use `exec` for long-running, streaming-heavy or stdin-fed commands.
   */
  async run(hostId: string, command: string, opts: ExecOptions): Promise<ExecResult> {
    if (opts.stdin !== undefined) return this.exec(hostId, command, opts);
    const session = this.session(hostId);
    let host = this.shellHosts.get(hostId);
    if (host?.session !== session) {
      host?.close();
      host = new ShellHost(session, {
        timers: this.timers,
        options: this.options,
        shells: Math.max(
          1,
          Math.min(this.options.shellsPerHost, this.options.maxChannelsPerHost - 2),
        ),
      });
      this.shellHosts.set(hostId, host);
    }
    return host.run(command, opts);
  }

  /** Reads a remote file whole over SFTP. */
  async sftpRead(hostId: string, path: string, opts: SftpOptions = {}): Promise<Buffer> {
    return sftpRead(this.session(hostId), path, opts, this.sftpDeps());
  }

  /** Writes a remote file atomically (temporary file, fsync, rename) over SFTP. */
  async sftpWrite(
    hostId: string,
    path: string,
    data: Buffer | string,
    opts: SftpWriteOptions = {},
  ): Promise<void> {
    return sftpWrite(this.session(hostId), path, data, opts, this.sftpDeps());
  }

  /** The host's connection state; `disconnected` for a host never connected. */
  state(hostId: string): ConnectionState {
    return this.sessions.get(hostId)?.state ?? 'disconnected';
  }

  /** The host key accepted on the host's last successful connect. */
  hostKey(hostId: string): HostKey | undefined {
    return this.sessions.get(hostId)?.hostKey;
  }

  /** Channels open and calls queued on the host's connection right now. */
  channels(hostId: string): { active: number; queued: number } {
    return this.sessions.get(hostId)?.channels ?? { active: 0, queued: 0 };
  }

  /** Subscribes to state changes of every host; returns the unsubscribe function. */
  onState(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Closes a host's connection without reconnecting; running calls fail. */
  disconnect(hostId: string): Promise<void> {
    const s = this.sessions.get(hostId);
    this.sessions.delete(hostId);
    this.shellHosts.get(hostId)?.close();
    this.shellHosts.delete(hostId);
    s?.disconnect();
    return Promise.resolve();
  }

  /** Closes every connection. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.disconnect(id)));
  }

  private session(hostId: string): Session {
    const s = this.sessions.get(hostId);
    if (!s)
      throw new AppError('NOT_FOUND', `host ${hostId} is not connected; connect it first`, {
        hostId,
      });
    return s;
  }

  private sftpDeps(): { timers: Timers; options: PoolOptions; random: () => number } {
    return { timers: this.timers, options: this.options, random: this.random };
  }

  private emit(change: StateChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch {
        // A faulty listener must not break the connection's bookkeeping.
      }
    }
  }
}

function sameTarget(a: SshTarget, b: SshTarget): boolean {
  return (
    a.host === b.host &&
    a.port === b.port &&
    a.username === b.username &&
    a.auth.method === b.auth.method &&
    JSON.stringify(a.auth) === JSON.stringify(b.auth)
  );
}
