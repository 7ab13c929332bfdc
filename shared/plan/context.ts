import { AppError } from '../base/errors';
import {
  enabledNodes,
  managerIntraAddress,
  nodeIntraAddress,
  type Cluster,
} from '../model/cluster';
import type { ClusterHostRef } from '../model/cluster-issues';
import type { ObservedHost } from '../model/observed-host';
import type { HostFacts } from '../model/facts';
import { NFS_MOUNT_OPTIONS, type FstabEntry } from './files';
import { stableUuid } from './uuid';

/** Everything a plan is made from. */
export interface PlanInput {
  /** The model the admin wants. */
  desired: Cluster;
  /** The model last applied successfully; null before the first setup. Removals come from it. */
  applied: Cluster | null;
  hosts: Record<string, ClusterHostRef | undefined>;
  /** Facts and files read from each host (see observationsFor). */
  observed: Record<string, ObservedHost | undefined>;
}

/** Where the shared data lives on the storage host and how the other hosts mount it. */
export interface StorageLayout {
  hostId: string;
  /** The folder that holds home/ on the storage host: /chroot, or the external export path. */
  dataRoot: string;
  /** Where account homes are created on the storage host. */
  homeRoot: string;
  /** The exported folder. */
  exportPath: string;
  /** The blank device to format and mount at dataRoot, if any. */
  device: string | undefined;
  /** The planned filesystem UUID of that device. */
  uuid: string | undefined;
  /** How the nodes (and, with external storage, the manager) mount the export. */
  clientMount: FstabEntry;
}

/** The storage layout of a model. */
export function storageLayout(c: Cluster): StorageLayout {
  if (c.storage.kind === 'manager') {
    const device = c.storage.device;
    return {
      hostId: c.manager.hostId,
      dataRoot: '/chroot',
      homeRoot: '/chroot/home',
      exportPath: '/chroot/home',
      device,
      uuid: device === undefined ? undefined : stableUuid(`${c.id}:${c.manager.hostId}:${device}`),
      // Nodes reach the manager's storage through the quorum IP: that is what it is for.
      clientMount: {
        source: `${c.manager.quorumIp}:/chroot/home`,
        target: '/chroot/home',
        fsType: 'nfs',
        options: NFS_MOUNT_OPTIONS,
        pass: 0,
      },
    };
  }
  const s = c.storage;
  return {
    hostId: s.hostId,
    dataRoot: s.exportPath,
    homeRoot: `${s.exportPath}/home`,
    exportPath: s.exportPath,
    device: s.device,
    uuid: s.device === undefined ? undefined : stableUuid(`${c.id}:${s.hostId}:${s.device}`),
    clientMount: {
      source: `${s.address}:${s.exportPath}`,
      target: '/chroot',
      fsType: 'nfs',
      options: NFS_MOUNT_OPTIONS,
      pass: 0,
    },
  };
}

/** The addresses the storage host exports to: every enabled node, and the manager when external. */
export function exportClients(c: Cluster): string[] {
  const nodes = enabledNodes(c).map((n) => nodeIntraAddress(c, n));
  if (c.storage.kind === 'manager') return nodes;
  // The manager connects from its own address on that network; the quorum IP is added in case
  // the kernel picks it as the source address.
  return [...new Set([managerIntraAddress(c), c.manager.quorumIp, ...nodes])];
}

/** Read access to the inputs, failing loudly where planning would otherwise guess. */
export class PlanContext {
  readonly desired: Cluster;
  readonly applied: Cluster | null;
  readonly storage: StorageLayout;
  private readonly input: PlanInput;

  constructor(input: PlanInput) {
    this.input = input;
    this.desired = input.desired;
    this.applied = input.applied;
    this.storage = storageLayout(input.desired);
  }

  /** The host's display name (its id when unknown). */
  hostName(hostId: string): string {
    return this.input.hosts[hostId]?.name ?? hostId;
  }

  /** The host's facts; planning a host that was never probed is refused. */
  facts(hostId: string): HostFacts {
    const f = this.input.observed[hostId]?.facts;
    if (f === undefined) {
      throw new AppError(
        'VALIDATION',
        `observed.${hostId}: host ${this.hostName(hostId)} has not been probed; probe it before planning`,
      );
    }
    return f;
  }

  /**
   * A file's current text (null: absent). A file that was not read is refused: writing
   * /etc/fstab from a guess would lose the host's own lines.
   */
  file(hostId: string, path: string): string | null {
    const files = this.input.observed[hostId]?.files;
    const text = files?.[path];
    if (text === undefined) {
      throw new AppError(
        'VALIDATION',
        `observed.${hostId}: ${path} on host ${this.hostName(hostId)} was not read; observe the host (observationsFor) before planning`,
      );
    }
    return text;
  }

  /** All files read on a host. */
  files(hostId: string): Record<string, string | null> {
    return this.input.observed[hostId]?.files ?? {};
  }
}

/** The host ids of every enabled node of `c`, for waitFor lists. */
export function nodeHostIds(c: Cluster): string[] {
  return enabledNodes(c).map((n) => n.hostId);
}
