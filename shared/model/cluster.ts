import { z } from 'zod';
import { parseOrThrow } from '../base/validation';
import { HostId, InterfaceName, Ipv4, isHostname } from '../base/fields';
import { LbPolicy, LbService, Vip } from './lb';

/**
 * The cluster model: what the admin wants. Every string that reaches a host (in a command or a
 * file) is held to a strict character set here, and commands still quote it (shared/shell).
 */

/**
 * A block device path such as /dev/vdb or /dev/disk/by-id/virtio-data. Only characters udev uses
 * in device links: the path also lands in /etc/fstab, which has no quoting.
 */
export const BlockDevice = z
  .string()
  .trim()
  .regex(/^\/dev\/[A-Za-z0-9._:+/-]+$/, 'must be a block device path under /dev, such as /dev/vdb')
  .refine((s) => !s.split('/').includes('..'), 'must not contain ".."');

/** Top-level folders that an NFS export must never be (or be inside). */
const SYSTEM_DIRS = [
  'bin',
  'boot',
  'dev',
  'etc',
  'lib',
  'lib64',
  'proc',
  'root',
  'run',
  'sbin',
  'sys',
  'tmp',
  'usr',
  'var',
];

/**
 * An absolute folder to export over NFS: plain characters only, since /etc/exports and
 * /etc/fstab have no quoting, and never a system folder.
 */
export const ExportPath = z
  .string()
  .trim()
  .regex(
    /^(\/[A-Za-z0-9._-]+)+$/,
    'must be an absolute path of letters, digits, ".", "_" and "-", such as /srv/cluster',
  )
  .refine(
    (s) => !s.split('/').some((p) => p === '.' || p === '..'),
    'must not contain "." or ".." parts',
  )
  .refine(
    (s) => !SYSTEM_DIRS.includes(s.split('/')[1] ?? ''),
    'must not be a system folder (/etc, /usr, /var, ...)',
  );

/** A cluster name: a lower-case slug, used in comments of the files ClusterDeck writes. */
export const ClusterName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'name must be lower-case letters, digits and "-" (at most 63)',
  );

/** A Unix account name as useradd accepts it (no upper case, no dots, at most 32). */
export const AccountName = z
  .string()
  .trim()
  .regex(
    /^[a-z_][a-z0-9_-]{0,31}$/,
    'must be a Unix user name (lower case letters, digits, _ and -; at most 32)',
  );

/** A site's domain: a DNS name with at least one dot, stored lower-case. */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'domain is too long')
  .refine(
    (s) => s.includes('.') && !s.endsWith('.') && isHostname(s),
    'must be a domain name such as example.com',
  );

/** The three network topologies of an InterWorx-style cluster. */
export const ClusterLayout = z.enum(['public', 'public-private', 'private-nat']);
export type ClusterLayout = z.infer<typeof ClusterLayout>;

/** The cluster manager: load balancer, command source and (by default) storage. */
export const ClusterManager = z.object({
  hostId: HostId,
  /** Where sites are served (in private-nat: the private address the NAT forwards to). */
  publicIp: Ipv4,
  /** The manager's own private (LAN) address; required in public-private. */
  privateIp: Ipv4.optional(),
  /** The address every other host uses to reach the manager; never used for sites. */
  quorumIp: Ipv4,
  quorumPrefix: z
    .number()
    .int()
    .min(8, 'prefix must be 8-32')
    .max(32, 'prefix must be 8-32')
    .default(24),
  /** The interface that carries the quorum IP; derived from the manager's facts when absent. */
  quorumInterface: InterfaceName.optional(),
});
export type ClusterManager = z.infer<typeof ClusterManager>;

/**
 * Where /chroot/home lives. `device` is a blank block device that ClusterDeck formats (ext4 with
 * quotas) only when it holds no filesystem or partition table at all; without it, the storage
 * path must already sit on a filesystem with user and group quotas on.
 */
export const ClusterStorage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manager'), device: BlockDevice.optional() }),
  z.object({
    kind: z.literal('external'),
    hostId: HostId,
    /** The storage host's address that the nodes and the manager mount from. */
    address: Ipv4,
    /** The exported folder; /chroot on every cluster host mounts it, homes are in its home/. */
    exportPath: ExportPath,
    device: BlockDevice.optional(),
  }),
]);
export type ClusterStorage = z.infer<typeof ClusterStorage>;

/** A web node. A disabled node stays in the model but is out of the cluster's storage. */
export const ClusterNode = z.object({
  hostId: HostId,
  publicIp: Ipv4,
  /** Intra-cluster address; required in public-private and private-nat. */
  privateIp: Ipv4.optional(),
  enabled: z.boolean().default(true),
  /**
   * The node's part in load balancing: `active` serves at its weights; `drain` stays in every
   * service at weight 0 (no new connections, open ones finish); `maintenance` is out of every
   * service. Its storage, accounts and sites are untouched in all three.
   */
  lbMode: z
    .enum(['active', 'drain', 'maintenance'], { error: 'must be active, drain or maintenance' })
    .default('active'),
});
export type ClusterNode = z.infer<typeof ClusterNode>;

