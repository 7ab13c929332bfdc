import { PATHS } from '../base/remote-paths';
import { quote, sh } from '../shell/quote';
import { exportClients, type PlanContext } from './context';
import {
  FSTAB_MARK,
  SAFE_MOUNT_FLAGS,
  exportsFile,
  fstabWith,
  mountNowCommand,
  mountedSafely,
} from './files';
import {
  DAEMON_RELOAD_FOR_FSTAB,
  allOf,
  enableNow,
  failUnless,
  fileMatches,
  mountPointOf,
  packagesStep,
  plannedFile,
  serviceUp,
  step,
} from './step';
import { NFS_PORTS_LIVE, nfsPortsStep, storageFirewallStep } from './storage-firewall';
import type { PlanStep } from './types';

/** Step ids of the storage host that other hosts wait for. */
export const STORAGE_STEP = {
  exports: 'storage.exports',
  services: 'storage.services',
  homeRoot: 'storage.home-root',
} as const;

/** Mount options of the storage filesystem: user and group quotas on at every mount, no setuid or device files. */
const QUOTA_MOUNT_OPTIONS = `defaults,${SAFE_MOUNT_FLAGS},usrquota,grpquota`;

/**
 * The filesystem argument of quota tools: the mount point of the formatted device, or the
 * mount point that holds the data folder (found at run time, since it may be / or any mount).
 */
export function quotaTarget(ctx: PlanContext): string {
  const s = ctx.storage;
  return s.device !== undefined ? quote(s.dataRoot) : mountPointOf(s.dataRoot);
}

const QUOTA_ON = `grep -qE ' is on( \\(enforced\\))?$'`;

function quotaOn(kind: 'u' | 'g', target: string): string {
  // quotaon -p exits non-zero when quotas are ON, and prints nothing when the filesystem has
  // no quota at all: only its text tells.
  return `LC_ALL=C quotaon -p -${kind} ${target} 2>/dev/null | ${QUOTA_ON}`;
}

function formatStep(device: string, uuid: string): PlanStep {
  const notBlank = `${device} is not blank: blkid found the signature above. ClusterDeck formats only devices without any filesystem or partition table; nothing was changed.`;
  return step({
    id: 'storage.format',
    title: `Format ${device} (ext4 with quotas), only if it is blank`,
    description:
      'The device gets an ext4 filesystem with the quota feature and a UUID planned from the model. A device that holds anything blkid recognises (a filesystem, a partition table, RAID or LVM metadata) is never formatted: the step fails instead.',
    commands: [
      failUnless(sh`test -b ${device}`, `${device} is not a block device`),
      // blkid -p exits 2 when it finds nothing; 0 (found) and 8 (ambivalent) both mean data.
      `blkid -p ${quote(device)} >&2; rc=$?; if [ "$rc" -ne 2 ]; then echo ${quote(notBlank)} >&2; exit 1; fi`,
      sh`mkfs.ext4 -q -U ${uuid} -O quota -E quotatype=usrquota:grpquota ${device}`,
    ],
    check: sh`test "$(blkid -p -o value -s UUID ${device} 2>/dev/null)" = ${uuid}`,
    verify: sh`test "$(blkid -p -o value -s TYPE ${device} 2>/dev/null)" = ext4`,
    timeoutSec: 900,
  });
}

function mountStep(ctx: PlanContext, hostId: string, mountPoint: string, uuid: string): PlanStep {
  const entry = {
    source: `UUID=${uuid}`,
    target: mountPoint,
    fsType: 'ext4',
    options: QUOTA_MOUNT_OPTIONS,
    pass: 2,
  };
  const fstab = plannedFile(
    PATHS.fstab,
    fstabWith(ctx.file(hostId, PATHS.fstab), entry),
    ctx.file(hostId, PATHS.fstab),
  );
  const mounted = mountedSafely(entry);
  return step({
    id: 'storage.mount',
    title: `Mount the storage filesystem at ${mountPoint} with user and group quotas`,
    description: `An /etc/fstab line (by UUID, marked ${FSTAB_MARK}) mounts it at every boot, with nosuid and nodev.`,
    files: [fstab],
    commands: [sh`mkdir -p ${mountPoint}`, DAEMON_RELOAD_FOR_FSTAB, mountNowCommand(entry)],
    check: allOf(fileMatches(fstab), mounted),
    verify: mounted,
  });
}

