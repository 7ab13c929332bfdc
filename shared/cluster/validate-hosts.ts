import { PATHS } from '../base/remote-paths';
import type { Cluster } from '../model/cluster';
import type { IssueList, ValidationContext } from '../model/cluster-issues';
import type { HostFacts, ModuleFact } from '../model/facts';
import { systemDifferences } from '../model/same-system';
import { storageLayout } from '../plan/context';
import { isBlankDevice } from '../probe/parse-block-devices';
import { hasQuotaOptions, mountFor, parseIdFile, parseMounts } from '../probe/parse-host-files';

const GiB = 1024 ** 3;
/** OS ids whose packages and paths the planner knows. */
const SUPPORTED_OS = ['debian', 'ubuntu'];
/** Filesystems that keep user and group quotas a Linux NFS server can report over rquotad. */
const QUOTA_FILESYSTEMS = ['ext4', 'ext3', 'xfs'];

/** A cluster host with the model field that names it and what it needs from the kernel. */
interface Member {
  field: string;
  hostId: string;
  role: 'manager' | 'node' | 'storage';
  /** Exports over kernel NFS (nfsd), or mounts it (nfs). */
  needs: 'nfsd' | 'nfs';
}

function members(c: Cluster): Member[] {
  const serving = c.storage.kind === 'manager';
  const list: Member[] = [
    {
      field: 'manager.hostId',
      hostId: c.manager.hostId,
      role: 'manager',
      needs: serving ? 'nfsd' : 'nfs',
    },
  ];
  if (c.storage.kind === 'external')
    list.push({
      field: 'storage.hostId',
      hostId: c.storage.hostId,
      role: 'storage',
      needs: 'nfsd',
    });
  c.nodes.forEach((n, i) => {
    if (n.enabled)
      list.push({ field: `nodes.${i}.hostId`, hostId: n.hostId, role: 'node', needs: 'nfs' });
  });
  return list;
}

function moduleReady(m: ModuleFact): boolean {
  return m.loaded || m.builtin || m.available;
}

function checkKernelNfs(m: Member, f: HostFacts, name: string, out: IssueList): void {
  const mod = f.modules[m.needs];
  if (moduleReady(mod)) return;
  const what =
    m.needs === 'nfsd'
      ? 'export the shared storage (kernel NFS server)'
      : 'mount the shared storage (kernel NFS client)';
  if (f.virtualization.isContainer) {
    const kind = f.virtualization.isOpenVz
      ? 'an OpenVZ/Virtuozzo container'
      : `a ${f.virtualization.kind} container`;
    out.error(
      m.field,
      `host ${name} is ${kind} without kernel NFS: it cannot ${what}. Use a full virtual machine or ask the provider to enable kernel NFS`,
    );
  } else {
    out.error(m.field, `host ${name} has no ${m.needs} kernel module, so it cannot ${what}`);
  }
}

function checkSameSystem(
  m: Member,
  f: HostFacts,
  mf: HostFacts,
  name: string,
  out: IssueList,
): void {
  for (const d of systemDifferences(f, mf)) out.error(m.field, `host ${name} ${d.what}: ${d.rule}`);
  const skew = Math.abs(f.clock.skewMs - mf.clock.skewMs);
  if (skew > 60_000)
    out.error(
      m.field,
      `host ${name}'s clock is ${(skew / 1000).toFixed(0)} s off the manager's: set up time synchronisation first`,
    );
  else if (skew > 5_000)
    out.warn(m.field, `host ${name}'s clock is ${(skew / 1000).toFixed(1)} s off the manager's`);
}

function checkDisks(m: Member, f: HostFacts, name: string, out: IssueList): void {
  const root = f.disks.find((d) => d.path === '/');
  if (root?.availBytes !== undefined && root.availBytes < 2 * GiB) {
    out.error(
      m.field,
      `host ${name} has only ${(root.availBytes / GiB).toFixed(1)} GiB free on /; at least 2 GiB are needed`,
    );
  }
  const home = f.disks.find((d) => d.path === '/home');
  if (m.role !== 'storage' && home?.exists && home.mount === '/home') {
    out.error(
      m.field,
      `host ${name} has /home on its own filesystem; /home must become a link to /chroot/home: remount that filesystem at /chroot (or unmount it) first`,
    );
  }
}

