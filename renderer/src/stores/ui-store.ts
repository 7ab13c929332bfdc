import { create } from 'zustand';
import type { ErrorInfo } from '../../../shared/api/errors';
import { windowPageLocation, type PageLocation } from '../lib/page-location';
import { formatRoute, OVERVIEW, parseRoute, samePage, type Page } from '../lib/routes';

export type { Page } from '../lib/routes';

/** An error shown at the top of the current page, with what was being done. */
export interface PageError {
  context: string;
  error: ErrorInfo;
}

/** UI-only state: navigation, open dialogs, the page-level error. */
export interface UiState {
  /** The page the URL names (see lib/routes.ts). */
  page: Page;
  addHostOpen: boolean;
  /** Host whose removal awaits confirmation. */
  removeHostId: string | null;
  pageError: PageError | null;
  /** Goes to a page: a new history entry, unless it is the page shown already. */
  navigate: (page: Page) => void;
  /** Shows the same page under a more exact URL (no new history entry). */
  replacePage: (page: Page) => void;
  showOverview: () => void;
  showHosts: () => void;
  showQueue: () => void;
  /** The queue page with a host's queue (and one of its steps) selected. */
  showQueueItem: (hostId: string, itemId?: number) => void;
  /** The cluster page (of one cluster, or the first / the setup wizard when null). */
  showCluster: (clusterId?: string | null) => void;
  /** The load-balancing page of one cluster (the first when null). */
  showLoadBalancing: (clusterId?: string | null) => void;
  openHost: (hostId: string) => void;
  setAddHostOpen: (open: boolean) => void;
  askRemove: (hostId: string | null) => void;
  showError: (error: PageError | null) => void;
  /**
   * Shows the page the location names now, and follows it from then on (Back, Forward, an
   * edited URL). Returns the function that stops following.
   */
  followLocation: () => () => void;
}

/** Builds the UI store over a page location (the window's, or one in memory in tests). */
export function createUiStore(location: () => PageLocation) {
  return create<UiState>()((set, get) => {
    const go = (page: Page) => get().navigate(page);
    return {
      page: OVERVIEW,
      addHostOpen: false,
      removeHostId: null,
      pageError: null,
      navigate(page) {
        if (!samePage(get().page, page)) location().push(formatRoute(page));
        set({ page, pageError: null });
      },
      replacePage(page) {
        if (samePage(get().page, page)) return;
        location().replace(formatRoute(page));
        set({ page });
      },
      showOverview: () => go(OVERVIEW),
      showHosts: () => go({ kind: 'hosts' }),
      showQueue: () => go({ kind: 'queue' }),
      showQueueItem: (hostId, itemId) =>
        go(itemId === undefined ? { kind: 'queue', hostId } : { kind: 'queue', hostId, itemId }),
      showCluster: (clusterId = null) => go({ kind: 'cluster', clusterId }),
      showLoadBalancing: (clusterId = null) => go({ kind: 'lb', clusterId }),
      openHost: (hostId) => go({ kind: 'host', hostId }),
      setAddHostOpen: (addHostOpen) => set({ addHostOpen }),
      askRemove: (removeHostId) => set({ removeHostId }),
      showError: (pageError) => set({ pageError }),
      followLocation() {
        const loc = location();
        const follow = () => {
          const page = parseRoute(loc.read());
          if (!samePage(get().page, page)) set({ page, pageError: null });
        };
        follow();
        return loc.listen(follow);
      },
    };
  });
}

/** The renderer's UI state; its page is the window's URL once `followLocation` ran. */
export const useUiStore = createUiStore(() => windowPageLocation());
