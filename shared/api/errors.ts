/** Stable error codes that cross every boundary (IPC, WebSocket, CLI). UI branches on these. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'SSH_AUTH_FAILED',
  'SSH_CREDENTIAL_REQUIRED',
  'HOST_UNREACHABLE',
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'TIMEOUT',
  'ABORTED',
  'COMMAND_FAILED',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Short, actionable hints shown beside an error of each code. */
export const ERROR_HINTS: Record<ErrorCode, string> = {
  VALIDATION: 'Correct the named field and try again.',
  NOT_FOUND: 'The item no longer exists; refresh the list.',
  CONFLICT: 'An item with the same identity already exists.',
  SSH_AUTH_FAILED:
    'The server refused the credentials: check the user name, that the public key is in ~/.ssh/authorized_keys, or the password.',
  SSH_CREDENTIAL_REQUIRED: 'Enter the password or key passphrase to connect.',
  HOST_UNREACHABLE: 'Check the address and port, that sshd runs, and that no firewall blocks it.',
  HOST_KEY_UNKNOWN: 'Compare the fingerprint with the server (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before trusting it.',
  HOST_KEY_CHANGED:
    'The server presented a different host key than the trusted one. This may be an attack; nothing was sent. If the server was reinstalled, verify the new key and remove the old trust first.',
  TIMEOUT: 'The host did not answer in time; it may be overloaded or the network slow.',
  ABORTED: 'The operation was cancelled.',
  COMMAND_FAILED: 'The remote command failed; see its output.',
  UNAUTHORIZED: 'Open the URL printed at start-up (it carries the access token).',
  INTERNAL: 'An unexpected error; see the log.',
};

/** Serializable error shape used in every `{ ok: false, error }` envelope. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** An error with a stable `code`, rebuilt on the receiving side of every boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
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

  /** Rebuilds an AppError from its wire form. */
  static fromInfo(info: ErrorInfo): AppError {
    return new AppError(info.code, info.message, info.details);
  }
}

/** Whether a value is an {@link AppError}, also across realms where instanceof fails. */
export function isAppError(e: unknown): e is AppError {
  return (
    e instanceof AppError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AppError' && 'code' in e)
  );
}

/** Converts any thrown value into an {@link ErrorInfo}; unknown errors become INTERNAL. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isAppError(e)) return e.toInfo();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}
