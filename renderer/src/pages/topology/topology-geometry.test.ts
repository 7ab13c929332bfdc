import { describe, expect, it } from 'vitest';
import {
  defaultViewport,
  edgeGeometry,
  MAX_DEFAULT_ZOOM,
  MIN_DEFAULT_ZOOM,
} from './topology-geometry';

const box = (x: number, y: number, width = 100, height = 40) => ({ x, y, width, height });

describe('edgeGeometry', () => {
  it('runs from the right side of a node to the left side of one in a later column', () => {
    const g = edgeGeometry(box(0, 0), box(300, 100));
    expect(g.path.startsWith('M100,20 ')).toBe(true);
    expect(g.path.endsWith(' 300,120')).toBe(true);
    // A symmetric curve: its middle is halfway between the two ends.
    expect([g.labelX, g.labelY]).toEqual([200, 70]);
  });

  it('runs leftwards when the target is in an earlier column', () => {
    const g = edgeGeometry(box(300, 0), box(0, 0));
    expect(g.path.startsWith('M300,20 ')).toBe(true);
    expect(g.path.endsWith(' 100,20')).toBe(true);
  });

  it('runs from bottom to top within one column', () => {
    const g = edgeGeometry(box(0, 0), box(20, 200));
    expect(g.path.startsWith('M50,40 ')).toBe(true);
    expect(g.path.endsWith(' 70,200')).toBe(true);
  });
});

describe('defaultViewport', () => {
  const view = { width: 1000, height: 600 };

  it('centres a graph that fits, without blowing a small one up', () => {
    const v = defaultViewport({ a: box(0, 0), b: box(300, 0) }, [], view);
    expect(v.zoom).toBe(MAX_DEFAULT_ZOOM);
    // 400 wide at zoom 1 in a 1000 wide view: 300 on each side.
    expect(v.x).toBe(300);
    expect(v.y).toBe(280);
  });

  it('keeps a readable zoom for a wide graph: the left edge in view, the focus nodes centred', () => {
    const positions = {
      internet: box(0, 1000),
      vip: box(300, 2000),
      far: box(10_000, 0),
      low: box(5000, 8000),
    };
    const v = defaultViewport(positions, ['internet', 'vip'], view);
    expect(v.zoom).toBe(MIN_DEFAULT_ZOOM);
    // The internet's left edge sits at the padding.
    expect(v.x).toBe(24);
    // The focus nodes' middle (y 1000..2040 -> 1520) is at the view's middle.
    expect(1520 * v.zoom + v.y).toBeCloseTo(300);
  });

  it('shows across where sites are served when the graph is too wide: that span centred', () => {
    const positions = {
      internet: box(0, 0),
      vip: box(1000, 0),
      node: box(1600, 0),
      storage: box(2000, 0),
    };
    const v = defaultViewport(positions, ['internet', 'vip'], view, 24, ['vip', 'node', 'storage']);
    expect(v.zoom).toBe(MIN_DEFAULT_ZOOM);
    // The span runs 1000..2100; its middle (1550) sits at the view's middle.
    expect(1550 * v.zoom + v.x).toBeCloseTo(500);
    // Both of its ends are in view; the internet is left of it.
    expect(1000 * v.zoom + v.x).toBeGreaterThanOrEqual(24);
    expect(2100 * v.zoom + v.x).toBeLessThanOrEqual(976);
    expect(0 * v.zoom + v.x).toBeLessThan(0);
  });

  it('zooms between the bounds to fit a graph a little too big', () => {
    const v = defaultViewport({ a: box(0, 0), b: box(1000, 0) }, [], view);
    expect(v.zoom).toBeGreaterThan(MIN_DEFAULT_ZOOM);
    expect(v.zoom).toBeLessThan(MAX_DEFAULT_ZOOM);
    expect(v.x).toBeCloseTo(24);
  });
});
