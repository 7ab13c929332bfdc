import { PATHS, STORAGE_PATHS } from '../base/remote-paths';
import { lbObservations } from '../lb/observe';
import { clusterHostIds, enabledNodes, storageHostId, type Cluster } from '../model/cluster';
import { quorumInterface } from '../model/cluster-net';
import type { ObservedHost } from '../model/observed-host';
import { addressPersistenceReads } from '../plan/address-persistence';
import { sftpReads } from '../plan/sftp';

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
  if (iface !== undefined) add(m, ...addressPersistenceReads(seen?.files, iface, 'quorum'));
  const accounts = [...cluster.accounts, ...(opts.applied?.accounts ?? [])].map((a) => a.name);
  // The applied model's nodes too: the planner plans it as well, to leave out what is unchanged,
  // and a node that leaves is one of them.
  const nodes = [...enabledNodes(cluster), ...(opts.applied ? enabledNodes(opts.applied) : [])];
  for (const n of nodes) add(n.hostId, ...sftpReads([...new Set(accounts)]));
  for (const [id, paths] of Object.entries(lbObservations(cluster, opts.applied, opts.observed)))
    add(id, ...paths);
  return out;
}
