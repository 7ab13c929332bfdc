import { useEffect } from 'react';
import { useClustersStore } from '../../stores/clusters-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useSnapshotsStore } from './snapshots-store';

/**
 * Keeps the page's list of a cluster's snapshots current: read when the page opens, again after
 * each apply of the cluster finished (it kept a snapshot before it ran) and after each snapshot
 * task of the cluster ended (taken from another window or client of this engine).
 */
export function useSnapshotsList(clusterId: string): void {
  const load = useSnapshotsStore((s) => s.load);
  const lastApply = useClustersStore((s) =>
    s.lastApply?.clusterId === clusterId ? s.lastApply.applyId : null,
  );
  const snapshotsTaken = useTasksStore(
    (s) =>
      Object.values(s.byId).filter(
        (t) => t.kind === 'snapshot' && t.clusterId === clusterId && t.state !== 'running',
      ).length,
  );
  useEffect(() => {
    void load(clusterId);
  }, [load, clusterId, lastApply, snapshotsTaken]);
}
