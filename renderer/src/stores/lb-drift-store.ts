import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { DriftReport } from '../../../shared/lb/status';
import { api } from '../api';

/** The last drift check of a cluster (lb:drift observes every host: 10-30 s). */
export interface LbDriftState {
  clusterId: string | null;
  report: DriftReport | null;
  checking: boolean;
  error: ErrorInfo | null;
  /** Checks the cluster's hosts against the model; a second call while checking does nothing. */
  check: (clusterId: string) => Promise<void>;
}

/** Builds the drift store over an API (a fake one in tests). */
export function createLbDriftStore(lbApi: Pick<Api, 'lb'>) {
  return create<LbDriftState>()((set, get) => ({
    clusterId: null,
    report: null,
    checking: false,
    error: null,
    async check(clusterId) {
      if (get().checking && get().clusterId === clusterId) return;
      const keep = get().clusterId === clusterId ? {} : { report: null };
      set({ clusterId, checking: true, error: null, ...keep });
      try {
        const report = await lbApi.lb.drift({ clusterId });
        if (get().clusterId === clusterId) set({ report });
      } catch (e) {
        if (get().clusterId === clusterId) set({ error: toErrorInfo(e) });
      } finally {
        if (get().clusterId === clusterId) set({ checking: false });
      }
    },
  }));
}

/** The renderer's drift check. */
export const useLbDriftStore = createLbDriftStore(api);
