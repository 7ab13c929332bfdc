import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKeyFile, resolveKeyPath } from './key-path';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cd-key-'));
  dirs.push(d);
  return d;
}

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string; details?: unknown }).details;
  }
  return undefined;
}

describe('resolveKeyPath', () => {
  it('starts ~, ~/ and relative paths at the home directory and keeps absolute ones', () => {
    expect(resolveKeyPath('~/.ssh/id_ed25519', '/home/ada')).toBe('/home/ada/.ssh/id_ed25519');
    expect(resolveKeyPath(' ~ ', '/home/ada')).toBe('/home/ada');
    expect(resolveKeyPath('.ssh/id_rsa', '/home/ada')).toBe('/home/ada/.ssh/id_rsa');
    expect(resolveKeyPath('./keys/../.ssh/k', '/home/ada')).toBe('/home/ada/.ssh/k');
    expect(resolveKeyPath('/etc/keys//k', '/home/ada')).toBe('/etc/keys/k');
  });

  it('refuses ~user paths on the key field', () => {
    expect(fieldOf(() => resolveKeyPath('~bob/.ssh/k', '/home/ada'))).toEqual({
      issues: [
        {
          field: 'auth.keyPath',
          message: 'only your own home can be written as ~/ (no ~user/ paths)',
        },
      ],
    });
  });
});

describe('checkKeyFile', () => {
  it('accepts a readable file', () => {
    const d = tempDir();
    writeFileSync(join(d, 'k'), 'key');
    expect(() => checkKeyFile(join(d, 'k'))).not.toThrow();
  });

  it('names a missing file, a directory and an unreadable file on the key field', () => {
    const d = tempDir();
    expect(fieldOf(() => checkKeyFile(join(d, 'none')))).toEqual({
      issues: [{ field: 'auth.keyPath', message: `${join(d, 'none')} does not exist` }],
    });
    expect(fieldOf(() => checkKeyFile(d))).toEqual({
      issues: [{ field: 'auth.keyPath', message: `${d} is not a file` }],
    });
    const locked = join(d, 'locked');
    writeFileSync(locked, 'key');
    chmodSync(locked, 0o000);
    // root reads any file: the permission case can only be seen as another user.
    if (process.getuid?.() !== 0) {
      expect(fieldOf(() => checkKeyFile(locked))).toEqual({
        issues: [
          { field: 'auth.keyPath', message: `${locked} cannot be read (permission denied)` },
        ],
      });
    }
  });
});