function quotaStep(ctx: PlanContext): PlanStep {
  const t = quotaTarget(ctx);
  const on = allOf(quotaOn('u', t), quotaOn('g', t));
  return step({
    id: 'storage.quota',
    title: `Turn user and group quotas on for ${ctx.storage.dataRoot}`,
    description:
      'Quotas are enforced on the storage filesystem; the nodes see them through rpc.rquotad.',
    commands: [`${quotaOn('u', t)} || quotaon -u ${t}`, `${quotaOn('g', t)} || quotaon -g ${t}`],
    check: on,
    verify: on,
  });
}

/** The exports step: exactly the cluster's hosts may mount the share. */
export function exportsStep(ctx: PlanContext, waitFor: PlanStep['waitFor'] = []): PlanStep {
  const { hostId, exportPath } = ctx.storage;
  const clients = exportClients(ctx.desired);
  const file = plannedFile(
    PATHS.exports,
    exportsFile(ctx.desired.name, exportPath, clients),
    ctx.file(hostId, PATHS.exports),
  );
  // exportfs -s prints one "PATH CLIENT(options)" line per client of the live export table.
  const awk = `$1 == p { sub(/\\(.*/, "", $2); print $2 }`;
  const expected = [...clients]
    .sort()
    .map((c) => `${c} `)
    .join('');
  const live = `test "$(exportfs -s | awk -v p=${quote(exportPath)} ${quote(awk)} | sort | tr '\\n' ' ')" = ${quote(expected)}`;
  return step({
    id: STORAGE_STEP.exports,
    title: `Export ${exportPath} over NFS to ${clients.length === 0 ? 'no host yet' : clients.join(', ')}`,
    description: `Written to ${PATHS.exports}, a file of its own: /etc/exports stays the admin's.`,
    files: [file],
    commands: ['exportfs -ra'],
    check: allOf(fileMatches(file), live),
    verify: live,
    waitFor,
  });
}

function servicesStep(): PlanStep {
  const up = allOf(serviceUp('nfs-server'), serviceUp('quotarpc'));
  return step({
    id: STORAGE_STEP.services,
    title: 'Run the NFS server and rpc.rquotad (quotarpc), now and at boot',
    description:
      'rpc.rquotad lets `quota` on the nodes read the limits; NFS locking (nlockmgr) comes with the server. The verify reads their fixed ports from rpcbind.',
    commands: [...enableNow('nfs-server'), ...enableNow('quotarpc')],
    check: up,
    verify: allOf(up, NFS_PORTS_LIVE.nfs, NFS_PORTS_LIVE.rquotad),
    timeoutSec: 180,
  });
}

/**
 * The storage host's steps (the manager's, or the external server's): packages, the firewall
 * and fixed ports of the NFS services, the quota filesystem, the home folder, the exports and
 * the services. `exportsWaitFor` lets the firewall and export changes wait until leaving nodes
 * have unmounted.
 */
export function storageSteps(ctx: PlanContext, exportsWaitFor: PlanStep['waitFor']): PlanStep[] {
  const s = ctx.storage;
  const steps: PlanStep[] = [
    packagesStep(
      'storage.packages',
      ['nfs-kernel-server', 'quota', 'nftables'],
      'The kernel NFS server, the quota tools (with rpc.rquotad) and nftables for the storage firewall.',
    ),
    // Before anything is exported or started: the NFS ports are never open to everyone.
    storageFirewallStep(ctx, exportsWaitFor),
    nfsPortsStep(ctx),
  ];
  if (s.device !== undefined && s.uuid !== undefined) {
    steps.push(formatStep(s.device, s.uuid), mountStep(ctx, s.hostId, s.dataRoot, s.uuid));
  } else {
    steps.push(
      step({
        id: 'storage.folder',
        title: `Create ${s.dataRoot} on the existing quota filesystem`,
        commands: [sh`mkdir -p ${s.dataRoot}`],
        check: sh`test -d ${s.dataRoot}`,
        verify: sh`test -d ${s.dataRoot}`,
      }),
    );
  }
  steps.push(quotaStep(ctx));
  steps.push(
    step({
      id: STORAGE_STEP.homeRoot,
      title: `Create ${s.homeRoot} for the account homes`,
      commands: [sh`mkdir -p ${s.homeRoot}`, sh`chmod 0755 ${s.homeRoot}`],
      check: sh`test -d ${s.homeRoot}`,
      verify: sh`test -d ${s.homeRoot}`,
    }),
  );
  steps.push(exportsStep(ctx, exportsWaitFor), servicesStep());
  return steps;
}