/** Lowest and highest+1 UID/GID of hosting accounts (below: system users; above: nobody & co). */
export const ACCOUNT_ID_MIN = 1000;
/** See {@link ACCOUNT_ID_MIN}. */
export const ACCOUNT_ID_END = 60000;

/** One OpenSSH public key line: type, base64 key and an optional comment. */
export const SshPublicKey = z
  .string()
  .trim()
  .max(16 * 1024, 'public key is too long')
  .regex(
    /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\n\r]*)?$/,
    'must be one OpenSSH public key line, such as "ssh-ed25519 AAAA... user@host"',
  );

/**
 * A password as /etc/shadow holds it: a SHA-512 crypt hash ("$6$salt$hash"), never the
 * password itself.
 */
export const ShadowHash = z
  .string()
  .regex(
    /^\$6\$(rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}$/,
    'must be a SHA-512 crypt hash',
  );

/** How an account's user logs in over SFTP (key, password hash or both). */
export const AccountSftp = z.object({
  authorizedKeys: z.array(SshPublicKey).max(20, 'at most 20 keys').default([]),
  passwordHash: ShadowHash.optional(),
});
export type AccountSftp = z.infer<typeof AccountSftp>;

/** A hosting account: one Unix user and group with the same ids on every host, and a quota. */
export const ClusterAccount = z.object({
  name: AccountName,
  uid: z.number().int('uid must be a whole number'),
  gid: z.number().int('gid must be a whole number'),
  /** Disk quota in MiB on the shared storage; 0 means no limit. */
  quotaMiB: z
    .number()
    .int('quota must be a whole number of MiB')
    .min(0, 'quota must be 0 (no limit) or more')
    .max(16 * 1024 * 1024, 'quota must be at most 16 TiB'),
  domain: Domain,
  /** More names the site answers to besides `domain` and `www.<domain>` (absent = none). */
  aliases: z.array(Domain).max(50, 'at most 50 aliases').optional(),
  /** SFTP for the account's user, confined to its home; absent = no SFTP login. */
  sftp: AccountSftp.optional(),
});
export type ClusterAccount = z.infer<typeof ClusterAccount>;

/** Cluster-wide settings. */
export const ClusterSettings = z.object({
  /** How long a failed queue step waits before it is retried. */
  queueRetryIntervalSec: z
    .number()
    .int()
    .min(10, 'retry interval must be at least 10 s')
    .max(86400, 'retry interval must be at most a day')
    .default(300),
  /** How many snapshots taken before applies are kept (the oldest go); 0 takes none. */
  snapshotsBeforeApply: z
    .number()
    .int('snapshots kept before applies must be a whole number')
    .min(0, 'snapshots kept before applies must be 0 (none) or more')
    .max(100, 'snapshots kept before applies must be at most 100')
    .default(10),
});
export type ClusterSettings = z.infer<typeof ClusterSettings>;

/**
 * The whole cluster model. `vips` and `lbPolicy` are optional (absent = none / the default
 * policy, see shared/lb/cluster-lb.ts) so that models saved before load balancing still parse
 * and type-check unchanged.
 */
export const Cluster = z.object({
  id: HostId,
  name: ClusterName,
  layout: ClusterLayout,
  manager: ClusterManager,
  storage: ClusterStorage,
  nodes: z.array(ClusterNode).default([]),
  accounts: z.array(ClusterAccount).default([]),
  /** Virtual IPs on the manager for load-balanced services (never the quorum IP). */
  vips: z.array(Vip).optional(),
  /** Load-balanced LVS services, run by keepalived on the manager. */
  services: z.array(LbService).default([]),
  /** The policy new services start from. */
  lbPolicy: LbPolicy.optional(),
  settings: ClusterSettings.default({ queueRetryIntervalSec: 300, snapshotsBeforeApply: 10 }),
});
export type Cluster = z.infer<typeof Cluster>;
/** What callers may pass before defaults are applied. */
export type ClusterInput = z.input<typeof Cluster>;

/** Parses a cluster, throwing a VALIDATION AppError whose message names each bad field. */
export function parseCluster(input: unknown): Cluster {
  return parseOrThrow(Cluster, input);
}

/** The host id that holds the shared storage: the manager, or the external storage host. */
export function storageHostId(c: Cluster): string {
  return c.storage.kind === 'external' ? c.storage.hostId : c.manager.hostId;
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

/** The enabled nodes, in model order. */
export function enabledNodes(c: Cluster): ClusterNode[] {
  return c.nodes.filter((n) => n.enabled);
}

/**
 * The address a node uses inside the cluster: its public address in the all-public layout,
 * else its private one (falling back to the public one when validation has not run).
 */
export function nodeIntraAddress(c: Cluster, n: ClusterNode): string {
  return c.layout === 'public' ? n.publicIp : (n.privateIp ?? n.publicIp);
}

/** The manager's own address on the intra-cluster network (the quorum IP is an extra one). */
export function managerIntraAddress(c: Cluster): string {
  return c.layout === 'public' ? c.manager.publicIp : (c.manager.privateIp ?? c.manager.publicIp);
}
