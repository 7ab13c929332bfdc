import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client, type ServerHostKeyAlgorithm } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KnownHosts,
  fingerprintSha256,
  hostPatternMatches,
  judgeHostKey,
  keyTypeOfBlob,
  preferredHostKeyAlgorithms,
  readKnownHosts,
  readKnownHostsFiles,
} from './host-keys';

let dir: string;

/** Generates a key with the real ssh-keygen; returns its public line and blob. */
function keygen(
  name: string,
  type: string,
  bits?: number,
): { line: string; blob: Buffer; path: string } {
  const path = join(dir, name);
  const args = ['-q', '-t', type, '-N', '', '-C', name, '-f', path];
  if (bits !== undefined) args.push('-b', String(bits));
  execFileSync('ssh-keygen', args);
  const line = readFileSync(`${path}.pub`, 'utf8').trim();
  return { line, blob: Buffer.from(line.split(' ')[1] ?? '', 'base64'), path: `${path}.pub` };
}

function pub(line: string): string {
  return line.split(' ').slice(0, 2).join(' ');
}

let ed: ReturnType<typeof keygen>;
let ed2: ReturnType<typeof keygen>;
let ecdsa: ReturnType<typeof keygen>;
let rsa: ReturnType<typeof keygen>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-hostkeys-'));
  ed = keygen('ed', 'ed25519');
  ed2 = keygen('ed2', 'ed25519');
  ecdsa = keygen('ecdsa', 'ecdsa', 256);
  rsa = keygen('rsa', 'rsa', 2048);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('key blobs', () => {
  it('reads the key type of each kind of blob', () => {
    expect(keyTypeOfBlob(ed.blob)).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(ecdsa.blob)).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOfBlob(rsa.blob)).toBe('ssh-rsa');
  });

  it('rejects a truncated blob', () => {
    expect(() => keyTypeOfBlob(Buffer.from([0, 0, 0, 40, 65]))).toThrow(/malformed/);
  });

  it('prints fingerprints exactly as ssh-keygen -lf does', () => {
    for (const k of [ed, ecdsa, rsa]) {
      const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', k.path], {
        encoding: 'utf8',
      });
      expect(printed.split(' ')[1]).toBe(fingerprintSha256(k.blob));
    }
  });
});

