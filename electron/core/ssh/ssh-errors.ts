import { utils } from 'ssh2';
import { AppError, isAppError } from '../../../shared/api/errors';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** The `host:port` form used in every message, so the admin sees which host failed. */
export function where(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Maps an error raised by ssh2 (or the socket under it) while connecting to a stable AppError.
 * Host key refusals never reach this: the verifier records them itself.
 */
export function mapConnectError(e: unknown, host: string, port: number): AppError {
  if (isAppError(e)) return e;
  const err = e as { code?: unknown; level?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : undefined;
  const level = typeof err.level === 'string' ? err.level : undefined;
  const message = typeof err.message === 'string' ? err.message : String(e);
  const at = where(host, port);
  if (level === 'client-authentication') {
    return new AppError('SSH_AUTH_FAILED', `${at} refused the credentials (${message})`);
  }
  if (level === 'client-timeout') {
    return new AppError('TIMEOUT', `${at} did not complete the SSH handshake in time (${message})`);
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new AppError('HOST_UNREACHABLE', `cannot reach ${at}: ${code}`, { cause: code });
  }
  if (level === 'client-socket' || level === 'protocol' || level === 'handshake') {
    return new AppError('HOST_UNREACHABLE', `SSH connection to ${at} failed: ${message}`);
  }
  return new AppError('INTERNAL', `SSH connection to ${at} failed: ${message}`);
}

/**
 * Checks a private key before connecting, so that a missing or wrong passphrase is reported as
 * SSH_CREDENTIAL_REQUIRED (the UI then asks for it) instead of a generic failure.
 */
export function checkPrivateKey(
  privateKey: Buffer,
  passphrase: string | undefined,
  at: string,
): void {
  const parsed = utils.parseKey(privateKey, passphrase);
  if (!(parsed instanceof Error)) return;
  const msg = parsed.message;
  if (/no passphrase given/i.test(msg)) {
    throw new AppError(
      'SSH_CREDENTIAL_REQUIRED',
      `the private key for ${at} is encrypted: enter its passphrase`,
      {
        kind: 'passphrase',
      },
    );
  }
  if (/passphrase/i.test(msg)) {
    throw new AppError('SSH_CREDENTIAL_REQUIRED', `wrong passphrase for the private key of ${at}`, {
      kind: 'passphrase',
      wrong: true,
    });
  }
  throw new AppError('VALIDATION', `the private key for ${at} cannot be read: ${msg}`);
}
