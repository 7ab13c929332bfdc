import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCluster } from '../cluster/plan';
import { allOf, fileMatches, plannedFile } from './step';
import { labCluster, labInput } from './testing/lab-fixtures';

/** Exit status of a command run by the system's POSIX sh (dash on Debian). */
function status(command: string): number {
  try {
    execFileSync('/bin/sh', ['-c', command], { stdio: 'ignore' });
    return 0;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
}

describe('step helpers', () => {
  it('fileMatches passes only for the exact content, mode and owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-step-'));
    try {
      const path = join(dir, "it's a file");
      const content = 'line \'one\'\n$(touch x) "two"\n\n';
      const group = execFileSync('id', ['-gn']).toString().trim();
      const f = { ...plannedFile(path, content, null), owner: userInfo().username, group };
      writeFileSync(path, content);
      chmodSync(path, 0o644);
      expect(status(fileMatches(f))).toBe(0);
      writeFileSync(path, content.trimEnd());
      expect(status(fileMatches(f))).not.toBe(0);
      writeFileSync(path, content);
      chmodSync(path, 0o600);
      expect(status(fileMatches(f))).not.toBe(0);
      rmSync(path);
      expect(status(fileMatches(f))).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('allOf keeps the meaning of parts that use ||', () => {
    expect(status(allOf('false', 'false || true'))).not.toBe(0);
    expect(status(allOf('true', 'false || true'))).toBe(0);
  });

  it('every command, check and verify of the plans is valid POSIX sh', () => {
    for (const c of [labCluster('public'), labCluster('public-private', 'external')]) {
      for (const h of planCluster(labInput(c)).hosts) {
        for (const s of h.steps) {
          for (const t of [...s.commands, s.check, s.verify]) {
            if (t !== null) expect(status(`set -n; ${t}`), `${s.id}: ${t}`).toBe(0);
          }
        }
      }
    }
  });
});