describe('known_hosts', () => {
  it('matches plain names, comma lists and [host]:port for other ports', () => {
    const kh = KnownHosts.parse(
      [
        `web1,10.0.0.5 ${pub(ed.line)}`,
        `[10.0.0.5]:2222 ${pub(ecdsa.line)}`,
        `# comment`,
        `garbage`,
      ].join('\n'),
    );
    expect(kh.lookup('web1', 22).map((e) => e.keyType)).toEqual(['ssh-ed25519']);
    expect(kh.lookup('WEB1', 22)).toHaveLength(1);
    expect(kh.lookup('10.0.0.5', 2222).map((e) => e.keyType)).toEqual(['ecdsa-sha2-nistp256']);
    expect(kh.lookup('10.0.0.5', 22).map((e) => e.keyType)).toEqual(['ssh-ed25519']);
    expect(kh.lookup('web1', 2222)).toEqual([]);
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const path = join(dir, 'kh-hashed');
    writeFileSync(path, `web1.example.com ${pub(ed.line)}\n[10.1.1.1]:2200 ${pub(rsa.line)}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', path]);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^\|1\|/);
    expect(text).not.toContain('web1');
    const kh = readKnownHosts(path);
    expect(kh.verdict('web1.example.com', 22, ed.blob)).toBe('trusted');
    expect(kh.verdict('10.1.1.1', 2200, rsa.blob)).toBe('trusted');
    expect(kh.verdict('web2.example.com', 22, ed.blob)).toBe('unknown');
  });

  it('applies wildcards and negation', () => {
    expect(hostPatternMatches('*.example.com,!db.example.com', 'web.example.com', 22)).toBe(true);
    expect(hostPatternMatches('*.example.com,!db.example.com', 'db.example.com', 22)).toBe(false);
    expect(hostPatternMatches('10.0.0.?', '10.0.0.7', 22)).toBe(true);
    expect(hostPatternMatches('10.0.0.?', '10.0.0.17', 22)).toBe(false);
    expect(hostPatternMatches('[10.0.0.*]:2222', '10.0.0.17', 2222)).toBe(true);
    expect(hostPatternMatches('a.b', 'axb', 22)).toBe(false);
  });

  it('says trusted, changed (any other key, of any type) or unknown (no key recorded)', () => {
    const kh = KnownHosts.parse(`web1 ${pub(ed.line)}\n`);
    expect(kh.verdict('web1', 22, ed.blob)).toBe('trusted');
    expect(kh.verdict('web1', 22, ed2.blob)).toBe('changed');
    expect(kh.verdict('web1', 22, ecdsa.blob)).toBe('changed');
    expect(kh.verdict('web1', 22, rsa.blob)).toBe('changed');
    expect(kh.verdict('web2', 22, ed.blob)).toBe('unknown');
  });

  it('says changed when a hashed entry holds a key of another type (no downgrade)', () => {
    const path = join(dir, 'kh-hashed-ed');
    writeFileSync(path, `[127.0.0.1]:2222 ${pub(ed.line)}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', path]);
    const kh = readKnownHosts(path);
    expect(kh.verdict('127.0.0.1', 2222, rsa.blob)).toBe('changed');
    expect(kh.verdict('127.0.0.1', 2222, ecdsa.blob)).toBe('changed');
    expect(kh.verdict('127.0.0.1', 2222, ed.blob)).toBe('trusted');
    expect(kh.knownKeys('127.0.0.1', 2222)).toEqual([
      { keyType: 'ssh-ed25519', fingerprint: fingerprintSha256(ed.blob), source: 'known_hosts' },
    ]);
    expect(kh.verdict('127.0.0.1', 22, rsa.blob)).toBe('unknown');
  });

  it('refuses a revoked key even where a line trusts it, and ignores @cert-authority', () => {
    const kh = KnownHosts.parse(
      [
        `web1 ${pub(ed.line)}`,
        `@revoked * ${pub(ed.line)}`,
        `@cert-authority *.example.com ${pub(rsa.line)}`,
      ].join('\n'),
    );
    expect(kh.verdict('web1', 22, ed.blob)).toBe('revoked');
    expect(kh.lookup('x.example.com', 22).map((e) => e.keyType)).toEqual(['ssh-ed25519']);
  });

  it('skips a line whose type disagrees with its blob', () => {
    const kh = KnownHosts.parse(`web1 ssh-rsa ${ed.line.split(' ')[1]}\n`);
    expect(kh.lookup('web1', 22)).toEqual([]);
  });

  it('treats a missing file as empty', () => {
    expect(readKnownHosts(join(dir, 'nope')).lookup('web1', 22)).toEqual([]);
  });

  it('reads several files as one: a key in any of them is trusted, a revocation in any wins', () => {
    const a = join(dir, 'kh-a');
    const b = join(dir, 'kh-b');
    writeFileSync(a, `web1 ${pub(ed.line)}\n`);
    writeFileSync(b, `web1 ${pub(rsa.line)}\n@revoked * ${pub(ecdsa.line)}\n`);
    const kh = readKnownHostsFiles([a, b, join(dir, 'missing')]);
    expect(kh.verdict('web1', 22, rsa.blob)).toBe('trusted');
    expect(kh.verdict('web1', 22, ed.blob)).toBe('trusted');
    expect(kh.verdict('web1', 22, ed2.blob)).toBe('changed');
    expect(kh.verdict('web1', 22, ecdsa.blob)).toBe('revoked');
    expect(kh.knownKeys('web1', 22).map((k) => k.keyType)).toEqual(['ssh-ed25519', 'ssh-rsa']);
  });
});

describe('judging a presented key', () => {
  const known = (k: { blob: Buffer }) => ({ fingerprint: fingerprintSha256(k.blob) });

  it('trusts a key among the known ones', () => {
    expect(judgeHostKey([known(ed), known(rsa)], fingerprintSha256(rsa.blob), false)).toBe(
      'trusted',
    );
  });

  it('refuses a key of another type than the known one as changed', () => {
    expect(judgeHostKey([known(ed)], fingerprintSha256(rsa.blob), false)).toBe('changed');
    expect(judgeHostKey([known(ed)], fingerprintSha256(ecdsa.blob), false)).toBe('changed');
  });

  it('refuses another key of the same type as changed', () => {
    expect(judgeHostKey([known(ed)], fingerprintSha256(ed2.blob), false)).toBe('changed');
  });

  it('calls a key unknown only when no key is known', () => {
    expect(judgeHostKey([], fingerprintSha256(rsa.blob), false)).toBe('unknown');
  });

  it('refuses a revoked key even when it is known', () => {
    expect(judgeHostKey([known(ed)], fingerprintSha256(ed.blob), true)).toBe('revoked');
    expect(judgeHostKey([], fingerprintSha256(ed.blob), true)).toBe('revoked');
  });
});

describe('host key algorithms to offer', () => {
  const ALL = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ];

  it('leaves the defaults alone when no type is known', () => {
    expect(preferredHostKeyAlgorithms([])).toBeUndefined();
    // Types ssh2 cannot negotiate change nothing either.
    expect(preferredHostKeyAlgorithms(['sk-ssh-ed25519@openssh.com', 'ssh-dss'])).toBeUndefined();
  });

  it('offers an RSA key (ssh-rsa in known_hosts) as rsa-sha2-512/256 first, then the others', () => {
    expect(preferredHostKeyAlgorithms(['ssh-rsa'])).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
    ]);
  });

  it('offers a known ECDSA curve first', () => {
    const list = preferredHostKeyAlgorithms(['ecdsa-sha2-nistp384']);
    expect(list?.[0]).toBe('ecdsa-sha2-nistp384');
    expect([...(list ?? [])].sort()).toEqual([...ALL].sort());
  });

  it('orders several known types by preference and keeps every other algorithm after them', () => {
    const list = preferredHostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519']);
    expect(list?.slice(0, 4)).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(list?.slice(4)).toEqual([
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
    ]);
  });

  it('gives lists ssh2 accepts, for the types that real keys carry', () => {
    // ssh2 throws "Unsupported algorithm" at connect for a name it does not know.
    const connectWith = (serverHostKey: ServerHostKeyAlgorithm[]): void => {
      const client = new Client();
      client.on('error', () => undefined);
      try {
        client.connect({ sock: new PassThrough(), username: 'u', algorithms: { serverHostKey } });
      } finally {
        client.end();
      }
    };
    for (const k of [ed, ecdsa, rsa]) {
      const list = preferredHostKeyAlgorithms([keyTypeOfBlob(k.blob)]) ?? [];
      expect(list).toHaveLength(ALL.length);
      expect(() => connectWith(list)).not.toThrow();
    }
    expect(() => connectWith(['ssh-foo' as ServerHostKeyAlgorithm])).toThrow(
      /Unsupported algorithm/,
    );
  });
});
