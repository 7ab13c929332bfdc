import type { DiskFact, FactCheck, HostFacts, ModuleFact } from '../model/facts';
import type { RawHostFacts } from './collect-facts';

/**
 * The part a host plays. The manager runs the load balancer (IPVS + keepalived) and serves
 * /home over NFS; nodes serve the sites and mount /home. Unknown role: checks say what each
 * role would need, and only what blocks every role is a blocker.
 */
export type HostRole = 'manager' | 'node';

/** Options of {@link assessFacts}. */
export interface AssessOptions {
  role?: HostRole;
}

const GiB = 1024 ** 3;
const SUPPORTED: Record<string, number> = { debian: 11, ubuntu: 20 };

function gib(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / GiB).toFixed(1)} GiB`;
}

function check(
  id: string,
  severity: FactCheck['severity'],
  title: string,
  message: string,
): FactCheck {
  return { id, severity, title, message };
}

function worst(a: FactCheck['severity'], b: FactCheck['severity']): FactCheck['severity'] {
  const rank = { ok: 0, warning: 1, blocker: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

function assessOs(f: RawHostFacts): FactCheck {
  const name = f.os.prettyName || `${f.os.id} ${f.os.versionId}`;
  const min = SUPPORTED[f.os.id];
  if (min !== undefined) {
    const major = Number.parseInt(f.os.versionId, 10);
    if (Number.isFinite(major) && major >= min)
      return check('os.supported', 'ok', 'Operating system supported', `${name}.`);
    return check(
      'os.supported',
      'warning',
      'Old operating system release',
      `${name} is older than ${f.os.id} ${min}; packages may be missing or too old. Upgrade the release before clustering.`,
    );
  }
  if (f.os.idLike.includes('debian') || f.os.idLike.includes('ubuntu')) {
    return check(
      'os.supported',
      'warning',
      'Debian derivative, not tested',
      `${name} is based on Debian but not tested with ClusterDeck; apt commands should work.`,
    );
  }
  return check(
    'os.supported',
    'blocker',
    'Operating system not supported',
    `${name} is not Debian or Ubuntu; ClusterDeck sets hosts up with apt and Debian paths.`,
  );
}

function assessVirt(f: RawHostFacts): FactCheck {
  const v = f.virtualization;
  if (!v.isContainer) {
    const what =
      v.kind === 'none'
        ? 'bare metal'
        : v.kind === 'unknown'
          ? 'unknown virtualization'
          : `a ${v.kind} virtual machine`;
    return check(
      'virt.container',
      'ok',
      'Own kernel',
      `The host runs on ${what}, with its own kernel.`,
    );
  }
  const kind = v.isOpenVz ? 'an OpenVZ container' : `a ${v.kind} container`;
  const nfsd = f.modules.nfsd;
  if (!nfsd.loaded && !nfsd.builtin) {
    return check(
      'virt.container',
      'blocker',
      'Container without kernel NFS',
      `The host is ${kind}: it shares its kernel with the hypervisor and cannot load kernel modules, so it can run neither the kernel NFS server nor IPVS load balancing. Use a full virtual machine (KVM) or bare metal.`,
    );
  }
  return check(
    'virt.container',
    'warning',
    'Runs in a container',
    `The host is ${kind}. Kernel NFS is present, but kernel modules and sysctls depend on the hypervisor; a full virtual machine is safer.`,
  );
}

function moduleReady(m: ModuleFact): boolean {
  return m.loaded || m.builtin || m.available;
}

function assessModule(
  id: 'ip_vs' | 'nfsd' | 'nfs',
  m: ModuleFact,
  neededBy: HostRole,
  role: HostRole | undefined,
  purpose: string,
  fix: string,
): FactCheck {
  const checkId = `module.${id}`;
  if (moduleReady(m)) {
    const how = m.loaded
      ? 'loaded'
      : m.builtin
        ? 'built into the kernel'
        : 'available (loaded on demand)';
    return check(
      checkId,
      'ok',
      `Kernel module ${id} ${m.loaded ? 'loaded' : 'available'}`,
      `${id} is ${how}.`,
    );
  }
  const severity = role === neededBy ? 'blocker' : role === undefined ? 'warning' : 'ok';
  const title = `Kernel module ${id} missing`;
  if (severity === 'ok')
    return check(checkId, 'ok', title, `${id} is not available, but a ${role} does not need it.`);
  return check(
    checkId,
    severity,
    title,
    `${id} is not loaded and cannot be loaded, so this host cannot ${purpose}${role === undefined ? ` (needed on the ${neededBy})` : ''}. ${fix}`,
  );
}

function assessTool(
  id: string,
  present: boolean,
  neededBy: HostRole,
  role: HostRole | undefined,
  what: string,
  pkg: string,
): FactCheck {
  if (present) return check(`tool.${id}`, 'ok', `${what} installed`, `${what} is installed.`);
  if (role !== undefined && role !== neededBy) {
    return check(
      `tool.${id}`,
      'ok',
      `${what} not needed`,
      `${what} is not installed; a ${role} does not need it.`,
    );
  }
  return check(
    `tool.${id}`,
    'warning',
    `${what} not installed`,
    `${what} is needed on the ${neededBy}. ClusterDeck installs it during setup, or run: apt-get install ${pkg}`,
  );
}

function describeDisk(d: DiskFact): string {
  const where = d.exists ? d.path : `${d.path} (not created yet; would be on ${d.mount ?? '?'})`;
  return `${where}: ${gib(d.availBytes)} free of ${gib(d.sizeBytes)} on ${d.filesystem ?? '?'}${d.fsType ? ` (${d.fsType})` : ''}`;
}

function assessDisks(f: RawHostFacts): FactCheck {
  let severity: FactCheck['severity'] = 'ok';
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of f.disks) {
    if (d.availBytes === undefined) {
      severity = worst(severity, 'warning');
      problems.push(`free space of ${d.path} could not be read`);
      continue;
    }
    // Paths on one filesystem share its free space: judge each filesystem once.
    const key = `${d.filesystem ?? ''}@${d.mount ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.availBytes < 2 * GiB) {
      severity = worst(severity, 'blocker');
      problems.push(
        `${d.mount ?? d.path} has only ${gib(d.availBytes)} free; at least 2 GiB are needed`,
      );
    } else if (d.availBytes < 10 * GiB) {
      severity = worst(severity, 'warning');
      problems.push(
        `${d.mount ?? d.path} has ${gib(d.availBytes)} free; 10 GiB or more is advised for sites and logs`,
      );
    }
  }
  const detail = f.disks.map(describeDisk).join('; ');
  const title =
    severity === 'ok'
      ? 'Enough disk space'
      : severity === 'warning'
        ? 'Little disk space'
        : 'Not enough disk space';
  const message = problems.length > 0 ? `${problems.join('; ')}. ${detail}.` : `${detail}.`;
  return check('disk.free', severity, title, message);
}

