import type { TopologyGraph } from '../types';

/**
 * A topology graph as readable text for golden files: a node per line with its kind, rank,
 * size, sublabel, state and pending marks, its facts indented below; then an edge per line.
 */
export function renderGraph(g: TopologyGraph, opts: { facts?: boolean } = {}): string {
  const lines: string[] = ['# nodes'];
  for (const n of g.nodes) {
    const head = `${n.id} [${n.kind} r${n.rank} ${n.width}x${n.height}] ${n.label}`;
    lines.push(head + (n.sublabel.length > 0 ? ` | ${n.sublabel.join(' | ')}` : ''));
    lines.push(`    state ${n.state} (${n.tone}): ${n.stateText}`);
    if (n.pending.length > 0) lines.push(`    pending: ${n.pending.join('; ')}`);
    if (n.group)
      lines.push(`    group of ${n.group.hostIds.length}, members ${n.group.memberIds.join(',')}`);
    if (opts.facts !== false) for (const f of n.facts) lines.push(`    - ${f.label}: ${f.value}`);
  }
  lines.push('', '# edges');
  for (const e of g.edges) {
    const label = e.label === null ? '' : ` "${e.label}"`;
    const check = e.check ? ` check ${e.check}` : '';
    const pending = e.pending.length > 0 ? ` pending: ${e.pending.join('; ')}` : '';
    lines.push(`${e.id}: ${e.source} -> ${e.target} [${e.kind}]${label}`);
    lines.push(`    state ${e.state} (${e.tone})${check}: ${e.stateText}${pending}`);
  }
  if (g.groups) {
    lines.push('', '# groups');
    for (const gr of g.groups)
      lines.push(`${gr.id} ${gr.label} (${gr.hostIds.length})${gr.expanded ? ' expanded' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
