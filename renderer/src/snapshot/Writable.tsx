import type { ReactNode } from 'react';
import { useReadOnly } from './snapshot-mode';

/**
 * Actions that change something (on the hosts, in the model, in the queues): shown only while
 * the app shows the live cluster, never over an open snapshot, which is a read-only record.
 */
export function Writable({ children }: { children: ReactNode }) {
  return useReadOnly() ? null : <>{children}</>;
}
