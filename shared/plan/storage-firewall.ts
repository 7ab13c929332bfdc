import type { Cluster } from '../model/cluster';
import { PATHS } from '../base/remote-paths';
import { quote } from '../shell/quote';
import { exportClients, type PlanContext } from './context';
import {
  nftLoadStep,
  nftRemoveStep,
  nftRulesHead,
  renderNftUnit,
  nftUnitName,
  type NftTable,
} from './nft-table';
import { allOf, daemonReloadFor, fileMatches, plannedFile, step } from './step';
import type { PlanStep } from './types';

/**
 * The storage host's firewall: only the cluster's hosts reach its NFS services. Every RPC
 * service it runs gets a fixed port so that one nftables table of ours can name them all:
 * rpcbind 111 and nfsd 2049 are fixed anyway; mountd, statd and lockd take theirs from
 * /etc/nfs.conf.d (rpc.statd sets lockd's, before nfsd starts it), rpc.rquotad from its
 * command line. The ports are below the kernel's ephemeral range (32768-60999), so no
 * outgoing connection of the host ever uses one and has its replies dropped: 662, 875 and
 * 20048 are the usual choice (RHEL's), 4045 is IANA's port for the lock manager.
 */
export const NFS_PORTS = {
  rpcbind: 111,
  statd: 662,
  rquotad: 875,
  nfs: 2049,
  lockd: 4045,
  mountd: 20048,
} as const;

/** Step ids of the storage host's firewall and ports. */
export const STORAGE_FIREWALL_STEP = {
  firewall: 'storage.firewall',
  ports: 'storage.nfs-ports',
  remove: 'storage.firewall-remove',
} as const;

/** ClusterDeck's table on the storage host. */
export const STORAGE_NFT: NftTable = {
  family: 'inet',
  name: 'clusterdeck_storage',
  rulesPath: PATHS.storageFirewall,
  unitPath: PATHS.storageFirewallUnit,
};

const head = (c: Cluster, what: string): string =>
  `# Managed by ClusterDeck (cluster ${c.name}): ${what}. Changes are overwritten.`;

/**
 * The table: on the NFS ports (TCP and UDP), only the cluster hosts' addresses pass, and only
 * on the interface the storage host routes them through (a private address arriving on the
 * public interface is spoofed); everything else to those ports is dropped, IPv6 included.
 * Its own chain only drops: whatever else the host's ruleset says still applies.
 */
export function renderStorageFirewall(c: Cluster): string {
  const clients = exportClients(c);
  const ports = Object.values(NFS_PORTS)
    .sort((a, b) => a - b)
    .join(', ');
  return [
    ...nftRulesHead(
      STORAGE_NFT,
      head(c, "NFS, rpcbind, mountd, statd, lockd and rquotad for the cluster's hosts only"),
    ),
    `table ${STORAGE_NFT.family} ${STORAGE_NFT.name} {`,
    '\tset clients {',
    '\t\ttype ipv4_addr',
    ...(clients.length > 0 ? [`\t\telements = { ${clients.join(', ')} }`] : []),
    '\t}',
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy accept;',
    '\t\tiif "lo" accept',
    `\t\tmeta l4proto { tcp, udp } th dport { ${ports} } jump nfs`,
    '\t}',
    '\tchain nfs {',
    '\t\tip saddr @clients fib saddr . iif oif exists accept',
    '\t\tdrop',
    '\t}',
    '}',
    '',
  ].join('\n');
}

/**
 * The unit that loads the table at boot before any network is up (like Debian's
 * nftables.service), so the NFS ports are never open to everyone; PartOf nftables.service
 * loads it again after an nftables restart, which flushes the whole ruleset.
 */
export function renderStorageFirewallUnit(c: Cluster): string {
  return renderNftUnit(STORAGE_NFT, {
    header: head(c, 'loads the storage firewall'),
    description: "ClusterDeck storage firewall: NFS ports for the cluster's hosts only",
    unitLines: [
      'DefaultDependencies=no',
      'Wants=network-pre.target',
      'Before=network-pre.target shutdown.target',
      'After=nftables.service',
      'PartOf=nftables.service',
      'Conflicts=shutdown.target',
    ],
    wantedBy: 'sysinit.target',
  });
}

/** The storage firewall step. `waitFor`: leaving nodes unmount before they lose access. */
export function storageFirewallStep(ctx: PlanContext, waitFor: PlanStep['waitFor']): PlanStep {
  const c = ctx.desired;
  const h = ctx.storage.hostId;
  const clients = exportClients(c);
  return nftLoadStep(STORAGE_NFT, {
    id: STORAGE_FIREWALL_STEP.firewall,
    title: `Storage firewall: NFS ports ${Object.values(NFS_PORTS).join(', ')} only from ${clients.length === 0 ? 'no host yet' : clients.join(', ')} (nftables table ${STORAGE_NFT.name})`,
    description: `Loaded before the NFS services are started or exported, and at every boot before the network by ${nftUnitName(STORAGE_NFT)}. Only ClusterDeck's own table; the rest of the host's ruleset is untouched.`,
    rules: plannedFile(
      PATHS.storageFirewall,
      renderStorageFirewall(c),
      ctx.file(h, PATHS.storageFirewall),
    ),
    unit: plannedFile(
      PATHS.storageFirewallUnit,
      renderStorageFirewallUnit(c),
      ctx.file(h, PATHS.storageFirewallUnit),
    ),
    rejected: 'nft rejected the storage firewall (see above); nothing was loaded',
    waitFor,
  });
}

