import { z } from 'zod';
import { HostId, InterfaceName, Ipv4, Port } from '../base/fields';

/**
 * The load-balancing part of the cluster model: virtual IPs on the manager and LVS services
 * that keepalived runs there (checks and failover live on the cluster, never in the app).
 * This module imports nothing from model/cluster.ts, which imports it.
 */

/** Every IPVS scheduler of Linux (ip_vs_*.ko); which ones a kernel has is a fact of the host. */
export const SCHEDULERS = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'dh',
  'sh',
  'mh',
  'sed',
  'nq',
  'fo',
  'ovf',
  'twos',
] as const;
/** An IPVS scheduler (keepalived's `lb_algo`). */
export const Scheduler = z.enum(SCHEDULERS, {
  error: `must be one of ${SCHEDULERS.join(', ')}`,
});
export type Scheduler = z.infer<typeof Scheduler>;

/** LVS forwarding: direct routing (default), NAT (masquerading), IP-in-IP tunnel. */
export const ForwardingMethod = z.enum(['dr', 'nat', 'tun'], {
  error: 'must be dr, nat or tun',
});
export type ForwardingMethod = z.infer<typeof ForwardingMethod>;

/** The transport protocol of a port service. */
export const LbProtocol = z.enum(['tcp', 'udp'], {
  error: 'must be tcp or udp',
});
export type LbProtocol = z.infer<typeof LbProtocol>;

