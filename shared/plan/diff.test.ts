import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff';

/** Applies a diff with GNU patch and returns the result: the diff must turn `a` into `b`. */
function applyWithPatch(a: string | null, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cd-diff-'));
  try {
    const file = join(dir, 'f');
    writeFileSync(file, a ?? '');
    execFileSync('patch', ['-s', '-p0', file], { input: diff });
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('/etc/x', 'a\n', 'a\n')).toBe('');
  });

  it('writes git-style headers, 3 lines of context and hunk ranges', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = before.replace('5\n', 'five\n');
    expect(unifiedDiff('/etc/fstab', before, after)).toBe(
      [
        '--- a/etc/fstab',
        '+++ b/etc/fstab',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        '',
      ].join('\n'),
    );
  });

  it('shows a new file against /dev/null', () => {
    expect(unifiedDiff('/etc/a.conf', null, 'x\ny\n')).toBe(
      '--- /dev/null\n+++ b/etc/a.conf\n@@ -0,0 +1,2 @@\n+x\n+y\n',
    );
  });

  it('marks a missing final newline', () => {
    const d = unifiedDiff('/f', 'a\nb', 'a\nb\n');
    expect(d).toContain('-b\n\\ No newline at end of file\n+b\n');
    expect(applyWithPatch('a\nb', d)).toBe('a\nb\n');
  });

  it('produces diffs that GNU patch applies, on random edits', () => {
    const next = rng(42);
    const words = ['alpha', 'beta', 'gamma', 'delta', '', '# c'];
    for (let round = 0; round < 150; round++) {
      const a = Array.from(
        { length: Math.floor(next() * 25) },
        () => words[Math.floor(next() * words.length)] ?? '',
      );
      const b = [...a];
      for (let k = Math.floor(next() * 6); k > 0; k--) {
        const at = Math.floor(next() * (b.length + 1));
        if (next() < 0.5 && b.length > 0) b.splice(at, 1);
        else b.splice(at, 0, `new${round}-${k}`);
      }
      const ta = a.length > 0 ? `${a.join('\n')}\n` : '';
      const tb = b.length > 0 ? `${b.join('\n')}${next() < 0.1 ? '' : '\n'}` : '';
      const d = unifiedDiff('/f', ta, tb);
      if (ta === tb) expect(d).toBe('');
      else expect(applyWithPatch(ta, d), `round ${round}`).toBe(tb);
    }
  });
});
