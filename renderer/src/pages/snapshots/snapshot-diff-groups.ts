import type { SnapshotChange } from '../../../../shared/snapshot/diff';

/** A heading of the diff view and the changes under it. */
export interface ChangeGroup {
  /** Stable key (and test id suffix): "model", "files:<hostId>", "ipvs", "facts", "queue". */
  key: string;
  kind: SnapshotChange['kind'];
  title: string;
  changes: SnapshotChange[];
}

/** The order the kinds are shown in: what the admin decided first, what the hosts did last. */
const KIND_ORDER: SnapshotChange['kind'][] = ['model', 'file', 'ipvs', 'fact', 'queue'];

const KIND_TITLES: Record<SnapshotChange['kind'], string> = {
  model: 'Model',
  file: 'Files',
  ipvs: 'IPVS',
  fact: 'Facts',
  queue: 'Queue failures',
};

/**
 * The changes of a diff under their headings: the model, each host's files (hosts in the order
 * they first appear), IPVS, facts and queue failures. Groups without a change are left out;
 * within a group the changes keep the diff's order.
 */
export function groupChanges(changes: readonly SnapshotChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const kind of KIND_ORDER) {
    for (const change of changes) {
      if (change.kind !== kind) continue;
      const perHost = kind === 'file';
      const host = change.hostName ?? change.hostId ?? 'an unknown host';
      const key = perHost ? `files:${change.hostId ?? host}` : kind;
      let group = groups.get(key);
      if (group === undefined) {
        group = { key, kind, title: perHost ? `Files on ${host}` : KIND_TITLES[kind], changes: [] };
        groups.set(key, group);
      }
      group.changes.push(change);
    }
  }
  return [...groups.values()];
}

/**
 * What a change is about: its subject, after the host's name where it is one host's. A file's
 * subject ("node1:/etc/x.conf") is shown under its host's heading, so without the host.
 */
export function changeSubject(change: SnapshotChange): string {
  const host = change.hostName ?? change.hostId;
  if (host === null) return change.subject;
  if (change.kind === 'file') {
    return change.subject.startsWith(`${host}:`)
      ? change.subject.slice(host.length + 1)
      : change.subject;
  }
  return `${host}: ${change.subject}`;
}

/**
 * How the value went: "before → after", "added: after", "removed: before", or '' when there
 * is nothing to say (a file edited in place: its diff says it).
 */
export function changeSummary(change: Pick<SnapshotChange, 'kind' | 'before' | 'after'>): string {
  const { before, after } = change;
  if (before !== null && after !== null) return before === after ? '' : `${before} → ${after}`;
  if (after !== null) return `added: ${after}`;
  if (before !== null) return `removed: ${before}`;
  return '';
}