function renderNfsPorts(c: Cluster): string {
  return [
    head(c, 'fixed ports of the NFS services, named by the storage firewall'),
    '[mountd]',
    `port=${NFS_PORTS.mountd}`,
    '[statd]',
    `port=${NFS_PORTS.statd}`,
    '[lockd]',
    `port=${NFS_PORTS.lockd}`,
    `udp-port=${NFS_PORTS.lockd}`,
    '',
  ].join('\n');
}

function renderRquotadDropIn(c: Cluster): string {
  // $$: systemd passes a literal $ to sh, which expands the options after sourcing the file.
  const start = `[ ! -r /etc/default/quota ] || . /etc/default/quota; exec /usr/sbin/rpc.rquotad $$RPCRQUOTADOPTS --port ${NFS_PORTS.rquotad}`;
  return [
    head(
      c,
      `rpc.rquotad on port ${NFS_PORTS.rquotad} for the storage firewall; RPCRQUOTADOPTS of /etc/default/quota still apply`,
    ),
    '[Service]',
    'ExecStart=',
    `ExecStart=/bin/sh -c ${quote(start)}`,
    '',
  ].join('\n');
}

/** A shell test that rpcbind lists `service` on `port` only (TCP and UDP alike). */
export function rpcPortIs(service: string, port: number): string {
  const awk = `$5 == s { print $4 }`;
  return `test "$(rpcinfo -p 2>/dev/null | awk -v s=${quote(service)} ${quote(awk)} | sort -u | tr '\\n' ' ')" = ${quote(`${port} `)}`;
}

const LIVE_PORTS = allOf(
  rpcPortIs('mountd', NFS_PORTS.mountd),
  rpcPortIs('status', NFS_PORTS.statd),
  rpcPortIs('nlockmgr', NFS_PORTS.lockd),
);

/** The running services use the pinned ports (the NFS services and rquotad checked apart). */
export const NFS_PORTS_LIVE = {
  nfs: LIVE_PORTS,
  rquotad: rpcPortIs('rquotad', NFS_PORTS.rquotad),
};

/**
 * Pins the ports. Running services are restarted to take them: mountd, statd and rquotad at
 * once; the NFS server only when lockd is not on its port yet (a cluster set up before), which
 * starts the server's grace period (up to 90 s in which clients cannot open new files) once.
 */
export function nfsPortsStep(ctx: PlanContext): PlanStep {
  const c = ctx.desired;
  const h = ctx.storage.hostId;
  const conf = plannedFile(PATHS.nfsPorts, renderNfsPorts(c), ctx.file(h, PATHS.nfsPorts));
  const dropIn = plannedFile(
    PATHS.rquotadDropIn,
    renderRquotadDropIn(c),
    ctx.file(h, PATHS.rquotadDropIn),
  );
  const live = allOf(
    'test "$(systemctl show -p NeedDaemonReload --value quotarpc)" = no',
    `{ ! systemctl is-active -q nfs-server || { ${NFS_PORTS_LIVE.nfs}; }; }`,
    `{ ! systemctl is-active -q quotarpc || ${NFS_PORTS_LIVE.rquotad}; }`,
  );
  return step({
    id: STORAGE_FIREWALL_STEP.ports,
    title: `Fixed NFS ports: mountd ${NFS_PORTS.mountd}, statd ${NFS_PORTS.statd}, lockd ${NFS_PORTS.lockd}, rquotad ${NFS_PORTS.rquotad}`,
    description: `${PATHS.nfsPorts} (read with /etc/nfs.conf, which stays the admin's) and a drop-in for quotarpc.service. Running services restart to take them; the NFS server only if lockd is elsewhere (a grace period of up to 90 s follows, once).`,
    files: [conf, dropIn],
    commands: [
      daemonReloadFor(['quotarpc']),
      'systemctl try-restart rpc-statd nfs-mountd quotarpc',
      `if systemctl is-active -q nfs-server && ! ${rpcPortIs('nlockmgr', NFS_PORTS.lockd)}; then systemctl restart nfs-server; fi`,
    ],
    check: allOf(fileMatches(conf), fileMatches(dropIn), live),
    verify: allOf(fileMatches(conf), fileMatches(dropIn), live),
  });
}

/**
 * On a host that no longer holds the storage but has ClusterDeck's storage files (the
 * manager of a cluster whose storage is external): the firewall and the port pins go.
 */
export function storageFirewallRemoveStep(ctx: PlanContext, hostId: string): PlanStep | null {
  const ours = [
    PATHS.storageFirewall,
    PATHS.storageFirewallUnit,
    PATHS.nfsPorts,
    PATHS.rquotadDropIn,
  ].filter((p) => ctx.file(hostId, p) !== null);
  return nftRemoveStep(STORAGE_NFT, ours, {
    id: STORAGE_FIREWALL_STEP.remove,
    title:
      'Remove the storage firewall and the fixed NFS ports: this host no longer holds the storage',
    description: `Stops and disables ${nftUnitName(STORAGE_NFT)}, drops the nftables table ${STORAGE_NFT.name} (only ClusterDeck's table) and deletes its files.`,
  });
}
