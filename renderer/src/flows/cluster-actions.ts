import type { ClusterView } from '../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { Cluster } from '../../../shared/model/cluster';
import { api } from '../api';
import { issuesOf, type FieldIssue } from '../lib/cluster-fields';
import { useClustersStore } from '../stores/clusters-store';

/** How a save went: the saved view, or the error with its field issues (VALIDATION). */
export type SaveOutcome =
  { ok: true; view: ClusterView } | { ok: false; error: ErrorInfo; issues: FieldIssue[] };

/** Saves a changed desired model (nothing runs on the hosts) and puts it in the store. */
export async function saveCluster(cluster: Cluster): Promise<SaveOutcome> {
  try {
    const view = await api.clusters.save({ cluster });
    useClustersStore.getState().upsert(view);
    return { ok: true, view };
  } catch (e) {
    const error = toErrorInfo(e);
    return { ok: false, error, issues: issuesOf(error) ?? [] };
  }
}

/** Drops an unreachable node from the model; returns what stays on it. Errors are thrown. */
export async function forceRemoveNode(clusterId: string, hostId: string): Promise<string[]> {
  const { cluster, leftovers } = await api.clusters.forceRemoveNode({ clusterId, hostId });
  useClustersStore.getState().upsert(cluster);
  return leftovers;
}

/** Forgets a cluster on this workstation (the hosts keep their configuration). */
export async function forgetCluster(clusterId: string): Promise<void> {
  await api.clusters.remove({ clusterId });
  await useClustersStore.getState().refresh();
}
