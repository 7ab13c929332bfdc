import { describe, expect, it } from 'vitest';
import { parseCluster, type Cluster } from '../../../shared/model/cluster';
import { labCluster } from '../../../shared/plan/testing/lab-fixtures';
import { restorePasswords } from './use-model';

const HASH_A = `$6$saltsalt$${'a'.repeat(86)}`;
const HASH_B = `$6$saltsalt$${'b'.repeat(86)}`;
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnlyFakeKeyForTestsOnly00 shop';

const account = (name: string, uid: number, sftp?: Cluster['accounts'][number]['sftp']) => ({
  name,
  uid,
  gid: uid,
  quotaMiB: 0,
  domain: `${name}.example`,
  ...(sftp ? { sftp } : {}),
});

describe('restorePasswords (snapshots:useModel)', () => {
  it('takes redacted hashes back from same-named live accounts and lists the rest as lost', () => {
    const live = labCluster('public', 'manager', {
      accounts: [
        account('shop', 2001, { authorizedKeys: [], passwordHash: HASH_A }),
        account('blog', 2002, { authorizedKeys: [] }),
      ],
    });
    // The snapshot's model: redaction took the hashes out of shop, blog and gone.
    const snap = parseCluster({
      ...labCluster('public'),
      id: 'c-old',
      accounts: [
        account('shop', 2001, { authorizedKeys: [KEY] }),
        account('blog', 2002, { authorizedKeys: [] }),
        account('gone', 2003, { authorizedKeys: [] }),
        account('kept', 2004, { authorizedKeys: [], passwordHash: HASH_B }),
        account('plain', 2005),
      ],
    });
    const { model, lostPasswords } = restorePasswords(live.id, snap, live, [
      'shop',
      'blog',
      'gone',
      'not-in-model',
    ]);
    expect(model.id).toBe(live.id);
    const sftp = (name: string) => model.accounts.find((a) => a.name === name)?.sftp;
    expect(sftp('shop')).toEqual({ authorizedKeys: [KEY], passwordHash: HASH_A });
    expect(sftp('blog')).toEqual({ authorizedKeys: [] });
    expect(sftp('gone')).toEqual({ authorizedKeys: [] });
    expect(sftp('kept')).toEqual({ authorizedKeys: [], passwordHash: HASH_B });
    expect(sftp('plain')).toBeUndefined();
    expect(lostPasswords).toEqual(['blog', 'gone']);
    // The result is a valid model, as clusters:save will check again.
    expect(parseCluster(model)).toEqual(model);
  });

  it('never takes a hash for an account that was not redacted', () => {
    const live = labCluster('public', 'manager', {
      accounts: [account('shop', 2001, { authorizedKeys: [], passwordHash: HASH_A })],
    });
    const snap = labCluster('public', 'manager', {
      accounts: [account('shop', 2001, { authorizedKeys: [] })],
    });
    const { model, lostPasswords } = restorePasswords(live.id, snap, live, []);
    expect(model.accounts[0]?.sftp).toEqual({ authorizedKeys: [] });
    expect(lostPasswords).toEqual([]);
  });
});
