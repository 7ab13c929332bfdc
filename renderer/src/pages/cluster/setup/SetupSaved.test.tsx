import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterView } from '../../../../../shared/api/contract';
import { httpService, lbCluster } from '../../../../../shared/lb/testing/lb-fixtures';

// The stores are built over the renderer's api; nothing here reaches the engine.
vi.mock('../../../api', () => ({ api: {} }));

const { SetupSaved } = await import('./SetupSaved');
const { useClustersStore } = await import('../../../stores/clusters-store');

const cluster = lbCluster([httpService()]);
const view = (applied: ClusterView['applied']): ClusterView => ({
  cluster,
  applied,
  issues: [],
  updatedAt: 'now',
});

/** The wizard's end as rendered, with the clusters store holding `clusters`. */
function rendered(saved: ClusterView, clusters: ClusterView[]): string {
  // renderToString reads zustand's server snapshot: the store's initial state.
  Object.assign(useClustersStore.getInitialState(), { clusters });
  return renderToString(<SetupSaved view={saved} />);
}

describe('SetupSaved', () => {
  afterEach(() => Object.assign(useClustersStore.getInitialState(), { clusters: [] }));

  it('says nothing changed on the hosts only while the cluster was never applied', () => {
    const html = rendered(view(null), [view(null)]);
    expect(html).toContain('data-applied="none"');
    expect(html).toContain('Nothing has');
  });

  it('after an apply it says the hosts have the model, from the cluster as it is now', () => {
    const html = rendered(view(null), [view(structuredClone(cluster))]);
    expect(html).toContain('data-applied="all"');
    expect(html).not.toContain('Nothing has');
  });

  it('changes saved after the apply are said to be not applied yet', () => {
    const older = { ...structuredClone(cluster), services: [] };
    const html = rendered(view(null), [view(older)]);
    expect(html).toContain('data-applied="partly"');
    expect(html).not.toContain('Nothing has');
  });
});
