import { useEffect } from 'react';
import { createPoller } from '../../lib/poller';
import { useLbStatusStore } from '../../stores/lb-status-store';

/** How often the live status is read while the page is visible. */
export const STATUS_INTERVAL_MS = 2000;

/**
 * Polls lb:status every 2 s while this component is mounted and the document is visible; a
 * request is never sent on top of one still running.
 */
export function useLbStatusPolling(clusterId: string): void {
  useEffect(() => {
    const poller = createPoller(
      () => useLbStatusStore.getState().fetch(clusterId),
      STATUS_INTERVAL_MS,
    );
    const follow = () => {
      if (document.visibilityState === 'visible') poller.start();
      else poller.stop();
    };
    follow();
    document.addEventListener('visibilitychange', follow);
    return () => {
      document.removeEventListener('visibilitychange', follow);
      poller.stop();
    };
  }, [clusterId]);
}