function assessClock(f: RawHostFacts): FactCheck {
  const { skewMs, rttMs } = f.clock;
  const abs = Math.abs(skewMs);
  const text = `The host's clock is ${(abs / 1000).toFixed(1)} s ${skewMs >= 0 ? 'ahead of' : 'behind'} this workstation (±${Math.ceil(rttMs / 2)} ms).`;
  const fix =
    'Enable time synchronisation: apt-get install systemd-timesyncd (or chrony), then timedatectl set-ntp true.';
  if (abs > 60_000)
    return check(
      'clock.skew',
      'blocker',
      'Clock far off',
      `${text} Clustered services (NFS, certificates, logs) break with clocks this far apart. ${fix}`,
    );
  if (abs > 5_000) return check('clock.skew', 'warning', 'Clock off', `${text} ${fix}`);
  return check('clock.skew', 'ok', 'Clock in sync', text);
}

function assessNetwork(f: RawHostFacts): FactCheck {
  const global = f.interfaces.flatMap((i) =>
    i.ipv4
      .filter((a) => a.scope === undefined || a.scope === 'global')
      .map((a) => `${a.address}/${a.prefix} on ${i.name}`),
  );
  const routes = f.defaultRoutes.map((r) => `${r.gateway ?? 'direct'} via ${r.dev}`);
  if (global.length === 0) {
    return check(
      'net.address',
      'blocker',
      'No IPv4 address',
      'The host has no global IPv4 address; cluster members talk over IPv4. Configure an address first.',
    );
  }
  if (routes.length === 0) {
    return check(
      'net.address',
      'warning',
      'No default route',
      `Addresses: ${global.join(', ')}, but no default route: the host cannot reach the internet (packages, updates).`,
    );
  }
  return check(
    'net.address',
    'ok',
    'Network configured',
    `Addresses: ${global.join(', ')}; default route ${routes.join(', ')}.`,
  );
}

/**
 * Judges the probed facts: one check per concern, each with a severity, a title and a message
 * that says what it means for the cluster and, where obvious, how to fix it. Blockers keep
 * the host out of the cluster (for the given role).
 */
export function assessFacts(
  facts: RawHostFacts | HostFacts,
  opts: AssessOptions = {},
): FactCheck[] {
  const { role } = opts;
  const m = facts.modules;
  const t = facts.tools;
  return [
    assessOs(facts),
    assessVirt(facts),
    assessModule(
      'ip_vs',
      m.ip_vs,
      'manager',
      role,
      'balance load with IPVS',
      'Use a kernel with IPVS (the standard Debian kernel has it: apt-get install linux-image-amd64).',
    ),
    assessModule(
      'nfsd',
      m.nfsd,
      'manager',
      role,
      'export /home over kernel NFS',
      'Use a kernel with NFS server support (the standard Debian kernel has it).',
    ),
    assessModule(
      'nfs',
      m.nfs,
      'node',
      role,
      'mount /home over NFS',
      'Use a kernel with NFS client support (the standard Debian kernel has it).',
    ),
    assessTool('ipvsadm', t.ipvsadm, 'manager', role, 'ipvsadm', 'ipvsadm'),
    assessTool('keepalived', t.keepalived, 'manager', role, 'keepalived', 'keepalived'),
    assessTool(
      'nfs-server',
      t.nfsServer && t.exportfs,
      'manager',
      role,
      'NFS server',
      'nfs-kernel-server',
    ),
    assessTool('nfs-client', t.nfsClient, 'node', role, 'NFS client', 'nfs-common'),
    assessTool('quota', t.quota, 'manager', role, 'Disk quota tools', 'quota'),
    assessDisks(facts),
    assessClock(facts),
    assessNetwork(facts),
  ];
}
