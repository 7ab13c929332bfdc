import { tokenFromFragment } from '../../../shared/security/browser-access';

/** The sessionStorage key of the access token: per origin, so per port, and per tab. */
const STORAGE_KEY = 'clusterdeck.accessToken';

/** What {@link takeAccessToken} needs of the page (the DOM's, or fakes in tests). */
export interface PageContext {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * Browser mode: the access token of this launch. It comes once in the printed URL's fragment
 * (`#token=…`), which no browser sends to a server; it is moved into this origin's
 * sessionStorage (other ports are other origins and cannot read it; it survives a reload of the
 * tab, not the tab) and wiped from the address bar and history. Null when the page was opened
 * without it.
 */
export function takeAccessToken(page: PageContext): string | null {
  const fromUrl = tokenFromFragment(page.location.hash);
  if (fromUrl !== null) {
    try {
      page.storage?.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage disabled or full: the token then lives in this page's memory only.
    }
    page.history.replaceState(null, '', page.location.pathname + page.location.search);
    return fromUrl;
  }
  try {
    return page.storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The sessionStorage of the page, or null where reading it throws (storage disabled). */
export function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
