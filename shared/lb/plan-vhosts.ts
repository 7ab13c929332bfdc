import type { ClusterAccount } from '../model/cluster';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import {
  allOf,
  enableNow,
  fileMatches,
  packagesStep,
  plannedFile,
  serviceUp,
  step,
} from '../plan/step';
import type { PlanStep } from '../plan/types';
import { webHostIds } from './cluster-lb';
import { LB_PATHS, vhostEnabledPath, vhostPath } from '../base/remote-paths';

/** The web servers ClusterDeck writes virtual hosts for. */
export type WebServer = 'nginx' | 'apache';

const SERVER = {
  nginx: { unit: 'nginx', test: 'nginx -t -q', pkg: 'nginx' },
  apache: { unit: 'apache2', test: 'apache2ctl configtest', pkg: 'apache2' },
} as const;

/**
 * The web server a host runs, from its files: nginx when /etc/nginx/nginx.conf exists, else
 * Apache when /etc/apache2/apache2.conf does; null when neither is installed (nginx is then
 * installed).
 */
export function webServerOf(ctx: PlanContext, hostId: string): WebServer | null {
  if (ctx.file(hostId, LB_PATHS.nginxConf) !== null) return 'nginx';
  if (ctx.file(hostId, LB_PATHS.apacheConf) !== null) return 'apache';
  return null;
}

/** The folder an account's site is served from, through the /home -> /chroot/home link. */
export function docRoot(a: ClusterAccount): string {
  return `/home/${a.name}/public_html`;
}

/** The names an account's site answers to: its domain, www.<domain> and its aliases. */
export function siteNames(a: ClusterAccount): string[] {
  return [...new Set([a.domain, `www.${a.domain}`, ...(a.aliases ?? [])])];
}

/** An account's virtual host for nginx or Apache: its names, from shared storage. */
export function renderVhost(server: WebServer, clusterName: string, a: ClusterAccount): string {
  const head = `# Managed by ClusterDeck (cluster ${clusterName}): site of account ${a.name}. Changes are overwritten.`;
  const root = docRoot(a);
  if (server === 'nginx') {
    return [
      head,
      'server {',
      '    listen 80;',
      `    server_name ${siteNames(a).join(' ')};`,
      `    root ${root};`,
      '    index index.html index.htm;',
      // A tenant's link to a file it does not own (another tenant's, a system file) is refused
      // (403); links into the path above the document root (/home -> /chroot/home) are not
      // checked. No try_files: it would turn that refusal into a 404.
      '    disable_symlinks if_not_owner from=$document_root;',
      `    access_log /var/log/nginx/clusterdeck-${a.name}.access.log;`,
      `    error_log /var/log/nginx/clusterdeck-${a.name}.error.log;`,
      '}',
      '',
    ].join('\n');
  }
  return [
    head,
    '<VirtualHost *:80>',
    `    ServerName ${a.domain}`,
    `    ServerAlias ${siteNames(a).slice(1).join(' ')}`,
    `    DocumentRoot ${root}`,
    // Debian's apache2.conf allows only /var/www and /usr/share: the home needs its own grant.
    `    <Directory ${root}>`,
    // Absolute, not +/-: a relative list would keep the FollowSymLinks that Debian grants on /.
    // Links are followed only to files of the link's owner; .htaccess may not change Options.
    '        Options SymLinksIfOwnerMatch',
    '        AllowOverride AuthConfig FileInfo Indexes Limit',
    '        Require all granted',
    '    </Directory>',
    `    ErrorLog \${APACHE_LOG_DIR}/clusterdeck-${a.name}.error.log`,
    `    CustomLog \${APACHE_LOG_DIR}/clusterdeck-${a.name}.access.log combined`,
    '</VirtualHost>',
    '',
  ].join('\n');
}

function linked(server: WebServer, name: string): string {
  return sh`test "$(readlink ${vhostEnabledPath(server, name)})" = ${vhostPath(server, name)}`;
}

