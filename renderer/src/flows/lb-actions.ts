import { isAppError } from '../../../shared/api/errors';
import type { NodeModeChange } from '../../../shared/lb/status';
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
 * Sets a node's load-balancing mode (lb:setNodeMode): the manager's IPVS follows at once and
 * keepalived.conf through its queue, so there is nothing to review. Only when the hosts do not
 * balance anything to the node yet (a cluster never applied) does the plan preview open, for
 * the mode to reach them with the rest. Returns what happened; errors are thrown.
 */
export async function setNodeMode(
  clusterId: string,
  hostId: string,
  mode: ClusterNode['lbMode'],
): Promise<NodeModeChange> {
  const { cluster, change } = await api.lb.setNodeMode({ clusterId, hostId, mode });
  useClustersStore.getState().upsert(cluster);
  if (change.immediate.state === 'none')
    await useClusterPlan.getState().preview(clusterId, { stay: true });
  return change;
}

/** Opens the repair plan of a drift report: a full plan, applied by its hash. */
export async function previewRepair(clusterId: string, planHash: string | null): Promise<void> {
  await useClusterPlan.getState().preview(clusterId, { full: true, expectHash: planHash });
}

/** How long the app waits for a drained node's connections before it gives up (1 hour). */
export const DRAIN_WAIT_SEC = 3600;

/**
 * Waits (as an engine task, shown with its progress and a cancel button in the tasks
 * indicator) until the node has no active connection left. Resolves with whether it drained;
 * a cancelled wait resolves null, any other failure is thrown.
 */
export async function waitDrained(clusterId: string, hostId: string): Promise<boolean | null> {
  try {
    const r = await api.lb.waitDrained({ clusterId, hostId, timeoutSec: DRAIN_WAIT_SEC });
    return r.drained;
  } catch (e) {
    if (isAppError(e) && e.code === 'ABORTED') return null;
    throw e;
  }
}
