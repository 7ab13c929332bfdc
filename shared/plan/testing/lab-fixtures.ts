import {
  parseCluster,
  type Cluster,
  type ClusterInput,
  type ClusterLayout,
} from '../../model/cluster';
import { observationsFor } from '../../cluster/observe';
import type { ClusterHostRef } from '../../model/cluster-issues';
import type { ObservedHost } from '../../model/observed-host';
import type { HostFacts } from '../../model/facts';
import type { PlanInput } from '../context';
import type { Plan } from '../types';

/**
 * A model of the practice lab (e2e/lab): Debian 12 KVM guests, public 10.10.0.0/24 on eth0,
 * private 10.20.0.0/24 on eth1 (systemd-networkd), quorum IP 10.20.0.2, blank /dev/vdb on the
 * manager and the storage host. Used by the golden tests and handy for demos of the planner.
 */

/** Host ids of the lab model. */
export const LAB = {
  manager: 'h-manager',
  node1: 'h-node1',
  node2: 'h-node2',
  storage: 'h-storage',
} as const;

/** The lab's hosts as the engine lists them. */
export const LAB_HOSTS: Record<string, ClusterHostRef> = {
  [LAB.manager]: { name: 'manager', address: '127.0.0.1' },
  [LAB.node1]: { name: 'node1', address: '127.0.0.1' },
  [LAB.node2]: { name: 'node2', address: '127.0.0.1' },
  [LAB.storage]: { name: 'storage', address: '127.0.0.1' },
};

/** Facts of a healthy Debian 12 KVM guest with the given interfaces (name -> address/prefix). */
export function debianFacts(hostname: string, ifaces: Record<string, string>): HostFacts {
  const ready = { loaded: false, builtin: false, available: true };
  return {
    probedAt: '2026-01-01T00:00:00.000Z',
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [] },
    kernel: '6.1.0-28-amd64',
    arch: 'x86_64',
    hostname,
    virtualization: { kind: 'kvm', isContainer: false, isOpenVz: false },
    interfaces: [
      {
        name: 'lo',
        state: 'UNKNOWN',
        ipv4: [{ address: '127.0.0.1', prefix: 8, scope: 'host' }],
        ipv6: [],
      },
      ...Object.entries(ifaces).map(([name, cidr]) => {
        const [address = '', prefix = '24'] = cidr.split('/');
        return {
          name,
          state: 'UP',
          ipv4: [{ address, prefix: Number(prefix), scope: 'global' }],
          ipv6: [],
        };
      }),
    ],
    defaultRoutes: [],
    disks: [
      {
        path: '/',
        exists: true,
        mount: '/',
        filesystem: '/dev/vda',
        fsType: 'ext4',
        sizeBytes: 2e9 * 8,
        availBytes: 1.2e10,
      },
      {
        path: '/home',
        exists: true,
        mount: '/',
        filesystem: '/dev/vda',
        fsType: 'ext4',
        sizeBytes: 2e9 * 8,
        availBytes: 1.2e10,
      },
      {
        path: '/chroot',
        exists: false,
        mount: '/',
        filesystem: '/dev/vda',
        fsType: 'ext4',
        sizeBytes: 2e9 * 8,
        availBytes: 1.2e10,
      },
    ],
    tools: {
      ipvsadm: true,
      keepalived: true,
      exportfs: true,
      nfsServer: true,
      nfsClient: true,
      quota: true,
      rquotad: true,
    },
    modules: { ip_vs: ready, nfsd: ready, nfs: ready },
    clock: { skewMs: 40, rttMs: 4 },
    checks: [],
  };
}

const PASSWD =
  'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nadmin:x:1000:1000:,,,:/home/admin:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\ndaemon:x:1:\nsudo:x:27:admin\nadmin:x:1000:\nnogroup:x:65534:\n';

/**
 * Files of a fresh lab host: the image's fstab, users, mounts, and networkd state for eth0
 * (index 2, 10-public.network) and eth1 (index 3, 11-private.network).
 */
export function freshFiles(
  extra: Record<string, string | null> = {},
): Record<string, string | null> {
  return {
    '/etc/fstab': '/dev/vda / ext4 rw,noatime 0 0\n',
    '/etc/passwd': PASSWD,
    '/etc/group': GROUP,
    '/proc/mounts':
      '/dev/vda / ext4 rw,noatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n',
    '/etc/exports.d/clusterdeck.exports': null,
    '/etc/nfs.conf.d/clusterdeck.conf': null,
    '/etc/systemd/system/quotarpc.service.d/clusterdeck.conf': null,
    '/etc/clusterdeck/storage-firewall.nft': null,
    '/etc/systemd/system/clusterdeck-storage-firewall.service': null,
    '/etc/network/interfaces': null,
    '/etc/network/interfaces.d/clusterdeck-quorum': null,
    '/etc/systemd/system/clusterdeck-quorum-ip.service': null,
    '/sys/class/net/eth0/ifindex': '2\n',
    '/sys/class/net/eth1/ifindex': '3\n',
    '/run/systemd/netif/links/2':
      'ADMIN_STATE=configured\nOPER_STATE=routable\nNETWORK_FILE=/etc/systemd/network/10-public.network\n',
    '/run/systemd/netif/links/3':
      'ADMIN_STATE=configured\nOPER_STATE=routable\nNETWORK_FILE=/etc/systemd/network/11-private.network\n',
    '/etc/systemd/network/10-public.network.d/50-clusterdeck-quorum.conf': null,
    '/etc/systemd/network/11-private.network.d/50-clusterdeck-quorum.conf': null,
    ...extra,
  };
}

