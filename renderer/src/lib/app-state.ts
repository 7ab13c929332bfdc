import type { ErrorInfo } from '../../../shared/api/errors';

/** The readiness signal the e2e tests wait for (`data-app-state`). */
export type AppReadiness = 'loading' | 'ready' | 'error';

/** Ready once app info and hosts are hydrated; error when either failed and is not hydrated. */
export function appReadiness(s: {
  infoLoaded: boolean;
  hostsHydrated: boolean;
  infoError: ErrorInfo | null;
  hostsError: ErrorInfo | null;
}): AppReadiness {
  if (s.infoLoaded && s.hostsHydrated) return 'ready';
  if ((!s.infoLoaded && s.infoError !== null) || (!s.hostsHydrated && s.hostsError !== null))
    return 'error';
  return 'loading';
}
