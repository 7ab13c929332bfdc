import { isAppError, toErrorInfo } from '../../../shared/api/errors';
import type { NodeModeChange } from '../../../shared/lb/status';
import type { ClusterNode } from '../../../shared/model/cluster';
import { api } from '../api';
import { useClustersStore } from '../stores/clusters-store';
import { useUiStore } from '../stores/ui-store';
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

/**
 * {@link setNodeMode} for a button: a failure, or a mode saved and queued but not in IPVS yet,
 * is shown in the app's error bar (naming `nodeName`) instead of thrown.
 */
export async function changeNodeMode(
  clusterId: string,
  hostId: string,
  nodeName: string,
  mode: ClusterNode['lbMode'],
): Promise<void> {
  const { showError } = useUiStore.getState();
  try {
    const change = await setNodeMode(clusterId, hostId, mode);
    if (change.immediate.state === 'failed' && change.immediate.error)
      showError({
        context: `${NODE_OPERATIONS[mode].label}: ${change.message}`,
        error: change.immediate.error,
      });
  } catch (e) {
    showError({ context: `${NODE_OPERATIONS[mode].label}: ${nodeName}`, error: toErrorInfo(e) });
  }
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
