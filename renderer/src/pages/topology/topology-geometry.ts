import type { CachedPosition, PositionCache } from '../../../../shared/topology/types';

/**
 * Where the diagram draws things: the path and label point of an edge between two laid-out
 * nodes, and the default viewport. Pure, so the diagram and the SVG export draw the same
 * picture and the rules are tested without a browser.
 */

/** An edge's drawn path (SVG `d`) and the point its label sits on. */
export interface EdgeGeometry {
  path: string;
  labelX: number;
  labelY: number;
}

type Side = 'left' | 'right' | 'top' | 'bottom';

function anchor(r: CachedPosition, side: Side): { x: number; y: number } {
  switch (side) {
    case 'left':
      return { x: r.x, y: r.y + r.height / 2 };
    case 'right':
      return { x: r.x + r.width, y: r.y + r.height / 2 };
    case 'top':
      return { x: r.x + r.width / 2, y: r.y };
    case 'bottom':
      return { x: r.x + r.width / 2, y: r.y + r.height };
  }
}

const NORMAL: Record<Side, { x: number; y: number }> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
};

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A cubic curve from one node to another: out of the source's side facing the target and into
 * the target's side facing the source (left to right between columns of the layered layout,
 * top to bottom within one column). The label sits at the curve's middle.
 */
export function edgeGeometry(source: CachedPosition, target: CachedPosition): EdgeGeometry {
  let from: Side;
  let to: Side;
  if (target.x >= source.x + source.width) [from, to] = ['right', 'left'];
  else if (target.x + target.width <= source.x) [from, to] = ['left', 'right'];
  else if (target.y >= source.y) [from, to] = ['bottom', 'top'];
  else [from, to] = ['top', 'bottom'];
  const p0 = anchor(source, from);
  const p3 = anchor(target, to);
  const reach = Math.max(30, Math.hypot(p3.x - p0.x, p3.y - p0.y) / 2);
  const p1 = { x: p0.x + NORMAL[from].x * reach, y: p0.y + NORMAL[from].y * reach };
  const p2 = { x: p3.x + NORMAL[to].x * reach, y: p3.y + NORMAL[to].y * reach };
  const pt = (p: { x: number; y: number }) => `${round(p.x)},${round(p.y)}`;
  return {
    path: `M${pt(p0)} C${pt(p1)} ${pt(p2)} ${pt(p3)}`,
    labelX: round((p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8),
    labelY: round((p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8),
  };
}

/** A rectangle around some nodes. */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The bounds of the given nodes (all of them when `ids` is omitted); null when none is placed. */
export function boundsOf(positions: PositionCache, ids?: string[]): Bounds | null {
  const placed = (ids ?? Object.keys(positions)).flatMap((id) => {
    const p = positions[id];
    return p === undefined ? [] : [p];
  });
  if (placed.length === 0) return null;
  return {
    minX: Math.min(...placed.map((p) => p.x)),
    minY: Math.min(...placed.map((p) => p.y)),
    maxX: Math.max(...placed.map((p) => p.x + p.width)),
    maxY: Math.max(...placed.map((p) => p.y + p.height)),
  };
}

/** The zoom the diagram opens at never goes below this: text stays readable. */
export const MIN_DEFAULT_ZOOM = 0.7;
/** Nor above this: a small cluster is not blown up. */
export const MAX_DEFAULT_ZOOM = 1;

/** React Flow's viewport: screen = position × zoom + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport the diagram opens at: the whole graph when it fits at a readable zoom, centred;
 * otherwise the readable minimum zoom instead of a tiny fit-to-view, showing across what
 * `spanIds` span (where sites are served: VIPs, services, nodes, storage), centred when that
 * fits, else from its left edge (from the graph's left edge without a span), and the focus
 * nodes (the VIPs) centred vertically.
 */
export function defaultViewport(
  positions: PositionCache,
  focusIds: string[],
  view: { width: number; height: number },
  padding = 24,
  spanIds: string[] = [],
): Viewport {
  const all = boundsOf(positions);
  if (all === null || view.width <= 0 || view.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const w = all.maxX - all.minX;
  const h = all.maxY - all.minY;
  const fit = Math.min((view.width - 2 * padding) / w, (view.height - 2 * padding) / h);
  const zoom = Math.min(MAX_DEFAULT_ZOOM, Math.max(MIN_DEFAULT_ZOOM, fit));
  if (fit >= zoom)
    return {
      x: (view.width - w * zoom) / 2 - all.minX * zoom,
      y: (view.height - h * zoom) / 2 - all.minY * zoom,
      zoom,
    };
  const focus = boundsOf(positions, focusIds) ?? all;
  const span = boundsOf(positions, spanIds);
  const centreY = (focus.minY + focus.maxY) / 2;
  const room = view.width - 2 * padding;
  let x: number;
  if (w * zoom <= room) x = (view.width - w * zoom) / 2 - all.minX * zoom;
  else if (span === null) x = padding - all.minX * zoom;
  else if ((span.maxX - span.minX) * zoom <= room)
    x = view.width / 2 - ((span.minX + span.maxX) / 2) * zoom;
  else x = padding - span.minX * zoom;
  const y = h * zoom <= view.height - 2 * padding ? (view.height - h * zoom) / 2 : null;
  return {
    x,
    y: y === null ? view.height / 2 - centreY * zoom : y - all.minY * zoom,
    zoom,
  };
}
