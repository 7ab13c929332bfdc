import type { Cluster } from '../model/cluster';
import { sameModel } from '../model/cluster-summary';
import type { LbService } from '../model/lb';
import { realServerTargets, type RealServerTarget } from './cluster-lb';
import { ipvsKey } from './ipvs-compare';

/**
 * What the hosts cannot have yet: load-balancing changes saved in the desired model but not
 * applied. A service or real server the last applied model lacks is *pending apply*: the
 * manager's IPVS table does not have it because nobody asked it to, so it is neither down nor
 * drift. `applied` null means never applied (everything is pending); undefined means the
 * caller does not know, and nothing is pending.
 */
export interface PendingApply {
  /** Ids of the desired services the hosts do not have as saved (new, or changed since). */
  services: ReadonlySet<string>;
  /** IPVS keys of the applied services the desired model no longer has (removal pending). */
  removedKeys: ReadonlySet<string>;
  /** Whether a configured real server of a service is not in the applied model's service. */
  server: (s: LbService, t: RealServerTarget) => boolean;
}

const NOTHING: PendingApply = {
  services: new Set(),
  removedKeys: new Set(),
  server: () => false,
};

/** The pending changes of `desired` against the last `applied` model. */
export function pendingApply(desired: Cluster, applied: Cluster | null | undefined): PendingApply {
  if (applied === undefined) return NOTHING;
  const before = new Map((applied?.services ?? []).map((s) => [s.id, s]));
  const services = new Set(
    desired.services
      .filter((s) => {
        const old = before.get(s.id);
        return old === undefined || !sameModel(old, s);
      })
      .map((s) => s.id),
  );
  const keys = new Set(desired.services.map(ipvsKey));
  const removedKeys = new Set(
    (applied?.services ?? []).map(ipvsKey).filter((key) => !keys.has(key)),
  );
  return {
    services,
    removedKeys,
    server(s, t) {
      const old = before.get(s.id);
      if (applied === null || old === undefined) return true;
      return !realServerTargets(applied, old, { ignoreMode: true }).some(
        (x) => x.hostId === t.hostId && x.isManager === t.isManager,
      );
    },
  };
}
