import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../shared/api/contract';
import { toErrorInfo } from '../../../../shared/api/errors';
import type { LbStatus } from '../../../../shared/lb/status';
import { api } from '../../api';
import { createPoller } from '../../lib/poller';

/** How often the overview reads each cluster's load balancer (the LB page reads every 2 s). */
export const OVERVIEW_LB_INTERVAL_MS = 5000;

/** The newest lb:status answer of a cluster, or why the request failed. */
export interface LbReading {
  status: LbStatus | null;
  error: string | null;
}

/** How many audit entries the overview reads to find each cluster's last apply (the most). */
export const AUDIT_LIMIT = 1000;

/**
 * Polls lb:status of each cluster while the overview is shown and the document is visible,
 * never two requests of one cluster at once. `clusterIds` is compared by value.
 */
export function useLbReadings(clusterIds: readonly string[]): Record<string, LbReading> {
  const [readings, setReadings] = useState<Record<string, LbReading>>({});
  const key = clusterIds.join('\n');
  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n');
    let alive = true;
    const put = (clusterId: string, reading: LbReading) => {
      if (alive) setReadings((r) => ({ ...r, [clusterId]: reading }));
    };
    const pollers = ids.map((clusterId) =>
      createPoller(async () => {
        try {
          put(clusterId, { status: await api.lb.status({ clusterId }), error: null });
        } catch (e) {
          put(clusterId, { status: null, error: toErrorInfo(e).message });
        }
      }, OVERVIEW_LB_INTERVAL_MS),
    );
    const follow = () => {
      for (const p of pollers) {
        if (document.visibilityState === 'visible') p.start();
        else p.stop();
      }
    };
    follow();
    document.addEventListener('visibilitychange', follow);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', follow);
      for (const p of pollers) p.stop();
    };
  }, [key]);
  return readings;
}

/** The audit log as the overview reads it: entries (newest first), or why it failed. */
export type AuditRead = { entries: AuditEntry[] } | { error: string } | null;

/**
 * Reads the audit log now and again whenever `trigger` changes (an apply queued, running,
 * halted or finished); an answer older than a later request's is dropped.
 */
export function useAuditLog(trigger: string): AuditRead {
  const [read, setRead] = useState<AuditRead>(null);
  useEffect(() => {
    let current = true;
    api.audit.list({ limit: AUDIT_LIMIT }).then(
      (entries) => {
        if (current) setRead({ entries });
      },
      (e: unknown) => {
        if (current) setRead({ error: toErrorInfo(e).message });
      },
    );
    return () => {
      current = false;
    };
  }, [trigger]);
  return read;
}
