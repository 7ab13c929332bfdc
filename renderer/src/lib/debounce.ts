/** A debounced function: `call()` (re)starts the wait, `cancel()` drops a pending run. */
export interface Debounced {
  call(): void;
  cancel(): void;
  /** Whether a run is pending. */
  pending(): boolean;
}

/** Runs `fn` once, `ms` after the last of a burst of calls (trailing edge). */
export function debounce(fn: () => void, ms: number): Debounced {
  let handle: ReturnType<typeof setTimeout> | null = null;
  return {
    call() {
      if (handle !== null) clearTimeout(handle);
      handle = setTimeout(() => {
        handle = null;
        fn();
      }, ms);
    },
    cancel() {
      if (handle !== null) clearTimeout(handle);
      handle = null;
    },
    pending: () => handle !== null,
  };
}
