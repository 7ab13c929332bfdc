import type { EventPayload } from '../../../shared/api/contract';
import type { HostView } from '../../../shared/model/host';

/** Payload of the `host:status` event. */
export type HostStatus = EventPayload<'host:status'>;

/** The list with one host's live state patched; the same array if the host is unknown. */
export function applyHostStatus(hosts: HostView[], status: HostStatus): HostView[] {
  const i = hosts.findIndex((h) => h.id === status.hostId);
  const current = hosts[i];
  if (current === undefined) return hosts;
  if (current.state === status.state && sameError(current.lastError, status.error)) return hosts;
  const next = hosts.slice();
  next[i] = { ...current, state: status.state, lastError: status.error };
  return next;
}

function sameError(a: HostView['lastError'], b: HostStatus['error']): boolean {
  if (a === null || b === null) return a === b;
  return a.code === b.code && a.message === b.message;
}

/**
 * A freshly fetched list with the status events that arrived while the fetch was in flight
 * re-applied in order, so a list computed before an event cannot roll the state back.
 */
export function replayStatuses(fetched: HostView[], statuses: readonly HostStatus[]): HostView[] {
  return statuses.reduce(applyHostStatus, fetched);
}

/** The list with `host` replaced (by id) or appended. */
export function upsertHost(hosts: HostView[], host: HostView): HostView[] {
  const i = hosts.findIndex((h) => h.id === host.id);
  if (i < 0) return [...hosts, host];
  const next = hosts.slice();
  next[i] = host;
  return next;
}

/** The list without the host `hostId`. */
export function removeHost(hosts: HostView[], hostId: string): HostView[] {
  return hosts.filter((h) => h.id !== hostId);
}
