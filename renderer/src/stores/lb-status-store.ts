import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { LbStatus } from '../../../shared/lb/status';
import { api } from '../api';

/** Cache of the manager's live load-balancer status (lb:status), polled by the page. */
export interface LbStatusState {
  clusterId: string | null;
  /** The latest reading that reached the manager (its `error` is null). */
  last: LbStatus | null;
  /** The latest reading at all; its `error` says why the manager could not be read. */
  latest: LbStatus | null;
  /** Why the last request failed (the engine did not answer with a reading). */
  requestError: ErrorInfo | null;
  inFlight: boolean;
  /** Reads the status once; a call while one is in flight does nothing more. */
  fetch: (clusterId: string) => Promise<void>;
}

/** Builds the status store over an API (a fake one in tests). */
export function createLbStatusStore(lbApi: Pick<Api, 'lb'>) {
  return create<LbStatusState>()((set, get) => ({
    clusterId: null,
    last: null,
    latest: null,
    requestError: null,
    inFlight: false,
    async fetch(clusterId) {
      // Another cluster's readings must not show under this one (a reading of the previous
      // cluster still in flight is dropped when it lands).
      if (get().clusterId !== clusterId)
        set({ clusterId, last: null, latest: null, requestError: null });
      if (get().inFlight) return;
      set({ inFlight: true });
      try {
        const status = await lbApi.lb.status({ clusterId });
        if (get().clusterId !== clusterId) return;
        set({
          latest: status,
          requestError: null,
          ...(status.error === null ? { last: status } : {}),
        });
      } catch (e) {
        if (get().clusterId === clusterId) set({ requestError: toErrorInfo(e) });
      } finally {
        set({ inFlight: false });
      }
    },
  }));
}

/** The renderer's load-balancer status. */
export const useLbStatusStore = createLbStatusStore(api);
