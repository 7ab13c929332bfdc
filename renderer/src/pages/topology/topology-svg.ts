import { NODE_LINE_HEIGHT, NODE_TITLE_HEIGHT } from '../../../../shared/topology/structure';
import type { PositionCache, TopologyGraph } from '../../../../shared/topology/types';
import { boundsOf, edgeGeometry } from './topology-geometry';
import {
  edgeLabelText,
  hasEdgeLabel,
  isPending,
  KIND_LABEL,
  pendingText,
  TONE_COLOR,
} from './topology-view';

/**
 * The diagram as a standalone SVG document, for documentation: the same nodes at the same
 * positions, the same curves, colours, dashes and texts as the page draws (topology-geometry
 * and topology-view), without the page's HTML. Pure, so a test reads what the file holds.
 */

const MARGIN = 24;
/** The title row's height inside a node (the rest of NODE_TITLE_HEIGHT is bottom padding). */
export const TITLE_ROW = NODE_TITLE_HEIGHT - 8;
const TITLE_BASELINE = TITLE_ROW / 2 + 5;

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Cuts a text that would overflow its node (the page ellipsises the same way). */
function fit(text: string, width: number, charWidth: number): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The drawn graph as an SVG document; `title` names it (the cluster). */
export function topologySvg(graph: TopologyGraph, positions: PositionCache, title: string): string {
  const b = boundsOf(positions) ?? { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  const width = Math.ceil(b.maxX - b.minX + 2 * MARGIN);
  const height = Math.ceil(b.maxY - b.minY + 2 * MARGIN);
  const dx = MARGIN - b.minX;
  const dy = MARGIN - b.minY;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Roboto, Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g transform="translate(${dx.toFixed(1)},${dy.toFixed(1)})">`,
  ];
  for (const e of graph.edges) {
    const s = positions[e.source];
    const t = positions[e.target];
    if (s === undefined || t === undefined) continue;
    const g = edgeGeometry(s, t);
    const dash = isPending(e) ? ' stroke-dasharray="6 4"' : '';
    const tip = pendingText(e) || e.stateText;
    out.push(
      `<g data-id="${escapeXml(e.id)}" data-state="${e.state}">`,
      tip ? `<title>${escapeXml(tip)}</title>` : '',
      `<path d="${g.path}" fill="none" stroke="${TONE_COLOR[e.tone]}" stroke-width="1.5"${dash}/>`,
    );
    const label = hasEdgeLabel(e) ? edgeLabelText(e) : '';
    if (label !== '') {
      const w = label.length * 6.5 + 10;
      out.push(
        `<rect x="${(g.labelX - w / 2).toFixed(1)}" y="${g.labelY - 9}" width="${w.toFixed(1)}" height="18" rx="4" fill="#ffffff" stroke="${TONE_COLOR[e.tone]}"/>`,
        `<text x="${g.labelX}" y="${g.labelY + 4}" font-size="11" text-anchor="middle" fill="${TONE_COLOR[e.tone]}">${escapeXml(label)}</text>`,
      );
    }
    out.push('</g>');
  }
  for (const n of graph.nodes) {
    const p = positions[n.id];
    if (p === undefined) continue;
    const colour = TONE_COLOR[n.tone];
    const dash = isPending(n) ? ' stroke-dasharray="6 4"' : '';
    const tip = [KIND_LABEL[n.kind], n.stateText, pendingText(n)].filter((t) => t).join(' — ');
    out.push(
      `<g data-id="${escapeXml(n.id)}" data-state="${n.state}" transform="translate(${p.x},${p.y})">`,
      `<title>${escapeXml(tip)}</title>`,
      `<rect width="${p.width}" height="${p.height}" rx="6" fill="#ffffff" stroke="${colour}" stroke-width="2"${dash}/>`,
      `<text x="10" y="${TITLE_BASELINE}" font-size="13" font-weight="700" fill="#1f1f1f">${escapeXml(fit(n.label, p.width * 0.6, 7.5))}</text>`,
      `<text x="${p.width - 8}" y="${TITLE_BASELINE}" font-size="11" text-anchor="end" fill="${colour}">${escapeXml(n.state)}</text>`,
    );
    n.sublabel.forEach((line, i) => {
      const y = TITLE_ROW + (i + 1) * NODE_LINE_HEIGHT - 4;
      out.push(
        `<text x="10" y="${y}" font-size="11" fill="#444444">${escapeXml(fit(line, p.width - 16, 6.2))}</text>`,
      );
    });
    out.push('</g>');
  }
  out.push('</g>', '</svg>');
  return out.filter((l) => l !== '').join('\n');
}
