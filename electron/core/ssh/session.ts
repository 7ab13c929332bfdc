import type { Client, ConnectConfig } from 'ssh2';
import { AppError } from '../../../shared/api/errors';
import type { ConnectionState } from '../../../shared/model/host';
import { backoffDelay } from './backoff';
import { hostKeyAlgorithms, hostVerifierFor, knownKeysOf } from './host-key-check';
import type { HostKey, KnownHostKey } from './host-keys';
import { Semaphore, abortError, type Release } from './semaphore';
import { checkPrivateKey, mapConnectError, where } from './ssh-errors';
import type {
  HostKeyTarget,
  HostKeyVerifier,
  PoolOptions,
  SshTarget,
  StateChange,
  Timers,
} from './types';

/** What a session needs from the outside world; all of it is swappable in tests. */
export interface SessionDeps {
  createClient(): Client;
  verifier: HostKeyVerifier;
  timers: Timers;
  random(): number;
  /** The agent socket to use when the target asks for the agent without naming one. */
  agentSocket(): string | undefined;
  options: PoolOptions;
  emit(change: StateChange): void;
}

/** Errors after which retrying cannot help: the user must act first. */
const FATAL_CODES = new Set([
  'HOST_KEY_CHANGED',
  'HOST_KEY_UNKNOWN',
  'SSH_AUTH_FAILED',
  'SSH_CREDENTIAL_REQUIRED',
  'VALIDATION',
]);

interface ReadyWaiter {
  resolve(client: Client): void;
  reject(e: Error): void;
}

/** A channel slot on a live connection; `release` must run once the channel has closed. */
export interface ChannelLease {
  client: Client;
  release: Release;
}

/**
 * One host's kept SSH connection: connects, verifies the host key on every (re)connect, keeps
 * the connection alive, reconnects with backoff when it drops, and hands out at most
 * `maxChannelsPerHost` channels at once.
 *
 * One of those slots is kept for stopping commands (priority leases): sshd holds a session's
 * slot for as long as its command lives, so if every slot could belong to a command that
 * ignores TERM, the script that kills it would never get a channel, the channels would never
 * close, and the host would be wedged for good.
 */
export class Session {
  /** The slots of ordinary work: every slot but the one kept for stopping. */
  private readonly semaphore: Semaphore;
  /** The slot kept for stopping commands; undefined when the host allows one channel only. */
  private readonly reserve: Semaphore | undefined;
  private client: Client | undefined;
  private current: ConnectionState = 'disconnected';
  private waiters: ReadyWaiter[] = [];
  private retryTimer: { cancel(): void } | undefined;
  private lastError: AppError | undefined;
  /** Why the last reconnect attempt failed (reported to callers that give up waiting). */
  private reconnectError: AppError | undefined;
  /** Bumped on every deliberate disconnect so late callbacks of an old attempt are ignored. */
  private generation = 0;
  /** The key the host presented on the last successful connect. */
  hostKey: HostKey | undefined;

  constructor(
    readonly target: SshTarget,
    private readonly deps: SessionDeps,
  ) {
    const max = deps.options.maxChannelsPerHost;
    this.semaphore = new Semaphore(max > 1 ? max - 1 : max);
    this.reserve = max > 1 ? new Semaphore(1) : undefined;
  }

  /** Channel slots held (ordinary and stopping) and ordinary callers waiting for one. */
  get channels(): { active: number; queued: number } {
    return {
      active: this.semaphore.active + (this.reserve?.active ?? 0),
      queued: this.semaphore.queued + (this.reserve?.queued ?? 0),
    };
  }

  /** The connection state. */
  get state(): ConnectionState {
    return this.current;
  }

  private get at(): string {
    return where(this.target.host, this.target.port);
  }

  /** First connect: rejects with the mapped error and leaves the session in `error`. */
  async connect(): Promise<void> {
    if (this.current === 'connected' || this.current === 'connecting') {
      await this.whenReady();
      return;
    }
    if (this.current === 'reconnecting') {
      await this.waitForReconnect();
      return;
    }
    const gen = ++this.generation;
    this.setState('connecting');
    try {
      const client = await this.attempt();
      if (gen !== this.generation) {
        client.end();
        throw new AppError('ABORTED', `connection to ${this.at} was closed while connecting`);
      }
      this.established(client, gen);
    } catch (e) {
      const err = mapConnectError(e, this.target.host, this.target.port);
      if (gen === this.generation) this.fail(err);
      throw err;
    }
  }

