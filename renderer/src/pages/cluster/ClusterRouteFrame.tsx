import { useEffect, type ReactNode } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { ClustersNotLoaded } from '../../components/ClustersNotLoaded';
import { useClustersStore } from '../../stores/clusters-store';
import { useUiStore } from '../../stores/ui-store';
import { NotFoundPage } from '../NotFoundPage';
import { ClusterPlanDialog } from './ClusterPlanDialog';

/** Props of {@link ClusterRouteFrame}. */
export interface ClusterRouteFrameProps {
  /** The cluster asked for (its URL names it); the first one when null. */
  clusterId: string | null;
  /** The page once the clusters are loaded; `view` is undefined when there is no cluster. */
  children: (view: ClusterView | undefined, clusters: ClusterView[]) => ReactNode;
}

/**
 * The frame of a page about one cluster: waits for the cluster list (or shows why it failed,
 * with a retry), then renders the page; the cluster's plan dialog is always mounted. A URL
 * without a cluster is rewritten to name the cluster shown, so a reload stays on it; a URL
 * naming a cluster that does not exist says so.
 */
export function ClusterRouteFrame({ clusterId, children }: ClusterRouteFrameProps) {
  const clusters = useClustersStore((s) => s.clusters);
  const hydrated = useClustersStore((s) => s.hydrated);
  const view = clusterId === null ? clusters[0] : clusters.find((c) => c.cluster.id === clusterId);
  const shownId = view?.cluster.id;

  useEffect(() => {
    const { page, replacePage } = useUiStore.getState();
    if (
      clusterId === null &&
      shownId !== undefined &&
      (page.kind === 'cluster' || page.kind === 'lb' || page.kind === 'topology')
    )
      replacePage({ kind: page.kind, clusterId: shownId });
  }, [clusterId, shownId]);

  let body;
  if (hydrated && clusterId !== null && view === undefined) {
    body = <NotFoundPage message={`No cluster has the id ${clusterId}.`} />;
  } else if (hydrated) {
    body = children(view, clusters);
  } else {
    body = <ClustersNotLoaded />;
  }
  return (
    <>
      {body}
      <ClusterPlanDialog />
    </>
  );
}
