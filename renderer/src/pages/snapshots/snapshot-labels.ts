import type { SnapshotInfo } from '../../../../shared/model/snapshot-info';

/** How a snapshot's reason reads on its chip. */
export function reasonLabel(reason: SnapshotInfo['reason']): string {
  return reason === 'before-apply' ? 'before apply' : 'manual';
}

/** Which hosts could not be read while it was taken, or that all were. */
export function unreachableText(info: Pick<SnapshotInfo, 'unreachable'>): string {
  return info.unreachable.length === 0
    ? 'all hosts read'
    : `not reached: ${info.unreachable.join(', ')}`;
}

/** The snapshots newest first (the list's order), ties by id so the order never jumps. */
export function newestFirst(list: readonly SnapshotInfo[]): SnapshotInfo[] {
  return [...list].sort((a, b) => b.takenAt.localeCompare(a.takenAt) || a.id.localeCompare(b.id));
}

/** The two selected snapshots to compare, or null unless exactly two of the list are selected. */
export function selectedPair(
  list: readonly SnapshotInfo[],
  selected: ReadonlySet<string>,
): [SnapshotInfo, SnapshotInfo] | null {
  const [a, b, ...rest] = list.filter((s) => selected.has(s.id));
  return a !== undefined && b !== undefined && rest.length === 0 ? [a, b] : null;
}
