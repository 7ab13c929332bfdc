/**
 * Lab status: what runs, where to reach it. Kept in <labDir>/status.json for tools and users, and
 * refreshed from the live processes (pidfile) and SSH ports (banner) on every read.
 */
import fs from 'node:fs';
import {
  PRIVATE_NET,
  PUBLIC_NET,
  QUORUM_IP,
  VIP_RANGE,
  type HostRole,
  type LabPaths,
} from './config.js';
import { sshBanner } from './ssh.js';
import { vmFiles, vmPid } from './vm.js';

function canRead(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export type HostState = 'ready' | 'starting' | 'stopped';

/** One lab host as the app and the tests see it. */
export interface LabHost {
  name: string;
  role: HostRole;
  /** Always 127.0.0.1: the workstation reaches VMs through qemu user-mode hostfwd. */
  sshHost: '127.0.0.1';
  sshPort: number;
  /** Login user with the lab key; `adminUser` (sudo NOPASSWD) works with the same key. */
  user: 'root';
  adminUser: 'admin';
  privateKeyPath: string;
  publicIp: string;
  /** undefined for the client (public network only). */
  privateIp?: string;
  /** Blank second disk for /chroot etc. (manager, manager2, storage). */
  dataDisk?: '/dev/vdb';
  /** The host's SSH host key ("ssh-ed25519 AAAA...") and its SHA256 fingerprint. */
  hostKey?: string;
  hostKeyFingerprint?: string;
  state: HostState;
  pid?: number;
}

export interface LabStatus {
  labDir: string;
  netns: string;
  running: boolean;
  imageKey?: string;
  goldenKey?: string;
  portBase?: number;
  knownHostsPath: string;
  sshConfigPath: string;
  privateKeyPath: string;
  networks: {
    public: { cidr: string; vips: typeof VIP_RANGE; interface: 'eth0' };
    private: { cidr: string; quorumIp: string; interface: 'eth1' };
  };
  timings?: { imageBuildSeconds?: number; snapshotSeconds?: number; upSeconds?: number };
  updatedAt: string;
  hosts: LabHost[];
}

export function emptyStatus(paths: LabPaths, netns: string): LabStatus {
  return {
    labDir: paths.root,
    netns,
    running: false,
    knownHostsPath: paths.knownHosts,
    sshConfigPath: paths.sshConfig,
    privateKeyPath: paths.privateKey,
    networks: {
      public: { cidr: PUBLIC_NET, vips: VIP_RANGE, interface: 'eth0' },
      private: { cidr: PRIVATE_NET, quorumIp: QUORUM_IP, interface: 'eth1' },
    },
    updatedAt: new Date().toISOString(),
    hosts: [],
  };
}

export function readStatus(paths: LabPaths, netns: string): LabStatus {
  try {
    return JSON.parse(fs.readFileSync(paths.statusFile, 'utf8')) as LabStatus;
  } catch {
    return emptyStatus(paths, netns);
  }
}

export function writeStatus(paths: LabPaths, st: LabStatus): void {
  st.updatedAt = new Date().toISOString();
  st.running = st.hosts.some((h) => h.state !== 'stopped');
  fs.mkdirSync(paths.root, { recursive: true });
  const tmp = `${paths.statusFile}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(st, null, 2)}\n`);
  fs.renameSync(tmp, paths.statusFile);
}

/** Refresh each host's state from its process and SSH port. */
export async function refreshStates(paths: LabPaths, st: LabStatus): Promise<LabStatus> {
  await Promise.all(
    st.hosts.map(async (h) => {
      const pid = vmPid(paths, h.name);
      h.pid = pid;
      // Without root the pidfile cannot be read: judge by the SSH port alone.
      const unreadable =
        !pid && fs.existsSync(vmFiles(paths, h.name).pid) && !canRead(vmFiles(paths, h.name).pid);
      if (!pid && !unreadable) h.state = 'stopped';
      else
        h.state = (await sshBanner(h.sshPort, 3000))
          ? 'ready'
          : unreadable
            ? 'stopped'
            : 'starting';
    }),
  );
  return st;
}

/** Human-readable table of the status. */
export function formatStatus(st: LabStatus): string {
  const lines = [
    `lab dir: ${st.labDir}   network namespace: ${st.netns}   ${st.running ? 'RUNNING' : 'not running'}`,
  ];
  if (st.hosts.length) {
    lines.push('');
    lines.push(
      'HOST      ROLE            STATE     SSH              PUBLIC        PRIVATE       HOST KEY',
    );
    for (const h of st.hosts) {
      lines.push(
        [
          h.name.padEnd(9),
          h.role.padEnd(15),
          h.state.padEnd(9),
          `127.0.0.1:${h.sshPort}`.padEnd(16),
          h.publicIp.padEnd(13),
          (h.privateIp ?? '-').padEnd(13),
          h.hostKeyFingerprint ?? '',
        ].join(' '),
      );
    }
    lines.push('');
    lines.push(`users: root or admin (sudo), key ${st.privateKeyPath}`);
    lines.push(`known hosts: ${st.knownHostsPath}   ssh config: ${st.sshConfigPath}`);
  }
  lines.push(
    `networks: public ${st.networks.public.cidr} (eth0, VIPs ${st.networks.public.vips.first}-${st.networks.public.vips.last}), ` +
      `private ${st.networks.private.cidr} (eth1, quorum IP ${st.networks.private.quorumIp} reserved)`,
  );
  if (st.timings?.upSeconds !== undefined) {
    const t = st.timings;
    lines.push(
      `last up: ${t.upSeconds} s` +
        (t.imageBuildSeconds !== undefined ? `, image build ${t.imageBuildSeconds} s` : '') +
        (t.snapshotSeconds !== undefined ? `, snapshots ${t.snapshotSeconds} s` : ''),
    );
  }
  return lines.join('\n');
}
