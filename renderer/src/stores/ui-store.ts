import { create } from 'zustand';
import type { ErrorInfo } from '../../../shared/api/errors';

/** Which page the shell shows. */
export type Page =
  | { kind: 'hosts' }
  | { kind: 'host'; hostId: string }
  | { kind: 'queue' }
  | { kind: 'cluster'; clusterId: string | null }
  | { kind: 'lb'; clusterId: string | null };

/** An error shown at the top of the current page, with what was being done. */
export interface PageError {
  context: string;
  error: ErrorInfo;
}

/** UI-only state: navigation, open dialogs, the page-level error. */
export interface UiState {
  page: Page;
  addHostOpen: boolean;
  /** Host whose removal awaits confirmation. */
  removeHostId: string | null;
  pageError: PageError | null;
  showHosts: () => void;
  showQueue: () => void;
  /** The cluster page (of one cluster, or the first / the setup wizard when null). */
  showCluster: (clusterId?: string | null) => void;
  /** The load-balancing page of one cluster (the first when null). */
  showLoadBalancing: (clusterId?: string | null) => void;
  openHost: (hostId: string) => void;
  setAddHostOpen: (open: boolean) => void;
  askRemove: (hostId: string | null) => void;
  showError: (error: PageError | null) => void;
}

/** The renderer's UI state. */
export const useUiStore = create<UiState>()((set) => ({
  page: { kind: 'hosts' },
  addHostOpen: false,
  removeHostId: null,
  pageError: null,
  showHosts: () => set({ page: { kind: 'hosts' }, pageError: null }),
  showQueue: () => set({ page: { kind: 'queue' }, pageError: null }),
  showCluster: (clusterId = null) => set({ page: { kind: 'cluster', clusterId }, pageError: null }),
  showLoadBalancing: (clusterId = null) =>
    set({ page: { kind: 'lb', clusterId }, pageError: null }),
  openHost: (hostId) => set({ page: { kind: 'host', hostId }, pageError: null }),
  setAddHostOpen: (addHostOpen) => set({ addHostOpen }),
  askRemove: (removeHostId) => set({ removeHostId }),
  showError: (pageError) => set({ pageError }),
}));
