import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SnapshotBody } from '../../../shared/snapshot/format';
import { plantedSecrets, SECRETS } from '../../../shared/snapshot/testing/secret-fixtures';
import { encodeSnapshotFile } from './file';

describe('a snapshot file of a body with secrets', () => {
  it('holds none of them in its bytes and lists each', async () => {
    const bytes = await encodeSnapshotFile(plantedSecrets());
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
});
