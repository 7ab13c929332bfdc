import type { ClusterNode } from '../../../shared/model/cluster';
import { api } from '../api';
import { useClustersStore } from '../stores/clusters-store';
import { useClusterPlan } from './cluster-plan';

/** What each node operation is called and what it asks of the engine. */
export const NODE_OPERATIONS: Record<ClusterNode['lbMode'], { label: string; testId: string }> = {
  drain: { label: 'Drain', testId: 'node-drain' },
  maintenance: { label: 'Maintenance', testId: 'node-maintenance' },
  active: { label: 'Return to service', testId: 'node-return' },
};

/**
 * Sets a node's load-balancing mode in the model (lb:setNodeMode), then opens the plan
 * preview; applying it stays on the page so the drain can be watched. Errors are thrown.
 */
export async function setNodeMode(
  clusterId: string,
  hostId: string,
  mode: ClusterNode['lbMode'],
): Promise<void> {
  const view = await api.lb.setNodeMode({ clusterId, hostId, mode });
  useClustersStore.getState().upsert(view);
  await useClusterPlan.getState().preview(clusterId, { stay: true });
}

/** Opens the repair plan of a drift report: a full plan, applied by its hash. */
export async function previewRepair(clusterId: string, planHash: string | null): Promise<void> {
  await useClusterPlan.getState().preview(clusterId, { full: true, expectHash: planHash });
}
