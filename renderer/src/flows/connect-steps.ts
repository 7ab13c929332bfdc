import { detailsOf, type ErrorInfo } from '../../../shared/api/errors';

/** What the UI must do after a connect (or probe) failed. */
export type ConnectFailure =
  | { kind: 'trust'; keyType: string; fingerprint: string }
  | { kind: 'keyChanged'; error: ErrorInfo }
  | { kind: 'credential'; credential: 'password' | 'passphrase' }
  | { kind: 'error'; error: ErrorInfo };

/**
 * Decides the next step of the connect flow from an error, by code only: an unknown host key
 * asks for trust, a changed key is refused, a missing secret is prompted for; anything else is
 * shown as an error. A HOST_KEY_UNKNOWN without a usable fingerprint cannot be trusted and is
 * shown as an error too.
 */
export function classifyConnectError(error: ErrorInfo): ConnectFailure {
  switch (error.code) {
    case 'HOST_KEY_UNKNOWN': {
      const key = detailsOf(error, 'HOST_KEY_UNKNOWN');
      if (key !== null && key.keyType !== '' && key.fingerprint.startsWith('SHA256:'))
        return { kind: 'trust', keyType: key.keyType, fingerprint: key.fingerprint };
      return { kind: 'error', error };
    }
    case 'HOST_KEY_CHANGED':
      return { kind: 'keyChanged', error };
    case 'SSH_CREDENTIAL_REQUIRED':
      return {
        kind: 'credential',
        credential: detailsOf(error, 'SSH_CREDENTIAL_REQUIRED')?.kind ?? 'password',
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
