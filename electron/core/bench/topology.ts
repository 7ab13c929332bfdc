/**
 * Topology benchmark: the pure pipeline of the topology page (shared/topology) on clusters of
 * 10, 50, 200 and 500 nodes with three services each, drawn as the page draws them (healthy
 * nodes grouped above 24) and with every node drawn on its own. For each it prints the median
 * over a few runs of:
 *   - graph: buildTopology from the model and the live state;
 *   - first layout: layoutTopology with no cache (elkjs);
 *   - status update: buildTopology with one real server down and one queue halted, plus the
 *     structureKey comparison that tells the page it need not lay out again;
 *   - add one node: buildTopology of the cluster with one more node and layoutTopology with the
 *     previous positions (only the new node is placed).
 * Goals on a small machine: 500 nodes laid out in < 1 s, a status update in < 50 ms. It is
 * not a timed test; absolute times depend on the machine and its load.
 *
 *   npm run bench:topology [-- --runs 7]
 */
import { buildTopology } from '../../../shared/topology/graph';
import { layoutTopology } from '../../../shared/topology/layout';
import { structureKey } from '../../../shared/topology/structure';
import {
  bigCluster,
  haltedQueue,
  topoInput,
  topoLb,
} from '../../../shared/topology/testing/topology-fixtures';
import type { TopologyInput } from '../../../shared/topology/types';

const SIZES = [10, 50, 200, 500];
const LAYOUT_GOAL_MS = 1000;
const STATUS_GOAL_MS = 50;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Median and fastest of `runs` runs: on a busy machine the fastest shows the work itself. */
interface Timing {
  median: number;
  min: number;
}

async function time(runs: number, f: () => unknown): Promise<Timing> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return { median: median(out), min: Math.min(...out) };
}

interface Row {
  size: number;
  drawn: string;
  nodes: number;
  edges: number;
  graph: Timing;
  layout: Timing;
  status: Timing;
  addOne: Timing;
}

async function measure(size: number, grouped: boolean, runs: number): Promise<Row> {
  const opts: Partial<TopologyInput> = grouped ? {} : { groupAbove: Infinity };
  const c = bigCluster(size);
  const input = topoInput(c, opts);
  const statusInput = topoInput(c, {
    ...opts,
    lb: topoLb(c, { 'web/n3': { state: 'down', weight: null, check: 'down' } }),
    queues: [haltedQueue('n4', 'mount.nfs: Connection refused')],
  });
  const biggerInput = topoInput(bigCluster(size + 1), opts);
  const graph = buildTopology(input);
  const key = structureKey(graph);
  const first = await layoutTopology(graph, null);
  let relayout = false;
  const row: Row = {
    size,
    drawn: grouped ? 'grouped' : 'all',
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    graph: await time(runs, () => buildTopology(input)),
    layout: await time(runs, () => layoutTopology(graph, null)),
    status: await time(runs, () => {
      relayout = structureKey(buildTopology(statusInput)) !== key;
    }),
    addOne: await time(runs, () => layoutTopology(buildTopology(biggerInput), first.positions)),
  };
  // A node going down leaves its group: with grouping that is a change of structure.
  if (relayout) row.drawn += ' (status changed structure)';
  return row;
}

async function main(): Promise<void> {
  const runs = arg('--runs', 7);
  // Warm up the JIT and elkjs once, as the page's worker is after its first layout.
  await layoutTopology(buildTopology(topoInput(bigCluster(50))), null);
  console.log(`topology pipeline, median / fastest of ${runs} runs (ms)`);
  const head = ['nodes', 'drawn', 'graph n/e', 'graph', 'first layout', 'status upd', 'add one'];
  console.log(head.join('\t'));
  const rows: Row[] = [];
  for (const size of SIZES)
    for (const grouped of [true, false]) {
      const r = await measure(size, grouped, runs);
      rows.push(r);
      const f = (t: Timing) => `${t.median.toFixed(1)} / ${t.min.toFixed(1)}`;
      console.log(
        [
          r.size,
          r.drawn,
          `${r.nodes}/${r.edges}`,
          f(r.graph),
          f(r.layout),
          f(r.status),
          f(r.addOne),
        ].join('\t'),
      );
    }
  const big = rows.filter((r) => r.size === 500);
  for (const r of big) {
    const laidOut = r.graph.median + r.layout.median;
    const layoutOk = laidOut < LAYOUT_GOAL_MS;
    const statusOk = r.status.median < STATUS_GOAL_MS;
    console.log(
      `500 nodes (${r.drawn}): graph + layout ${laidOut.toFixed(0)} ms ` +
        `(goal < ${LAYOUT_GOAL_MS}: ${layoutOk ? 'met' : 'NOT met'}), status update ` +
        `${r.status.median.toFixed(1)} ms (goal < ${STATUS_GOAL_MS}: ${statusOk ? 'met' : 'NOT met'}; medians)`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
