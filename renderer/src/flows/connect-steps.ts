import type { ErrorInfo } from '../../../shared/api/errors';

/** What the UI must do after a connect (or probe) failed. */
export type ConnectFailure =
  | { kind: 'trust'; keyType: string; fingerprint: string }
  | { kind: 'keyChanged'; error: ErrorInfo }
  | { kind: 'credential'; credential: 'password' | 'passphrase' }
  | { kind: 'error'; error: ErrorInfo };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Decides the next step of the connect flow from an error, by code only: an unknown host key
 * asks for trust, a changed key is refused, a missing secret is prompted for; anything else is
 * shown as an error. A HOST_KEY_UNKNOWN without a usable fingerprint cannot be trusted and is
 * shown as an error too.
 */
export function classifyConnectError(error: ErrorInfo): ConnectFailure {
  switch (error.code) {
    case 'HOST_KEY_UNKNOWN': {
      const keyType = str(error.details?.keyType);
      const fingerprint = str(error.details?.fingerprint);
      if (keyType !== null && fingerprint?.startsWith('SHA256:'))
        return { kind: 'trust', keyType, fingerprint };
      return { kind: 'error', error };
    }
    case 'HOST_KEY_CHANGED':
      return { kind: 'keyChanged', error };
    case 'SSH_CREDENTIAL_REQUIRED':
      return {
        kind: 'credential',
        credential: error.details?.kind === 'passphrase' ? 'passphrase' : 'password',
      };
    default:
      return { kind: 'error', error };
  }
}

/**
 * The `ssh-keygen -lf` command an admin runs on the server to see the fingerprint of a host
 * key of the given type (e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`).
 */
export function fingerprintCommand(keyType: string): string {
  const t = keyType.toLowerCase();
  const file = t.includes('ecdsa') ? 'ecdsa' : t.includes('rsa') ? 'rsa' : 'ed25519';
  return `ssh-keygen -lf /etc/ssh/ssh_host_${file}_key.pub`;
}
