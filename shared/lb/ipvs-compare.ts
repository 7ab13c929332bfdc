import type { Cluster } from '../model/cluster';
import { quote } from '../shell/quote';
import { realServerTargets } from './cluster-lb';
import { netmaskOf } from './keepalived-conf';
import type { LbService } from '../model/lb';
import type { KeepalivedCheck } from './keepalived-data';
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
    | 'missing-server'
    | 'server-weight'
    | 'server-method'
    | 'extra-server';
  /** What differs: "real server 10.10.0.11:80 weight: expected 1, found 3". */
  message: string;
}

/** What the hosts cannot have yet (see pending-apply.ts): left out of the comparison. */
export interface PendingKeys {
  /** Ids of services saved but not applied as saved. */
  services: ReadonlySet<string>;
  /** IPVS keys of applied services whose removal is not applied yet. */
  removedKeys: ReadonlySet<string>;
}

const NO_PENDING: PendingKeys = { services: new Set(), removedKeys: new Set() };

function persistenceText(s: IpvsService): string {
  if (!s.persistence) return 'off';
  return `${s.persistence.timeout} s${s.persistence.netmask ? ` mask ${s.persistence.netmask}` : ''}`;
}

const differs = (what: string, expected: string | number, found: string | number): string =>
  `${what}: expected ${expected}, found ${found}`;

/**
 * keepalived's verdict on a server's check (see keepalived-data.ts); a firewall-mark service's
 * servers are matched by address (the model's port is 0 there). Null when not known.
 */
export function keepalivedVerdict(
  checks: readonly KeepalivedCheck[] | null,
  s: LbService,
  t: { address: string; port: number },
): KeepalivedCheck['state'] | null {
  const key = ipvsKey(s);
  const found = checks?.find(
    (c) =>
      c.service === key &&
      c.address === t.address &&
      (s.listen.kind === 'fwmark' || c.port === t.port),
  );
  return found?.state ?? null;
}

/**
 * Compares a plain `ipvsadm -Ln` listing with the model: configuration that differs, each item
 * saying what was expected and what was found. A real server that is missing, or at weight 0
 * while the model says more, is not drift: keepalived took it out after a failed check (the
 * status shows it as down), unless keepalived's own `checks` say the check passes (then
 * someone changed IPVS by hand: drift). Services and servers IPVS has that the model lacks are reported
 * (someone ran ipvsadm by hand, or keepalived still runs an old file); `pending` services are
 * left out (the hosts were not asked to have them yet).
 */
export function compareIpvs(
  c: Cluster,
  table: IpvsTable,
  pending: PendingKeys = NO_PENDING,
  checks: readonly KeepalivedCheck[] | null = null,
): IpvsDrift[] {
  const out: IpvsDrift[] = [];
  const seen = new Set<string>();
  for (const s of c.services) {
    const key = ipvsKey(s);
    seen.add(key);
    if (pending.services.has(s.id)) continue;
    const live = table.services.find((x) => x.key === key);
    if (live === undefined) {
      out.push({
        service: s.id,
        kind: 'missing-service',
        message: `${key}: expected in IPVS, found missing`,
      });
      continue;
    }
    if (live.scheduler !== undefined && live.scheduler !== s.scheduler)
      out.push({
        service: s.id,
        kind: 'scheduler',
        message: differs(`${key} scheduler`, s.scheduler, live.scheduler),
      });
    const want =
      s.persistence.seconds > 0
        ? `${s.persistence.seconds} s${s.persistence.netmask !== 32 ? ` mask ${netmaskOf(s.persistence.netmask)}` : ''}`
        : 'off';
    if (table.format === 'list' && persistenceText(live) !== want)
      out.push({
        service: s.id,
        kind: 'persistence',
        message: differs(`${key} persistence`, want, persistenceText(live)),
      });
    const targets = realServerTargets(c, s);
    for (const t of targets) {
      const d = live.destinations.find((x) => x.address === t.address && x.port === t.port);
      const name = `real server ${t.address}:${t.port}`;
      // Absent, or at weight 0 with inhibit_on_failure: down (health), not drift, unless
      // keepalived's check passes (then IPVS was changed behind keepalived's back).
      const passes = keepalivedVerdict(checks, s, t) === 'up';
      if (d === undefined) {
        if (passes)
          out.push({
            service: s.id,
            kind: 'missing-server',
            message: `${name} in ${key}: expected in IPVS (keepalived's check passes), found missing`,
          });
        continue;
      }
      if (d.weight === 0 && t.weight > 0 && !passes) continue;
      if (d.weight !== undefined && d.weight !== t.weight)
        out.push({
          service: s.id,
          kind: 'server-weight',
          message: differs(`${name} weight`, t.weight, d.weight),
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
          message: differs(`${name} forwarding`, expected, `${method} (${d.forward ?? '?'})`),
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
          message: `real server ${d.address}:${d.port} in ${key}: expected absent (not in the model), found${d.weight === undefined ? '' : ` at weight ${d.weight}`}`,
        });
    }
  }
  for (const live of table.services)
    if (!seen.has(live.key) && !pending.removedKeys.has(live.key))
      out.push({
        service: live.key,
        kind: 'extra-service',
        message: `${live.key}: expected absent (not in the model), found in IPVS`,
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
