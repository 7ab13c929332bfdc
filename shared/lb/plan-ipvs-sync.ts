import type { Cluster } from '../model/cluster';
import { quote } from '../shell/quote';
import { step } from '../plan/step';
import type { PlanStep } from '../plan/types';
import { realServerTargets, type RealServerTarget } from './cluster-lb';
import { checkPort, type LbService } from '../model/lb';

/** The step that puts back real servers removed from IPVS by hand. */
export const LB_IPVS_SYNC_STEP = 'lb.manager.ipvs-sync';

/** ipvsadm's option naming a virtual service: -t/-u address:port or -f mark. */
export function ipvsServiceOption(s: LbService): string {
  if (s.listen.kind === 'fwmark') return `-f ${s.listen.mark}`;
  return `${s.protocol === 'udp' ? '-u' : '-t'} ${quote(`${s.vip}:${s.listen.port}`)}`;
}

const METHOD_OPTION = { dr: '-g', nat: '-m', tun: '-i' } as const;

/** ipvsadm's forwarding option for a real server: -g (the manager itself too), -m or -i. */
export function forwardOption(s: LbService, t: RealServerTarget): string {
  return t.isManager ? '-g' : METHOD_OPTION[s.method];
}

/** "10.10.0.11:80", or "10.10.0.11:0" for a firewall-mark service: how ipvsadm -Ln lists it. */
export function destination(t: RealServerTarget): string {
  return `${t.address}:${t.port}`;
}

/** Prints the destination's weight in IPVS, nothing when it is not there. */
function weightOf(s: LbService, t: RealServerTarget): string {
  return (
    `ipvsadm -Ln ${ipvsServiceOption(s)} 2>/dev/null | ` +
    `awk -v d=${quote(destination(t))} '$1 == "->" && $2 == d { print $4 }'`
  );
}

/**
 * A shell test, run on the manager, that the server answers the service's check the way
 * keepalived checks it: a TCP connect (SMTP too), or an HTTP(S) GET with the expected status.
 * `none` always passes: such servers are never taken out.
 */
export function probeCommand(s: LbService, t: RealServerTarget): string {
  const c = s.check;
  if (c.kind === 'none') return 'true';
  const port = checkPort(s);
  const limit = Math.max(1, Math.ceil(c.timeoutSec));
  if (c.kind === 'http' || c.kind === 'https') {
    const url = `${c.kind}://${t.address}:${port}${c.path}`;
    const insecure = c.kind === 'https' ? ' -k' : '';
    return `test "$(curl -s${insecure} -o /dev/null -m ${limit} -w '%{http_code}' ${quote(url)})" = ${c.expectStatus}`;
  }
  const script = `exec 3<>/dev/tcp/${t.address}/${port}`;
  return `timeout ${limit} bash -c ${quote(script)} 2>/dev/null`;
}

/**
 * Every real server of the model is in IPVS at its model weight, unless it fails its check
 * (then keepalived keeps it out, or at weight 0: that is not drift). Someone who deleted a
 * server by hand with ipvsadm, or changed its weight, makes this fail.
 */
function inPlace(s: LbService, t: RealServerTarget): string {
  return `{ test "$(${weightOf(s, t)})" = ${t.weight} || ! ${probeCommand(s, t)}; }`;
}

/** Adds (or re-weights) a server that answers its check but is missing or off its weight. */
function putBack(s: LbService, t: RealServerTarget): string {
  const method = forwardOption(s, t);
  const rs = `${ipvsServiceOption(s)} -r ${quote(destination(t))} ${method} -w ${t.weight}`;
  const there = `test -n "$(${weightOf(s, t)})"`;
  return (
    `if ${inPlace(s, t)}; then :; ` +
    `elif ${there}; then ipvsadm -e ${rs}; else ipvsadm -a ${rs}; fi`
  );
}

/**
 * The manager's IPVS real servers as the model has them. keepalived adds and removes servers
 * only when their checks change: a server deleted by hand (or re-weighted) stays so while it
 * keeps passing. This step puts back each server that passes its check but is missing or off
 * its weight, with ipvsadm; keepalived goes on checking it as before. It follows the keepalived step in the
 * manager's queue.
 */
export function ipvsSyncStep(c: Cluster): PlanStep | null {
  const pairs = c.services.flatMap((s) => realServerTargets(c, s).map((t) => ({ s, t })));
  if (pairs.length === 0) return null;
  return step({
    id: LB_IPVS_SYNC_STEP,
    title: 'IPVS has every real server of the model that passes its check',
    description: [
      'A server deleted from IPVS by hand (or re-weighted) is put back with ipvsadm when it answers its check from the manager; a server that fails its check is left to keepalived.',
      ...pairs.map(({ s, t }) => `${s.id}: ${destination(t)} weight ${t.weight}`),
    ].join('\n'),
    commands: pairs.map(({ s, t }) => putBack(s, t)),
    check: pairs.map(({ s, t }) => inPlace(s, t)).join(' && '),
    verify: pairs.map(({ s, t }) => inPlace(s, t)).join(' && '),
  });
}
