import type { ClusterAccount } from '../model/cluster';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from './context';
import { quotaTarget } from './storage';
import { allOf, failUnless, step } from './step';
import type { PlanStep } from './types';

/** The shell of hosting accounts: no interactive login; sites run under the user. */
const ACCOUNT_SHELL = '/usr/sbin/nologin';

/**
 * Quota limits in 1 KiB blocks (what setquota takes). Soft = hard: the limit is the limit,
 * with no grace period that the panel would have to explain; 0 means no limit.
 */
export function quotaBlocks(a: ClusterAccount): { soft: number; hard: number } {
  const hard = a.quotaMiB * 1024;
  return { soft: hard, hard };
}

function idsMatch(a: ClusterAccount): string {
  return allOf(
    sh`test "$(getent group ${a.name} | cut -d: -f3)" = ${a.gid}`,
    sh`test "$(id -u ${a.name} 2>/dev/null):$(id -g ${a.name} 2>/dev/null)" = ${`${a.uid}:${a.gid}`}`,
  );
}

/** The limits repquota reports for the account's uid, compared with `soft hard`. */
function quotaIs(ctx: PlanContext, uid: number, soft: number, hard: number): string {
  // repquota -n names ids "#UID"; -p prints grace as a number, so the columns never shift.
  const awk = `$1 == id { print $4 " " $5 }`;
  const limits = `$(repquota -u -n -p ${quotaTarget(ctx)} 2>/dev/null | awk -v id=${quote(`#${uid}`)} ${quote(awk)})`;
  // A uid with no usage and no limits is not listed at all.
  return soft === 0 && hard === 0
    ? `{ q="${limits}"; [ -z "$q" ] || [ "$q" = '0 0' ]; }`
    : `test "${limits}" = ${quote(`${soft} ${hard}`)}`;
}

function addGroupAndUser(a: ClusterAccount, home: string, createHome: boolean): string[] {
  return [
    sh`getent group ${a.name} >/dev/null || groupadd -g ${a.gid} ${a.name}`,
    `${sh`getent passwd ${a.name} >/dev/null ||`} ${sh`useradd -u ${a.uid} -g ${a.gid} -d ${home} ${createHome ? '-m' : '-M'} -s ${ACCOUNT_SHELL} ${a.name}`}`,
  ];
}

/**
 * Creates the account on the storage host: group, user, home on the shared storage, quota.
 * An existing user or group with other ids is never changed: verify then fails with the ids.
 */
export function addAccountOnStorage(ctx: PlanContext, a: ClusterAccount): PlanStep {
  const s = ctx.storage;
  // On the manager, homes are /home/NAME (through the /home link); an external server keeps
  // them in its export.
  const home =
    ctx.desired.storage.kind === 'manager' ? `/home/${a.name}` : `${s.homeRoot}/${a.name}`;
  const { soft, hard } = quotaBlocks(a);
  const done = allOf(
    idsMatch(a),
    sh`test -d ${`${s.homeRoot}/${a.name}`}`,
    quotaIs(ctx, a.uid, soft, hard),
  );
  return step({
    id: `account.add.${a.name}`,
    title: `Create account ${a.name} (uid ${a.uid}, gid ${a.gid}, ${a.quotaMiB === 0 ? 'no quota' : `quota ${a.quotaMiB} MiB`}) for ${a.domain}`,
    description: `Home ${s.homeRoot}/${a.name} on the shared storage; quota ${soft}/${hard} KiB blocks (soft = hard).`,
    commands: [
      ...addGroupAndUser(a, home, true),
      `setquota -u ${quote(a.name)} ${soft} ${hard} 0 0 ${quotaTarget(ctx)}`,
    ],
    check: done,
    verify: done,
  });
}

/** Creates the account's user and group on a host that mounts the storage (no home creation). */
export function addAccountOnClient(a: ClusterAccount): PlanStep {
  return step({
    id: `account.add.${a.name}`,
    title: `Create user and group ${a.name} (uid ${a.uid}, gid ${a.gid})`,
    description:
      'Same ids as on the storage host, so files on the shared home belong to the same user everywhere. The home is on the shared storage.',
    commands: addGroupAndUser(a, `/home/${a.name}`, false),
    check: idsMatch(a),
    verify: idsMatch(a),
  });
}

function removeUserAndGroup(a: ClusterAccount): string[] {
  return [
    failUnless(
      sh`! getent passwd ${a.name} >/dev/null || test "$(id -u ${a.name})" = ${a.uid}`,
      `user ${a.name} exists with another uid than ${a.uid}: it is not the account's user; nothing was deleted`,
    ),
    // Without -r: userdel never touches the home.
    sh`! getent passwd ${a.name} >/dev/null || userdel ${a.name}`,
    sh`! getent group ${a.name} >/dev/null || groupdel ${a.name}`,
  ];
}

const gone = (a: ClusterAccount): string =>
  allOf(sh`! getent passwd ${a.name} >/dev/null`, sh`! getent group ${a.name} >/dev/null`);

/**
 * Deletes the account on the storage host: its quota limits, user and group. The home folder
 * stays (files keep the numeric uid); delete it by hand when it is no longer needed.
 */
export function deleteAccountOnStorage(ctx: PlanContext, a: ClusterAccount): PlanStep {
  const done = allOf(gone(a), quotaIs(ctx, a.uid, 0, 0));
  return step({
    id: `account.delete.${a.name}`,
    title: `Delete account ${a.name} (uid ${a.uid}): quota, user and group; the home stays`,
    description: `${ctx.storage.homeRoot}/${a.name} is kept with all its files: ClusterDeck never deletes site data.`,
    commands: [`setquota -u ${a.uid} 0 0 0 0 ${quotaTarget(ctx)}`, ...removeUserAndGroup(a)],
    check: done,
    verify: done,
  });
}

/** Deletes the account's user and group on a host that mounts the storage. */
export function deleteAccountOnClient(
  a: ClusterAccount,
  id = `account.delete.${a.name}`,
): PlanStep {
  return step({
    id,
    title: `Delete user and group ${a.name} (uid ${a.uid})`,
    commands: removeUserAndGroup(a),
    check: gone(a),
    verify: gone(a),
  });
}
