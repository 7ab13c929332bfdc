import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KnownHosts,
  combineVerdicts,
  fingerprintSha256,
  hostPatternMatches,
  keyTypeOfBlob,
  readKnownHosts,
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

  it('says trusted, changed (same type, other key) or unknown (type not recorded)', () => {
    const kh = KnownHosts.parse(`web1 ${pub(ed.line)}\n`);
    expect(kh.verdict('web1', 22, ed.blob)).toBe('trusted');
    expect(kh.verdict('web1', 22, ed2.blob)).toBe('changed');
    expect(kh.verdict('web1', 22, ecdsa.blob)).toBe('unknown');
    expect(kh.verdict('web2', 22, ed.blob)).toBe('unknown');
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

  it('combines verdicts with refusals first', () => {
    expect(combineVerdicts(['trusted', 'changed'])).toBe('changed');
    expect(combineVerdicts(['unknown', 'trusted'])).toBe('trusted');
    expect(combineVerdicts(['revoked', 'trusted'])).toBe('revoked');
    expect(combineVerdicts([])).toBe('unknown');
  });
});
