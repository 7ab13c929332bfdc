import { describe, expect, it } from 'vitest';
import type { SnapshotChange } from './diff-change';
import { diffText } from './diff-text';

const base = { hostId: null, hostName: null, before: null, after: null, diff: null };

describe('diffText', () => {
  it('says when there is no change', () => {
    expect(diffText({ changes: [] })).toBe('No changes.\n');
  });

  it('counts the changes and lists them under headings, file diffs indented', () => {
    const changes: SnapshotChange[] = [
      {
        ...base,
        kind: 'queue',
        hostId: 'h2',
        hostName: 'node2',
        subject: 'Reload nginx',
        after: 'failed: exit 1',
      },
      {
        ...base,
        kind: 'model',
        subject: 'services: http: weight of node1',
        before: '1',
        after: '3',
      },
      { ...base, kind: 'model', subject: 'accounts: shop', after: 'shop.example' },
      {
        ...base,
        kind: 'file',
        hostId: 'h1',
        hostName: 'manager',
        subject: 'manager:/etc/exports',
        before: 'present',
        after: 'present',
        diff: '--- a/etc/exports\n+++ b/etc/exports\n@@ -1 +1 @@\n-a\n+b\n',
      },
    ];
    expect(diffText({ changes })).toBe(
      [
        '4 changes (model 2, files 1, queue failures 1)',
        '',
        'Model',
        '  services: http: weight of node1: 1 -> 3',
        '  accounts: shop: added: shop.example',
        '',
        'Files',
        '  manager:/etc/exports',
        '    --- a/etc/exports',
        '    +++ b/etc/exports',
        '    @@ -1 +1 @@',
        '    -a',
        '    +b',
        '',
        'Queue failures',
        '  node2: Reload nginx: failed: exit 1',
        '',
      ].join('\n'),
    );
  });
});
