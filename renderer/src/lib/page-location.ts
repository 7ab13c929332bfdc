/**
 * Where the current page's URL lives: the window's location fragment, or memory in tests. The
 * ui-store writes it on every navigation and follows it on Back, Forward and an edited URL.
 */
export interface PageLocation {
  /** The current fragment, with its `#` (empty when there is none). */
  read(): string;
  /** A new history entry (Back returns to the current one). */
  push(hash: string): void;
  /** Rewrites the current entry (the same page under a more exact URL). */
  replace(hash: string): void;
  /** Calls `onChange` when the fragment changed by history traversal or by hand. */
  listen(onChange: () => void): () => void;
}

/**
 * The window's location fragment. pushState/replaceState change the fragment only (the page is
 * not loaded again and no hashchange fires for our own writes); Back, Forward and an edited
 * address fire popstate and/or hashchange, both followed (the listener must be idempotent).
 */
export function windowPageLocation(win: Window = window): PageLocation {
  return {
    read: () => win.location.hash,
    push: (hash) => win.history.pushState(null, '', hash),
    replace: (hash) => win.history.replaceState(null, '', hash),
    listen(onChange) {
      win.addEventListener('popstate', onChange);
      win.addEventListener('hashchange', onChange);
      return () => {
        win.removeEventListener('popstate', onChange);
        win.removeEventListener('hashchange', onChange);
      };
    },
  };
}
