import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/api/errors';
import { hostKeyAlgorithms, hostKeyRefusal, hostVerifierFor, knownKeysOf } from './host-key-check';
import { hostKeyFromBlob, type HostKey, type KnownHostKey } from './host-keys';
import type { HostKeyVerifier } from './types';

/** A blob that carries `type` like a real one (the check reads only the type and hashes it). */
function fakeKey(type: string): HostKey {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(type.length);
  return hostKeyFromBlob(Buffer.concat([len, Buffer.from(type, 'latin1'), randomBytes(32)]));
}

const at = '127.0.0.1:2222';
const target = { hostId: 'h1', host: '127.0.0.1', port: 2222 };
const ed = fakeKey('ssh-ed25519');
const rsa = fakeKey('ssh-rsa');
const known = (k: HostKey, source: KnownHostKey['source']): KnownHostKey => ({
  keyType: k.keyType,
  fingerprint: k.fingerprint,
  source,
});

describe('host key algorithms in the connect config', () => {
  it('adds nothing when no key is known, and the known types first otherwise', () => {
    expect(hostKeyAlgorithms([])).toEqual({});
    const list = hostKeyAlgorithms([known(rsa, 'known_hosts')]).algorithms?.serverHostKey;
    expect(Array.isArray(list) ? list.slice(0, 3) : list).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
    ]);
  });
});

describe('host key refusals', () => {
  it('names the known key and the presented one of another type', () => {
    const err = hostKeyRefusal('changed', at, rsa, [known(ed, 'clusterdeck')]);
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(err.details).toEqual({
      keyType: 'ssh-rsa',
      fingerprint: rsa.fingerprint,
      revoked: false,
      known: [known(ed, 'clusterdeck')],
      trustedKeyType: 'ssh-ed25519',
      trustedFingerprint: ed.fingerprint,
    });
    expect(err.message).toContain(`ssh-rsa ${rsa.fingerprint} (a type not known for it)`);
    expect(err.message).toContain(`ssh-ed25519 ${ed.fingerprint} is trusted`);
    expect(err.message).not.toContain('known_hosts');
  });

  it('says where to remove a known_hosts entry', () => {
    const err = hostKeyRefusal('changed', at, rsa, [known(ed, 'known_hosts')]);
    expect(err.message).toMatch(/trusted in known_hosts \(remove the entry there/);
  });

  it('keeps the first-use details for an unknown key and flags a revoked one', () => {
    const unknown = hostKeyRefusal('unknown', at, rsa, []);
    expect(unknown.code).toBe('HOST_KEY_UNKNOWN');
    expect(unknown.details).toEqual({ keyType: 'ssh-rsa', fingerprint: rsa.fingerprint });
    const revoked = hostKeyRefusal('revoked', at, ed, [known(ed, 'clusterdeck')]);
    expect(revoked.code).toBe('HOST_KEY_CHANGED');
    expect(revoked.details).toMatchObject({ revoked: true, fingerprint: ed.fingerprint });
  });
});

describe('the ssh2 host verifier', () => {
  /** Runs the verifier on a blob; resolves with verify's answer and what the session learnt. */
  function check(
    verifier: HostKeyVerifier,
    blob: Buffer,
    keys: readonly KnownHostKey[] = [],
  ): Promise<{ valid: boolean; trusted?: HostKey; refused?: AppError }> {
    return new Promise((resolve) => {
      const seen: { trusted?: HostKey; refused?: AppError } = {};
      const hv = hostVerifierFor(verifier, target, at, keys, {
        onTrusted: (k) => (seen.trusted = k),
        onRefused: (e) => (seen.refused = e),
      });
      hv(blob, (valid) => resolve({ valid, ...seen }));
    });
  }

  it('lets only a trusted key through', async () => {
    const ok = await check(() => 'trusted', ed.blob);
    expect(ok.valid).toBe(true);
    expect(ok.trusted?.fingerprint).toBe(ed.fingerprint);
    expect(ok.refused).toBeUndefined();
  });

  it('refuses a changed key with the known keys in the details', async () => {
    const r = await check(async () => 'changed' as const, rsa.blob, [known(ed, 'clusterdeck')]);
    expect(r.valid).toBe(false);
    expect(r.trusted).toBeUndefined();
    expect(r.refused?.code).toBe('HOST_KEY_CHANGED');
    expect(r.refused?.details).toMatchObject({ trustedFingerprint: ed.fingerprint });
  });

  it('refuses when the verifier fails or the blob is unreadable', async () => {
    const failing = await check(() => {
      throw new Error('disk on fire');
    }, ed.blob);
    expect(failing).toMatchObject({ valid: false, refused: { code: 'INTERNAL' } });
    const garbage = await check(() => 'trusted', Buffer.from([0, 0, 0, 99, 1]));
    expect(garbage).toMatchObject({ valid: false, refused: { code: 'HOST_KEY_UNKNOWN' } });
  });

  it('asks a verifier for its known keys, if it can tell', async () => {
    const plain: HostKeyVerifier = () => 'unknown';
    expect(await knownKeysOf(plain, target, at)).toEqual([]);
    const rich: HostKeyVerifier = Object.assign(() => 'unknown' as const, {
      knownKeys: () => [known(ed, 'known_hosts')],
    });
    expect(await knownKeysOf(rich, target, at)).toEqual([known(ed, 'known_hosts')]);
    const broken: HostKeyVerifier = Object.assign(() => 'unknown' as const, {
      knownKeys: () => {
        throw new Error('EACCES');
      },
    });
    await expect(knownKeysOf(broken, target, at)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
