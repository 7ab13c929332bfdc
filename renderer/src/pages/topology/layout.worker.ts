import { layoutTopology } from '../../../../shared/topology/layout';
import type { LayoutReply, LayoutRequest } from './layout-protocol';

/**
 * The topology layout off the UI thread: elkjs on a few hundred nodes takes long enough to
 * freeze the page, so the page posts the graph here and draws when the positions come back.
 */

/** The part of a dedicated worker's global scope used here (the renderer has the DOM lib). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage: (reply: LayoutReply) => void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { id, graph, previous } = e.data;
  layoutTopology(graph, previous).then(
    (layout) => scope.postMessage({ id, ok: true, layout }),
    (err: unknown) =>
      scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
