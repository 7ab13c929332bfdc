import type {
  PositionCache,
  TopologyGraph,
  TopologyLayout,
} from '../../../../shared/topology/types';

/** What the page asks the layout worker (layout.worker.ts). */
export interface LayoutRequest {
  id: number;
  graph: TopologyGraph;
  previous: PositionCache;
}

/** What the worker answers: the layout, or why it failed. */
export type LayoutReply =
  { id: number; ok: true; layout: TopologyLayout } | { id: number; ok: false; error: string };
