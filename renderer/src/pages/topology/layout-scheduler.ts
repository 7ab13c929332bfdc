import { structureKey } from '../../../../shared/topology/structure';
import type {
  PositionCache,
  TopologyGraph,
  TopologyLayout,
} from '../../../../shared/topology/types';

/**
 * When the diagram is laid out: only when the graph's structure changes (structureKey), never
 * on a status change; each layout starts from the positions of the last one, so nodes that stay
 * keep their place; a layout overtaken by a newer request is dropped when it lands.
 */

/** Lays out a graph from the previous positions (in a Web Worker on the page). */
export type LayoutRunner = (
  graph: TopologyGraph,
  previous: PositionCache,
) => Promise<TopologyLayout>;

/** What the page draws from. */
export interface LayoutSnapshot {
  /** Positions of the last finished layout, by node id. */
  positions: PositionCache;
  /** True while a layout is computed. */
  computing: boolean;
  /** How many layouts finished. */
  layouts: number;
  /** Why the last layout failed, else null. */
  error: string | null;
}

/** A layout scheduler: `request` on every new graph, `dispose` when the page goes. */
export interface LayoutScheduler {
  request: (graph: TopologyGraph) => void;
  snapshot: () => LayoutSnapshot;
  dispose: () => void;
}

/** Builds a scheduler over a runner; `onChange` hears every new snapshot. */
export function createLayoutScheduler(
  run: LayoutRunner,
  onChange: (s: LayoutSnapshot) => void,
): LayoutScheduler {
  let state: LayoutSnapshot = { positions: {}, computing: false, layouts: 0, error: null };
  let requestedKey: string | null = null;
  let seq = 0;
  let disposed = false;
  const set = (patch: Partial<LayoutSnapshot>) => {
    state = { ...state, ...patch };
    if (!disposed) onChange(state);
  };
  return {
    request(graph) {
      const key = structureKey(graph);
      if (key === requestedKey) return;
      requestedKey = key;
      const mine = ++seq;
      set({ computing: true });
      run(graph, state.positions).then(
        (layout) => {
          if (mine !== seq) return;
          set({
            positions: layout.positions,
            computing: false,
            layouts: state.layouts + 1,
            error: null,
          });
        },
        (e: unknown) => {
          if (mine !== seq) return;
          // The same structure may be asked again (e.g. after a retry of the page).
          requestedKey = null;
          set({ computing: false, error: e instanceof Error ? e.message : String(e) });
        },
      );
    },
    snapshot: () => state,
    dispose() {
      disposed = true;
      seq++;
    },
  };
}
