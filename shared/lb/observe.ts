import { enabledNodes, type Cluster } from '../model/cluster';
import type { ObservedHost } from '../model/cluster-observe';
import { networkFileOf } from '../model/networkd';
import { clusterVips, usesLb, vipInterface, webHostIds } from './cluster-lb';

/** Files of the load balancer that ClusterDeck reads or writes. */
export const LB_PATHS = {
  keepalivedConf: '/etc/keepalived/keepalived.conf',
  /** The candidate: written and checked with keepalived -t before it replaces the running file. */
  keepalivedNew: '/etc/keepalived/keepalived.conf.clusterdeck-new',
  /** The running file as it was before the last replacement. */
  keepalivedBak: '/etc/keepalived/keepalived.conf.clusterdeck-bak',
  /** The admin's own file from before ClusterDeck, put back when the last service goes. */
  keepalivedOrig: '/etc/keepalived/keepalived.conf.pre-clusterdeck',
  /** ClusterDeck's systemd drop-in for keepalived (its private dump folder). */
  keepalivedDropIn: '/etc/systemd/system/keepalived.service.d/clusterdeck.conf',
  fwmarkRules: '/etc/clusterdeck/lvs-fwmark.nft',
  fwmarkUnit: '/etc/systemd/system/clusterdeck-lvs-fwmark.service',
  sysctl: '/etc/sysctl.d/90-clusterdeck-lvs.conf',
  modules: '/etc/modules-load.d/clusterdeck-lvs.conf',
  vipsIfupdown: '/etc/network/interfaces.d/clusterdeck-vips',
  vipsUnit: '/etc/systemd/system/clusterdeck-vips.service',
  /** A real server's addresses and routes (VIP on lo / tunl0, NAT return route). */
  realServerUnit: '/etc/systemd/system/clusterdeck-lvs-rs.service',
  nginxConf: '/etc/nginx/nginx.conf',
  apacheConf: '/etc/apache2/apache2.conf',
} as const;

/** The networkd drop-in that holds the VIPs of one interface's .network file. */
export function vipDropIn(networkFile: string): string {
  const base = networkFile.slice(networkFile.lastIndexOf('/') + 1);
  return `/etc/systemd/network/${base}.d/50-clusterdeck-vips.conf`;
}

/** The vhost file of an account for nginx or Apache. */
export function vhostPath(server: 'nginx' | 'apache', account: string): string {
  return server === 'nginx'
    ? `/etc/nginx/sites-available/clusterdeck-${account}.conf`
    : `/etc/apache2/sites-available/clusterdeck-${account}.conf`;
}

/** Where a vhost is enabled (a symlink to {@link vhostPath}). */
export function vhostEnabledPath(server: 'nginx' | 'apache', account: string): string {
  return vhostPath(server, account).replace('/sites-available/', '/sites-enabled/');
}

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
  if (!usesLb(c) && !usesLb(applied)) return out;
  const add = (hostId: string, ...paths: string[]): void => {
    out[hostId] = [...new Set([...(out[hostId] ?? []), ...paths])];
  };
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
    if (iface === undefined || !/^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,14}$/.test(iface)) continue;
    add(m, `/sys/class/net/${iface}/ifindex`);
    const index = seen?.files[`/sys/class/net/${iface}/ifindex`]?.trim();
    if (index !== undefined && /^[0-9]+$/.test(index)) add(m, `/run/systemd/netif/links/${index}`);
    const file = seen ? networkFileOf(seen.files, iface) : undefined;
    if (file !== undefined) add(m, vipDropIn(file));
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
