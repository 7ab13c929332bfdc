import type { Cluster } from '../model/cluster';
import { intToIpv4 } from '../model/cluster-net';
import { realServerTargets, type RealServerTarget } from './cluster-lb';
import { detectionTimeSec, serviceLabel, type HealthCheck, type LbService } from '../model/lb';

/** Options of {@link renderKeepalivedConf}. */
export interface KeepalivedOptions {
  /**
   * keepalived's router_id; by default "clusterdeck-<cluster name>". A backup manager (the
   * later VRRP issue) passes its own, and adds its vrrp_instance blocks through
   * {@link KeepalivedOptions.extraSections}.
   */
  routerId?: string;
  /** Blocks placed after global_defs, before the virtual servers (the seam for VRRP). */
  extraSections?: readonly string[];
  /** The name a real server's comment gives its host, for whoever reads the file (default: the id). */
  hostName?: (hostId: string) => string;
}

const PAD = '    ';

function block(head: string, body: string[], depth: number): string[] {
  const pad = PAD.repeat(depth);
  return [`${pad}${head} {`, ...body.map((l) => (l === '' ? '' : `${PAD}${pad}${l}`)), `${pad}}`];
}

/** A number as keepalived reads it: integers bare, decimals with at most 3 places. */
function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** The dotted netmask of a prefix length, e.g. 255.255.255.0 for 24. */
export function netmaskOf(prefix: number): string {
  return intToIpv4(prefix <= 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0);
}

/** Only printable characters in comments: a newline would end the comment. */
function comment(text: string): string {
  return `# ${text.replace(/[^\x20-\x7e]/g, '?')}`;
}

const CHECKER: Record<Exclude<HealthCheck['kind'], 'none'>, string> = {
  tcp: 'TCP_CHECK',
  http: 'HTTP_GET',
  https: 'SSL_GET',
  smtp: 'SMTP_CHECK',
};

function checker(s: LbService): string[] {
  const c = s.check;
  if (c.kind === 'none') return [];
  const body: string[] = [];
  // The check follows the real server's port unless the check names one; a firewall-mark
  // service has no port of its own, so its check goes to the group's first port.
  const port = c.port ?? (s.listen.kind === 'fwmark' ? s.listen.ports[0] : undefined);
  if (port !== undefined) body.push(`connect_port ${port}`);
  if (c.kind === 'http' || c.kind === 'https')
    body.push(...block('url', [`path ${c.path}`, `status_code ${c.expectStatus}`], 0));
  body.push(
    `connect_timeout ${num(c.timeoutSec)}`,
    `retry ${c.retries}`,
    `delay_before_retry ${num(c.retryDelaySec)}`,
  );
  return block(CHECKER[c.kind], body, 0);
}

function realServer(s: LbService, t: RealServerTarget, hostName: (id: string) => string): string[] {
  const head =
    s.listen.kind === 'fwmark' ? `real_server ${t.address}` : `real_server ${t.address} ${t.port}`;
  const body = [`weight ${t.weight}`];
  if (s.onFailure === 'weight0') body.push('inhibit_on_failure');
  body.push(...checker(s));
  return [
    comment(t.isManager ? 'the manager itself' : `host ${hostName(t.hostId)}`),
    ...block(head, body, 0),
  ];
}

function describe(s: LbService): string {
  const d = detectionTimeSec(s.check);
  const timing =
    d === null
      ? 'no health check: servers are never removed'
      : `a failed server leaves within ${num(d.refused)} s (refused) / ${num(d.silent)} s (silent)`;
  return `service ${s.id} "${s.name}": ${serviceLabel(s)}, ${s.method.toUpperCase()}, ${s.scheduler}; ${timing}`;
}

function virtualServer(c: Cluster, s: LbService, hostName: (id: string) => string): string[] {
  const head =
    s.listen.kind === 'fwmark'
      ? `virtual_server fwmark ${s.listen.mark}`
      : `virtual_server ${s.vip} ${s.listen.port}`;
  const body: string[] = [];
  if (s.check.kind !== 'none') body.push(`delay_loop ${num(s.check.intervalSec)}`);
  body.push(`lb_algo ${s.scheduler}`, `lb_kind ${s.method.toUpperCase()}`);
  // keepalived ignores (and warns about) a protocol on a firewall-mark service: the marking
  // rule decides the protocol there.
  if (s.listen.kind === 'port') body.push(`protocol ${s.protocol.toUpperCase()}`);
  if (s.persistence.seconds > 0) {
    body.push(`persistence_timeout ${s.persistence.seconds}`);
    if (s.persistence.netmask !== 32)
      body.push(`persistence_granularity ${netmaskOf(s.persistence.netmask)}`);
  }
  if (s.sorryServer !== undefined) {
    const port = s.listen.kind === 'fwmark' ? 0 : (s.sorryServer.port ?? s.listen.port);
    body.push(`sorry_server ${s.sorryServer.ip} ${port}`);
  }
  const servers = realServerTargets(c, s).flatMap((t) => ['', ...realServer(s, t, hostName)]);
  return [comment(describe(s)), ...block(head, [...body, ...servers], 0)];
}

/**
 * keepalived.conf of the manager, generated from the model: global_defs, then one
 * virtual_server per service (address and port, or firewall mark) with its scheduler,
 * forwarding method, persistence, sorry server and real servers with their checks. The same
 * model always gives the same text. No VRRP yet: the VIPs are plain addresses of the manager
 * (see plan-manager.ts); {@link KeepalivedOptions.extraSections} is where vrrp_instance blocks go.
 */
export function renderKeepalivedConf(c: Cluster, opts: KeepalivedOptions = {}): string {
  const lines = [
    comment(`Managed by ClusterDeck (cluster ${c.name}). Changes are overwritten.`),
    comment(
      'Generated from the cluster model and checked with keepalived -t before it replaced the running file.',
    ),
    '',
    // checker_log_all_failures: keepalived logs why each check fails (not only that the
    // server left), which the live status shows as a down server's reason (keepalived-log.ts).
    ...block(
      'global_defs',
      [`router_id ${opts.routerId ?? `clusterdeck-${c.name}`}`, 'checker_log_all_failures'],
      0,
    ),
  ];
  for (const extra of opts.extraSections ?? []) lines.push('', extra.replace(/\n$/, ''));
  if (c.services.length === 0) lines.push('', comment('No load-balanced service yet.'));
  const hostName = opts.hostName ?? ((id: string) => id);
  for (const s of c.services) lines.push('', ...virtualServer(c, s, hostName));
  return `${lines.join('\n')}\n`;
}
