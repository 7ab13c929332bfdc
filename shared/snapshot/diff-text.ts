import type { SnapshotChange, SnapshotDiff } from './diff-change';

/**
 * A snapshot diff as text for people (the CLI's `snapshot diff`): a count, then the changes
 * under headings (the model, each host's files, IPVS, facts, queue failures), each as its
 * subject and how its value went, with a file's unified diff indented under it.
 */

const KINDS: readonly SnapshotChange['kind'][] = ['model', 'file', 'ipvs', 'fact', 'queue'];
const TITLES: Record<SnapshotChange['kind'], string> = {
  model: 'Model',
  file: 'Files',
  ipvs: 'IPVS',
  fact: 'Facts',
  queue: 'Queue failures',
};

/** How a value went: "before -> after", "added: after", "removed: before", or ''. */
export function changeValues(c: Pick<SnapshotChange, 'before' | 'after'>): string {
  if (c.before !== null && c.after !== null) return `${c.before} -> ${c.after}`;
  if (c.after !== null) return `added: ${c.after}`;
  if (c.before !== null) return `removed: ${c.before}`;
  return '';
}

function line(c: SnapshotChange): string[] {
  const host = c.kind === 'file' || c.kind === 'ipvs' ? null : c.hostName;
  const subject = host === null ? c.subject : `${host}: ${c.subject}`;
  // A file's values are its diff; a queue failure is only ever new.
  const values = c.kind === 'file' ? '' : c.kind === 'queue' ? (c.after ?? '') : changeValues(c);
  const head = values === '' ? `  ${subject}` : `  ${subject}: ${values}`;
  const diff =
    c.diff === null
      ? []
      : c.diff
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `    ${l}`);
  return [head, ...diff];
}

/** The text of a diff; "No changes." when it has none. */
export function diffText(d: SnapshotDiff): string {
  if (d.changes.length === 0) return 'No changes.\n';
  const counts = KINDS.map((k) => [k, d.changes.filter((c) => c.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${TITLES[k].toLowerCase()} ${n}`);
  const n = d.changes.length;
  const out = [`${n} change${n === 1 ? '' : 's'} (${counts.join(', ')})`];
  for (const kind of KINDS) {
    const of = d.changes.filter((c) => c.kind === kind);
    if (of.length === 0) continue;
    out.push('', TITLES[kind], ...of.flatMap(line));
  }
  return `${out.join('\n')}\n`;
}
