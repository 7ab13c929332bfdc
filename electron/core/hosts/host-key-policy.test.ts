import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostKeyFromBlob, type HostKey } from '../ssh/host-keys';
import { openDatabase } from '../store/database';
import { HostsRepository } from '../store/hosts-repository';
import { HostKeyPolicy } from './host-key-policy';

let dir: string;
let ed: HostKey & { pub: string };
let ed2: HostKey & { pub: string };
let rsa: HostKey & { pub: string };
let ecdsa: HostKey & { pub: string };

/** A host key made by the real ssh-keygen, with its `type base64` public part. */
function keygen(name: string, type: string, bits: string): HostKey & { pub: string } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-b', bits, '-N', '', '-C', name, '-f', path]);
  const pub = readFileSync(`${path}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { ...hostKeyFromBlob(Buffer.from(pub.split(' ')[1] ?? '', 'base64')), pub };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-keypolicy-'));
  ed = keygen('ed', 'ed25519', '256');
  ed2 = keygen('ed2', 'ed25519', '256');
  rsa = keygen('rsa', 'rsa', '2048');
  ecdsa = keygen('ecdsa', 'ecdsa', '256');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HostKeyPolicy', () => {
  const PORT = 2222;
  let repo: HostsRepository;
  let knownHosts: string;
  let policy: HostKeyPolicy;
  let hostId: string;
  const info = (k: HostKey) => ({ keyType: k.keyType, fingerprint: k.fingerprint });
  const verify = (k: HostKey) => policy.verify(hostId, '127.0.0.1', PORT, k);

  /** Writes known_hosts lines for [127.0.0.1]:PORT, hashed as `ssh-keygen -H` does. */
  function writeHashed(...keys: (HostKey & { pub: string })[]): void {
    writeFileSync(knownHosts, keys.map((k) => `[127.0.0.1]:${PORT} ${k.pub}\n`).join(''));
    execFileSync('ssh-keygen', ['-q', '-H', '-f', knownHosts], { stdio: 'ignore' });
    expect(readFileSync(knownHosts, 'utf8')).not.toContain('127.0.0.1');
  }

  beforeEach(() => {
    repo = new HostsRepository(openDatabase(':memory:'));
    knownHosts = join(mkdtempSync(join(dir, 'kh-')), 'known_hosts');
    policy = new HostKeyPolicy(repo, [knownHosts]);
    hostId = repo.add({
      address: '127.0.0.1',
      port: PORT,
      user: 'root',
      auth: { method: 'agent' },
    }).id;
  });

  it('refuses an RSA key as changed when an ed25519 key is trusted in ClusterDeck', () => {
    repo.trustKey(hostId, info(ed));
    expect(verify(rsa)).toBe('changed');
    expect(verify(ecdsa)).toBe('changed');
    expect(policy.knownKeys(hostId, '127.0.0.1', PORT)).toEqual([
      { ...info(ed), source: 'clusterdeck' },
    ]);
    expect(repo.get(hostId).trustedKey).toEqual(info(ed));
  });

  it('refuses another key of the trusted type as changed, and trusts the trusted one', () => {
    repo.trustKey(hostId, info(ed));
    expect(verify(ed2)).toBe('changed');
    expect(verify(ed)).toBe('trusted');
  });

  it('refuses a key of another type than a hashed known_hosts entry, and records nothing', () => {
    writeHashed(ed);
    expect(policy.knownKeys(hostId, '127.0.0.1', PORT)).toEqual([
      { ...info(ed), source: 'known_hosts' },
    ]);
    expect(verify(rsa)).toBe('changed');
    expect(repo.get(hostId).trustedKey).toBeNull();
    // The refused key is still what was seen, so the UI can show it.
    expect(policy.lastSeen(hostId)).toEqual(info(rsa));
  });

  it('calls a key unknown only when nothing is known for the host and port', () => {
    expect(verify(rsa)).toBe('unknown');
    expect(policy.knownKeys(hostId, '127.0.0.1', PORT)).toEqual([]);
    // An entry for the same address on another port says nothing about this one.
    writeFileSync(knownHosts, `127.0.0.1 ${ed.pub}\n`);
    expect(verify(rsa)).toBe('unknown');
  });

  it('trusts a key from any known_hosts entry of the host and records it', () => {
    writeHashed(ed, rsa);
    expect(verify(rsa)).toBe('trusted');
    expect(repo.get(hostId).trustedKey).toEqual(info(rsa));
    // From now on our record decides.
    expect(verify(ed)).toBe('changed');
  });

  it('refuses a key revoked in known_hosts even when it is trusted in ClusterDeck', () => {
    repo.trustKey(hostId, info(ed));
    writeFileSync(knownHosts, `@revoked * ${ed.pub}\n`);
    expect(verify(ed)).toBe('revoked');
  });

  it('as a verifier, names the known keys and judges against them', async () => {
    repo.trustKey(hostId, info(ed));
    const verifier = policy.verifier();
    const target = { hostId, host: '127.0.0.1', port: PORT };
    expect(await verifier.knownKeys?.(target)).toEqual([{ ...info(ed), source: 'clusterdeck' }]);
    expect(await verifier(target, rsa)).toBe('changed');
    expect(await verifier(target, ed)).toBe('trusted');
  });
});
