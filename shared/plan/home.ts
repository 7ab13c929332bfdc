import { PATHS } from '../base/remote-paths';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from './context';
import { SAFE_MOUNT_FLAGS, fstabWith, mountNowCommand, mountedSafely } from './files';
import { DAEMON_RELOAD_FOR_FSTAB, allOf, failUnless, fileMatches, plannedFile, step } from './step';
import type { PlanStep } from './types';

/** Where /home.pre-clusterdeck keeps a host's own /home when it becomes the shared one. */
export const HOME_ASIDE = '/home.pre-clusterdeck';

const LINKED = allOf('test "$(readlink /home)" = /chroot/home', 'test -d /home/');

/**
 * /home -> /chroot/home. The original folder is kept as /home.pre-clusterdeck (an empty one is
 * removed): nothing is lost, nothing is overwritten. On the storage host (`onStorage`), what
 * it had in /home is first copied into the shared home entry by entry, never over an entry the
 * shared storage already has. A host that mounts the storage copies nothing: root is squashed
 * on the export, so root work on the homes happens on the storage host only; the entries the
 * shared home lacks are named in the output.
 */
export function homeLinkStep(id: string, onStorage: boolean): PlanStep {
  const each = (body: string): string =>
    [
      'for d in /home/* /home/.[!.]* /home/..?*; do',
      '[ -e "$d" ] || [ -L "$d" ] || continue;',
      'n=${d#/home/};',
      body,
      'done',
    ].join(' ');
  const sync = onStorage
    ? each(
        `if [ -e "/chroot/home/$n" ] || [ -L "/chroot/home/$n" ]; then echo "kept $d only in ${HOME_ASIDE}: the shared home already has $n"; else cp -a "$d" "/chroot/home/$n" || exit 1; fi;`,
      )
    : each(
        `if [ ! -e "/chroot/home/$n" ] && [ ! -L "/chroot/home/$n" ]; then echo "kept $d only in ${HOME_ASIDE}: the shared home has no $n, and this host does not write on the shared storage as root (root_squash); copy it on the storage host if it is needed"; fi;`,
      );
  return step({
    id,
    title: 'Make /home a link to the shared /chroot/home',
    description: onStorage
      ? `Entries of the host's /home that the shared home lacks are copied into it (cp -a keeps owners, modes and times). The original /home is kept as ${HOME_ASIDE}; it is never deleted.`
      : `Nothing is copied onto the shared storage from here (root is squashed there); the entries it lacks are listed. The original /home is kept as ${HOME_ASIDE}; it is never deleted.`,
    commands: [
      failUnless(
        'test -d /chroot/home',
        '/chroot/home does not exist: the shared storage is not in place',
      ),
      failUnless(
        '! mountpoint -q /home',
        '/home is a mount point (its own filesystem): remount it at /chroot or unmount it first; nothing was changed',
      ),
      'if [ -L /home ]; then echo "/home is a link to $(readlink /home), not to /chroot/home: fix it by hand; nothing was changed" >&2; exit 1; fi',
      `if [ -d /home ]; then ${sync}; fi`,
      `if [ -d /home ]; then rmdir /home 2>/dev/null || mv -T /home ${HOME_ASIDE}; fi`,
      'ln -s /chroot/home /home',
    ],
    check: LINKED,
    verify: LINKED,
    timeoutSec: 3600,
  });
}

/**
 * An NFS client mount of the shared storage: its /etc/fstab line (marked # clusterdeck) and
 * the mount now.
 */
export function clientMountStep(
  ctx: PlanContext,
  hostId: string,
  id: string,
  waitFor: PlanStep['waitFor'],
): PlanStep {
  const m = ctx.storage.clientMount;
  const current = ctx.file(hostId, PATHS.fstab);
  const fstab = plannedFile(PATHS.fstab, fstabWith(current, m), current);
  const mounted = mountedSafely(m);
  return step({
    id,
    title: `Mount ${m.source} at ${m.target} (NFS), now and at boot`,
    description: `Options ${m.options}: setuid bits and device files on the storage have no effect here. An existing mount of the share without nosuid/nodev is remounted with them in place. If ${m.target} already holds files, the mount hides them; they are not touched.`,
    files: [fstab],
    commands: [sh`mkdir -p ${m.target}`, DAEMON_RELOAD_FOR_FSTAB, mountNowCommand(m)],
    check: allOf(fileMatches(fstab), mounted),
    verify: mounted,
    timeoutSec: 180,
    waitFor,
  });
}

/** A read-only trial mount in a temporary folder: the storage answers and exports to this host. */
export function nfsTrialStep(ctx: PlanContext, id: string, waitFor: PlanStep['waitFor']): PlanStep {
  const m = ctx.storage.clientMount;
  const fail = `cannot mount ${m.source} over NFS from this host: check that the storage host is reachable on port 2049 and exports to this host's intra-cluster address`;
  return step({
    id,
    title: `Pre-cluster test: mount ${m.source} over NFS (read-only trial)`,
    description:
      'Proves that the quorum/storage address is reachable and that the NFS client works, before anything is changed.',
    commands: [
      `d=$(mktemp -d) || exit 1; if mount -t nfs -o vers=4.2,ro,${SAFE_MOUNT_FLAGS},soft,timeo=50,retrans=1 ${quote(m.source)} "$d"; then umount "$d"; rmdir "$d"; else rmdir "$d"; echo ${quote(fail)} >&2; exit 1; fi`,
    ],
    // Already mounted for good: the trial has nothing left to prove.
    check: sh`findmnt -n --source ${m.source} --mountpoint ${m.target} >/dev/null`,
    verify: null,
    timeoutSec: 120,
    waitFor,
  });
}
