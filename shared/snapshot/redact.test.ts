import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeSnapshotFile } from '../../electron/core/snapshot/file';
import { LAB } from '../plan/testing/lab-fixtures';
import type { SnapshotBody } from './format';
import { REDACTED, redactSnapshot, redactText } from './redact';
import { snapshotBody } from './testing/snapshot-fixtures';

const HASH = `$6$s4ltS4lt$${'Q'.repeat(80)}zZ9/.x`;
const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQSECRETKEYMATERIAL';
const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`;
const RSA_BODY = 'MIIEowIBAAKCAQEAsecretRSAkeyMaterialInAuditDetails';
const AUTH_PASS = 'Vrrp5ecr';
const PASSPHRASE = 'correct horse battery staple';
const DB_PASSWORD = 'hunter2-db';
const TOKEN = 'tok-0f9e8d7c6b5a';

/** The lab snapshot with a secret planted in every kind of place one may hide. */
function planted(): SnapshotBody {
  const body = snapshotBody();
  const c = body.cluster.cluster;
  const withHash = {
    ...c,
    accounts: c.accounts.map((a) => ({ ...a, sftp: { authorizedKeys: [], passwordHash: HASH } })),
  };
  const [manager, node1, node2] = body.hosts;
  if (!manager || !node1 || !node2) throw new Error('fixture has three hosts');
  return {
    ...body,
    cluster: { ...body.cluster, cluster: withHash, applied: withHash },
    hosts: [
      {
        ...manager,
        files: [
          ...manager.files,
          {
            path: '/etc/keepalived/vrrp.conf',
            content: `vrrp_instance VI_1 {\n  authentication {\n    auth_type PASS\n    auth_pass ${AUTH_PASS}\n  }\n}\n`,
            error: null,
          },
          { path: '/root/.ssh/id_ed25519', content: KEY, error: null },
        ],
      },
      {
        ...node1,
        files: [
          ...node1.files,
          {
            path: '/etc/app.ini',
            content: `[db]\nuser = app\npassword = ${DB_PASSWORD}\nPasswordAuthentication no\n`,
            error: null,
          },
        ],
        runs: {
          '2': [
            {
              id: 7,
              attempt: 1,
              phase: 'command',
              command: 'ssh-keygen -y -f key',
              exitCode: 1,
              stdout: `Enter passphrase: ${PASSPHRASE}\n${KEY}`,
              stderr: 'bad key',
              startedAt: '2026-11-30T08:00:01.000Z',
              durationMs: 5,
            },
          ],
        },
      },
      { ...node2, facts: node2.facts && { ...node2.facts, hostname: `node2\n${KEY}` } },
    ],
    audit: [
      ...body.audit,
      {
        id: 2,
        at: '2026-11-30T09:00:00.000Z',
        action: 'accounts:update',
        hostId: LAB.node1,
        result: 'ok',
        details: { name: 'web1', sftp: { password: 'plain-pw', token: TOKEN }, note: RSA_BLOCK() },
      },
    ],
  };
}

function RSA_BLOCK(): string {
  return `-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY}\n-----END RSA PRIVATE KEY-----`;
}

const SECRETS = [HASH, KEY_BODY, RSA_BODY, AUTH_PASS, PASSPHRASE, DB_PASSWORD, TOKEN, 'plain-pw'];

describe('redactSnapshot', () => {
  it('leaves no planted secret in the file bytes and lists each', async () => {
    const bytes = await encodeSnapshotFile(planted());
    const text = gunzipSync(bytes).toString('utf8');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('PRIVATE KEY-----');
    const { redactions } = JSON.parse(text).body as SnapshotBody;
    expect(redactions).toEqual(
      expect.arrayContaining([
        { where: 'cluster.accounts[web1].sftp.passwordHash', what: 'password hash' },
        { where: 'cluster.applied.accounts[web1].sftp.passwordHash', what: 'password hash' },
        { where: 'files[manager]/etc/keepalived/vrrp.conf:4', what: 'password' },
        { where: 'files[manager]/root/.ssh/id_ed25519:1', what: 'private key' },
        { where: 'files[node1]/etc/app.ini:3', what: 'password' },
        { where: 'hosts[node1].runs.2[0].stdout:1', what: 'passphrase' },
        { where: 'hosts[node1].runs.2[0].stdout:2', what: 'private key' },
        { where: 'hosts[node2].facts.hostname:2', what: 'private key' },
        { where: 'audit[2].details.sftp.password', what: 'password' },
        { where: 'audit[2].details.sftp.token', what: 'token' },
        { where: 'audit[2].details.note:1', what: 'private key' },
      ]),
    );
    expect(redactions).toHaveLength(11);
  });

  it('keeps the text around a secret, with a marker where it was', () => {
    const body = redactSnapshot(planted());
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
    const once = redactSnapshot(planted());
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
