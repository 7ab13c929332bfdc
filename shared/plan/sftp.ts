import { SFTP_PATHS, sftpKeysPath } from '../base/remote-paths';
import type { ClusterAccount } from '../model/cluster';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from './context';
import { allOf, fileMatches, plannedFile, step } from './step';
import type { PlanStep } from './types';

/**
 * SFTP for hosting accounts, on every node (the nodes serve the sites and see the homes over
 * NFS). An account with `sftp` in the model is a member of {@link SFTP_GROUP}; sshd's drop-in
 * matches that group only, so the admin's root and sudo logins are never affected: it locks
 * the session in the home (ChrootDirectory, see shared/lb/plan-site-root.ts for why the home is
 * root's), allows nothing but internal-sftp, no forwarding of any kind, and reads keys only from
 * root's files under /etc/ssh/clusterdeck-keys (a tenant cannot add its own). An account
 * without `sftp` is in no such group, has no key file and a locked password: no SFTP login.
 */
export const SFTP_GROUP = 'clusterdeck-sftp';

/** The sshd drop-in for the accounts' group (Debian's sshd_config includes sshd_config.d first). */
export function renderSftpDropIn(clusterName: string): string {
  return [
    `# Managed by ClusterDeck (cluster ${clusterName}): SFTP for hosting accounts. Changes are overwritten.`,
    `Match Group ${SFTP_GROUP}`,
    '    ChrootDirectory %h',
    '    ForceCommand internal-sftp -d /public_html',
    `    AuthorizedKeysFile ${SFTP_PATHS.keysDir}/%u`,
    '    PasswordAuthentication yes',
    '    PermitTTY no',
    '    AllowTcpForwarding no',
    '    AllowStreamLocalForwarding no',
    '    AllowAgentForwarding no',
    '    X11Forwarding no',
    '    PermitTunnel no',
    '',
  ].join('\n');
}

const sftpAccounts = (c: { accounts: ClusterAccount[] } | null): ClusterAccount[] =>
  (c?.accounts ?? []).filter((a) => a.sftp !== undefined);

/** The shadow password field of a user, as shell text. */
const shadowField = (name: string) => sh`"$(getent shadow ${name} | cut -d: -f2)"`;

function groupStep(members: string[]): PlanStep {
  const list = [...members].sort().join(',');
  const done = sh`test "$(getent group ${SFTP_GROUP} | cut -d: -f4)" = ${list}`;
  return step({
    id: 'sftp.group',
    title: list ? `SFTP group ${SFTP_GROUP}: ${list}` : `SFTP group ${SFTP_GROUP} without members`,
    description: 'Exactly the accounts with SFTP access are members; sshd matches this group only.',
    commands: [
      sh`getent group ${SFTP_GROUP} >/dev/null || groupadd -r ${SFTP_GROUP}`,
      sh`gpasswd -M ${list} ${SFTP_GROUP}`,
    ],
    check: done,
    verify: done,
  });
}

function passwordStep(a: ClusterAccount, hash: string | undefined): PlanStep {
  // chpasswd reads the hash on stdin from printf, a shell builtin: it never shows in ps.
  const line = `${a.name}:${hash ?? '!'}`;
  const done =
    hash === undefined
      ? `printf '%s\\n' ${shadowField(a.name)} | grep -q '^[!*]'`
      : `test ${shadowField(a.name)} = ${quote(hash)}`;
  return step({
    id: `sftp.password.${a.name}`,
    title: hash
      ? `SFTP password of ${a.name} set (its SHA-512 crypt hash)`
      : `No SFTP password for ${a.name} (locked)`,
    commands: [`printf '%s\\n' ${quote(line)} | chpasswd -e`],
    check: done,
    verify: done,
  });
}

function sshdStep(ctx: PlanContext, hostId: string): PlanStep {
  const path = SFTP_PATHS.sshdDropIn;
  const file = plannedFile(path, renderSftpDropIn(ctx.desired.name), ctx.file(hostId, path));
  const msg = `sshd -t rejected ${path}; it was removed again and sshd not reloaded`;
  const done = allOf(fileMatches(file), sh`test -d ${SFTP_PATHS.keysDir}`, 'sshd -t');
  return step({
    id: 'sftp.sshd',
    title: `sshd: SFTP only, locked in the home, for group ${SFTP_GROUP}`,
    description:
      'Tested with sshd -t before sshd is reloaded; open sessions, and the logins of root and the admins, stay as they are.',
    files: [file],
    commands: [
      sh`install -d -o root -g root -m 0755 ${SFTP_PATHS.keysDir}`,
      `sshd -t || { ${sh`rm -f ${path}`}; echo ${quote(msg)} >&2; exit 1; }`,
      'systemctl reload ssh',
    ],
    check: done,
    verify: done,
  });
}

/**
 * A node's SFTP steps: the group's members, each account's key file and password, the sshd
 * drop-in; and the removal of what accounts that lost SFTP (or were deleted) left. Nothing when
 * no account has or had SFTP and the node has no drop-in of ours.
 */
export function sftpSteps(ctx: PlanContext, hostId: string): PlanStep[] {
  const want = sftpAccounts(ctx.desired);
  const had = sftpAccounts(ctx.applied);
  const dropIn = ctx.file(hostId, SFTP_PATHS.sshdDropIn) !== null;
  if (want.length === 0 && had.length === 0 && !dropIn) return [];
  const steps: PlanStep[] = [groupStep(want.map((a) => a.name))];
  for (const a of want) {
    const path = sftpKeysPath(a.name);
    const keys = a.sftp?.authorizedKeys ?? [];
    const file = plannedFile(path, keys.map((k) => `${k}\n`).join(''), ctx.file(hostId, path));
    steps.push(
      step({
        id: `sftp.keys.${a.name}`,
        title: `SFTP keys of ${a.name}: ${keys.length}`,
        files: [file],
        check: fileMatches(file),
        verify: fileMatches(file),
      }),
      passwordStep(a, a.sftp?.passwordHash),
    );
  }
  const names = new Set(
    [...ctx.desired.accounts, ...(ctx.applied?.accounts ?? [])].map((a) => a.name),
  );
  for (const name of names) {
    if (want.some((a) => a.name === name)) continue;
    const stillThere = ctx.desired.accounts.find((a) => a.name === name);
    if (stillThere && had.some((a) => a.name === name))
      steps.push(passwordStep(stillThere, undefined));
    if (ctx.file(hostId, sftpKeysPath(name)) === null) continue;
    const gone = sh`! test -e ${sftpKeysPath(name)}`;
    steps.push(
      step({
        id: `sftp.keys.remove.${name}`,
        title: `Remove the SFTP keys of ${name}`,
        commands: [sh`rm -f ${sftpKeysPath(name)}`],
        check: gone,
        verify: gone,
      }),
    );
  }
  if (want.length > 0) steps.push(sshdStep(ctx, hostId));
  else if (dropIn) {
    const gone = sh`! test -e ${SFTP_PATHS.sshdDropIn}`;
    steps.push(
      step({
        id: 'sftp.sshd.remove',
        title: 'sshd: no SFTP accounts any more, drop-in removed',
        commands: [sh`rm -f ${SFTP_PATHS.sshdDropIn}`, 'sshd -t && systemctl reload ssh'],
        check: gone,
        verify: gone,
      }),
    );
  }
  return steps;
}

/** The files {@link sftpSteps} reads on a node. */
export function sftpReads(accounts: readonly string[]): string[] {
  return [SFTP_PATHS.sshdDropIn, ...accounts.map(sftpKeysPath)];
}