/** Seconds with at most millisecond precision (keepalived takes decimals for its timers). */
const Seconds = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number of seconds` })
    .min(min, `${what} must be between ${min} and ${max} s`)
    .max(max, `${what} must be between ${min} and ${max} s`)
    .refine((n) => Math.round(n * 1000) === n * 1000, `${what} has more than 3 decimals`);

/** A virtual IP: a public address of the manager that clients connect to (held as a /32). */
export const Vip = z.object({
  address: Ipv4,
  /** The manager's interface for it; by default the one that carries the manager's public IP. */
  interface: InterfaceName.optional(),
});
export type Vip = z.infer<typeof Vip>;

/** A port range of a firewall-mark group, e.g. an FTP server's passive ports. */
export const PortRange = z.object({ from: Port, to: Port }).refine((r) => r.from < r.to, {
  message: 'from must be below to',
  path: ['to'],
});
export type PortRange = z.infer<typeof PortRange>;

/**
 * What a service listens on: one VIP port, or a firewall-mark group of ports that IPVS treats
 * as one service (so HTTP and HTTPS of one client stay on the same node with persistence).
 */
export const ServiceListen = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('port'), port: Port }),
  z.object({
    kind: z.literal('fwmark'),
    /** The packet mark; unique per cluster. */
    mark: z
      .number({ error: 'mark must be a number' })
      .int('mark must be a whole number')
      .min(1, 'mark must be between 1 and 2147483647')
      .max(2147483647, 'mark must be between 1 and 2147483647'),
    ports: z.array(Port).min(1, 'a firewall-mark group needs at least one port'),
    ranges: z.array(PortRange).default([]),
  }),
]);
export type ServiceListen = z.infer<typeof ServiceListen>;

const timing = {
  /** keepalived `delay_loop`: seconds between two checks of one real server. */
  intervalSec: Seconds('interval', 0.1, 3600).default(2),
  /** keepalived `connect_timeout`. */
  timeoutSec: Seconds('timeout', 0.1, 600).default(1),
  /** keepalived `retry`: further attempts before a server counts as failed. */
  retries: z.number().int('retries must be a whole number').min(0).max(100).default(1),
  /** keepalived `delay_before_retry`. */
  retryDelaySec: Seconds('retry delay', 0, 600).default(1),
  /** The port to check; by default the service's port (the first port of a group). */
  port: Port.optional(),
};
/**
 * A URL path for HTTP checks. It is written bare into keepalived.conf, where "!" and "#" start
 * comments, "$" substitutes parameters and quotes and braces are syntax: none of them is allowed.
 */
const UrlPath = z
  .string()
  .regex(
    /^\/[A-Za-z0-9._~/?=&%+,:@-]{0,255}$/,
    'must be a URL path such as /health (letters, digits and . _ ~ / ? = & % + , : @ -)',
  );
const Status = z
  .number()
  .int()
  .min(100, 'must be an HTTP status')
  .max(599, 'must be an HTTP status');

/** The health check keepalived runs against every real server. */
export const HealthCheck = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), ...timing }),
  z.object({
    kind: z.literal('http'),
    path: UrlPath.default('/'),
    expectStatus: Status.default(200),
    ...timing,
  }),
  z.object({
    kind: z.literal('https'),
    path: UrlPath.default('/'),
    expectStatus: Status.default(200),
    ...timing,
  }),
  z.object({ kind: z.literal('smtp'), ...timing }),
  z.object({ kind: z.literal('none') }),
]);
export type HealthCheck = z.infer<typeof HealthCheck>;
export type CheckKind = HealthCheck['kind'];

/** The check a service or policy starts with: a TCP connect every 2 s (see DEFAULT_POLICY). */
const defaultCheck = (): HealthCheck => ({
  kind: 'tcp',
  intervalSec: 2,
  timeoutSec: 1,
  retries: 1,
  retryDelaySec: 1,
});

const Weight = z
  .number({ error: 'weight must be a number' })
  .int('weight must be a whole number')
  .min(0, 'weight must be between 0 and 65535')
  .max(65535, 'weight must be between 0 and 65535');

/** One node that serves a service; `port` differs from the service port only with NAT. */
export const RealServer = z.object({
  hostId: HostId,
  port: Port.optional(),
  weight: Weight.default(1),
});
export type RealServer = z.infer<typeof RealServer>;

/** Persistence: 0 s is off; the netmask (prefix length) groups clients, 32 = per address. */
export const Persistence = z.object({
  seconds: z
    .number()
    .int('must be whole seconds')
    .min(0, 'must be 0 (off) or more')
    .max(2592000, 'must be at most 30 days'),
  netmask: z
    .number()
    .int()
    .min(1, 'prefix must be 1-32')
    .max(32, 'prefix must be 1-32')
    .default(32),
});
export type Persistence = z.infer<typeof Persistence>;

/** Persistence presets of the classic panels, in seconds. */
export const PERSISTENCE_PRESETS = [0, 300, 1800, 3600] as const;

/** A load-balanced service. Its id is a slug that appears in step ids and file comments. */
export const LbService = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and "-" (at most 63)'),
  /** Display name; plain characters only since it is written as a comment in keepalived.conf. */
  name: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9 ._()+/-]{0,63}$/,
      'must be letters, digits, spaces and . _ ( ) + / - (at most 64)',
    ),
  vip: Ipv4,
  listen: ServiceListen,
  protocol: LbProtocol.default('tcp'),
  scheduler: Scheduler.default('wlc'),
  persistence: Persistence.default({ seconds: 0, netmask: 32 }),
  method: ForwardingMethod.default('dr'),
  check: HealthCheck.default(defaultCheck),
  realServers: z.array(RealServer).default([]),
  /** The manager serves too (IPVS forwards to itself locally). */
  includeManager: z.object({ weight: Weight.default(1) }).optional(),
  /** Where keepalived sends clients when every real server is down. */
  sorryServer: z.object({ ip: Ipv4, port: Port.optional() }).optional(),
  /** A failed server is removed from IPVS, or kept at weight 0 (keepalived inhibit_on_failure). */
  onFailure: z
    .enum(['remove', 'weight0'], { error: 'must be remove or weight0' })
    .default('remove'),
});
export type LbService = z.infer<typeof LbService>;
/** A service as callers may pass it, before defaults. */
export type LbServiceInput = z.input<typeof LbService>;

/** The default policy applied to new services (the classic panels' "default policy"). */
export const LbPolicy = z.object({
  scheduler: Scheduler.default('wlc'),
  method: ForwardingMethod.default('dr'),
  persistenceSec: z.number().int().min(0).max(2592000).default(0),
  check: HealthCheck.default(defaultCheck),
  onFailure: z.enum(['remove', 'weight0']).default('remove'),
});
export type LbPolicy = z.infer<typeof LbPolicy>;

/**
 * wlc, DR, TCP connect check every 2 s with a 1 s timeout and 1 retry after 1 s, persistence
 * off (FTP presets turn it on). In the lab these timers removed a node whose web server
 * stopped within 0.7-3.0 s; see {@link detectionTimeSec}.
 */
export const DEFAULT_POLICY: LbPolicy = LbPolicy.parse({});

/**
 * Worst-case seconds from a server failing to keepalived removing it. keepalived checks each
 * server every `intervalSec`; a failed attempt is retried `retries` times, `retryDelaySec`
 * apart. A refused connection (service stopped) fails at once:
 *   refused = interval + retries * retryDelay                      (defaults: 2 + 1 = 3 s)
 * A silent host (powered off, packets dropped) fails each attempt only at the timeout:
 *   silent  = interval + (retries + 1) * timeout + retries * retryDelay   (defaults: 5 s)
 * The lab measured 0.7-3.0 s for a stopped nginx, inside the "refused" bound.
 */
export function detectionTimeSec(check: HealthCheck): { refused: number; silent: number } | null {
  if (check.kind === 'none') return null;
  const refused = check.intervalSec + check.retries * check.retryDelaySec;
  return { refused, silent: refused + (check.retries + 1) * check.timeoutSec };
}

/** The ports a service receives traffic on (one port, or the group's single ports). */
export function servicePorts(s: LbService): number[] {
  return s.listen.kind === 'port' ? [s.listen.port] : s.listen.ports;
}

/** The port keepalived checks: the check's own, else the service's (first) port. */
export function checkPort(s: LbService): number {
  const own = s.check.kind === 'none' ? undefined : s.check.port;
  return own ?? servicePorts(s)[0] ?? 0;
}

/** A short label such as "tcp 10.10.0.100:80" or "fwmark 100 (10.10.0.100 tcp 80,443)". */
export function serviceLabel(s: LbService): string {
  if (s.listen.kind === 'port') return `${s.protocol} ${s.vip}:${s.listen.port}`;
  const ranges = s.listen.ranges.map((r) => `${r.from}-${r.to}`);
  return `fwmark ${s.listen.mark} (${s.vip} ${s.protocol} ${[...s.listen.ports, ...ranges].join(',')})`;
}
