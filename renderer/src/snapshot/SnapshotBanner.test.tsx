import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotBody } from '../../../shared/snapshot/testing/snapshot-fixtures';

// The snapshot module switches the renderer's api; nothing here opens or closes one.
vi.mock('../api', () => ({ api: {}, setApiSource: () => undefined }));

const { SnapshotBanner, snapshotBannerText } = await import('./SnapshotBanner');
const { Writable } = await import('./Writable');
const { useSnapshotStore } = await import('./snapshot-mode');

const body = snapshotBody({ reason: 'before-apply' });

/** renderToString reads zustand's initial state: the test sets that. */
function given(open: boolean): void {
  useSnapshotStore.getInitialState().open = open ? { fileName: 'a.cdsnap', body } : null;
}

const page = () =>
  renderToString(
    <>
      <SnapshotBanner />
      <Writable>
        <button data-testid="act">Act</button>
      </Writable>
    </>,
  );

afterEach(() => given(false));

describe('the snapshot banner and the Writable gate', () => {
  it('names the cluster, the local time, the reason and the file', () => {
    expect(snapshotBannerText('a.cdsnap', body)).toBe(
      `Snapshot of cluster ${body.cluster.cluster.name}, taken ${new Date(body.takenAt).toLocaleString()} (before an apply) — a.cdsnap — read-only`,
    );
  });

  it('shows the banner and hides actions only while a snapshot is open', () => {
    given(false);
    expect(page()).not.toContain('snapshot-banner');
    expect(page()).toContain('data-testid="act"');
    given(true);
    expect(page()).toContain('data-testid="snapshot-banner"');
    expect(page()).toContain('data-testid="snapshot-close"');
    expect(page()).not.toContain('data-testid="act"');
  });
});
