/**
 * The files ClusterDeck reads or writes on cluster hosts, in one place: the planners write
 * them, observationsFor (shared/cluster/observe.ts) reads them before planning, and the tests
 * name them. Imports nothing.
 */

/** Files of the cluster's storage, accounts and quorum IP. */
export const PATHS = {
  fstab: '/etc/fstab',
  passwd: '/etc/passwd',
  group: '/etc/group',
  mounts: '/proc/mounts',
  /** The cluster's own exports file; /etc/exports stays the admin's. */
  exports: '/etc/exports.d/clusterdeck.exports',
  netInterfaces: '/etc/network/interfaces',
  ifupdownQuorum: '/etc/network/interfaces.d/clusterdeck-quorum',
  quorumUnit: '/etc/systemd/system/clusterdeck-quorum-ip.service',
  /** Fixed ports of mountd, statd and lockd on the storage host (nfs.conf reads nfs.conf.d). */
  nfsPorts: '/etc/nfs.conf.d/clusterdeck.conf',
  /** rpc.rquotad's fixed port: it reads no nfs.conf, only its command line. */
  rquotadDropIn: '/etc/systemd/system/quotarpc.service.d/clusterdeck.conf',
  storageFirewall: '/etc/clusterdeck/storage-firewall.nft',
  storageFirewallUnit: '/etc/systemd/system/clusterdeck-storage-firewall.service',
} as const;

/** The storage host's files that ClusterDeck writes (exports, ports, firewall). */
export const STORAGE_PATHS = [
  PATHS.exports,
  PATHS.nfsPorts,
  PATHS.rquotadDropIn,
  PATHS.storageFirewall,
  PATHS.storageFirewallUnit,
] as const;

/** Files of the load balancer: keepalived and kernel settings on the manager, real servers' files. */
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

/** The addresses a networkd drop-in of ClusterDeck's adds: the quorum IP, or the VIPs. */
export type NetworkdDropInKind = 'quorum' | 'vips';

/** The file name of ClusterDeck's networkd drop-in of that kind (the same in every .d folder). */
export function networkdDropInName(kind: NetworkdDropInKind): string {
  return `50-clusterdeck-${kind}.conf`;
}

/**
 * ClusterDeck's drop-in that adds addresses to the systemd-networkd .network file of their
 * interface. networkd finds drop-ins by the file's name in every config folder, so /etc is
 * always right.
 */
export function networkdDropIn(networkFile: string, kind: NetworkdDropInKind): string {
  const base = networkFile.slice(networkFile.lastIndexOf('/') + 1);
  return `/etc/systemd/network/${base}.d/${networkdDropInName(kind)}`;
}

/** Where the kernel tells an interface's index. */
export function ifindexPath(iface: string): string {
  return `/sys/class/net/${iface}/ifindex`;
}

/** systemd-networkd's state of the link with that index (it names the link's .network file). */
export function networkdLinkPath(index: string): string {
  return `/run/systemd/netif/links/${index}`;
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

/** SFTP for hosting accounts on the nodes: sshd's drop-in and the keys ClusterDeck manages. */
export const SFTP_PATHS = {
  sshdDropIn: '/etc/ssh/sshd_config.d/50-clusterdeck-sftp.conf',
  keysDir: '/etc/ssh/clusterdeck-keys',
} as const;

/** The authorized keys of an account's SFTP user (root's file: the tenant cannot add keys). */
export function sftpKeysPath(account: string): string {
  return `${SFTP_PATHS.keysDir}/${account}`;
}
