import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { migrations } from './migrations';
import { HostsRepository } from './hosts-repository';
import { AuditRepository } from './audit-repository';

const dirs: string[] = [];
function tempDb(): string {
  const d = mkdtempSync(join(tmpdir(), 'cd-store-'));
  dirs.push(d);
  return join(d, 'store.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('uses WAL and records each migration with its hash', () => {
    const db = openDatabase(tempDb());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT version, hash FROM schema_migrations').all() as {
      hash: string;
    }[];
    expect(rows).toHaveLength(migrations.length);
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it('is idempotent across restarts and keeps data', () => {
    const file = tempDb();
    const db = openDatabase(file);
    new HostsRepository(db).add({
      address: '10.0.0.1',
      port: 22,
      user: 'root',
      auth: { method: 'agent' },
    });
    db.close();
    const again = openDatabase(file);
    expect(new HostsRepository(again).list().map((h) => h.name)).toEqual(['10.0.0.1']);
    again.close();
  });

  it('refuses to start when an applied migration was edited', () => {
    const file = tempDb();
    openDatabase(file, {
      migrations: [{ version: 1, name: '001', sql: 'CREATE TABLE a (x)' }],
    }).close();
    expect(() =>
      openDatabase(file, { migrations: [{ version: 1, name: '001', sql: 'CREATE TABLE a (y)' }] }),
    ).toThrow(/changed after it was applied/);
  });

  it('refuses a database written by a newer version', () => {
    const file = tempDb();
    openDatabase(file, {
      migrations: [
        { version: 1, name: '001', sql: 'CREATE TABLE a (x)' },
        { version: 2, name: '002', sql: 'CREATE TABLE b (x)' },
      ],
    }).close();
    expect(() =>
      openDatabase(file, { migrations: [{ version: 1, name: '001', sql: 'CREATE TABLE a (x)' }] }),
    ).toThrow(/newer ClusterDeck/);
  });

  it('rolls back a failing migration as a whole', () => {
    const file = tempDb();
    expect(() =>
      openDatabase(file, {
        migrations: [{ version: 1, name: 'bad', sql: 'CREATE TABLE a (x); SELECT * FROM nope;' }],
      }),
    ).toThrow();
    const db = openDatabase(file, { migrations: [] });
    const t = db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get();
    expect(t).toBeUndefined();
    db.close();
  });
});

describe('HostsRepository', () => {
  it('rejects duplicate names and endpoints with CONFLICT naming the field', () => {
    const repo = new HostsRepository(openDatabase(':memory:'));
    repo.add({
      name: 'web1',
      address: 'a.example',
      port: 22,
      user: 'root',
      auth: { method: 'agent' },
    });
    expect(() =>
      repo.add({
        name: 'web1',
        address: 'b.example',
        port: 22,
        user: 'root',
        auth: { method: 'agent' },
      }),
    ).toThrow(/^name:/);
    expect(() =>
      repo.add({
        name: 'web2',
        address: 'a.example',
        port: 22,
        user: 'root',
        auth: { method: 'agent' },
      }),
    ).toThrow(/^address:/);
  });

  it('stores and forgets trusted keys; removing a host removes its key and secret', () => {
    const db = openDatabase(':memory:');
    const repo = new HostsRepository(db);
    const h = repo.add({
      address: 'a.example',
      port: 2222,
      user: 'admin',
      auth: { method: 'password' },
    });
    repo.trustKey(h.id, { keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' });
    repo.saveSecret(h.id, 'test', Buffer.from([1, 2, 3]));
    expect(repo.get(h.id).trustedKey).toEqual({
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:abc',
    });
    expect(repo.get(h.id).hasStoredSecret).toBe(true);
    repo.forgetKey(h.id);
    expect(repo.get(h.id).trustedKey).toBeNull();
    repo.remove(h.id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM host_secrets').get()).toEqual({ n: 0 });
    expect(() => repo.get(h.id)).toThrow(/no host/);
  });
});

describe('AuditRepository', () => {
  it('lists newest first', () => {
    const audit = new AuditRepository(openDatabase(':memory:'));
    audit.record({ action: 'hosts:add', result: 'ok' });
    audit.record({ action: 'hosts:connect', result: 'error', details: { code: 'TIMEOUT' } });
    const rows = audit.list(10);
    expect(rows.map((r) => r.action)).toEqual(['hosts:connect', 'hosts:add']);
    expect(rows[0]?.details).toEqual({ code: 'TIMEOUT' });
  });
});
