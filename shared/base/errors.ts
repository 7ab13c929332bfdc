import { z } from 'zod';

/** Stable error codes that cross every boundary (IPC, WebSocket, CLI). UI branches on these. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'NAME_TAKEN',
  'PLAN_STALE',
  'QUEUE_OWNED_ELSEWHERE',
  'FILE_CHANGED_ON_HOST',
  'SKIP_REFUSED',
  'SSH_AUTH_FAILED',
  'SSH_CREDENTIAL_REQUIRED',
  'HOST_UNREACHABLE',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'TIMEOUT',
  'ABORTED',
  'COMMAND_FAILED',
  'UNAUTHORIZED',
  'SNAPSHOT_INVALID',
  'SNAPSHOT_READ_ONLY',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Short, actionable hints shown beside an error of each code. */
export const ERROR_HINTS: Record<ErrorCode, string> = {
  VALIDATION: 'Correct the named field and try again.',
  NOT_FOUND: 'The item no longer exists; refresh the list.',
  NAME_TAKEN: 'Choose another name, or edit the existing item.',
  PLAN_STALE:
    'The model or the hosts changed since this plan was shown: preview the plan again and review it.',
  QUEUE_OWNED_ELSEWHERE:
    'Another ClusterDeck (the app, browser mode or a CLI apply) runs the queues of this data dir: do this there, or stop it first.',
  FILE_CHANGED_ON_HOST:
    'Someone changed the file on the host after the plan was made; nothing was written. Cancel this queue, then preview the plan again to see the change.',
  SKIP_REFUSED: 'Only the first unfinished step of a queue can be skipped, and not while it runs.',
  SSH_AUTH_FAILED:
    'The server refused the credentials: check the user name, that the public key is in ~/.ssh/authorized_keys, or the password.',
  SSH_CREDENTIAL_REQUIRED: 'Enter the password or key passphrase to connect.',
  HOST_UNREACHABLE: 'Check the address and port, that sshd runs, and that no firewall blocks it.',
  HOST_KEY_UNKNOWN:
    'Compare the fingerprint with the server (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before trusting it.',
  HOST_KEY_CHANGED:
    'The server presented a different host key than the trusted one. This may be an attack; nothing was sent. If the server was reinstalled, verify the new key and remove the old trust first.',
  TIMEOUT: 'The host did not answer in time; it may be overloaded or the network slow.',
  ABORTED: 'The operation was cancelled.',
  COMMAND_FAILED: 'The remote command failed; see its output.',
  UNAUTHORIZED: 'Open the URL printed at start-up (it carries the access token).',
  SNAPSHOT_INVALID:
    'The file is not a ClusterDeck snapshot, or it is damaged or from a newer version: open another file, or update ClusterDeck.',
  SNAPSHOT_READ_ONLY:
    'A snapshot is open: it is a read-only record. Close it to work on the live cluster.',
  INTERNAL: 'An unexpected error; see the log.',
};

const FieldIssue = z.object({ field: z.string(), message: z.string() });
const KnownKey = z.object({
  keyType: z.string(),
  fingerprint: z.string(),
  source: z.enum(['clusterdeck', 'known_hosts']),
});

/**
 * The `details` of each code: one typed shape per code, checked where an error is read (renderer,
 * CLI) with {@link detailsOf}, so no caller parses `Record<string, unknown>` by hand.
 */
