import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SnapshotChange } from '../../../../shared/snapshot/diff';
import { snapshotBody } from '../../../../shared/snapshot/testing/snapshot-fixtures';
import { SideBySideDiff } from './SideBySideDiff';
import { SnapshotDiffView } from './SnapshotDiffView';
import type { Comparison } from './snapshots-store';

const text = (html: string): string =>
  html
    .replace(/<style[^>]*>.*?<\/style>/g, '')
    // React's markers between adjacent texts, which are one text on screen.
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();

const DIFF =
  '--- a/etc/exports\n+++ b/etc/exports\n@@ -1,2 +1,2 @@\n /home 10.0.0.0/24(rw)\n-/srv a(ro)\n+/srv b(rw)\n';

const comparison = (changes: SnapshotChange[]): Comparison => ({
  older: { label: 'a.cdsnap', id: 'a.cdsnap', body: snapshotBody() },
  newer: { label: 'b.cdsnap', id: 'b.cdsnap', body: snapshotBody() },
  diff: { changes },
});

const render = (c: Comparison) =>
  renderToString(
    <SnapshotDiffView
      comparison={c}
      restoring={false}
      onUseOlderModel={() => {}}
      onClose={() => {}}
    />,
  );

describe('SnapshotDiffView', () => {
  it('says "No changes" for an empty diff', () => {
    const html = render(comparison([]));
    expect(html).toContain('data-empty="true"');
    expect(text(html)).toContain('No changes');
    expect(html).not.toContain('data-testid="snapshot-change"');
  });

  it('lists each change under its heading, a file with its unified diff marked + and -', () => {
    const html = render(
      comparison([
        {
          kind: 'file',
          hostId: 'm',
          hostName: 'manager',
          subject: 'manager:/etc/exports',
          before: 'present',
          after: 'present',
          diff: DIFF,
        },
        {
          kind: 'model',
          hostId: null,
          hostName: null,
          subject: 'services: http-80: weight of node1',
          before: '2',
          after: '5',
          diff: null,
        },
      ]),
    );
    expect(html).toContain('data-empty="false"');
    const t = text(html);
    // The model before the files, whatever the diff's order.
    expect(t.indexOf('Model (1)')).toBeLessThan(t.indexOf('Files on manager (1)'));
    expect(t).toContain('services: http-80: weight of node1 2 → 5');
    expect(t).toContain('/etc/exports');
    expect(t).toContain('-/srv a(ro)');
    expect(t).toContain('+/srv b(rw)');
    expect(html.match(/data-testid="snapshot-change"/g)).toHaveLength(2);
  });
});

describe('SideBySideDiff', () => {
  it('puts the old line left and the new right, each with its number and marker', () => {
    const t = text(renderToString(<SideBySideDiff diff={DIFF} />));
    expect(t).toContain('Older Newer');
    expect(t).toContain('1 /home 10.0.0.0/24(rw) 1 /home 10.0.0.0/24(rw)');
    expect(t).toContain('2 - /srv a(ro) 2 + /srv b(rw)');
  });
});
