import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotBody } from '../../../../shared/snapshot/testing/snapshot-fixtures';

// The stores are built over the renderer's api; nothing here reaches the engine.
vi.mock('../../api', () => ({ api: {}, setApiSource: () => undefined }));

const { SnapshotsRoute } = await import('./SnapshotsRoute');
const { useSnapshotStore } = await import('../../snapshot/snapshot-mode');

/** renderToString reads zustand's initial state: the test sets that. */
function given(open: boolean): void {
  useSnapshotStore.getInitialState().open = open
    ? { fileName: 'a.cdsnap', body: snapshotBody() }
    : null;
}

afterEach(() => given(false));

describe('SnapshotsRoute', () => {
  it('while a snapshot is open, says its kept snapshots are the live cluster’s and offers Close', () => {
    given(true);
    const html = renderToString(<SnapshotsRoute clusterId="c-lab" />);
    expect(html).toContain('data-testid="snapshots-read-only"');
    expect(html).toContain('a.cdsnap');
    expect(html).toContain('Close the snapshot');
    expect(html).not.toContain('snapshot-take');
  });

  it('with the live cluster, waits for the clusters instead', () => {
    given(false);
    const html = renderToString(<SnapshotsRoute clusterId="c-lab" />);
    expect(html).not.toContain('snapshots-read-only');
    expect(html).toContain('Loading the clusters');
  });
});