export const ERROR_DETAILS = {
  VALIDATION: z.object({ issues: z.array(FieldIssue).optional() }),
  NOT_FOUND: z.object({ hostId: z.string().optional(), path: z.string().optional() }),
  NAME_TAKEN: z.object({ field: z.enum(['name', 'address']) }),
  PLAN_STALE: z.object({ clusterId: z.string() }),
  QUEUE_OWNED_ELSEWHERE: z.object({ pid: z.number().int().nullable() }),
  FILE_CHANGED_ON_HOST: z.object({ hostId: z.string(), path: z.string() }),
  SKIP_REFUSED: z.object({ hostId: z.string(), itemId: z.number().int() }),
  SSH_AUTH_FAILED: z.object({}),
  SSH_CREDENTIAL_REQUIRED: z.object({
    kind: z.enum(['password', 'passphrase']),
    wrong: z.boolean().optional(),
  }),
  HOST_UNREACHABLE: z.object({ cause: z.string().optional() }),
  HOST_KEY_UNKNOWN: z.object({ keyType: z.string(), fingerprint: z.string() }),
  HOST_KEY_CHANGED: z.object({
    keyType: z.string(),
    fingerprint: z.string(),
    revoked: z.boolean(),
    known: z.array(KnownKey),
    trustedKeyType: z.string().optional(),
    trustedFingerprint: z.string().optional(),
  }),
  TIMEOUT: z.object({ timeoutMs: z.number().optional() }),
  ABORTED: z.object({}),
  COMMAND_FAILED: z.object({
    path: z.string().optional(),
    code: z.number().nullable().optional(),
    stderr: z.string().optional(),
  }),
  UNAUTHORIZED: z.object({}),
  /** `reason`: not-snapshot (foreign file), damaged (bad gzip/JSON/hash/schema), too-new. */
  SNAPSHOT_INVALID: z.object({
    reason: z.enum(['not-snapshot', 'damaged', 'too-new']),
    version: z.number().int().optional(),
  }),
  SNAPSHOT_READ_ONLY: z.object({ channel: z.string().optional() }),
  INTERNAL: z.record(z.string(), z.unknown()),
} satisfies Record<ErrorCode, z.ZodType>;

/** The typed details of errors of code `C`. */
export type ErrorDetails<C extends ErrorCode> = z.infer<(typeof ERROR_DETAILS)[C]>;

/** Serializable error shape used in every `{ ok: false, error }` envelope. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** An error with a stable `code`, rebuilt on the receiving side of every boundary. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details?: Record<string, unknown>;

  constructor(code: C, message: string, details?: ErrorDetails<C>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  /** The hint for this error's code. */
  get hint(): string {
    return ERROR_HINTS[this.code];
  }

  /** Plain-object form for the wire. */
  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an AppError from its wire form (details that do not fit the code are dropped). */
  static fromInfo(info: ErrorInfo): AppError {
    const details =
      info.details === undefined ? undefined : ERROR_DETAILS[info.code].safeParse(info.details);
    return new AppError(info.code, info.message, details?.success ? details.data : undefined);
  }
}

/**
 * The details of an error when it has code `code` and details of that code's shape; null
 * otherwise. The one way the renderer and the CLI read details.
 */
export function detailsOf<C extends ErrorCode>(
  error: { code: string; message?: string; details?: Record<string, unknown> } | null | undefined,
  code: C,
): ErrorDetails<C> | null {
  if (!error || error.code !== code || error.details === undefined) return null;
  const r = ERROR_DETAILS[code].safeParse(error.details);
  return r.success ? (r.data as ErrorDetails<C>) : null;
}

/**
 * The refusal of a queue change (`action`) in a process that does not run the data dir's
 * queues; `pid` is the live process that does, when known. One wording for the engine's guard
 * and for clients that check before they start (the CLI's apply).
 */
export function queueOwnedElsewhere(
  action: string,
  pid: number | null,
): AppError<'QUEUE_OWNED_ELSEWHERE'> {
  return new AppError(
    'QUEUE_OWNED_ELSEWHERE',
    pid !== null
      ? `${action}: another ClusterDeck (pid ${pid}) runs the queues of this data dir: do it there, or stop it first`
      : `${action}: the queues of this data dir are not run by this process`,
    { pid },
  );
}

/** Whether a value is an {@link AppError}, also across realms where instanceof fails. */
export function isAppError(e: unknown): e is AppError {
  return (
    e instanceof AppError ||
    (typeof e === 'object' &&
      e !== null &&
      (e as { name?: unknown }).name === 'AppError' &&
      'code' in e)
  );
}

/** Converts any thrown value into an {@link ErrorInfo}; unknown errors become INTERNAL. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isAppError(e)) return e.toInfo();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}
