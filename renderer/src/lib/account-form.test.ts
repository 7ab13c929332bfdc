import { describe, expect, it } from 'vitest';
import type { Cluster, ClusterAccount } from '../../../shared/model/cluster';
import {
  accountPending,
  applyEdit,
  describeKey,
  editFormOf,
  foldListIssues,
  parseAliases,
  parsePublicKey,
  passwordProblems,
  siteNames,
  statusMeaning,
  withAccount,
  withKeys,
} from './account-form';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0bWxQbGZxd3h5 alice@laptop';
const HASH = `$6$saltsalt$${'a'.repeat(86)}`;
const alice: ClusterAccount = {
  name: 'alice',
  uid: 2000,
  gid: 2000,
  quotaMiB: 1024,
  domain: 'alice.test',
};

describe('parseAliases', () => {
  it('takes domains separated by spaces, commas or lines, lower-cased and without repeats', () => {
    expect(
      parseAliases(' Shop.Alice.test, blog.alice.test\nshop.alice.test\n', 'alice.test'),
    ).toEqual({ ok: true, value: ['shop.alice.test', 'blog.alice.test'] });
    expect(parseAliases('  ', 'alice.test')).toEqual({ ok: true, value: [] });
  });

  it('names the word that is not a domain, in words', () => {
    expect(parseAliases('shop.alice.test bad_name', 'alice.test')).toEqual({
      ok: false,
      message: '"bad_name" is not a domain name such as example.com',
    });
    expect(parseAliases('localhost', 'alice.test').ok).toBe(false);
  });

  it("refuses the site's own domain and its www. name, which are served already", () => {
    expect(parseAliases('www.alice.test', 'Alice.test')).toEqual({
      ok: false,
      message: `"www.alice.test" is served already as the site's own name`,
    });
    expect(parseAliases('alice.test', 'alice.test').ok).toBe(false);
  });
});

describe('parsePublicKey', () => {
  it('accepts one OpenSSH public key line, trimmed', () => {
    expect(parsePublicKey(`  ${KEY} \n`)).toEqual({ ok: true, value: KEY });
  });

  it('says in words what is wrong with anything else', () => {
    expect(parsePublicKey('')).toEqual({ ok: false, message: 'Paste a public key line first' });
    expect(parsePublicKey('hello world')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not an OpenSSH public key line') as unknown,
    });
    expect(parsePublicKey('-----BEGIN OPENSSH PRIVATE KEY-----')).toMatchObject({
      message: expect.stringContaining('private key') as unknown,
    });
    expect(parsePublicKey(`${KEY}\n${KEY}`)).toEqual({
      ok: false,
      message: 'Paste one key line at a time',
    });
    expect(parsePublicKey(KEY, [KEY])).toEqual({ ok: false, message: 'This key is there already' });
  });
});

describe('describeKey', () => {
  it('shortens the key body and keeps type and comment', () => {
    expect(describeKey(KEY)).toEqual({
      type: 'ssh-ed25519',
      short: '…IGm0bWxQbGZxd3h5',
      comment: 'alice@laptop',
    });
  });
});

describe('passwordProblems', () => {
  it('asks for 8 characters first, then for the same password twice', () => {
    expect(passwordProblems('short', 'short')).toEqual({
      password: 'Use at least 8 characters',
      repeat: null,
    });
    expect(passwordProblems('long enough', 'long enougH')).toEqual({
      password: null,
      repeat: 'The two passwords do not match',
    });
    expect(passwordProblems('long enough', 'long enough')).toEqual({
      password: null,
      repeat: null,
    });
  });
});

