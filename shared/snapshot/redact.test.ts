import { describe, expect, it } from 'vitest';
import { REDACTED, redactSnapshot, redactText } from './redact';
import { plantedSecrets } from './testing/secret-fixtures';
import { snapshotBody } from './testing/snapshot-fixtures';

describe('redactSnapshot', () => {
  it('keeps the text around a secret, with a marker where it was', () => {
    const body = redactSnapshot(plantedSecrets());
    const vrrp = body.hosts[0]?.files.find((f) => f.path === '/etc/keepalived/vrrp.conf');
    expect(vrrp?.content).toContain(`    auth_pass ${REDACTED}\n`);
    expect(vrrp?.content).toContain('auth_type PASS');
    const ini = body.hosts[1]?.files.find((f) => f.path === '/etc/app.ini');
    expect(ini?.content).toBe(
      `[db]\nuser = app\npassword = ${REDACTED}\nPasswordAuthentication no\n`,
    );
    expect(body.cluster.cluster.accounts[0]?.sftp).toEqual({ authorizedKeys: [] });
    expect(body.audit[1]?.details).toMatchObject({ name: 'web1', sftp: { password: REDACTED } });
  });

  it('changes nothing in a body without secrets, and redacting twice is redacting once', () => {
    const clean = snapshotBody();
    expect(redactSnapshot(clean)).toEqual(clean);
    const once = redactSnapshot(plantedSecrets());
    expect(redactSnapshot(once)).toEqual(once);
  });
});

describe('redactText', () => {
  it('takes a key block cut short up to the end of the text', () => {
    const r = redactText(`ok\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI`);
    expect(r.text).toBe('ok\n[redacted private key]');
    expect(r.found).toEqual([{ line: 2, what: 'private key' }]);
  });

  it('reads secret settings in their common spellings, not words that only contain one', () => {
    const r = redactText(
      [
        'passphrase "abc def"',
        'client_secret: xyz',
        '"password": "p@ss",',
        'requirepass foobared',
        'PasswordAuthentication yes',
        'password_file /etc/pw',
        'bypass 1',
      ].join('\n'),
    );
    expect(r.text.split('\n')).toEqual([
      `passphrase ${REDACTED}`,
      `client_secret: ${REDACTED}`,
      `"password": ${REDACTED}`,
      `requirepass ${REDACTED}`,
      'PasswordAuthentication yes',
      'password_file /etc/pw',
      'bypass 1',
    ]);
  });
});
