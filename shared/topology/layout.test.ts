import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import { buildTopology } from './graph';
import { layoutTopology, NODE_GAP } from './layout';
import { structureKey } from './structure';
import { bigCluster, haltedQueue, topoInput, topoLb } from './testing/topology-fixtures';
import type { PositionCache, TopologyGraph } from './types';

/** Every pair of nodes apart by at least the gap (none overlaps another). */
function expectNoOverlap(positions: PositionCache): void {
  const all = Object.entries(positions);
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const [a, p] = all[i] as [string, PositionCache[string]];
      const [b, q] = all[j] as [string, PositionCache[string]];
      const apart =
        p.x + p.width <= q.x ||
        q.x + q.width <= p.x ||
        p.y + p.height <= q.y ||
        q.y + q.height <= p.y;
      if (!apart) expect.fail(`${a} overlaps ${b}: ${JSON.stringify([p, q])}`);
    }
}

/** Every node of `graph` is laid out, with its own size. */
function expectComplete(graph: TopologyGraph, positions: PositionCache): void {
  expect(Object.keys(positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  for (const n of graph.nodes)
    expect(positions[n.id]).toMatchObject({ width: n.width, height: n.height });
}

/** `count` nodes drawn one by one (no grouping), or grouped as by default. */
const input = (count: number, grouped = false) =>
  topoInput(bigCluster(count), grouped ? {} : { groupAbove: 1000 });

describe('layoutTopology', () => {
  it('lays out every node without overlaps, columns left to right by rank', async () => {
    const graph = buildTopology(input(12));
    const { positions, full, placed } = await layoutTopology(graph, null);
    expect(full).toBe(true);
    expect(placed).toHaveLength(graph.nodes.length);
    expectComplete(graph, positions);
    expectNoOverlap(positions);
    const x = (id: string) => positions[id]?.x ?? NaN;
    expect(x('internet')).toBeLessThan(x('net:public'));
    expect(x('net:public')).toBeLessThan(x('host:m'));
    expect(x('host:m')).toBeLessThan(x('vip:10.10.9.100'));
    expect(x('vip:10.10.9.100')).toBeLessThan(x('svc:web'));
    expect(x('svc:web')).toBeLessThan(x('host:n1'));
    expect(x('host:n1')).toBeLessThan(x('storage'));
    // Nodes stack in model order.
    expect(positions['host:n1']?.y).toBeLessThan(positions['host:n2']?.y ?? NaN);
  });

  it('packs a long column into stacks and still lays out all 200 nodes apart', async () => {
    const graph = buildTopology(input(200));
    const { positions } = await layoutTopology(graph, null);
    expectComplete(graph, positions);
    expectNoOverlap(positions);
    const xs = new Set(graph.nodes.filter((n) => n.kind === 'node').map((n) => positions[n.id]?.x));
    expect(xs.size).toBeLessThan(200);
  });

  it('gives identical positions after a status change', async () => {
    const c = bigCluster(50);
    const before = buildTopology(topoInput(c, { groupAbove: 1000 }));
    const after = buildTopology(
      topoInput(c, {
        groupAbove: 1000,
        lb: topoLb(c, { 'web/n7': { state: 'down' } }),
        queues: [haltedQueue('n9', 'mount.nfs: Connection refused')],
      }),
    );
    expect(after.nodes.find((n) => n.id === 'host:n7')?.state).toBe('down');
    expect(structureKey(after)).toBe(structureKey(before));
    const first = await layoutTopology(before, null);
    // Deterministic from scratch, and kept as it was from the cache.
    expect((await layoutTopology(after, null)).positions).toEqual(first.positions);
    const kept = await layoutTopology(after, first.positions);
    expect(kept.positions).toEqual(first.positions);
    expect(kept).toMatchObject({ full: false, placed: [] });
  });

  // Grouped, 48 nodes fill two groups and the 49th is drawn alone (a span of one).
  for (const [count, grouped] of [
    [50, false],
    [48, true],
  ] as const)
    it(`adding one node to ${count} moves no existing node${grouped ? ' (grouped)' : ''}`, async () => {
      const before = buildTopology(input(count, grouped));
      const first = await layoutTopology(before, null);
      const after = buildTopology(input(count + 1, grouped));
      expect(structureKey(after)).not.toBe(structureKey(before));
      const next = await layoutTopology(after, first.positions);
      for (const [id, p] of Object.entries(first.positions)) expect(next.positions[id]).toEqual(p);
      expect(next.full).toBe(false);
      const added = `host:n${count + 1}`;
      expect(next.placed).toEqual([added]);
      expectComplete(after, next.positions);
      expectNoOverlap(next.positions);
      // The new node joins the column of the nodes (or groups).
      const sibling = grouped ? 'group:n25' : `host:n${count}`;
      expect(next.positions[added]?.x).toBe(first.positions[sibling]?.x);
    });

  it('a node added inside a group changes nothing drawn but the group', () => {
    const before = buildTopology(input(50, true));
    const after = buildTopology(input(51, true));
    expect(structureKey(after)).toBe(structureKey(before));
    const last = after.nodes.find((n) => n.id === 'group:n49');
    expect(last?.group?.memberIds).toEqual(['n49', 'n50', 'n51']);
  });

  it('removing one node of 50 moves no other', async () => {
    const c = bigCluster(50);
    const before = buildTopology(topoInput(c, { groupAbove: 1000 }));
    const first = await layoutTopology(before, null);
    const fewer = parseCluster({
      ...c,
      nodes: c.nodes.filter((n) => n.hostId !== 'n25'),
      services: c.services.map((s) => ({
        ...s,
        realServers: s.realServers.filter((r) => r.hostId !== 'n25'),
      })),
    });
    const after = buildTopology(topoInput(fewer, { groupAbove: 1000 }));
    const next = await layoutTopology(after, first.positions);
    expect(next.placed).toEqual([]);
    expect(next.positions['host:n25']).toBeUndefined();
    for (const n of after.nodes) expect(next.positions[n.id]).toEqual(first.positions[n.id]);
  });

  it('opens a group in free slots and leaves every other node in place', async () => {
    const c = bigCluster(100);
    const closed = buildTopology(topoInput(c));
    const first = await layoutTopology(closed, null);
    const open = buildTopology(topoInput(c, { expanded: ['group:n25'] }));
    const next = await layoutTopology(open, first.positions);
    expect(next.placed).toHaveLength(24);
    for (const n of open.nodes)
      if (first.positions[n.id]) expect(next.positions[n.id]).toEqual(first.positions[n.id]);
    expectComplete(open, next.positions);
    expectNoOverlap(next.positions);
    expect(NODE_GAP).toBeGreaterThan(0);
  });

  it('lays out again from scratch when asked', async () => {
    const graph = buildTopology(input(5));
    const first = await layoutTopology(graph, null);
    const moved = Object.fromEntries(
      Object.entries(first.positions).map(([id, p]) => [id, { ...p, x: p.x + 5000 }]),
    );
    const again = await layoutTopology(graph, moved, { relayout: true });
    expect(again.full).toBe(true);
    expect(again.positions).toEqual(first.positions);
  });
});
