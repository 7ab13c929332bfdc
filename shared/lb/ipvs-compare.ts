import type { Cluster } from '../model/cluster';
import { quote } from '../shell/quote';
import { realServerTargets } from './cluster-lb';
import { netmaskOf } from './keepalived-conf';
import type { LbService } from '../model/lb';
import { FORWARD_METHODS, type IpvsService, type IpvsTable } from '../probe/parse-ipvsadm';

/** The IPVS key of a service, as parse-ipvsadm names it. */
export function ipvsKey(s: LbService): string {
  return s.listen.kind === 'fwmark'
    ? `fwmark ${s.listen.mark}`
    : `${s.protocol} ${s.vip}:${s.listen.port}`;
}

/**
 * The exact service line `ipvsadm -Ln` prints for a service keepalived set up from the model,
 * e.g. "TCP  10.10.0.100:80 wlc persistent 300 mask 255.255.255.0".
 */
export function ipvsServiceLine(s: LbService): string {
  const head =
    s.listen.kind === 'fwmark'
      ? `FWM  ${s.listen.mark}`
      : `${s.protocol.toUpperCase()}  ${s.vip}:${s.listen.port}`;
  let line = `${head} ${s.scheduler}`;
  if (s.persistence.seconds > 0) {
    line += ` persistent ${s.persistence.seconds}`;
    if (s.persistence.netmask !== 32) line += ` mask ${netmaskOf(s.persistence.netmask)}`;
  }
  return line;
}

/** One difference between the model and the live IPVS table. */
export interface IpvsDrift {
  /** The service id of the model, or the IPVS key of a service the model does not have. */
  service: string;
  kind:
    | 'missing-service'
    | 'extra-service'
    | 'scheduler'
    | 'persistence'
    | 'server-down'
    | 'server-weight'
    | 'server-method'
    | 'extra-server';
  message: string;
}

function persistenceText(s: IpvsService): string {
  if (!s.persistence) return 'off';
  return `${s.persistence.timeout} s${s.persistence.netmask ? ` mask ${s.persistence.netmask}` : ''}`;
}

/**
 * Compares a plain `ipvsadm -Ln` listing with the model. A real server that is missing (or at
 * weight 0 while the model says more) is reported as down: that is keepalived's verdict after
 * a failed check, not necessarily drift. Services IPVS has that the model lacks are reported
 * too (someone ran ipvsadm by hand, or keepalived still runs an old file).
 */
export function compareIpvs(c: Cluster, table: IpvsTable): IpvsDrift[] {
  const out: IpvsDrift[] = [];
  const seen = new Set<string>();
  for (const s of c.services) {
    const key = ipvsKey(s);
    seen.add(key);
    const live = table.services.find((x) => x.key === key);
    if (live === undefined) {
      out.push({
        service: s.id,
        kind: 'missing-service',
        message: `${key} is not in IPVS`,
      });
      continue;
    }
    if (live.scheduler !== undefined && live.scheduler !== s.scheduler)
      out.push({
        service: s.id,
        kind: 'scheduler',
        message: `${key} uses ${live.scheduler}, the model ${s.scheduler}`,
      });
    const want =
      s.persistence.seconds > 0
        ? `${s.persistence.seconds} s${s.persistence.netmask !== 32 ? ` mask ${netmaskOf(s.persistence.netmask)}` : ''}`
        : 'off';
    if (table.format === 'list' && persistenceText(live) !== want)
      out.push({
        service: s.id,
        kind: 'persistence',
        message: `${key} persistence is ${persistenceText(live)}, the model ${want}`,
      });
    const targets = realServerTargets(c, s);
    for (const t of targets) {
      const d = live.destinations.find((x) => x.address === t.address && x.port === t.port);
      const name = `${t.address}:${t.port}`;
      if (d === undefined) {
        out.push({
          service: s.id,
          kind: 'server-down',
          message: `${name} is not in ${key}: its check fails, or keepalived does not know it`,
        });
        continue;
      }
      if (d.weight === 0 && t.weight > 0)
        out.push({
          service: s.id,
          kind: 'server-down',
          message: `${name} is at weight 0 (failed its check, or drained)`,
        });
      else if (d.weight !== undefined && d.weight !== t.weight)
        out.push({
          service: s.id,
          kind: 'server-weight',
          message: `${name} has weight ${d.weight}, the model ${t.weight}`,
        });
      const method =
        d.forward === undefined
          ? undefined
          : (FORWARD_METHODS as Record<string, string>)[d.forward];
      // The manager serving itself shows as Local whatever the method.
      const expected = t.isManager ? 'local' : s.method;
      if (method !== undefined && method !== expected)
        out.push({
          service: s.id,
          kind: 'server-method',
          message: `${name} is forwarded as ${d.forward ?? '?'}, the model says ${expected}`,
        });
    }
    for (const d of live.destinations) {
      if (
        !targets.some((t) => t.address === d.address && t.port === d.port) &&
        !isSorry(s, d.address)
      )
        out.push({
          service: s.id,
          kind: 'extra-server',
          message: `${d.address}:${d.port} is in ${key} but not in the model`,
        });
    }
  }
  for (const live of table.services)
    if (!seen.has(live.key))
      out.push({
        service: live.key,
        kind: 'extra-service',
        message: `${live.key} is in IPVS but not in the model`,
      });
  return out;
}

function isSorry(s: LbService, address: string): boolean {
  return s.sorryServer?.ip === address;
}

/**
 * A shell test that the manager's IPVS table has every service of the model with its
 * scheduler and persistence (the exact lines of ipvsadm -Ln). Real servers are not part of
 * it: a node whose check fails is keepalived doing its job, not a failed plan.
 */
export function ipvsMatchCommand(c: Cluster): string {
  if (c.services.length === 0) return 'true';
  const tests = c.services.map(
    (s) => `printf '%s\\n' "$t" | grep -qxF ${quote(ipvsServiceLine(s))}`,
  );
  return `{ t=$(ipvsadm -Ln 2>/dev/null) && ${tests.join(' && ')}; }`;
}

/**
 * {@link ipvsMatchCommand}, polled for up to 10 s: keepalived applies a reload
 * asynchronously. On failure it prints the table to stderr.
 */
export function ipvsVerifyCommand(c: Cluster): string {
  return [
    'n=0; until',
    `${ipvsMatchCommand(c)};`,
    'do n=$((n+1)); if [ "$n" -ge 20 ]; then printf \'IPVS does not match the model after 10 s:\\n%s\\n\' "$(ipvsadm -Ln 2>&1)" >&2; exit 1; fi;',
    'sleep 0.5; done',
  ].join(' ');
}
