import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import type { ClusterView, EventPayload } from '../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import { api } from '../api';
import { debounce } from '../lib/debounce';

/** How the last apply of this session ended (from `apply:finished`). */
export type ApplyFinished = EventPayload<'apply:finished'>;

/** Cache of the clusters: desired and applied models with their validation findings. */
export interface ClustersState {
  clusters: ClusterView[];
  /** True once a list has been fetched successfully. */
  hydrated: boolean;
  error: ErrorInfo | null;
  lastApply: ApplyFinished | null;
  /** Fetches the list now. */
  refresh: () => Promise<void>;
  /** One re-fetch after a burst of `clusters:changed` / `apply:finished` settles. */
  scheduleRefresh: () => void;
  /** Stores a view returned by a request (save, force remove). */
  upsert: (view: ClusterView) => void;
  /** Records an `apply:finished` event and re-fetches (the applied model moved). */
  applyFinished: (event: ApplyFinished) => void;
}

/** Builds the clusters store over an API (a fake one in tests). */
export function createClustersStore(clustersApi: Pick<Api, 'clusters'>, debounceMs = 150) {
  let seq = 0;
  return create<ClustersState>()((set, get) => {
    const debounced = debounce(() => void get().refresh(), debounceMs);
    return {
      clusters: [],
      hydrated: false,
      error: null,
      lastApply: null,
      async refresh() {
        const mine = ++seq;
        try {
          const clusters = await clustersApi.clusters.list({});
          if (mine === seq) set({ clusters, hydrated: true, error: null });
        } catch (e) {
          if (mine === seq) set({ error: toErrorInfo(e) });
        }
      },
      scheduleRefresh: () => debounced.call(),
      upsert(view) {
        // A list fetched before this save must not overwrite it.
        seq += 1;
        const list = get().clusters;
        const i = list.findIndex((c) => c.cluster.id === view.cluster.id);
        set({
          clusters: i < 0 ? [...list, view] : list.map((c, j) => (j === i ? view : c)),
        });
        debounced.call();
      },
      applyFinished(event) {
        set({ lastApply: event });
        debounced.call();
      },
    };
  });
}

/** The renderer's clusters. */
export const useClustersStore = createClustersStore(api);
