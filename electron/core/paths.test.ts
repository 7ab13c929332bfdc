import { chmodSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirError, openPrivateDataDir } from './paths';

const uid = process.getuid?.();
let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'cd-paths-'));
});
afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const modeOf = (p: string) => statSync(p).mode & 0o777;

function refusal(dir: string, asUid = uid): DataDirError {
  try {
    openPrivateDataDir(dir, asUid);
  } catch (e) {
    if (e instanceof DataDirError) return e;
    throw e;
  }
  throw new Error(`${dir} was accepted`);
}

describe.skipIf(uid === undefined)('openPrivateDataDir', () => {
  it('creates a missing data dir (and its parents) with mode 0700', () => {
    const dir = join(base, 'config', 'ClusterDeck');
    expect(openPrivateDataDir(dir)).toBe(dir);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(base, 'config'))).toBe(0o700);
  });

  it('accepts an existing private dir, and one only readable by others', () => {
    const dir = join(base, 'data');
    openPrivateDataDir(dir);
    expect(openPrivateDataDir(dir)).toBe(dir);
    chmodSync(dir, 0o755);
    expect(openPrivateDataDir(dir)).toBe(dir);
  });

  it.each([0o770, 0o702, 0o777, 0o1777])(
    'refuses a dir writable by group or others (mode %o), naming it',
    (mode) => {
      const dir = join(base, 'data');
      openPrivateDataDir(dir);
      chmodSync(dir, mode);
      const e = refusal(dir);
      expect(e.code).toBe('DATA_DIR_OPEN_PERMISSIONS');
      expect(e.details).toEqual({ path: dir, mode });
      expect(e.message).toContain(dir);
      expect(e.message).toContain('chmod 700');
    },
  );

  it('refuses a dir owned by another user', () => {
    const dir = join(base, 'data');
    openPrivateDataDir(dir);
    const e = refusal(dir, (uid ?? 0) + 1);
    expect(e.code).toBe('DATA_DIR_FOREIGN_OWNER');
    expect(e.details).toEqual({ path: dir, ownerUid: uid });
    expect(e.message).toContain(dir);
  });

  it('refuses a file in place of the dir', () => {
    const file = join(base, 'data');
    writeFileSync(file, '');
    const e = refusal(file);
    expect(e.code).toBe('DATA_DIR_NOT_A_DIRECTORY');
    expect(e.details).toEqual({ path: file });
  });

  it('checks the target of a symlink', () => {
    const target = join(base, 'shared');
    openPrivateDataDir(target);
    chmodSync(target, 0o777);
    const link = join(base, 'link');
    symlinkSync(target, link);
    expect(refusal(link).code).toBe('DATA_DIR_OPEN_PERMISSIONS');
  });
});
