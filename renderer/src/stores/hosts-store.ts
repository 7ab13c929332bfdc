import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { HostView } from '../../../shared/model/host';
import { api } from '../api';
import { debounce } from '../lib/debounce';
import {
  applyHostStatus,
  removeHost,
  replayStatuses,
  upsertHost,
  type HostStatus,
} from './hosts-logic';

/** Cache of the engine's host list. */
export interface HostsState {
  hosts: HostView[];
  /** True once a list has been fetched successfully. */
  hydrated: boolean;
  /** Error of the last list fetch, if it failed. */
  error: ErrorInfo | null;
  /** Fetches the list now. */
  refresh: () => Promise<void>;
  /** Asks for one re-fetch after a burst of `hosts:changed` events settles. */
  scheduleRefresh: () => void;
  /** Patches one host from a `host:status` event. */
  applyStatus: (status: HostStatus) => void;
  /** Replaces or adds a host returned by a request. */
  upsert: (host: HostView) => void;
  /** Drops a removed host. */
  remove: (hostId: string) => void;
}

/** Builds the hosts store over an API (a fake one in tests). */
export function createHostsStore(hostsApi: Pick<Api, 'hosts'>, debounceMs = 150) {
  let seq = 0;
  let inFlight = false;
  let statusesDuringFetch: HostStatus[] = [];

  return create<HostsState>()((set, get) => {
    const debounced = debounce(() => void get().refresh(), debounceMs);
    return {
      hosts: [],
      hydrated: false,
      error: null,
      async refresh() {
        const mine = ++seq;
        inFlight = true;
        statusesDuringFetch = [];
        try {
          const list = await hostsApi.hosts.list({});
          if (mine !== seq) return;
          set({ hosts: replayStatuses(list, statusesDuringFetch), hydrated: true, error: null });
        } catch (e) {
          if (mine !== seq) return;
          set({ error: toErrorInfo(e) });
        } finally {
          if (mine === seq) {
            inFlight = false;
            statusesDuringFetch = [];
          }
        }
      },
      scheduleRefresh: () => debounced.call(),
      applyStatus(status) {
        if (inFlight) statusesDuringFetch.push(status);
        const hosts = get().hosts;
        const next = applyHostStatus(hosts, status);
        if (next !== hosts) set({ hosts: next });
        else if (!hosts.some((h) => h.id === status.hostId)) debounced.call();
      },
      upsert: (host) => set({ hosts: upsertHost(get().hosts, host) }),
      remove: (hostId) => set({ hosts: removeHost(get().hosts, hostId) }),
    };
  });
}

/** The renderer's host list. */
export const useHostsStore = createHostsStore(api);
