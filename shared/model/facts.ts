import { z } from 'zod';
import { Scheduler } from './lb';

/** One address on an interface, with its prefix length. */
export const InterfaceAddress = z.object({
  address: z.string(),
  prefix: z.number().int(),
  scope: z.string().optional(),
});
export type InterfaceAddress = z.infer<typeof InterfaceAddress>;

/** A network interface as `ip addr` reports it. */
export const NetInterface = z.object({
  name: z.string(),
  state: z.string(),
  mac: z.string().optional(),
  ipv4: z.array(InterfaceAddress),
  ipv6: z.array(InterfaceAddress),
});
export type NetInterface = z.infer<typeof NetInterface>;

/** A default route. */
export const DefaultRoute = z.object({ gateway: z.string().optional(), dev: z.string() });
export type DefaultRoute = z.infer<typeof DefaultRoute>;

/** Space of the filesystem holding a path that clustering cares about (/, /home, /chroot). */
export const DiskFact = z.object({
  path: z.string(),
  exists: z.boolean(),
  mount: z.string().optional(),
  filesystem: z.string().optional(),
  fsType: z.string().optional(),
  sizeBytes: z.number().optional(),
  availBytes: z.number().optional(),
});
export type DiskFact = z.infer<typeof DiskFact>;

/**
 * A block device as lsblk lists it: disks, partitions and what sits on them (lvm, crypt, rom,
 * loop). The storage step offers disks and partitions to format.
 */
export const BlockDevice = z.object({
  name: z.string(),
  /** Its device path, e.g. /dev/vdb. */
  path: z.string(),
  sizeBytes: z.number(),
  /** lsblk's TYPE: disk, part, lvm, crypt, rom, loop, ... */
  type: z.string(),
  /** The filesystem or signature on it (ext4, swap, LVM2_member); absent when none is seen. */
  fsType: z.string().optional(),
  mountpoint: z.string().optional(),
  /** The filesystem's UUID (lower case), when it has one. */
  uuid: z.string().optional(),
  /** The device path this one sits on (a partition's disk). */
  parent: z.string().optional(),
  /** It, or something on it, is mounted at `/`: never to be formatted. */
  holdsRoot: z.boolean(),
});
export type BlockDevice = z.infer<typeof BlockDevice>;

/** Whether a kernel module is loaded now, built in, or can be loaded. */
export const ModuleFact = z.object({
  loaded: z.boolean(),
  builtin: z.boolean(),
  available: z.boolean(),
});
export type ModuleFact = z.infer<typeof ModuleFact>;

/**
 * IPVS as the kernel has it: the ip_vs core and its schedulers, each loaded now, built in
 * (modules.builtin) or present as a module file under /lib/modules/<release>.
 */
export const IpvsFact = z.object({
  /** The ip_vs core: loaded (/proc/net/ip_vs, /proc/modules, /sys/module), built in, or a file. */
  core: z.boolean(),
  /** The schedulers found, in SCHEDULERS order (helpers such as ip_vs_ftp are not schedulers). */
  schedulers: z.array(Scheduler),
  /**
   * Whether /lib/modules/<release> exists. Without it (containers, some custom kernels) only
   * loaded modules are seen, while the kernel may still load others on demand.
   */
  moduleTree: z.boolean(),
});
export type IpvsFact = z.infer<typeof IpvsFact>;

/** Virtualization as systemd-detect-virt and /proc tell it. */
export const VirtualizationFact = z.object({
  /** systemd-detect-virt's word: none, kvm, qemu, openvz, lxc, docker, ... */
  kind: z.string(),
  isContainer: z.boolean(),
  isOpenVz: z.boolean(),
});
export type VirtualizationFact = z.infer<typeof VirtualizationFact>;

/** Cluster-relevant tools found on the host's PATH (or sbin). */
export const ToolsFact = z.object({
  ipvsadm: z.boolean(),
  keepalived: z.boolean(),
  exportfs: z.boolean(),
  nfsServer: z.boolean(),
  nfsClient: z.boolean(),
  quota: z.boolean(),
  rquotad: z.boolean(),
});
export type ToolsFact = z.infer<typeof ToolsFact>;

/** The verdict on one fact: blockers keep the host out of a cluster, warnings do not. */
export const FactCheck = z.object({
  id: z.string(),
  severity: z.enum(['ok', 'warning', 'blocker']),
  title: z.string(),
  message: z.string(),
});
export type FactCheck = z.infer<typeof FactCheck>;

/** Everything a probe learns about a host. */
export const HostFacts = z.object({
  probedAt: z.string(),
  os: z.object({
    id: z.string(),
    versionId: z.string(),
    prettyName: z.string(),
    idLike: z.array(z.string()),
  }),
  kernel: z.string(),
  arch: z.string(),
  hostname: z.string(),
  virtualization: VirtualizationFact,
  interfaces: z.array(NetInterface),
  defaultRoutes: z.array(DefaultRoute),
  disks: z.array(DiskFact),
  tools: ToolsFact,
  modules: z.object({ ip_vs: ModuleFact, nfsd: ModuleFact, nfs: ModuleFact }),
  /** IPVS core and schedulers; absent when unknown (facts probed before this was asked). */
  ipvs: IpvsFact.optional(),
  /** Block devices; absent when unknown (facts probed before this was asked). */
  blockDevices: z.array(BlockDevice).optional(),
  clock: z.object({ skewMs: z.number(), rttMs: z.number() }),
  checks: z.array(FactCheck),
});
export type HostFacts = z.infer<typeof HostFacts>;
