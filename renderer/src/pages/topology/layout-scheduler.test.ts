import { describe, expect, it } from 'vitest';
import type {
  PositionCache,
  TopologyGraph,
  TopologyLayout,
} from '../../../../shared/topology/types';
import { createLayoutScheduler, type LayoutSnapshot } from './layout-scheduler';
import { testGraph, testNode, testPositions } from './testing/test-graph';

/** A runner whose layouts the test finishes by hand, in any order. */
function manualRunner() {
  const calls: {
    graph: TopologyGraph;
    previous: PositionCache;
    finish: (positions?: PositionCache) => void;
    fail: (e: Error) => void;
  }[] = [];
  const run = (graph: TopologyGraph, previous: PositionCache) =>
    new Promise<TopologyLayout>((resolve, reject) =>
      calls.push({
        graph,
        previous,
        finish: (positions = testPositions(graph)) =>
          resolve({ positions, placed: [], full: true, width: 0, height: 0 }),
        fail: reject,
      }),
    );
  return { run, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createLayoutScheduler', () => {
  it('lays out once per structure: a status change asks for nothing', async () => {
    const { run, calls } = manualRunner();
    const seen: LayoutSnapshot[] = [];
    const s = createLayoutScheduler(run, (x) => seen.push(x));
    const g = testGraph();
    s.request(g);
    expect(s.snapshot().computing).toBe(true);
    calls[0]?.finish();
    await flush();
    expect(s.snapshot()).toMatchObject({ computing: false, layouts: 1, error: null });

    const down = testGraph();
    down.nodes[3] = { ...down.nodes[3]!, state: 'unreachable', tone: 'error', stateText: 'x' };
    down.edges[2] = { ...down.edges[2]!, state: 'up', tone: 'ok' };
    s.request(down);
    expect(calls).toHaveLength(1);
    expect(s.snapshot().computing).toBe(false);
    expect(seen.filter((x) => x.computing)).toHaveLength(1);
  });

  it('lays out a new structure from the previous positions', async () => {
    const { run, calls } = manualRunner();
    const s = createLayoutScheduler(run, () => undefined);
    const g = testGraph();
    s.request(g);
    calls[0]?.finish();
    await flush();
    const bigger = testGraph();
    bigger.nodes.push(testNode('host:n2', { rank: 3 }));
    s.request(bigger);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.previous).toEqual(testPositions(g));
    expect(s.snapshot().computing).toBe(true);
  });

  it('drops a layout overtaken by a newer request', async () => {
    const { run, calls } = manualRunner();
    const s = createLayoutScheduler(run, () => undefined);
    const a = testGraph();
    const b = testGraph();
    b.nodes.pop();
    s.request(a);
    s.request(b);
    calls[1]?.finish();
    await flush();
    calls[0]?.finish();
    await flush();
    expect(Object.keys(s.snapshot().positions)).not.toContain('storage');
    expect(s.snapshot()).toMatchObject({ computing: false, layouts: 1 });
  });

  it('says why a layout failed, and tries the same structure again when asked', async () => {
    const { run, calls } = manualRunner();
    const s = createLayoutScheduler(run, () => undefined);
    s.request(testGraph());
    calls[0]?.fail(new Error('elk broke'));
    await flush();
    expect(s.snapshot()).toMatchObject({ computing: false, error: 'elk broke', layouts: 0 });
    s.request(testGraph());
    expect(calls).toHaveLength(2);
  });

  it('tells nothing more once disposed', async () => {
    const { run, calls } = manualRunner();
    const seen: LayoutSnapshot[] = [];
    const s = createLayoutScheduler(run, (x) => seen.push(x));
    s.request(testGraph());
    s.dispose();
    calls[0]?.finish();
    await flush();
    expect(seen.every((x) => x.layouts === 0)).toBe(true);
  });
});