describe('applyEdit', () => {
  it('changes quota, domain and aliases, and keeps name, ids and SFTP', () => {
    const a = { ...alice, aliases: ['old.alice.test'], sftp: { authorizedKeys: [KEY] } };
    expect(editFormOf(a)).toEqual({
      quota: '1024',
      domain: 'alice.test',
      aliases: 'old.alice.test',
    });
    const r = applyEdit(a, { quota: ' 2048 ', domain: ' alice.example ', aliases: 'a.example' });
    expect(r).toEqual({
      ok: true,
      account: {
        ...alice,
        quotaMiB: 2048,
        domain: 'alice.example',
        aliases: ['a.example'],
        sftp: { authorizedKeys: [KEY] },
      },
    });
  });

  it('drops the aliases key when none is left, and leaves a bad quota to the model (NaN)', () => {
    const r = applyEdit(
      { ...alice, aliases: ['x.alice.test'] },
      { ...editFormOf(alice), quota: '1e3' },
    );
    expect(r.ok && 'aliases' in r.account).toBe(false);
    expect(r.ok && Number.isNaN(r.account.quotaMiB)).toBe(true);
  });

  it("returns the aliases field's problem", () => {
    expect(applyEdit(alice, { ...editFormOf(alice), aliases: 'not a domain' })).toEqual({
      ok: false,
      aliases: '"not" is not a domain name such as example.com',
    });
  });
});

describe('withKeys', () => {
  it('keeps the password hash and drops SFTP when neither key nor password is left', () => {
    expect(withKeys(alice, [KEY]).sftp).toEqual({ authorizedKeys: [KEY] });
    const withHash = { ...alice, sftp: { authorizedKeys: [KEY], passwordHash: HASH } };
    expect(withKeys(withHash, []).sftp).toEqual({ authorizedKeys: [], passwordHash: HASH });
    expect('sftp' in withKeys({ ...alice, sftp: { authorizedKeys: [KEY] } }, [])).toBe(false);
  });
});

describe('accountPending and withAccount', () => {
  const cluster = { accounts: [alice, { ...alice, name: 'bob', uid: 2001, gid: 2001 }] } as Cluster;

  it('is pending when never applied, added, or different from the applied account', () => {
    expect(accountPending({ applied: null }, alice)).toBe(true);
    expect(accountPending({ applied: { ...cluster, accounts: [] } }, alice)).toBe(true);
    expect(accountPending({ applied: cluster }, alice)).toBe(false);
    expect(accountPending({ applied: cluster }, { ...alice, quotaMiB: 1 })).toBe(true);
  });

  it('replaces one account by name and leaves the others', () => {
    const next = withAccount(cluster, { ...alice, quotaMiB: 5 });
    expect(next.accounts.map((a) => [a.name, a.quotaMiB])).toEqual([
      ['alice', 5],
      ['bob', 1024],
    ]);
  });
});

describe('siteNames and statusMeaning', () => {
  it('lists the domain, its www. name and the aliases', () => {
    expect(siteNames({ domain: 'alice.test', aliases: ['shop.test'] })).toEqual([
      'alice.test',
      'www.alice.test',
      'shop.test',
    ]);
  });

  it('says what a status means in a few words', () => {
    expect(statusMeaning(200)).toBe('ok');
    expect(statusMeaning(403)).toBe('forbidden, or no index page');
    expect(statusMeaning(404)).toBe('not found');
    expect(statusMeaning(502)).toBe('server error');
    expect(statusMeaning(301)).toBe('redirects elsewhere');
  });
});

describe('foldListIssues', () => {
  it("moves an item's issue onto its list's field and leaves the others", () => {
    const issues = [
      { field: 'accounts.1.aliases.2', message: 'must be a domain name such as example.com' },
      { field: 'accounts.1.sftp.authorizedKeys.0', message: 'must be one OpenSSH public key line' },
      { field: 'accounts.1.domain', message: 'must be a domain name such as example.com' },
      { field: 'accounts.10.aliases.0', message: 'another account' },
    ];
    expect(
      foldListIssues(issues, ['accounts.1.aliases', 'accounts.1.sftp.authorizedKeys']).map(
        (i) => i.field,
      ),
    ).toEqual([
      'accounts.1.aliases',
      'accounts.1.sftp.authorizedKeys',
      'accounts.1.domain',
      'accounts.10.aliases.0',
    ]);
  });
});