function addVhost(
  ctx: PlanContext,
  hostId: string,
  server: WebServer,
  a: ClusterAccount,
): PlanStep {
  const s = SERVER[server];
  const avail = vhostPath(server, a.name);
  const enabled = vhostEnabledPath(server, a.name);
  const file = plannedFile(
    avail,
    renderVhost(server, ctx.desired.name, a),
    ctx.file(hostId, avail),
  );
  const msg = `${s.test} rejected the configuration with the vhost of ${a.name}; it was disabled again and ${s.unit} not reloaded`;
  return step({
    id: `lb.vhost.${a.name}`,
    title: `Serve ${a.domain} (account ${a.name}) with ${s.unit} from ${docRoot(a)}`,
    description: `The vhost is enabled by a link in sites-enabled, tested with ${s.test} and only then ${s.unit} reloaded; any node answers a request for ${a.domain} to the VIP from the shared storage.`,
    files: [file],
    commands: [
      sh`ln -sfn ${avail} ${enabled}`,
      `${s.test} || { ${sh`rm -f ${enabled}`}; echo ${quote(msg)} >&2; exit 1; }`,
      sh`systemctl reload-or-restart ${s.unit}`,
    ],
    check: allOf(fileMatches(file), linked(server, a.name), serviceUp(s.unit)),
    verify: allOf(linked(server, a.name), serviceUp(s.unit)),
  });
}

function removeVhost(
  ctx: PlanContext,
  hostId: string,
  server: WebServer,
  name: string,
  why: string,
): PlanStep {
  const s = SERVER[server];
  const avail = vhostPath(server, name);
  const enabled = vhostEnabledPath(server, name);
  const gone = allOf(sh`! test -e ${avail}`, sh`! test -L ${enabled}`);
  return step({
    id: `lb.vhost.remove.${name}`,
    title: `Remove the ${s.unit} vhost of account ${name}`,
    description: `${why} The site's files on the shared storage stay.`,
    commands: [
      sh`rm -f ${enabled} ${avail}`,
      // A web server that is not running has nothing to reload.
      `! ${sh`systemctl is-active -q ${s.unit}`} || { ${s.test} && ${sh`systemctl reload ${s.unit}`}; }`,
    ],
    check: gone,
    verify: gone,
  });
}

/**
 * The web steps of a host: the web server installed (nginx when there is none) and running,
 * one vhost per account, and the removal of ClusterDeck vhosts found on the host for accounts
 * it no longer serves (deleted accounts, a leaving node, no web service any more).
 */
export function webSteps(ctx: PlanContext, hostId: string, leaving = false): PlanStep[] {
  const serves = !leaving && webHostIds(ctx.desired).includes(hostId);
  const installed = webServerOf(ctx, hostId);
  const server = installed ?? 'nginx';
  const accounts = serves ? ctx.desired.accounts : [];
  const steps: PlanStep[] = [];
  if (serves) {
    if (installed === null)
      steps.push(
        packagesStep(
          'lb.web.packages',
          [SERVER.nginx.pkg],
          "No web server is installed: nginx serves the accounts' sites.",
        ),
      );
    const unit = SERVER[server].unit;
    steps.push(
      step({
        id: 'lb.web.service',
        title: `${unit} enabled and running`,
        commands: enableNow(unit),
        check: serviceUp(unit),
        verify: serviceUp(unit),
      }),
    );
    steps.push(...accounts.map((a) => addVhost(ctx, hostId, server, a)));
  }
  const names = new Set(
    [...ctx.desired.accounts, ...(ctx.applied?.accounts ?? [])].map((a) => a.name),
  );
  for (const name of names) {
    if (accounts.some((a) => a.name === name)) continue;
    for (const s of ['nginx', 'apache'] as const) {
      if (ctx.file(hostId, vhostPath(s, name)) === null) continue;
      const why = leaving
        ? 'The host leaves the cluster.'
        : serves
          ? `Account ${name} was deleted.`
          : 'The cluster no longer load-balances a web service here.';
      steps.push(removeVhost(ctx, hostId, s, name, why));
    }
  }
  return steps;
}
