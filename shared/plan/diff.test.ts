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

  it('writes a one-line range without its count, as GNU diff does', () => {
    expect(unifiedDiff('/etc/fstab', 'a\n', 'a\nb\n')).toBe(
      '--- a/etc/fstab\n+++ b/etc/fstab\n@@ -1 +1,2 @@\n a\n+b\n',
    );
    expect(unifiedDiff('/f', 'a\nb\n', '')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });

  it('keeps hunks apart when more than twice the context lies between changes', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const after = before.map((l, i) => (i === 5 || i === 12 || i === 25 ? `${l} changed` : l));
    const d = unifiedDiff('/f', `${before.join('\n')}\n`, `${after.join('\n')}\n`);
    // 6 unchanged lines between the first two changes (one hunk), 12 before the third (two).
    expect(d.match(/^@@ .* @@$/gm)).toEqual(['@@ -3,14 +3,14 @@', '@@ -23,7 +23,7 @@']);
  });

  it('on long files with scattered edits, diffs only what changed', () => {
    const next = rng(7);
    const before = Array.from({ length: 3000 }, (_, i) => `    option-${i % 17} value-${i};`);
    const after = [...before];
    for (let k = 0; k < 20; k++) after[Math.floor(next() * after.length)] = `    edited-${k};`;
    const ta = `${before.join('\n')}\n`;
    const tb = `${after.join('\n')}\n`;
    const d = unifiedDiff('/etc/big.conf', ta, tb);
    expect(d.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(40);
    expect(applyWithPatch(ta, d)).toBe(tb);
  });

  it('shows a file rewritten past 1,000 edits as one hunk that replaces it', () => {
    // Every 100th line is the same in both files; all others differ.
    const text = (p: string, n: number, eol: boolean) =>
      Array.from({ length: n }, (_, i) => (i % 100 === 50 ? 'keep' : `${p} ${i}`)).join('\n') +
      (eol ? '\n' : '');
    const ta = text('old', 800, true);
    const tb = text('new', 700, false);
    const d = unifiedDiff('/etc/keepalived/keepalived.conf', ta, tb);
    const body = d.split('\n').slice(2, -1);
    expect(body[0]).toBe('@@ -1,800 +1,700 @@');
    expect(body.slice(1, 801).every((l) => l.startsWith('-'))).toBe(true);
    expect(body[801]).toBe('+new 0');
    expect(body).not.toContain(' keep');
    expect(body.at(-1)).toBe('\\ No newline at end of file');
    expect(applyWithPatch(ta, d)).toBe(tb);
    // Under the cap, the lines the files share stay as context.
    const small = unifiedDiff('/f', text('old', 300, true), text('new', 200, true));
    expect(small.split('\n').filter((l) => l === ' keep')).toHaveLength(2);
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
      const ta = a.length > 0 ? `${a.join('\n')}${next() < 0.1 ? '' : '\n'}` : '';
      const tb = b.length > 0 ? `${b.join('\n')}${next() < 0.1 ? '' : '\n'}` : '';
      const d = unifiedDiff('/f', ta, tb);
      if (ta === tb) expect(d).toBe('');
      else expect(applyWithPatch(ta, d), `round ${round}`).toBe(tb);
    }
  });
});