const PUBLIC: Record<string, string> = {
  [LAB.manager]: '10.10.0.10',
  [LAB.node1]: '10.10.0.11',
  [LAB.node2]: '10.10.0.12',
  [LAB.storage]: '10.10.0.14',
};
const PRIVATE: Record<string, string> = {
  [LAB.manager]: '10.20.0.10',
  [LAB.node1]: '10.20.0.11',
  [LAB.node2]: '10.20.0.12',
  [LAB.storage]: '10.20.0.14',
};

/** Observed lab hosts (facts and fresh files) for every host of the lab. */
export function labObserved(
  layout: ClusterLayout = 'public-private',
): Record<string, ObservedHost> {
  const out: Record<string, ObservedHost> = {};
  for (const [key, id] of Object.entries(LAB)) {
    const pub = PUBLIC[id] ?? '';
    const priv = PRIVATE[id] ?? '';
    // private-nat: one private segment on eth1 behind the NAT.
    const ifaces: Record<string, string> =
      layout === 'private-nat' ? { eth1: `${priv}/24` } : { eth0: `${pub}/24`, eth1: `${priv}/24` };
    out[id] = { facts: debianFacts(key, ifaces), files: freshFiles() };
  }
  return out;
}

/** A lab cluster model for a layout and storage choice, with two nodes and one account. */
export function labCluster(
  layout: ClusterLayout,
  storage: 'manager' | 'external' = 'manager',
  patch: Partial<ClusterInput> = {},
): Cluster {
  const nat = layout === 'private-nat';
  const quorum = layout === 'public' ? '10.10.0.2' : '10.20.0.2';
  const node = (id: string): ClusterInput['nodes'] extends (infer N)[] | undefined ? N : never => ({
    hostId: id,
    publicIp: nat ? (PRIVATE[id] ?? '') : (PUBLIC[id] ?? ''),
    ...(layout === 'public' ? {} : { privateIp: PRIVATE[id] ?? '' }),
    enabled: true,
  });
  return parseCluster({
    id: 'c-lab',
    name: 'lab',
    layout,
    manager: {
      hostId: LAB.manager,
      publicIp: nat ? '10.20.0.10' : '10.10.0.10',
      ...(layout === 'public-private' ? { privateIp: '10.20.0.10' } : {}),
      quorumIp: quorum,
      quorumPrefix: 24,
    },
    storage:
      storage === 'manager'
        ? { kind: 'manager', device: '/dev/vdb' }
        : {
            kind: 'external',
            hostId: LAB.storage,
            address: '10.20.0.14',
            exportPath: '/srv/cluster',
            device: '/dev/vdb',
          },
    nodes: [node(LAB.node1), node(LAB.node2)],
    accounts: [{ name: 'web1', uid: 2001, gid: 2001, quotaMiB: 10, domain: 'web1.example' }],
    ...patch,
  });
}

/**
 * A plan input for a lab cluster with fresh hosts: nginx installed (the lab image has
 * nginx-light), and every other path observationsFor asks for that the image lacks absent.
 */
export function labInput(desired: Cluster, applied: Cluster | null = null): PlanInput {
  const observed = labObserved(desired.layout);
  for (const o of Object.values(observed)) o.files['/etc/nginx/nginx.conf'] = 'user www-data;\n';
  return { desired, applied, hosts: LAB_HOSTS, observed: withAbsent(observed, desired, applied) };
}

/** `observed` with every path observationsFor asks for that it has not read as absent. */
export function withAbsent(
  observed: Record<string, ObservedHost>,
  desired: Cluster,
  applied: Cluster | null = null,
): Record<string, ObservedHost> {
  for (let round = 0; round < 4; round++) {
    for (const [id, paths] of Object.entries(observationsFor(desired, { applied, observed }))) {
      const o = observed[id];
      if (o) for (const p of paths) if (!(p in o.files)) o.files[p] = null;
    }
  }
  return observed;
}

/**
 * What the engine holds before planning: of the hosts' files, only those observationsFor asks
 * for (read in rounds until nothing new is asked), a file it asks for and the host lacks as
 * absent. A planner that reads a file nobody asked for fails on it, as it does in the engine.
 */
export function engineReads(
  hostsFiles: Record<string, ObservedHost>,
  desired: Cluster,
  applied: Cluster | null = null,
): Record<string, ObservedHost> {
  const out: Record<string, ObservedHost> = {};
  for (const [id, o] of Object.entries(hostsFiles)) out[id] = { facts: o.facts, files: {} };
  for (let round = 0; round < 4; round++) {
    for (const [id, paths] of Object.entries(
      observationsFor(desired, { applied, observed: out }),
    )) {
      const o = out[id];
      if (o) for (const p of paths) o.files[p] = hostsFiles[id]?.files[p] ?? null;
    }
  }
  return out;
}

/**
 * The observed hosts after a plan was applied: every planned file now has its planned
 * content (what a successful apply leaves behind).
 */
export function observedAfter(
  plan: Plan,
  observed: Record<string, ObservedHost | undefined>,
): Record<string, ObservedHost> {
  const out: Record<string, ObservedHost> = {};
  for (const [id, o] of Object.entries(observed))
    if (o) out[id] = { facts: o.facts, files: { ...o.files } };
  for (const h of plan.hosts) {
    const o = out[h.hostId];
    if (!o) continue;
    for (const s of h.steps) for (const f of s.files) o.files[f.path] = f.content;
  }
  return out;
}
