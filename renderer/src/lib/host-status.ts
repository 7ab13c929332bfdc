import type { HostView } from '../../../shared/model/host';

/** What the hosts table shows of a host's connection: the state, its last error, the action. */
export interface HostStatusView {
  /** A connection state, or 'needs-trust' for a host whose first key waits for the admin. */
  state: HostView['state'] | 'needs-trust';
  /** The last error worth a column: none while the host only waits for trust. */
  error: HostView['lastError'];
  /** The connect button's action: a connected (or reconnecting) host offers Disconnect. */
  action: 'connect' | 'disconnect';
}

/**
 * A host's status as the table shows it. A host that presented a key nobody trusted yet
 * (HOST_KEY_UNKNOWN) is waiting for the admin to compare the fingerprint: "needs trust", not
 * an error. A changed key (HOST_KEY_CHANGED) stays an error.
 */
export function hostStatusView(h: HostView): HostStatusView {
  const action = h.state === 'connected' || h.state === 'reconnecting' ? 'disconnect' : 'connect';
  const waitsForTrust =
    h.lastError?.code === 'HOST_KEY_UNKNOWN' && h.state !== 'connected' && h.state !== 'connecting';
  if (waitsForTrust) return { state: 'needs-trust', error: null, action };
  return { state: h.state, error: h.lastError, action };
}
