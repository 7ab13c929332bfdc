import { describe, expect, it } from 'vitest';
import { lineMarker, parseUnifiedDiff, sideBySide } from './file-diff-lines';

const PATCH = [
  'Index: /etc/keepalived/keepalived.conf',
  '===================================================================',
  '--- /etc/keepalived/keepalived.conf',
  '+++ /etc/keepalived/keepalived.conf',
  '@@ -2,4 +2,5 @@',
  ' virtual_server 10.10.0.100 80 {',
  '-  real_server 10.10.0.11 80 { weight 2 }',
  '+  real_server 10.10.0.11 80 { weight 5 }',
  '+  real_server 10.10.0.12 80 { weight 1 }',
  ' }',
  '-# end',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('numbers old and new lines from the hunk header and drops the file headers', () => {
    expect(parseUnifiedDiff(PATCH)).toEqual([
      { kind: 'hunk', oldNo: null, newNo: null, text: '@@ -2,4 +2,5 @@' },
      { kind: 'context', oldNo: 2, newNo: 2, text: 'virtual_server 10.10.0.100 80 {' },
      { kind: 'del', oldNo: 3, newNo: null, text: '  real_server 10.10.0.11 80 { weight 2 }' },
      { kind: 'add', oldNo: null, newNo: 3, text: '  real_server 10.10.0.11 80 { weight 5 }' },
      { kind: 'add', oldNo: null, newNo: 4, text: '  real_server 10.10.0.12 80 { weight 1 }' },
      { kind: 'context', oldNo: 4, newNo: 5, text: '}' },
      { kind: 'del', oldNo: 5, newNo: null, text: '# end' },
    ]);
  });

  it('keeps a header-like line inside a hunk as the change it is', () => {
    const lines = parseUnifiedDiff('@@ -1 +1 @@\n---x\n+++y\n');
    expect(lines.map((l) => [l.kind, l.text])).toEqual([
      ['hunk', '@@ -1 +1 @@'],
      ['del', '--x'],
      ['add', '++y'],
    ]);
  });

  it('gives nothing for a text without hunks', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
    expect(parseUnifiedDiff('--- a\n+++ b\n')).toEqual([]);
  });
});

describe('sideBySide', () => {
  it('pairs removed with added lines in order; the rest faces an empty side', () => {
    const rows = sideBySide(parseUnifiedDiff(PATCH));
    expect(
      rows.map((r) => [r.kind, r.left?.oldNo ?? r.left?.text ?? null, r.right?.newNo ?? null]),
    ).toEqual([
      ['hunk', '@@ -2,4 +2,5 @@', null],
      ['context', 2, 2],
      ['change', 3, 3],
      ['change', null, 4],
      ['context', 4, 5],
      ['change', 5, null],
    ]);
  });
});

describe('lineMarker', () => {
  it('marks added and removed lines by a sign', () => {
    expect([lineMarker('add'), lineMarker('del'), lineMarker('context')]).toEqual(['+', '-', ' ']);
  });
});
