import type { SnapshotDiff } from './diff-change';
import type { SnapshotBody } from './format';
import { diffFacts, diffFiles, diffIpvs, diffQueues } from './diff-hosts';
import { diffModel } from './diff-model';
import { maskSnapshot } from './mask';

/**
 * The diff of two snapshots: what changed in the cluster from `a` (older) to `b` (newer), with
 * volatile fields masked (mask.ts) so that two snapshots of an unchanged cluster diff to
 * nothing. Lists are compared by identity (nodes by host id, accounts by name, services by id,
 * VIPs by address, real servers by address and port, files by host and path), so a reorder is
 * not a change.
 */

export { SnapshotChange, SnapshotDiff } from './diff-change';

/** What changed from snapshot `a` to snapshot `b`, in the order model, file, ipvs, fact, queue. */
export function diffSnapshots(a: SnapshotBody, b: SnapshotBody): SnapshotDiff {
  const ma = maskSnapshot(a);
  const mb = maskSnapshot(b);
  return {
    changes: [
      ...diffModel(ma, mb),
      ...diffFiles(ma, mb),
      ...diffIpvs(ma, mb),
      ...diffFacts(ma, mb),
      ...diffQueues(ma, mb),
    ],
  };
}

/** Whether a diff has no change. */
export function isEmptyDiff(d: SnapshotDiff): boolean {
  return d.changes.length === 0;
}
