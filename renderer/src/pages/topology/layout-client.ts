import type { LayoutRunner } from './layout-scheduler';
import type { LayoutReply, LayoutRequest } from './layout-protocol';

/** A layout runner backed by one Web Worker, and the way to stop it. */
export interface WorkerLayout {
  run: LayoutRunner;
  dispose: () => void;
}

/** Starts the layout worker (layout.worker.ts); each call to `run` is answered by its id. */
export function startLayoutWorker(): WorkerLayout {
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<
    number,
    {
      resolve: (r: Extract<LayoutReply, { ok: true }>['layout']) => void;
      reject: (e: Error) => void;
    }
  >();
  let next = 0;
  worker.onmessage = (e: MessageEvent<LayoutReply>) => {
    const reply = e.data;
    const w = waiting.get(reply.id);
    if (w === undefined) return;
    waiting.delete(reply.id);
    if (reply.ok) w.resolve(reply.layout);
    else w.reject(new Error(reply.error));
  };
  worker.onerror = (e) => {
    // A worker that cannot start (or crashed) fails every layout it was asked for.
    const err = new Error(`the layout worker failed: ${e.message || 'it could not start'}`);
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  return {
    run(graph, previous) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const request: LayoutRequest = { id, graph, previous };
        worker.postMessage(request);
      });
    },
    dispose() {
      worker.terminate();
      waiting.clear();
    },
  };
}