/** Quotas must already be on where no blank device is given. */
function checkStorageQuota(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  if (c.storage.device !== undefined) return;
  const hostId = c.storage.kind === 'external' ? c.storage.hostId : c.manager.hostId;
  const path = c.storage.kind === 'external' ? c.storage.exportPath : '/chroot';
  const name = ctx.hosts[hostId]?.name ?? hostId;
  const mounts = ctx.files?.[hostId]?.[PATHS.mounts];
  const fix = `give a blank device in storage.device, or mount a quota-enabled filesystem (usrquota,grpquota) at ${path}`;
  if (mounts === undefined || mounts === null) {
    const disk = ctx.facts[hostId]?.disks.find((d) => d.path === path);
    if (disk?.fsType !== undefined && !QUOTA_FILESYSTEMS.includes(disk.fsType)) {
      out.error(
        'storage.device',
        `${path} on ${name} is on ${disk.fsType}, which ClusterDeck cannot use with quotas: ${fix}`,
      );
    } else {
      out.warn(
        'storage.device',
        `cannot tell yet whether ${path} on ${name} has quotas on (mounts not read); the plan checks it`,
      );
    }
    return;
  }
  const m = mountFor(parseMounts(mounts), path);
  if (m === undefined) return;
  const q = hasQuotaOptions(m.options);
  if (!QUOTA_FILESYSTEMS.includes(m.fsType)) {
    out.error(
      'storage.device',
      `${path} on ${name} is on ${m.fsType} (${m.target}), which ClusterDeck cannot use with quotas: ${fix}`,
    );
  } else if (!q.user || !q.group) {
    out.error(
      'storage.device',
      `${path} on ${name} is on ${m.target} without ${!q.user ? 'user' : 'group'} quotas: ${fix}`,
    );
  }
}

/**
 * A device to format must be blank, and never the system disk: checked where the probe listed
 * the host's block devices (the plan's format step refuses a device with data in any case).
 */
function checkStorageDevice(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const device = c.storage.device;
  if (device === undefined) return;
  const hostId = c.storage.kind === 'external' ? c.storage.hostId : c.manager.hostId;
  const all = ctx.facts[hostId]?.blockDevices;
  if (all === undefined) return;
  const name = ctx.hosts[hostId]?.name ?? hostId;
  const d = all.find((x) => x.path === device);
  // The filesystem an earlier apply made on it (the UUID the plan gives it) is the cluster's own.
  if (d !== undefined && d.uuid !== undefined && d.uuid === storageLayout(c).uuid) return;
  if (d === undefined) {
    out.warn('storage.device', `the probe of ${name} lists no ${device}; the plan checks it`);
  } else if (d.holdsRoot) {
    out.error('storage.device', `${device} on ${name} holds / (the system disk): never formatted`);
  } else if (!isBlankDevice(d, all)) {
    const what = d.fsType ?? (d.mountpoint !== undefined ? 'mounted' : 'partitions');
    out.error(
      'storage.device',
      `${device} on ${name} is not blank (${what}): ClusterDeck formats blank devices only`,
    );
  }
}

/** Accounts must get the same ids everywhere: no host may use the name or the id otherwise. */
function checkIdCollisions(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  for (const m of members(c)) {
    const files = ctx.files?.[m.hostId];
    if (!files) continue;
    const name = ctx.hosts[m.hostId]?.name ?? m.hostId;
    for (const [file, key, label] of [
      [PATHS.passwd, 'uid', 'user'],
      [PATHS.group, 'gid', 'group'],
    ] as const) {
      const entries = parseIdFile(files[file]);
      c.accounts.forEach((a, i) => {
        const id = a[key];
        const byName = entries.find((e) => e.name === a.name);
        const byId = entries.find((e) => e.id === id);
        if (byName && byName.id !== id) {
          out.error(
            `accounts.${i}.${key}`,
            `host ${name} already has ${label} ${a.name} with ${key} ${byName.id}`,
          );
        } else if (byId && byId.name !== a.name) {
          out.error(
            `accounts.${i}.${key}`,
            `${key} ${id} is ${label} ${byId.name} on host ${name}`,
          );
        }
      });
    }
  }
}

/** The facts-based rules of validateCluster (see there). */
export function validateHosts(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const mf = ctx.facts[c.manager.hostId];
  for (const m of members(c)) {
    const f = ctx.facts[m.hostId];
    const name = ctx.hosts[m.hostId]?.name ?? m.hostId;
    if (f === undefined) {
      out.warn(
        m.field,
        `host ${name} has not been probed: its OS, kernel and disk checks are skipped`,
      );
      continue;
    }
    if (!SUPPORTED_OS.includes(f.os.id)) {
      out.error(
        m.field,
        `host ${name} runs ${f.os.prettyName || f.os.id}; ClusterDeck sets up Debian and Ubuntu hosts only for now`,
      );
    }
    checkKernelNfs(m, f, name, out);
    checkDisks(m, f, name, out);
    if (m.role === 'node' && mf !== undefined) checkSameSystem(m, f, mf, name, out);
  }
  checkStorageQuota(c, ctx, out);
  checkStorageDevice(c, ctx, out);
  checkIdCollisions(c, ctx, out);
}
