import { describeDown } from './keepalived-log';
import type { LbStatus } from './status';

/** One service in which keepalived holds a host's real server out (its check fails). */
export interface HostLbDown {
  /** The service's name ("HTTP"). */
  service: string;
  /** The real server: "10.10.0.11:80". */
  server: string;
  /** "down: TCP connection failed (since 2026-12-03 15:40:01 UTC)". */
  text: string;
}

/**
 * The services in which a host's real servers are down (health, not drift), from a live
 * status reading; empty without a reading or when all are up. The cluster page's node rows and
 * the hosts page show these beside the connection state.
 */
export function hostLbDowns(
  status: Pick<LbStatus, 'services'> | null,
  hostId: string,
): HostLbDown[] {
  if (status === null) return [];
  return status.services.flatMap((s) =>
    s.realServers
      .filter((r) => r.hostId === hostId && r.state === 'down')
      .map((r) => ({
        service: s.name,
        server: `${r.address}:${r.port}`,
        text: describeDown(r.down ?? { reason: null, since: null }),
      })),
  );
}
