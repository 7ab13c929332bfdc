import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { HostQueueView, QueueRunView } from '../../../shared/model/queue';
import { api } from '../api';
import { debounce, type Debounced } from '../lib/debounce';

/** The recorded runs of one queue item, as far as they were loaded. */
export interface RunsEntry {
  runs: QueueRunView[] | null;
  loading: boolean;
  error: ErrorInfo | null;
}

/** Cache of every host's command queue. */
export interface QueueState {
  byHost: Record<string, HostQueueView>;
  /** True once a list has been fetched successfully. */
  hydrated: boolean;
  /** Error of the last fetch, if it failed. */
  error: ErrorInfo | null;
  runs: Record<number, RunsEntry>;
  /** Fetches every queue now (start-up, engine reconnect). */
  refresh: () => Promise<void>;
  /** A `queue:changed` event: one re-fetch of that host after its burst settles. */
  scheduleHost: (hostId: string) => void;
  /** Fetches one host's queue now. */
  loadHost: (hostId: string) => Promise<void>;
  /** Stores a queue returned by an action (retry, skip, cancel). */
  setView: (view: HostQueueView) => void;
  /** Fetches the recorded runs of an item. */
  loadRuns: (itemId: number) => Promise<void>;
}

const NO_RUNS: RunsEntry = { runs: null, loading: false, error: null };

/** Builds the queue store over an API (a fake one in tests). */
export function createQueueStore(queueApi: Pick<Api, 'queue'>, debounceMs = 100) {
  let listSeq = 0;
  // Bumped by every fetch start or write of a host, so a slower, older answer never wins.
  const version = new Map<string, number>();
  const bump = (hostId: string) => {
    const v = (version.get(hostId) ?? 0) + 1;
    version.set(hostId, v);
    return v;
  };
  const perHost = new Map<string, Debounced>();
  const runsSeq = new Map<number, number>();

  return create<QueueState>()((set, get) => ({
    byHost: {},
    hydrated: false,
    error: null,
    runs: {},
    async refresh() {
      const mine = ++listSeq;
      const before = new Map(version);
      try {
        const list = await queueApi.queue.list({});
        if (mine !== listSeq) return;
        const current = get().byHost;
        const byHost: Record<string, HostQueueView> = {};
        for (const view of list) {
          const changed = (version.get(view.hostId) ?? 0) !== (before.get(view.hostId) ?? 0);
          byHost[view.hostId] = changed ? (current[view.hostId] ?? view) : view;
        }
        // Hosts fetched one by one while the list was in flight are newer than it.
        for (const [hostId, view] of Object.entries(current)) {
          if (!(hostId in byHost) && version.get(hostId) !== before.get(hostId)) {
            byHost[hostId] = view;
          }
        }
        set({ byHost, hydrated: true, error: null });
      } catch (e) {
        if (mine === listSeq) set({ error: toErrorInfo(e) });
      }
    },
    scheduleHost(hostId) {
      let d = perHost.get(hostId);
      if (d === undefined) {
        d = debounce(() => void get().loadHost(hostId), debounceMs);
        perHost.set(hostId, d);
      }
      d.call();
    },
    async loadHost(hostId) {
      const mine = bump(hostId);
      try {
        const view = await queueApi.queue.get({ hostId });
        if (version.get(hostId) !== mine) return;
        set({ byHost: { ...get().byHost, [hostId]: view }, error: null });
      } catch (e) {
        if (version.get(hostId) === mine) set({ error: toErrorInfo(e) });
      }
    },
    setView(view) {
      bump(view.hostId);
      set({ byHost: { ...get().byHost, [view.hostId]: view } });
    },
    async loadRuns(itemId) {
      const patch = (p: Partial<RunsEntry>) =>
        set({ runs: { ...get().runs, [itemId]: { ...(get().runs[itemId] ?? NO_RUNS), ...p } } });
      const mine = (runsSeq.get(itemId) ?? 0) + 1;
      runsSeq.set(itemId, mine);
      patch({ loading: true });
      try {
        const runs = await queueApi.queue.runs({ itemId });
        if (runsSeq.get(itemId) === mine) patch({ runs, loading: false, error: null });
      } catch (e) {
        if (runsSeq.get(itemId) === mine) patch({ loading: false, error: toErrorInfo(e) });
      }
    },
  }));
}

/** Number of hosts whose queue is halted (the nav badge). */
export function selectHaltedCount(s: Pick<QueueState, 'byHost'>): number {
  return Object.values(s.byHost).filter((v) => v.status === 'halted').length;
}

/** The renderer's command queues. */
export const useQueueStore = createQueueStore(api);