  /**
   * A connect while the kept session is reconnecting: waits for the reconnect, but at most one
   * ready timeout, so that a caller (the queue) learns that the host is down instead of hanging
   * while the background retries go on.
   */
  private async waitForReconnect(): Promise<void> {
    const stop = new AbortController();
    const timer = this.deps.timers.setTimeout(() => stop.abort(), this.deps.options.readyTimeoutMs);
    try {
      await this.whenReady(stop.signal);
    } catch (e) {
      if (!stop.signal.aborted) throw e;
      throw (
        this.reconnectError ??
        new AppError(
          'HOST_UNREACHABLE',
          `${this.at} is not reachable (reconnecting in the background)`,
        )
      );
    } finally {
      timer.cancel();
    }
  }

  /** Waits until the session is connected (through a reconnect if one runs). */
  whenReady(signal?: AbortSignal): Promise<Client> {
    if (this.current === 'connected' && this.client) return Promise.resolve(this.client);
    if (this.current === 'error') {
      return Promise.reject(
        this.lastError ?? new AppError('HOST_UNREACHABLE', `${this.at} is not connected`),
      );
    }
    if (this.current === 'disconnected') {
      return Promise.reject(new AppError('HOST_UNREACHABLE', `${this.at} is not connected`));
    }
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<Client>((resolve, reject) => {
      const waiter: ReadyWaiter = {
        resolve: (c) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(c);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /**
   * Takes a channel slot on a live connection, waiting for a reconnect and for a free slot as
   * needed. The slot is checked against the connection afterwards, because the connection
   * may have dropped while the caller queued. A `priority` lease (stopping a command) takes a
   * free ordinary slot if there is one, else waits for the kept one, never behind work.
   */
  async lease(signal?: AbortSignal, opts: { priority?: boolean } = {}): Promise<ChannelLease> {
    for (;;) {
      const client = await this.whenReady(signal);
      const release = await this.acquire(signal, opts.priority === true);
      if (this.client === client && this.current === 'connected') return { client, release };
      release();
    }
  }

  private acquire(signal: AbortSignal | undefined, priority: boolean): Promise<Release> {
    if (!priority) return this.semaphore.acquire(signal);
    if (!this.reserve) return this.semaphore.acquire(signal, { priority: true });
    const now = this.semaphore.tryAcquire();
    return now ? Promise.resolve(now) : this.reserve.acquire(signal);
  }

  /** Closes the connection on purpose: no reconnect, waiters fail with ABORTED. */
  disconnect(): void {
    this.generation++;
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.rejectWaiters(new AppError('ABORTED', `the connection to ${this.at} was closed`));
    if (this.current !== 'disconnected') this.setState('disconnected');
    client?.end();
  }

  private established(client: Client, gen: number): void {
    this.reconnectError = undefined;
    this.client = client;
    this.lastError = undefined;
    const onGone = (): void => {
      client.removeListener('close', onGone);
      if (gen !== this.generation || this.client !== client) return;
      this.client = undefined;
      this.scheduleReconnect(0);
    };
    // An 'error' (e.g. keepalive timeout) is always followed by 'close'; the listener must
    // stay so ssh2 never throws an unhandled 'error' event.
    client.on('error', () => undefined);
    client.on('close', onGone);
    this.setState('connected');
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve(client);
  }

  private scheduleReconnect(attempt: number, error?: AppError): void {
    const gen = this.generation;
    this.reconnectError = error;
    this.setState('reconnecting', error);
    const { backoffBaseMs, backoffMaxMs } = this.deps.options;
    const delay = backoffDelay(attempt, backoffBaseMs, backoffMaxMs, () => this.deps.random());
    this.retryTimer = this.deps.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (gen !== this.generation) return;
      this.attempt().then(
        (client) => {
          if (gen !== this.generation) client.end();
          else this.established(client, gen);
        },
        (e: unknown) => {
          if (gen !== this.generation) return;
          const err = mapConnectError(e, this.target.host, this.target.port);
          if (FATAL_CODES.has(err.code)) this.fail(err);
          else this.scheduleReconnect(attempt + 1, err);
        },
      );
    }, delay);
  }

  private fail(err: AppError): void {
    this.lastError = err;
    this.client = undefined;
    this.setState('error', err);
    this.rejectWaiters(err);
  }

  private rejectWaiters(err: AppError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(err);
  }

  private setState(state: ConnectionState, error?: AppError): void {
    this.current = state;
    const change: StateChange = { hostId: this.target.hostId, state };
    if (error) change.error = { code: error.code, message: error.message };
    this.deps.emit(change);
  }

  /** One connect attempt: resolves with a logged-in client, or rejects with an AppError. */
  private async attempt(): Promise<Client> {
    const config = this.authConfig();
    const { hostId, host, port } = this.target;
    const keyTarget: HostKeyTarget = { hostId, host, port };
    const known = await knownKeysOf(this.deps.verifier, keyTarget, this.at);
    return this.handshake(config, keyTarget, known);
  }

  /** Connects and logs in, offering the known host key types first and checking the key. */
  private handshake(
    config: ConnectConfig,
    keyTarget: HostKeyTarget,
    known: readonly KnownHostKey[],
  ): Promise<Client> {
    const { target, deps } = this;
    const { options } = deps;
    return new Promise<Client>((resolve, reject) => {
      const client = deps.createClient();
      // Set by the host verifier: the refusal explains the handshake error that follows it.
      let refusal: AppError | undefined;
      let settled = false;
      const settle = (err?: unknown): void => {
        if (settled) return;
        settled = true;
        client.removeListener('ready', onReady);
        client.removeListener('close', onClose);
        if (err === undefined) {
          client.removeListener('error', onError);
          resolve(client);
          return;
        }
        client.end();
        reject(refusal ?? mapConnectError(err, target.host, target.port));
      };
      const onReady = (): void => settle(undefined);
      const onError = (e: unknown): void => settle(e);
      const onClose = (): void =>
        settle(
          new AppError(
            'HOST_UNREACHABLE',
            `${this.at} closed the connection before login completed`,
          ),
        );
      client.on('ready', onReady);
      client.on('error', onError);
      client.on('close', onClose);
      client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
        // Servers that take passwords only through keyboard-interactive get the same password.
        const pw = target.auth.method === 'password' ? (target.auth.password ?? '') : '';
        finish(prompts.map(() => pw));
      });
      const hostVerifier = hostVerifierFor(deps.verifier, keyTarget, this.at, known, {
        onTrusted: (key) => {
          this.hostKey = key;
        },
        onRefused: (err) => {
          refusal = err;
        },
      });
      try {
        client.connect({
          ...config,
          host: target.host,
          port: target.port,
          username: target.username,
          readyTimeout: options.readyTimeoutMs,
          keepaliveInterval: options.keepaliveIntervalMs,
          keepaliveCountMax: options.keepaliveCountMax,
          ...hostKeyAlgorithms(known),
          hostVerifier,
        });
      } catch (e) {
        settle(e);
      }
    });
  }

  private authConfig(): ConnectConfig {
    const { auth } = this.target;
    switch (auth.method) {
      case 'agent': {
        const socket = auth.socket ?? this.deps.agentSocket();
        if (!socket)
          throw new AppError(
            'SSH_AUTH_FAILED',
            `no ssh-agent to log in to ${this.at}: SSH_AUTH_SOCK is not set`,
          );
        return { agent: socket };
      }
      case 'key':
        checkPrivateKey(auth.privateKey, auth.passphrase, this.at);
        return auth.passphrase === undefined
          ? { privateKey: auth.privateKey }
          : { privateKey: auth.privateKey, passphrase: auth.passphrase };
      case 'password':
        if (auth.password === undefined) {
          throw new AppError(
            'SSH_CREDENTIAL_REQUIRED',
            `enter the password for ${this.target.username}@${this.at}`,
            {
              kind: 'password',
            },
          );
        }
        return { password: auth.password, tryKeyboard: true };
    }
  }
}
