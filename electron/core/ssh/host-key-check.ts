import type { ConnectConfig } from 'ssh2';
import { AppError } from '../../../shared/api/errors';
import {
  hostKeyFromBlob,
  preferredHostKeyAlgorithms,
  type HostKey,
  type HostKeyVerdict,
  type KnownHostKey,
} from './host-keys';
import type { HostKeyChangedDetails, HostKeyTarget, HostKeyVerifier } from './types';

/*
 * The host key part of one connect attempt. Before the handshake the verifier names the keys it
 * knows for the target; their types are offered first, so that a server which still has a known
 * key presents it. During the handshake ssh2 hands over the presented key, and nothing else (no
 * user name, no credential) is sent before the verifier has said `trusted`. A presented key that
 * matches none of the known ones is refused as changed whatever its type: a server that suddenly
 * offers only another type looks exactly like an impostor that cannot forge the known key.
 */

/** The keys the verifier knows for the target; none when it cannot tell. */
export async function knownKeysOf(
  verifier: HostKeyVerifier,
  target: HostKeyTarget,
  at: string,
): Promise<readonly KnownHostKey[]> {
  try {
    return (await verifier.knownKeys?.(target)) ?? [];
  } catch (e) {
    throw new AppError('INTERNAL', `reading the known host keys of ${at} failed: ${String(e)}`);
  }
}

/** The part of ssh2's connect config that prefers the known key types (empty when none). */
export function hostKeyAlgorithms(
  known: readonly KnownHostKey[],
): Pick<ConnectConfig, 'algorithms'> {
  const serverHostKey = preferredHostKeyAlgorithms(known.map((k) => k.keyType));
  return serverHostKey ? { algorithms: { serverHostKey } } : {};
}

const describeKey = (k: { keyType: string; fingerprint: string }): string =>
  `${k.keyType} ${k.fingerprint}`;

/** The details of a HOST_KEY_CHANGED refusal of `key` by a host known with `known`. */
export function hostKeyChangedDetails(
  key: Pick<HostKey, 'keyType' | 'fingerprint'>,
  known: readonly KnownHostKey[],
  revoked: boolean,
): HostKeyChangedDetails {
  const first = known[0];
  return {
    keyType: key.keyType,
    fingerprint: key.fingerprint,
    revoked,
    known: [...known],
    ...(first && { trustedKeyType: first.keyType, trustedFingerprint: first.fingerprint }),
  };
}

/** The error that refuses `key` after a verdict other than `trusted`. */
export function hostKeyRefusal(
  verdict: Exclude<HostKeyVerdict, 'trusted'>,
  at: string,
  key: HostKey,
  known: readonly KnownHostKey[],
): AppError {
  if (verdict === 'unknown') {
    return new AppError(
      'HOST_KEY_UNKNOWN',
      `the host key of ${at} is not trusted yet (${describeKey(key)})`,
      { keyType: key.keyType, fingerprint: key.fingerprint },
    );
  }
  const details = hostKeyChangedDetails(key, known, verdict === 'revoked');
  if (verdict === 'revoked') {
    return new AppError(
      'HOST_KEY_CHANGED',
      `the host key of ${at} is revoked (${describeKey(key)}); nothing was sent`,
      details,
    );
  }
  if (known.length === 0) {
    return new AppError(
      'HOST_KEY_CHANGED',
      `the host key of ${at} has changed (now ${describeKey(key)}); nothing was sent`,
      details,
    );
  }
  const otherType = !known.some((k) => k.keyType === key.keyType);
  const fromFiles = known.some((k) => k.source === 'known_hosts');
  return new AppError(
    'HOST_KEY_CHANGED',
    `the host key of ${at} has changed: it presented ${describeKey(key)}` +
      (otherType ? ' (a type not known for it)' : '') +
      ` but ${known.map(describeKey).join(', ')} ${known.length > 1 ? 'are' : 'is'} trusted` +
      (fromFiles ? ' in known_hosts (remove the entry there if the server was reinstalled)' : '') +
      '; nothing was sent',
    details,
  );
}

/** What the session learns from the host key check. */
export interface HostKeyOutcome {
  onTrusted(key: HostKey): void;
  /** The refusal explains the handshake error that follows it. */
  onRefused(err: AppError): void;
}

/**
 * ssh2's `hostVerifier` for one attempt: asks the verifier, then lets the handshake go on only
 * for `trusted`. `known` are the keys asked for before the attempt (see {@link knownKeysOf}).
 */
export function hostVerifierFor(
  verifier: HostKeyVerifier,
  target: HostKeyTarget,
  at: string,
  known: readonly KnownHostKey[],
  outcome: HostKeyOutcome,
): (key: Buffer, verify: (valid: boolean) => void) => void {
  return (blob, verify) => {
    let key: HostKey;
    try {
      key = hostKeyFromBlob(blob);
    } catch (e) {
      outcome.onRefused(
        new AppError('HOST_KEY_UNKNOWN', `${at} sent an unreadable host key: ${String(e)}`),
      );
      verify(false);
      return;
    }
    Promise.resolve()
      .then(() => verifier(target, key))
      .then(
        (verdict) => {
          if (verdict === 'trusted') {
            outcome.onTrusted(key);
            verify(true);
            return;
          }
          outcome.onRefused(hostKeyRefusal(verdict, at, key, known));
          verify(false);
        },
        (e: unknown) => {
          outcome.onRefused(
            new AppError('INTERNAL', `checking the host key of ${at} failed: ${String(e)}`, {
              keyType: key.keyType,
              fingerprint: key.fingerprint,
            }),
          );
          verify(false);
        },
      );
  };
}
