import { clusterVips } from './cluster-lb';
import {
  SCHEDULERS,
  type ForwardingMethod,
  type HealthCheck,
  type LbService,
  type Persistence,
  type Scheduler,
  type Vip,
} from '../model/lb';
import type { Cluster } from '../model/cluster';

/**
 * Edits of the load-balancing part of a cluster model, and how its services read in a table
 * (the app's pages and the CLI's vip/service commands). Every edit returns a new model for
 * clusters:save; nothing here talks to the engine.
 */

/** A VIP with the ids of the services that listen on it. */
export interface VipUse {
  vip: Vip;
  services: string[];
}

/** The cluster's VIPs, each with the services on it (a used VIP cannot be removed). */
export function vipUses(c: Cluster): VipUse[] {
  return clusterVips(c).map((vip) => ({
    vip,
    services: c.services.filter((s) => s.vip === vip.address).map((s) => s.id),
  }));
}

/** The model with one more VIP (an empty interface means the manager's public one). */
export function withVip(c: Cluster, address: string, iface: string): Cluster {
  const vip: Vip = {
    address: address.trim(),
    ...(iface.trim() === '' ? {} : { interface: iface.trim() }),
  };
  return { ...c, vips: [...clusterVips(c), vip] };
}

/** The model without the VIP at `address`. */
export function withoutVip(c: Cluster, address: string): Cluster {
  return { ...c, vips: clusterVips(c).filter((v) => v.address !== address) };
}

/**
 * The model with `services` in place of the service `replaceId` (edit), or appended (add).
 * Returns the model and the indices the new services take, so that the engine's findings on
 * `services.<i>.…` can be shown beside the wizard's fields.
 */
export function withServices(
  c: Cluster,
  services: LbService[],
  replaceId: string | null,
): { cluster: Cluster; indices: number[] } {
  const at = replaceId === null ? -1 : c.services.findIndex((s) => s.id === replaceId);
  if (at < 0) {
    const start = c.services.length;
    return {
      cluster: { ...c, services: [...c.services, ...services] },
      indices: services.map((_s, i) => start + i),
    };
  }
  const list = [...c.services.slice(0, at), ...services, ...c.services.slice(at + 1)];
  return { cluster: { ...c, services: list }, indices: services.map((_s, i) => at + i) };
}

/** The model without the service `id`. */
export function withoutService(c: Cluster, id: string): Cluster {
  return { ...c, services: c.services.filter((s) => s.id !== id) };
}

/** A service id from free text: lower-case letters, digits and "-" ("My App" -> "my-app"). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The first firewall mark above every mark in use, starting at 100. */
export function nextMark(c: Cluster): number {
  return c.services.reduce(
    (max, s) => (s.listen.kind === 'fwmark' ? Math.max(max, s.listen.mark + 1) : max),
    100,
  );
}

/** "off", "1800 s" or "1800 s per /24" (clients grouped by their network). */
export function persistenceText(p: Persistence): string {
  if (p.seconds === 0) return 'off';
  return p.netmask === 32 ? `${p.seconds} s` : `${p.seconds} s per /${p.netmask}`;
}

const CHECK_NAMES = { tcp: 'TCP connect', http: 'HTTP GET', https: 'HTTPS GET', smtp: 'SMTP' };

/** "HTTP GET /health → 200 every 2 s" or "none". */
export function checkText(check: HealthCheck): string {
  if (check.kind === 'none') return 'none';
  const what =
    check.kind === 'http' || check.kind === 'https'
      ? `${CHECK_NAMES[check.kind]} ${check.path} → ${check.expectStatus}`
      : CHECK_NAMES[check.kind];
  const port = check.port === undefined ? '' : ` on ${check.port}`;
  return `${what}${port} every ${check.intervalSec} s`;
}

/** One real server of a service as the services table lists it. */
export interface ServerEntry {
  hostId: string;
  name: string;
  weight: number;
  isManager: boolean;
}

/** The real servers of a service in model order, the manager last, with names. */
export function serverEntries(
  c: Cluster,
  s: LbService,
  hostName: (id: string) => string,
): ServerEntry[] {
  const out: ServerEntry[] = s.realServers.map((r) => ({
    hostId: r.hostId,
    name: hostName(r.hostId),
    weight: r.weight,
    isManager: false,
  }));
  if (s.includeManager !== undefined)
    out.push({
      hostId: c.manager.hostId,
      name: `${hostName(c.manager.hostId)} (manager)`,
      weight: s.includeManager.weight,
      isManager: true,
    });
  return out;
}

/** Whether a finding is about load balancing (VIPs, services, their policy). */
export function isLbField(field: string): boolean {
  return /^(vips|services|lbPolicy)(\.|$)/.test(field);
}

/** One scheduler of the wizard's list, and whether the manager's kernel lacks it. */
export interface SchedulerChoice {
  value: Scheduler;
  missing: boolean;
}

/**
 * Every IPVS scheduler, those the manager's kernel lacks marked (none when `supported` is
 * unknown: the engine's check finds a missing one). The current choice is always offered.
 */
export function schedulerChoices(
  supported: readonly Scheduler[] | null,
  current: Scheduler,
): SchedulerChoice[] {
  return SCHEDULERS.map((value) => ({
    value,
    missing: supported !== null && !supported.includes(value) && value !== current,
  }));
}

/** What each IPVS scheduler does, in a few words. */
export const SCHEDULER_NAMES: Record<Scheduler, string> = {
  rr: 'round robin',
  wrr: 'weighted round robin',
  lc: 'least connections',
  wlc: 'weighted least connections',
  lblc: 'locality-based least connections',
  lblcr: 'locality-based least connections with replication',
  dh: 'destination hashing',
  sh: 'source hashing',
  mh: 'Maglev hashing',
  sed: 'shortest expected delay',
  nq: 'never queue',
  fo: 'weighted failover',
  ovf: 'weighted overflow',
  twos: 'weighted random twos choice',
};

/** The forwarding methods, in the order offered, with what each means for the nodes. */
export const FORWARDING_METHODS: { value: ForwardingMethod; label: string; explain: string }[] = [
  {
    value: 'dr',
    label: 'Direct routing (DR)',
    explain: 'Nodes answer clients directly; they hold the VIP on lo and must share its network.',
  },
  {
    value: 'nat',
    label: 'NAT',
    explain: 'Replies go back through the manager; nodes may use other ports.',
  },
  {
    value: 'tun',
    label: 'IP tunnel (TUN)',
    explain: 'Packets reach the nodes in an IP-in-IP tunnel; nodes may sit on other networks.',
  },
];

/** What happens to a failed real server, as the check step and the policy section say it. */
export const ON_FAILURE_LABELS: Record<'remove' | 'weight0', string> = {
  remove: 'removed from IPVS',
  weight0: 'kept at weight 0 (its open connections go on)',
};

/** Seconds rounded to two decimals: "3 s", "0.35 s". */
export function secondsText(n: number): string {
  return `${Math.round(n * 100) / 100} s`;
}
