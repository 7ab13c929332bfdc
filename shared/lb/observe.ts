import { isInterfaceName } from '../base/fields';
import { LB_PATHS, vhostPath } from '../base/remote-paths';
import { enabledNodes, type Cluster } from '../model/cluster';
import type { ObservedHost } from '../model/observed-host';
import { addressPersistenceReads } from '../plan/address-persistence';
import { clusterVips, usesLb, vipInterface, webHostIds } from './cluster-lb';

/**
 * The load balancer's part of observationsFor: keepalived and kernel files on the manager,
 * the VIPs' persistence (networkd state of their interfaces, read in rounds like the quorum
 * IP's), real-server files and the web server's files on every node of the desired and the
 * applied model. Nothing when neither model load-balances anything.
 */
export function lbObservations(
  c: Cluster,
  applied: Cluster | null | undefined,
  observed: Record<string, ObservedHost | undefined> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (hostId: string, ...paths: string[]): void => {
    out[hostId] = [...new Set([...(out[hostId] ?? []), ...paths])];
  };
  if (!usesLb(c) && !usesLb(applied)) {
    siteObservations(c, applied, add);
    return out;
  }
  const m = c.manager.hostId;
  add(
    m,
    LB_PATHS.keepalivedConf,
    LB_PATHS.keepalivedNew,
    LB_PATHS.keepalivedDropIn,
    LB_PATHS.fwmarkRules,
    LB_PATHS.fwmarkUnit,
    LB_PATHS.sysctl,
    LB_PATHS.modules,
    LB_PATHS.vipsIfupdown,
    LB_PATHS.vipsUnit,
    LB_PATHS.nginxConf,
    LB_PATHS.apacheConf,
  );
  const seen = observed?.[m];
  const vips = [...clusterVips(c), ...(applied ? clusterVips(applied) : [])];
  for (const v of vips) {
    const iface = vipInterface(c, v, seen?.facts);
    if (iface === undefined || !isInterfaceName(iface)) continue;
    add(m, ...addressPersistenceReads(seen?.files, iface, 'vips'));
  }
  const accounts = [...c.accounts, ...(applied?.accounts ?? [])].map((a) => a.name);
  const nodes = new Set([
    ...enabledNodes(c).map((n) => n.hostId),
    ...(applied ? enabledNodes(applied).map((n) => n.hostId) : []),
  ]);
  for (const id of nodes)
    add(
      id,
      LB_PATHS.sysctl,
      LB_PATHS.modules,
      LB_PATHS.realServerUnit,
      LB_PATHS.nginxConf,
      LB_PATHS.apacheConf,
    );
  for (const id of new Set([...webHostIds(c), ...(applied ? webHostIds(applied) : []), ...nodes])) {
    for (const a of new Set(accounts)) add(id, vhostPath('nginx', a), vhostPath('apache', a));
  }
  return out;
}

/** Without load balancing: the web server's and the vhosts' files of every web host. */
function siteObservations(
  c: Cluster,
  applied: Cluster | null | undefined,
  add: (hostId: string, ...paths: string[]) => void,
): void {
  const accounts = new Set([...c.accounts, ...(applied?.accounts ?? [])].map((a) => a.name));
  if (accounts.size === 0) return;
  const hosts = new Set([
    ...webHostIds(c),
    ...(applied ? webHostIds(applied) : []),
    ...(applied ? enabledNodes(applied).map((n) => n.hostId) : []),
  ]);
  for (const id of hosts) {
    add(id, LB_PATHS.nginxConf, LB_PATHS.apacheConf);
    for (const a of accounts) add(id, vhostPath('nginx', a), vhostPath('apache', a));
  }
}
