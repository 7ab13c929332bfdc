import { describe, expect, it } from 'vitest';
import { classifyConnectError, fingerprintCommand } from './connect-steps';

describe('classifyConnectError', () => {
  it('asks to trust an unknown key with its type and fingerprint', () => {
    expect(
      classifyConnectError({
        code: 'HOST_KEY_UNKNOWN',
        message: 'm',
        details: { keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' },
      }),
    ).toEqual({ kind: 'trust', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' });
  });
  it('cannot trust a key it was not shown properly', () => {
    const error = {
      code: 'HOST_KEY_UNKNOWN' as const,
      message: 'm',
      details: { keyType: 'ssh-rsa', fingerprint: 'MD5:aa' },
    };
    expect(classifyConnectError(error)).toEqual({ kind: 'error', error });
  });
  it('refuses a changed key', () => {
    const error = { code: 'HOST_KEY_CHANGED' as const, message: 'm' };
    expect(classifyConnectError(error)).toEqual({ kind: 'keyChanged', error });
  });
  it('prompts for a password or passphrase', () => {
    expect(
      classifyConnectError({
        code: 'SSH_CREDENTIAL_REQUIRED',
        message: 'm',
        details: { kind: 'passphrase' },
      }),
    ).toEqual({
      kind: 'credential',
      credential: 'passphrase',
    });
    expect(classifyConnectError({ code: 'SSH_CREDENTIAL_REQUIRED', message: 'm' })).toEqual({
      kind: 'credential',
      credential: 'password',
    });
  });
  it('shows anything else as an error', () => {
    const error = { code: 'SSH_AUTH_FAILED' as const, message: 'm' };
    expect(classifyConnectError(error)).toEqual({ kind: 'error', error });
  });
});

describe('fingerprintCommand', () => {
  it('points at the host key file of the presented type', () => {
    expect(fingerprintCommand('ssh-ed25519')).toBe(
      'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
    );
    expect(fingerprintCommand('ecdsa-sha2-nistp256')).toBe(
      'ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub',
    );
    expect(fingerprintCommand('rsa-sha2-512')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub');
  });
});
