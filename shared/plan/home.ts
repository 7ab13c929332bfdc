import { PATHS } from '../model/cluster-observe';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from './context';
import { fstabWith } from './files';
import { allOf, failUnless, fileMatches, plannedFile, step } from './step';
import type { PlanStep } from './types';

/** Where /home.pre-clusterdeck keeps a host's own /home when it becomes the shared one. */
export const HOME_ASIDE = '/home.pre-clusterdeck';

const LINKED = allOf('test "$(readlink /home)" = /chroot/home', 'test -d /home/');

/**
 * /home -> /chroot/home. What the host had in /home is copied into the shared home entry by
 * entry, never over an entry the shared storage already has, and the original folder is kept
 * as /home.pre-clusterdeck (an empty one is removed): nothing is lost, nothing is overwritten.
 */
export function homeLinkStep(id: string): PlanStep {
  const copy = [
    'for d in /home/* /home/.[!.]* /home/..?*; do',
    '[ -e "$d" ] || [ -L "$d" ] || continue;',
    'n=${d#/home/};',
    'if [ -e "/chroot/home/$n" ] || [ -L "/chroot/home/$n" ]; then echo "kept $d only in ' +
      HOME_ASIDE +
      ': the shared home already has $n";',
    'else cp -a "$d" "/chroot/home/$n" || exit 1; fi;',
    'done',
  ].join(' ');
  return step({
    id,
    title: 'Make /home a link to the shared /chroot/home',
    description: `Entries of the host's /home that the shared home lacks are copied into it (cp -a keeps owners, modes and times). The original /home is kept as ${HOME_ASIDE}; it is never deleted.`,
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
      `if [ -d /home ]; then ${copy}; fi`,
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
  const mounted = sh`findmnt -n --source ${m.source} --mountpoint ${m.target} >/dev/null`;
  return step({
    id,
    title: `Mount ${m.source} at ${m.target} (NFS), now and at boot`,
    description: `Options ${m.options}. If ${m.target} already holds files, the mount hides them; they are not touched.`,
    files: [fstab],
    commands: [
      sh`mkdir -p ${m.target}`,
      'systemctl daemon-reload',
      sh`mountpoint -q ${m.target} || mount ${m.target}`,
    ],
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
      `d=$(mktemp -d) || exit 1; if mount -t nfs -o vers=4.2,ro,soft,timeo=50,retrans=1 ${quote(m.source)} "$d"; then umount "$d"; rmdir "$d"; else rmdir "$d"; echo ${quote(fail)} >&2; exit 1; fi`,
    ],
    // Already mounted for good: the trial has nothing left to prove.
    check: sh`findmnt -n --source ${m.source} --mountpoint ${m.target} >/dev/null`,
    verify: null,
    timeoutSec: 120,
    waitFor,
  });
}
