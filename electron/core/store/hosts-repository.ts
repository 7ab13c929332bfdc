import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { HostFacts } from '../../../shared/model/facts';
import { HostAuth, type HostInputParsed, type HostKeyInfo } from '../../../shared/model/host';
import type { Db } from './database';

/** A host as stored (no live state). */
export interface HostRecord {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string;
  auth: HostAuth;
  createdAt: string;
  trustedKey: HostKeyInfo | null;
  hasStoredSecret: boolean;
}

interface HostRow {
  id: string;
  name: string;
  address: string;
  port: number;
  user: string;
  auth_json: string;
  created_at: string;
  key_type: string | null;
  fingerprint: string | null;
  has_secret: number;
}

const SELECT = `SELECT h.id, h.name, h.address, h.port, h.user, h.auth_json, h.created_at,
  k.key_type, k.fingerprint, (s.host_id IS NOT NULL) AS has_secret
  FROM hosts h LEFT JOIN host_keys k ON k.host_id = h.id LEFT JOIN host_secrets s ON s.host_id = h.id`;

function toRecord(r: HostRow): HostRecord {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    port: r.port,
    user: r.user,
    auth: HostAuth.parse(JSON.parse(r.auth_json)),
    createdAt: r.created_at,
    trustedKey:
      r.key_type && r.fingerprint ? { keyType: r.key_type, fingerprint: r.fingerprint } : null,
    hasStoredSecret: r.has_secret === 1,
  };
}

/** Hosts, their trusted keys, last facts and encrypted secrets. */
export class HostsRepository {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      list: db.prepare(`${SELECT} ORDER BY h.name`),
      get: db.prepare(`${SELECT} WHERE h.id = ?`),
      insert: db.prepare(
        `INSERT INTO hosts (id, name, address, port, user, auth_json, created_at)
         VALUES (@id, @name, @address, @port, @user, @auth_json, @created_at)`,
      ),
      remove: db.prepare('DELETE FROM hosts WHERE id = ?'),
      byName: db.prepare('SELECT id FROM hosts WHERE name = ?'),
      byEndpoint: db.prepare('SELECT id FROM hosts WHERE address = ? AND port = ? AND user = ?'),
      trust: db.prepare(
        `INSERT INTO host_keys (host_id, key_type, fingerprint, trusted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(host_id) DO UPDATE SET key_type = excluded.key_type,
           fingerprint = excluded.fingerprint, trusted_at = excluded.trusted_at`,
      ),
      forget: db.prepare('DELETE FROM host_keys WHERE host_id = ?'),
      saveFacts: db.prepare(
        `INSERT INTO host_facts (host_id, facts_json, probed_at) VALUES (?, ?, ?)
         ON CONFLICT(host_id) DO UPDATE SET facts_json = excluded.facts_json, probed_at = excluded.probed_at`,
      ),
      getFacts: db.prepare('SELECT facts_json FROM host_facts WHERE host_id = ?'),
      saveSecret: db.prepare(
        `INSERT INTO host_secrets (host_id, backend, ciphertext) VALUES (?, ?, ?)
         ON CONFLICT(host_id) DO UPDATE SET backend = excluded.backend, ciphertext = excluded.ciphertext`,
      ),
      getSecret: db.prepare('SELECT backend, ciphertext FROM host_secrets WHERE host_id = ?'),
      deleteSecret: db.prepare('DELETE FROM host_secrets WHERE host_id = ?'),
    };
  }

  /** Every host, by name. */
  list(): HostRecord[] {
    return (this.stmts.list.all() as HostRow[]).map(toRecord);
  }

  /** One host, or NOT_FOUND. */
  get(id: string): HostRecord {
    const row = this.stmts.get.get(id) as HostRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `hostId: no host with id ${id}`);
    return toRecord(row);
  }

  /** Adds a host; the name defaults to the address. NAME_TAKEN if name or endpoint is taken. */
  add(input: HostInputParsed): HostRecord {
    const name = input.name ?? input.address;
    if (this.stmts.byName.get(name))
      throw new AppError('NAME_TAKEN', `name: a host named "${name}" already exists`, {
        field: 'name',
      });
    if (this.stmts.byEndpoint.get(input.address, input.port, input.user)) {
      throw new AppError(
        'NAME_TAKEN',
        `address: ${input.user}@${input.address}:${input.port} is already in the host list`,
        {
          field: 'address',
        },
      );
    }
    const id = randomUUID();
    this.stmts.insert.run({
      id,
      name,
      address: input.address,
      port: input.port,
      user: input.user,
      auth_json: JSON.stringify(input.auth),
      created_at: new Date().toISOString(),
    });
    return this.get(id);
  }

  /** Removes a host and everything stored about it. */
  remove(id: string): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }

  /** Records the key the user trusted for this host. */
  trustKey(id: string, key: HostKeyInfo): void {
    this.stmts.trust.run(id, key.keyType, key.fingerprint, new Date().toISOString());
  }

  /** Forgets the trusted key. */
  forgetKey(id: string): void {
    this.stmts.forget.run(id);
  }

  /** Stores the latest probe result. */
  saveFacts(id: string, facts: HostFacts): void {
    this.stmts.saveFacts.run(id, JSON.stringify(facts), facts.probedAt);
  }

  /** The latest probe result, if any (re-validated: a stale shape reads as none). */
  getFacts(id: string): HostFacts | null {
    const row = this.stmts.getFacts.get(id) as { facts_json: string } | undefined;
    if (!row) return null;
    const parsed = HostFacts.safeParse(JSON.parse(row.facts_json));
    return parsed.success ? parsed.data : null;
  }

  /** Stores an already-encrypted secret. */
  saveSecret(id: string, backend: string, ciphertext: Buffer): void {
    this.stmts.saveSecret.run(id, backend, ciphertext);
  }

  /** The encrypted secret, if one is stored. */
  getSecret(id: string): { backend: string; ciphertext: Buffer } | null {
    return (
      (this.stmts.getSecret.get(id) as { backend: string; ciphertext: Buffer } | undefined) ?? null
    );
  }

  /** Deletes a stored secret. */
  deleteSecret(id: string): void {
    this.stmts.deleteSecret.run(id);
  }
}
