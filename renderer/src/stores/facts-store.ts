import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { HostFacts } from '../../../shared/model/facts';
import { api } from '../api';

/** What the renderer knows of one host's facts. */
export interface FactsEntry {
  facts: HostFacts | null;
  /** True once stored facts were fetched (even if there were none). */
  loaded: boolean;
  loading: boolean;
  probing: boolean;
  error: ErrorInfo | null;
}

/** Cache of the facts per host. */
export interface FactsState {
  byHost: Record<string, FactsEntry>;
  /** Fetches the stored facts of a host (api.hosts.getFacts). */
  load: (hostId: string) => Promise<void>;
  /** Runs a probe; the facts land in the store. Rethrows the probe's error for the caller. */
  probe: (hostId: string) => Promise<HostFacts>;
  /** Stores facts pushed by a `host:facts` event. */
  setFacts: (hostId: string, facts: HostFacts) => void;
  /** Drops a removed host's facts. */
  forget: (hostId: string) => void;
}

/** An entry for a host nothing is known of yet. */
export const EMPTY_FACTS: FactsEntry = {
  facts: null,
  loaded: false,
  loading: false,
  probing: false,
  error: null,
};

/** Builds the facts store over an API (a fake one in tests). */
export function createFactsStore(hostsApi: Pick<Api, 'hosts'>) {
  return create<FactsState>()((set, get) => {
    const patch = (hostId: string, p: Partial<FactsEntry>) =>
      set({
        byHost: { ...get().byHost, [hostId]: { ...(get().byHost[hostId] ?? EMPTY_FACTS), ...p } },
      });
    return {
      byHost: {},
      async load(hostId) {
        patch(hostId, { loading: true });
        try {
          const facts = await hostsApi.hosts.getFacts({ hostId });
          // A probe or event may have delivered newer facts meanwhile.
          const now = get().byHost[hostId]?.facts ?? null;
          patch(hostId, { facts: newer(now, facts), loaded: true, loading: false, error: null });
        } catch (e) {
          patch(hostId, { loading: false, error: toErrorInfo(e) });
        }
      },
      async probe(hostId) {
        patch(hostId, { probing: true, error: null });
        try {
          const facts = await hostsApi.hosts.probe({ hostId });
          patch(hostId, { facts, loaded: true, probing: false });
          return facts;
        } catch (e) {
          patch(hostId, { probing: false });
          throw e;
        }
      },
      setFacts: (hostId, facts) =>
        patch(hostId, { facts: newer(get().byHost[hostId]?.facts ?? null, facts), loaded: true }),
      forget(hostId) {
        const { [hostId]: _dropped, ...rest } = get().byHost;
        set({ byHost: rest });
      },
    };
  });
}

/** The more recently probed of two fact sets. */
export function newer(a: HostFacts | null, b: HostFacts | null): HostFacts | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b.probedAt) >= Date.parse(a.probedAt) ? b : a;
}

/** The renderer's facts per host. */
export const useFactsStore = createFactsStore(api);
