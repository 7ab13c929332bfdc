import type { ClusterAccount } from '../model/cluster';
import { sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import { allOf, step } from '../plan/step';
import type { PlanStep } from '../plan/types';
import { webHostIds } from './cluster-lb';

/**
 * The layout of an account's home on the shared storage, chosen so that one folder serves the
 * site, takes SFTP uploads and stays inside the account's quota:
 *
 * - `<homeRoot>/<name>` (the home, /home/<name> on every host) is owned by root, group the
 *   account, mode 0751. sshd's ChrootDirectory needs every part of the path root-owned and not
 *   writable by group or others, so the account's SFTP session is locked in its home; o+x (no
 *   read) lets the web server's user reach the site without listing the folder.
 * - `public_html` inside it is the account's own (uid:gid, 0755): the document root, where its
 *   files are uploaded and counted against its quota. nginx's `disable_symlinks if_not_owner
 *   from=$document_root` keeps checking links below it, so the tenant-isolation rule holds.
 * - Both are made on the storage host itself: root on a node is squashed by NFS, and chown
 *   only works where the files are local.
 * - The placeholder page is written as the account's user (setpriv, no root write into a folder
 *   a tenant controls, so a planted link can lead nowhere), only when the folder has no
 *   index file: a tenant's files are never overwritten.
 */
export const HOME_MODE = '751';

/** The page a new site answers with until its owner uploads one. */
export function placeholderPage(a: ClusterAccount): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>Site ready</title></head>',
    '<body>',
    `<h1>This site is ready</h1>`,
    `<p>Account ${a.name}: upload your files over SFTP into public_html to replace this page.</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A shell test that a folder holds an index file (index.html, index.php, ...). */
function hasIndex(dir: string): string {
  return sh`find ${dir} -maxdepth 1 -name 'index.*' | grep -q .`;
}

/** The document root step of one account (see the layout above). */
function siteRootStep(ctx: PlanContext, a: ClusterAccount): PlanStep {
  const home = `${ctx.storage.homeRoot}/${a.name}`;
  const dir = `${home}/public_html`;
  const write = `umask 022; set -C; printf '%s' "$1" > "$2"`;
  const done = allOf(
    sh`test "$(stat -c %u:%g:%a ${home})" = ${`0:${a.gid}:${HOME_MODE}`}`,
    sh`test "$(stat -c %u:%g ${dir} 2>/dev/null)" = ${`${a.uid}:${a.gid}`}`,
    hasIndex(dir),
  );
  return step({
    id: `lb.docroot.${a.name}`,
    title: `Document root ${dir} for ${a.domain}, with a placeholder page until files are uploaded`,
    description:
      "The home is root's with the account as group (0751, a jail for SFTP that the web server can pass through); public_html is the account's (0755). A placeholder index.html is written as the account's user only when public_html has no index file; existing content is never touched.",
    commands: [
      sh`chown ${`0:${a.gid}`} ${home}`,
      sh`chmod ${HOME_MODE} ${home}`,
      sh`test -d ${dir} || install -d -o ${a.uid} -g ${a.gid} -m 0755 ${dir}`,
      `${hasIndex(dir)} || ${sh`setpriv --reuid=${a.uid} --regid=${a.gid} --clear-groups sh -c ${write} sh ${placeholderPage(a)} ${`${dir}/index.html`}`}`,
    ],
    check: done,
    verify: done,
    waitFor: [],
  });
}

/** The accounts' document roots on the storage host, when any host serves sites. */
export function docRootSteps(ctx: PlanContext): PlanStep[] {
  if (webHostIds(ctx.desired).length === 0) return [];
  return ctx.desired.accounts.map((a) => siteRootStep(ctx, a));
}
