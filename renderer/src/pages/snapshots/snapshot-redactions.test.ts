import { describe, expect, it } from 'vitest';
import { lostPasswordsNote, redactedPasswordAccounts } from './snapshot-redactions';

describe('redactedPasswordAccounts', () => {
  it('names the accounts whose SFTP password hash was taken out, once each', () => {
    expect(
      redactedPasswordAccounts([
        { where: 'cluster.accounts[shop].sftp.passwordHash', what: 'password hash' },
        { where: 'files[node1]/etc/x.conf:12', what: 'password' },
        { where: 'cluster.applied.accounts[blog].sftp.passwordHash', what: 'password hash' },
        { where: 'cluster.accounts[blog].sftp.passwordHash', what: 'password hash' },
        { where: 'cluster.accounts[shop].sftp.passwordHash', what: 'password hash' },
      ]),
    ).toEqual(['shop', 'blog']);
  });

  it('names none when nothing of the desired model was redacted', () => {
    expect(redactedPasswordAccounts([])).toEqual([]);
    expect(
      redactedPasswordAccounts([{ where: 'cluster.accounts[shop].sftp.keys', what: 'x' }]),
    ).toEqual([]);
  });
});

describe('lostPasswordsNote', () => {
  it('says nothing when no password was lost', () => {
    expect(lostPasswordsNote([])).toBeNull();
  });

  it('names the accounts that lost theirs', () => {
    expect(lostPasswordsNote(['shop'])).toContain('none for shop: set it again');
    expect(lostPasswordsNote(['shop', 'blog'])).toContain('none for shop, blog: set them again');
  });
});
