import type { ConnectionState } from '../../../shared/model/host';
import type { HostKey, HostKeyVerdict, KnownHostKey } from './host-keys';

/** How to authenticate; secrets are passed in per connect, never stored by the pool. */
export type SshAuth =
  | { method: 'agent'; /** defaults to the environment's SSH_AUTH_SOCK */ socket?: string }
  | { method: 'key'; privateKey: Buffer; passphrase?: string }
  | { method: 'password'; password?: string };

/** Where and as whom to connect. `hostId` is the engine's id for the host. */
export interface SshTarget {
  hostId: string;
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
}

/** Identity of the host whose key is checked. */
export interface HostKeyTarget {
  hostId: string;
  host: string;
  port: number;
}

/**
 * Decides about a presented host key. May be async (e.g. reads a store). `revoked` is refused
 * like `changed`. A plain function is a verifier; one that can also name the keys it knows for
 * a target adds `knownKeys`.
 */
export interface HostKeyVerifier {
  (target: HostKeyTarget, key: HostKey): HostKeyVerdict | Promise<HostKeyVerdict>;
  /**
   * The keys that decide for the target, asked before every handshake: their types are offered
   * first, and a refusal names them. They must be the ones the verdict is judged against.
   */
  knownKeys?(target: HostKeyTarget): readonly KnownHostKey[] | Promise<readonly KnownHostKey[]>;
}

/**
 * The details of a HOST_KEY_CHANGED refusal. `keyType`/`fingerprint` are the presented key;
 * `trustedKeyType`/`trustedFingerprint` the first known one (when the verifier names them).
 * A type alias rather than an interface, so that it is the Record AppError details must be.
 */
export type HostKeyChangedDetails = {
  keyType: string;
  fingerprint: string;
  revoked: boolean;
  /** Every key known for the host:port; empty when the verifier cannot tell. */
  known: KnownHostKey[];
  trustedKeyType?: string;
  trustedFingerprint?: string;
};

/** Options of one remote command. */
export interface ExecOptions {
  /** Whole-call budget, including waiting for a channel or a reconnect. */
  timeoutMs: number;
  signal?: AbortSignal;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Written then closed; without it the remote stdin is closed at once. */
  stdin?: string | Buffer;
}

/** What a finished remote command returned. */
export interface ExecResult {
  /** Exit status, or null when the command died of a signal. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Set when output beyond the cap was dropped. */
  truncated?: boolean;
}

/** One change of a host's connection state. */
export interface StateChange {
  hostId: string;
  state: ConnectionState;
  /** The error that led to `error` (or to a reconnect attempt). */
  error?: { code: string; message: string };
}

/** Timers and clock, injectable so backoff and timeouts can be tested without waiting. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

/** Real timers; unref'd so a pending backoff never keeps a process alive. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Tunables of the pool; defaults in {@link DEFAULT_POOL_OPTIONS}. */
export interface PoolOptions {
  maxChannelsPerHost: number;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxOutputBytes: number;
  /** How long a stopped command gets after SIGTERM before SIGKILL and channel close. */
  killGraceMs: number;
  /**
   * Framed shells `run` may keep per host, each holding one channel for its life. Capped at
   * `maxChannelsPerHost - 2`: one slot is kept for stopping commands, and exec and SFTP keep
   * at least one.
   */
  shellsPerHost: number;
}

/** OpenSSH allows 10 sessions per connection (MaxSessions); SFTP takes one too. */
export const DEFAULT_POOL_OPTIONS: PoolOptions = {
  maxChannelsPerHost: 10,
  readyTimeoutMs: 20_000,
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxOutputBytes: 16 * 1024 * 1024,
  killGraceMs: 1_000,
  shellsPerHost: 1,
};
