/**
 * Practice-lab configuration: which hosts exist, their fixed addresses, ports and work paths.
 * Everything here is pure data; no side effects.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type HostRole = 'manager' | 'backup-manager' | 'node' | 'storage' | 'client';

/** Static description of one lab host (independent of whether it runs). */
export interface HostSpec {
  name: string;
  role: HostRole;
  /** Address on the public cluster network 10.10.0.0/24 (eth0). */
  publicIp: string;
  /** Address on the private cluster network 10.20.0.0/24 (eth1); undefined for the client. */
  privateIp?: string;
  /** Last octet; also used for the MAC addresses and the SSH port offset. */
  octet: number;
  /** Whether the host gets a blank second disk (/dev/vdb), e.g. for /chroot. */
  dataDisk: boolean;
}

/** Options accepted by `up` / `ensureLab`. */
export interface LabOptions {
  /** Number of web nodes (1..8). Default 2. */
  nodes?: number;
  /** Also start `manager2`, the backup manager. */
  backupManager?: boolean;
  /** Also start `storage`, an external NFS server. */
  storage?: boolean;
  /** Work directory (default: env CLUSTERDECK_LAB_DIR or <repo>/.cache/lab). */
  labDir?: string;
  /** First SSH port on 127.0.0.1 (default: env CLUSTERDECK_LAB_PORT_BASE or 22210). */
  portBase?: number;
  /** Install missing host packages with apt-get instead of failing. */
  installDeps?: boolean;
  /** Progress output (default: console.error with a prefix). */
  log?: (msg: string) => void;
}

export const PUBLIC_NET = '10.10.0.0/24';
export const PRIVATE_NET = '10.20.0.0/24';
/** Reserved, not configured by the lab: ClusterDeck adds it. */
export const QUORUM_IP = '10.20.0.2';
/** Reserved for ClusterDeck's virtual IPs, not configured by the lab. */
export const VIP_RANGE = { first: '10.10.0.100', last: '10.10.0.109' };
export const MAX_NODES = 8;
export const DEFAULT_PORT_BASE = 22210;
export const SNAPSHOT_TAG = 'golden';
export const NETNS_DEFAULT = 'clusterdeck-lab';
export const GUEST_SUITE = 'bookworm';

/** qemu machine definition: part of the cache key (a snapshot loads only with the same set). */
export const VM = {
  memoryMiB: 512,
  tbSizeMiB: 256,
  machine: 'pc-i440fx-7.2',
  cpu: 'qemu64',
  imageSize: '3G',
  dataDiskSize: '2G',
  bios: '/usr/share/qemu/qboot.rom',
  /** Same management MAC on every VM: each sits alone on its own user-mode network. */
  mgmtMac: '52:54:00:ee:00:01',
  coldBootParallel: 2,
  appendExtra: 'quiet',
} as const;

/** The lab's own directory in the repo (this file's folder). */
export const LAB_SRC_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(LAB_SRC_DIR, '..', '..');

function octetHost(
  name: string,
  role: HostRole,
  octet: number,
  priv: boolean,
  dataDisk: boolean,
): HostSpec {
  return {
    name,
    role,
    octet,
    publicIp: `10.10.0.${octet}`,
    privateIp: priv ? `10.20.0.${octet}` : undefined,
    dataDisk,
  };
}

/** Octet of nodeN: node1 .11, node2 .12; node3.. get .23.. (.13/.14 belong to manager2/storage). */
export function nodeOctet(n: number): number {
  return n <= 2 ? 10 + n : 20 + n;
}

/** Every host the lab knows about, in start order. */
export function allHostSpecs(nodes = MAX_NODES): HostSpec[] {
  const hosts: HostSpec[] = [octetHost('manager', 'manager', 10, true, true)];
  for (let n = 1; n <= nodes; n++)
    hosts.push(octetHost(`node${n}`, 'node', nodeOctet(n), true, false));
  hosts.push(octetHost('manager2', 'backup-manager', 13, true, true));
  hosts.push(octetHost('storage', 'storage', 14, true, true));
  hosts.push(octetHost('client', 'client', 20, false, false));
  return hosts;
}

/** The hosts a given set of options asks for. */
export function selectHosts(opts: LabOptions): HostSpec[] {
  const nodes = opts.nodes ?? 2;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) {
    throw new Error(
      `--nodes must be an integer from 1 to ${MAX_NODES} (got ${String(opts.nodes)})`,
    );
  }
  return allHostSpecs(nodes).filter(
    (h) => (h.name !== 'manager2' || opts.backupManager) && (h.name !== 'storage' || opts.storage),
  );
}

export function hostSpec(name: string): HostSpec {
  const spec = allHostSpecs().find((h) => h.name === name);
  if (!spec)
    throw new Error(
      `unknown lab host "${name}" (known: ${allHostSpecs()
        .map((h) => h.name)
        .join(', ')})`,
    );
  return spec;
}

const hex = (n: number) => n.toString(16).padStart(2, '0');
export const publicMac = (h: HostSpec) => `52:54:00:0a:00:${hex(h.octet)}`;
export const privateMac = (h: HostSpec) => `52:54:00:14:00:${hex(h.octet)}`;

/** Resolved paths of the lab's work directory. */
export interface LabPaths {
  root: string;
  keys: string;
  privateKey: string;
  publicKey: string;
  build: string;
  images: string;
  golden: string;
  run: string;
  logs: string;
  statusFile: string;
  knownHosts: string;
  sshConfig: string;
  lockFile: string;
}

export function labPaths(labDir?: string): LabPaths {
  const root = path.resolve(
    labDir ?? process.env.CLUSTERDECK_LAB_DIR ?? path.join(REPO_ROOT, '.cache', 'lab'),
  );
  return {
    root,
    keys: path.join(root, 'keys'),
    privateKey: path.join(root, 'keys', 'id_ed25519'),
    publicKey: path.join(root, 'keys', 'id_ed25519.pub'),
    build: path.join(root, 'build'),
    images: path.join(root, 'images'),
    golden: path.join(root, 'golden'),
    run: path.join(root, 'run'),
    logs: path.join(root, 'logs'),
    statusFile: path.join(root, 'status.json'),
    knownHosts: path.join(root, 'known_hosts'),
    sshConfig: path.join(root, 'ssh_config'),
    lockFile: path.join(root, 'lab.lock'),
  };
}

export function portBase(opts: LabOptions = {}): number {
  const v =
    opts.portBase ??
    (process.env.CLUSTERDECK_LAB_PORT_BASE
      ? Number(process.env.CLUSTERDECK_LAB_PORT_BASE)
      : DEFAULT_PORT_BASE);
  if (!Number.isInteger(v) || v < 1024 || v > 65000)
    throw new Error(`invalid SSH port base ${String(v)}`);
  return v;
}

/** SSH port of a host on 127.0.0.1: base + (octet - 10), e.g. manager 22210, client 22220. */
export const sshPort = (h: HostSpec, base: number) => base + h.octet - 10;

export const netnsName = () => process.env.CLUSTERDECK_LAB_NETNS ?? NETNS_DEFAULT;

export function defaultLog(msg: string): void {
  process.stderr.write(`[lab] ${msg}\n`);
}
