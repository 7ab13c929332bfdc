import { lbObservations } from '../lb/observe';
import { storageHostId, type Cluster } from './cluster';
import { interfaceFor } from './cluster-net';
import { networkFileOf } from './networkd';

export { networkFileOf } from './networkd';
import type { HostFacts } from './facts';

/**
 * What the planner knows of a host now: its probed facts and the text of the files it reads
 * (null: the file does not exist). A path missing from `files` was not read.
 */
export interface ObservedHost {
  facts: HostFacts;
  files: Record<string, string | null>;
}

/** Files ClusterDeck reads or writes on cluster hosts. */
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

/**
 * The drop-in that adds the quorum IP to the systemd-networkd .network file of its interface.
 * networkd finds drop-ins by the file's name in every config folder, so /etc is always right.
 */
export function networkdDropIn(networkFile: string): string {
  const base = networkFile.slice(networkFile.lastIndexOf('/') + 1);
  return `/etc/systemd/network/${base}.d/50-clusterdeck-quorum.conf`;
}

const IFACE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,14}$/;

/**
 * The interface of the quorum IP: the model's choice, else the one on its subnet in the
 * manager's facts. A probed name that is not a plain interface name is not used (it would
 * land in paths and files).
 */
export function quorumInterface(
  c: Cluster,
  managerFacts: HostFacts | undefined,
): string | undefined {
  const iface =
    c.manager.quorumInterface ??
    (managerFacts && interfaceFor(managerFacts, c.manager.quorumIp)?.iface);
  return iface !== undefined && IFACE_NAME.test(iface) ? iface : undefined;
}


/** Every host id the desired and the last applied model mention. */
export function clusterHostIds(...models: (Cluster | null | undefined)[]): string[] {
  const ids: string[] = [];
  for (const c of models) {
    if (!c) continue;
    ids.push(c.manager.hostId, storageHostId(c), ...c.nodes.map((n) => n.hostId));
  }
  return [...new Set(ids)];
}

/** Options of {@link observationsFor}. */
export interface ObservationOptions {
  /** The last applied model: removed nodes must be read too. */
  applied?: Cluster | null;
  /** What was read so far: paths that depend on earlier reads are added once those are known. */
  observed?: Record<string, ObservedHost | undefined>;
}

/**
 * The files to read on each host before planning. Some paths depend on what earlier reads
 * found (the quorum interface's index, then networkd's state of that link, then the drop-in;
 * the same for the VIPs' interfaces, see shared/lb/observe.ts):
 * call again with the results until it returns no path that was not read yet (three rounds
 * at most). The engine reads each path with `cat`; a missing file is null, not an error.
 */
export function observationsFor(
  cluster: Cluster,
  opts: ObservationOptions = {},
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (hostId: string, ...paths: string[]): void => {
    out[hostId] = [...new Set([...(out[hostId] ?? []), ...paths])];
  };
  for (const id of clusterHostIds(cluster, opts.applied))
    add(id, PATHS.fstab, PATHS.passwd, PATHS.group, PATHS.mounts);
  // The manager too when the storage is elsewhere: a storage firewall of ours found there goes.
  for (const id of new Set([storageHostId(cluster), cluster.manager.hostId]))
    add(id, ...STORAGE_PATHS);
  if (opts.applied && storageHostId(opts.applied) !== storageHostId(cluster))
    add(storageHostId(opts.applied), ...STORAGE_PATHS);

  const m = cluster.manager.hostId;
  add(m, PATHS.netInterfaces, PATHS.ifupdownQuorum, PATHS.quorumUnit);
  const seen = opts.observed?.[m];
  const iface = quorumInterface(cluster, seen?.facts);
  if (iface !== undefined) {
    add(m, `/sys/class/net/${iface}/ifindex`);
    const index = seen?.files[`/sys/class/net/${iface}/ifindex`]?.trim();
    if (index !== undefined && /^[0-9]+$/.test(index)) add(m, `/run/systemd/netif/links/${index}`);
    const file = seen ? networkFileOf(seen.files, iface) : undefined;
    if (file !== undefined) add(m, networkdDropIn(file));
  }
  for (const [id, paths] of Object.entries(lbObservations(cluster, opts.applied, opts.observed)))
    add(id, ...paths);
  return out;
}

/** One entry of /etc/passwd or /etc/group: name and numeric id. */
export interface IdEntry {
  name: string;
  id: number;
}

/** Parses /etc/passwd or /etc/group text into names and ids (third field). */
export function parseIdFile(text: string | null | undefined): IdEntry[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((p) => p.length >= 3 && p[0] !== '' && /^[0-9]+$/.test(p[2] ?? ''))
    .map((p) => ({ name: p[0] ?? '', id: Number(p[2]) }));
}

/** One line of /proc/mounts or /etc/fstab. */
export interface MountEntry {
  source: string;
  target: string;
  fsType: string;
  options: string[];
  /** The raw line, comments included. */
  line: string;
}

/** Parses /proc/mounts or /etc/fstab (comment and blank lines skipped; octal escapes kept). */
export function parseMounts(text: string | null | undefined): MountEntry[] {
  if (!text) return [];
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [source = '', target = '', fsType = '', opts = ''] = t.split(/\s+/);
    out.push({ source, target, fsType, options: opts.split(','), line });
  }
  return out;
}

/** The mount that holds `path` (longest mount point that is a prefix of it). */
export function mountFor(mounts: MountEntry[], path: string): MountEntry | undefined {
  const within = (m: MountEntry): boolean =>
    m.target === '/' || path === m.target || path.startsWith(`${m.target}/`);
  return mounts.filter(within).sort((a, b) => b.target.length - a.target.length)[0];
}

/** Whether mount options turn user and group quotas on (ext4 journaled or not, XFS). */
export function hasQuotaOptions(options: readonly string[]): { user: boolean; group: boolean } {
  const has = (...names: string[]): boolean =>
    options.some((o) => names.some((n) => o === n || o.startsWith(`${n}=`)));
  return {
    user: has('usrquota', 'usrjquota', 'quota', 'uquota', 'uqnoenforce'),
    group: has('grpquota', 'grpjquota', 'gquota', 'gqnoenforce'),
  };
}
