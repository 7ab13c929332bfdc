import { AppError } from '../base/errors';
import type { Cluster } from '../model/cluster';
import type { ClusterHostRef } from '../model/cluster-issues';
import { PATHS } from '../base/remote-paths';
import { sh } from '../shell/quote';
import { deleteAccountOnClient } from './accounts';
import { storageLayout, type PlanContext } from './context';
import { FSTAB_MARK, fstabLine, fstabWithout, hasOurFstabEntry } from './files';
import { HOME_ASIDE } from './home';
import { DAEMON_RELOAD_FOR_FSTAB, allOf, fileMatches, plannedFile, step } from './step';
import type { PlanStep } from './types';

/** Step id of a leaving node's unmount; the storage's export change waits for it. */
export const LEAVE_UNMOUNT = 'leave.unmount';

const NOT_OUR_LINK = allOf('test "$(readlink /home)" != /chroot/home', 'test -e /home');

/**
 * The steps that take a reachable node out of the cluster: unmount the shared storage and
 * drop its fstab line, give /home back (the kept /home.pre-clusterdeck, else an empty folder),
 * remove the accounts' users and groups. Site data lives on the shared storage and is never
 * touched; the node's own files are not either.
 */
export function nodeLeaveSteps(ctx: PlanContext, hostId: string, applied: Cluster): PlanStep[] {
  const mount = storageLayout(applied).clientMount;
  const current = ctx.file(hostId, PATHS.fstab);
  const files = hasOurFstabEntry(current, mount.target)
    ? [plannedFile(PATHS.fstab, fstabWithout(current, mount.target) ?? '', current)]
    : [];
  const unmounted = sh`! mountpoint -q ${mount.target}`;
  const steps: PlanStep[] = [
    step({
      id: LEAVE_UNMOUNT,
      title: `Unmount ${mount.target} and remove its /etc/fstab line`,
      description: `Only the line marked ${FSTAB_MARK} for ${mount.target} goes. A busy mount makes the step fail: stop what uses it (web server, PHP) and retry.`,
      files,
      commands: [
        sh`! mountpoint -q ${mount.target} || umount ${mount.target}`,
        DAEMON_RELOAD_FOR_FSTAB,
      ],
      check: allOf(unmounted, ...files.map(fileMatches)),
      verify: unmounted,
      timeoutSec: 180,
    }),
    step({
      id: 'leave.home',
      title: 'Give the node its own /home back',
      description: `Removes the /home -> /chroot/home link (a link only) and puts ${HOME_ASIDE} back as /home when it is there, else creates an empty /home.`,
      commands: [
        'if [ "$(readlink /home)" = /chroot/home ]; then rm /home; fi',
        `if [ ! -e /home ] && [ -d ${HOME_ASIDE} ]; then mv -T ${HOME_ASIDE} /home; fi`,
        '[ -e /home ] || mkdir -m 0755 /home',
      ],
      check: NOT_OUR_LINK,
      verify: NOT_OUR_LINK,
    }),
  ];
  for (const a of applied.accounts) steps.push(deleteAccountOnClient(a, `leave.account.${a.name}`));
  return steps;
}

/** Input of {@link planForceRemoveNode}. */
export interface ForceRemoveInput {
  /** The model the node is in (the last applied one). */
  cluster: Cluster;
  hostId: string;
  hosts: Record<string, ClusterHostRef | undefined>;
}

/** The model without the node, and what stays on the node because nobody could reach it. */
export interface ForceRemoveResult {
  cluster: Cluster;
  leftovers: string[];
}

/**
 * Removes an unreachable node from the model without touching it. Plan the result as both
 * `desired` and `applied` base: the storage then stops exporting to the node without waiting
 * for it. The list says what the node still has, to clean up if it ever comes back.
 */
export function planForceRemoveNode(input: ForceRemoveInput): ForceRemoveResult {
  const { cluster, hostId } = input;
  const node = cluster.nodes.find((n) => n.hostId === hostId);
  if (node === undefined) {
    throw new AppError(
      'NOT_FOUND',
      `hostId: host ${input.hosts[hostId]?.name ?? hostId} is not a node of cluster ${cluster.name}`,
    );
  }
  const mount = storageLayout(cluster).clientMount;
  const leftovers = [
    `/etc/fstab line: ${fstabLine(mount)}`,
    `the NFS mount of ${mount.source} at ${mount.target} (a hard mount: once the export is gone it hangs; reboot the node or run umount -f -l ${mount.target})`,
    `the link /home -> /chroot/home, and the node's former /home as ${HOME_ASIDE} if it had content`,
    ...cluster.accounts.map((a) => `user and group ${a.name} (uid ${a.uid}, gid ${a.gid})`),
    'the package nfs-common',
    'no site data: account homes live on the shared storage, which is unchanged',
  ];
  return {
    cluster: { ...cluster, nodes: cluster.nodes.filter((n) => n.hostId !== hostId) },
    leftovers,
  };
}
