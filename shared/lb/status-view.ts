import type { Cluster } from '../model/cluster';
import { realServerTargets, type RealServerTarget } from './cluster-lb';
import { compareIpvs, ipvsKey, keepalivedVerdict } from './ipvs-compare';
import { serviceLabel, type LbService } from '../model/lb';
import {
  FORWARD_METHODS,
  mergeIpvs,
  parseIpvsadm,
  type IpvsDestination,
  type IpvsService,
  type IpvsTable,
} from '../probe/parse-ipvsadm';
import type { LbRealServerStatus, LbServiceStatus, LbStatus, RealServerState } from './status';
import type { KeepalivedCheck } from './keepalived-data';
import { keepalivedDownOf, type KeepalivedDown } from './keepalived-log';
import { pendingApply, type PendingApply } from './pending-apply';

/**
 * The pure half of lb:status: the manager's IPVS listings joined with the cluster model. The
 * engine (electron/core/lb) only fetches the text over SSH and hands it here.
 */

/** What one remote command gave back. */
export interface CommandOutput {
  /** Exit status; null when the command died of a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

const KEEPALIVED_STATES = ['active', 'inactive', 'failed', 'activating'] as const;

/** The first word `systemctl is-active keepalived` printed; anything else is `unknown`. */
export function keepalivedStateOf(output: string): LbStatus['keepalived'] {
  const word = output.trim().split(/\s+/)[0] ?? '';
  return (KEEPALIVED_STATES as readonly string[]).includes(word)
    ? (word as LbStatus['keepalived'])
    : 'unknown';
}

function failure(what: string, out: CommandOutput): string {
  const text = (out.stderr.trim() || out.stdout.trim()).split('\n')[0] ?? '';
  const status = out.code === null ? 'killed' : `exit ${out.code}`;
  return `${what} failed on the manager (${status})${text ? `: ${text.slice(0, 300)}` : ''}`;
}

function parsed(what: string, out: CommandOutput): { table?: IpvsTable; error?: string } {
  if (out.code !== 0) return { error: failure(what, out) };
  try {
    return { table: parseIpvsadm(out.stdout) };
  } catch (e) {
    return { error: `cannot read ${what}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The IPVS table from the plain, --stats and --rate listings. Without the plain listing there
 * is no table (and an error saying why); when only the counters fail, the table comes without
 * them and the error says so.
 */
export function readIpvsListings(out: {
  list: CommandOutput;
  stats: CommandOutput;
  rate: CommandOutput;
}): { table: IpvsTable | null; error: string | null } {
  const list = parsed('ipvsadm -Ln', out.list);
  if (list.table === undefined) return { table: null, error: list.error ?? null };
  const stats = parsed('ipvsadm -Ln --stats', out.stats);
  const rate = parsed('ipvsadm -Ln --rate', out.rate);
  const extra = [stats.table, rate.table].filter((t): t is IpvsTable => t !== undefined);
  const errors = [stats.error, rate.error].filter((e): e is string => e !== undefined);
  return {
    table: mergeIpvs(list.table, ...extra),
    error: errors.length > 0 ? errors.join('; ') : null,
  };
}

/** Every address the model gives a host (manager or node), to name servers IPVS lists. */
function hostsByAddress(c: Cluster): Map<string, string> {
  const out = new Map<string, string>();
  const add = (address: string | undefined, hostId: string): void => {
    if (address !== undefined && !out.has(address)) out.set(address, hostId);
  };
  add(c.manager.publicIp, c.manager.hostId);
  add(c.manager.privateIp, c.manager.hostId);
  for (const n of c.nodes) {
    add(n.publicIp, n.hostId);
    add(n.privateIp, n.hostId);
  }
  return out;
}

interface JoinContext {
  cluster: Cluster;
  /** keepalived's checks (null: its dump was not read). */
  checks: readonly KeepalivedCheck[] | null;
  /** Whether the manager's table was read (else a server's state is unknown, not down). */
  read: boolean;
  hostNames: Record<string, string>;
  byAddress: Map<string, string>;
  /** What is saved but not applied (neither down nor drift). */
  pending: PendingApply;
  /** keepalived's journal: why it holds servers out (null: not read). */
  downs: readonly KeepalivedDown[] | null;
}

function fromIpvs(d: IpvsDestination | undefined) {
  return {
    forward: d?.forward ?? null,
    weight: d?.weight ?? null,
    activeConns: d?.activeConns ?? 0,
    inactiveConns: d?.inactiveConns ?? 0,
    stats: d?.stats ?? null,
    rate: d?.rate ?? null,
  };
}

/**
 * Why a server is down: keepalived's journal; else, when keepalived's own check passes, that
 * IPVS was changed behind its back (drift, listed as such).
 */
function downOf(
  ctx: JoinContext,
  s: LbService,
  t: RealServerTarget,
  check: LbRealServerStatus['check'],
): NonNullable<LbRealServerStatus['down']> {
  const logged = keepalivedDownOf(ctx.downs, ipvsKey(s), t.address, t.port);
  if (logged !== null) return logged;
  if (check === 'up')
    return {
      reason: "out of IPVS although keepalived's check passes (changed by hand? see the drift)",
      since: null,
    };
  return { reason: null, since: null };
}

/**
 * A configured real server (its node in any lbMode). Its state: the node's drain or
 * maintenance mode first; `pending` when the applied model does not have it yet; else `up`
 * when IPVS has it at a weight (or at 0 when the model says 0), else `down` (not in IPVS, or
 * at weight 0 after a failed check) with keepalived's reason; `unknown` when the manager could
 * not be read.
 */
function configuredServer(
  ctx: JoinContext,
  s: LbService,
  t: RealServerTarget,
  live: RealServerTarget | undefined,
  d: IpvsDestination | undefined,
): LbRealServerStatus {
  const node = t.isManager ? undefined : ctx.cluster.nodes.find((n) => n.hostId === t.hostId);
  const mode = node?.lbMode ?? 'active';
  const modelWeight = live?.weight ?? 0;
  const serving = d !== undefined && (d.weight === undefined || d.weight > 0 || modelWeight === 0);
  const check = keepalivedVerdict(ctx.checks, s, t);
  const state: RealServerState =
    mode !== 'active'
      ? mode
      : ctx.pending.server(s, t)
        ? 'pending'
        : !ctx.read
          ? 'unknown'
          : serving
            ? 'up'
            : 'down';
  return {
    hostId: t.hostId,
    hostName: ctx.hostNames[t.hostId] ?? null,
    address: t.address,
    port: t.port,
    isManager: t.isManager,
    state,
    modelWeight,
    ...fromIpvs(d),
    check,
    down: state !== 'down' ? null : downOf(ctx, s, t, check),
  };
}

/** A server IPVS has that the model does not configure: the sorry server, or an extra one. */
function unconfiguredServer(
  ctx: JoinContext,
  s: LbService | undefined,
  d: IpvsDestination,
): LbRealServerStatus {
  const hostId = ctx.byAddress.get(d.address) ?? null;
  return {
    hostId,
    hostName: hostId === null ? null : (ctx.hostNames[hostId] ?? null),
    address: d.address,
    port: d.port,
    isManager: hostId !== null && hostId === ctx.cluster.manager.hostId,
    state: s?.sorryServer?.ip === d.address ? 'sorry' : 'extra',
    modelWeight: null,
    ...fromIpvs(d),
    // keepalived checks only the servers of its configuration.
    check: null,
    down: null,
  };
}

function counters(live: IpvsService | undefined) {
  return { stats: live?.stats ?? null, rate: live?.rate ?? null };
}

function modelService(
  ctx: JoinContext,
  s: LbService,
  live: IpvsService | undefined,
): LbServiceStatus {
  const configured = realServerTargets(ctx.cluster, s, { ignoreMode: true });
  const active = realServerTargets(ctx.cluster, s);
  const same = (a: { address: string; port: number }, b: { address: string; port: number }) =>
    a.address === b.address && a.port === b.port;
  const destinations = live?.destinations ?? [];
  const servers = configured.map((t) =>
    configuredServer(
      ctx,
      s,
      t,
      active.find((x) => x.hostId === t.hostId && x.isManager === t.isManager),
      destinations.find((d) => same(d, t)),
    ),
  );
  for (const d of destinations)
    if (!configured.some((t) => same(d, t))) servers.push(unconfiguredServer(ctx, s, d));
  return {
    serviceId: s.id,
    name: s.name,
    label: serviceLabel(s),
    key: ipvsKey(s),
    method: s.method,
    present: live !== undefined,
    pending: ctx.pending.services.has(s.id),
    scheduler: live?.scheduler ?? s.scheduler,
    persistenceSec: live !== undefined ? (live.persistence?.timeout ?? 0) : s.persistence.seconds,
    ...counters(live),
    realServers: servers,
  };
}

/** The model's method of an unknown service, from how IPVS forwards to its servers. */
function methodOf(live: IpvsService): LbServiceStatus['method'] {
  for (const d of live.destinations) {
    const m =
      d.forward === undefined ? undefined : (FORWARD_METHODS as Record<string, string>)[d.forward];
    if (m === 'dr' || m === 'nat' || m === 'tun') return m;
  }
  return null;
}

function extraService(ctx: JoinContext, live: IpvsService): LbServiceStatus {
  return {
    serviceId: null,
    name: live.key,
    label: live.key,
    key: live.key,
    method: methodOf(live),
    present: true,
    pending: false,
    scheduler: live.scheduler ?? null,
    persistenceSec: live.persistence?.timeout ?? 0,
    ...counters(live),
    realServers: live.destinations.map((d) => unconfiguredServer(ctx, undefined, d)),
  };
}

/**
 * The services as the status view shows them: every service of the model in model order, with
 * every configured real server (a node in maintenance too), then the servers and services IPVS
 * has beyond the model. `table` null (the manager could not be read) gives the model alone:
 * nothing present, every active server `unknown`. `scheduler` and `persistenceSec` are IPVS's
 * when the service is present, else the model's; persistence 0 is off. `hostNames` maps host
 * ids to names. `more.applied` is the last applied model (null: never applied; absent: not
 * known, nothing is pending); `more.downs` keepalived's journal of removed servers.
 */
export function lbServiceStatuses(
  c: Cluster,
  table: IpvsTable | null,
  hostNames: Record<string, string>,
  checks: readonly KeepalivedCheck[] | null = null,
  more: { applied?: Cluster | null; downs?: readonly KeepalivedDown[] | null } = {},
): LbServiceStatus[] {
  const ctx: JoinContext = {
    cluster: c,
    checks,
    read: table !== null,
    hostNames,
    byAddress: hostsByAddress(c),
    pending: pendingApply(c, more.applied),
    downs: more.downs ?? null,
  };
  const live = table?.services ?? [];
  const keys = new Set(c.services.map(ipvsKey));
  return [
    ...c.services.map((s) =>
      modelService(
        ctx,
        s,
        live.find((x) => x.key === ipvsKey(s)),
      ),
    ),
    ...live.filter((x) => !keys.has(x.key)).map((x) => extraService(ctx, x)),
  ];
}

/** Everything lb:status returns, from one reading of the manager (or the error instead). */
export function buildLbStatus(input: {
  cluster: Cluster;
  at: string;
  keepalived: LbStatus['keepalived'];
  table: IpvsTable | null;
  error: string | null;
  hostNames: Record<string, string>;
  /** keepalived's checks from its dump; null or absent when not read. */
  checks?: readonly KeepalivedCheck[] | null;
  /** The last applied model: null when never applied, absent when not known. */
  applied?: Cluster | null;
  /** Why keepalived holds servers out, from its journal; null or absent when not read. */
  downs?: readonly KeepalivedDown[] | null;
}): LbStatus {
  const { cluster, table } = input;
  const more = { applied: input.applied, downs: input.downs ?? null };
  return {
    clusterId: cluster.id,
    at: input.at,
    managerHostId: cluster.manager.hostId,
    keepalived: input.keepalived,
    services: lbServiceStatuses(cluster, table, input.hostNames, input.checks ?? null, more),
    ipvsDrift:
      table === null
        ? []
        : compareIpvs(cluster, table, pendingApply(cluster, input.applied), input.checks ?? null),
    error: input.error,
  };
}

/**
 * A node's active connections over every service of a reading (its real servers, never the
 * manager's own); null without a reading or when IPVS has no real server of the node. A
 * drain is done at a known 0: the app's node column and the engine's drain wait both read it.
 */
export function nodeActiveConns(
  status: Pick<LbStatus, 'services'> | null,
  hostId: string,
): number | null {
  if (status === null) return null;
  let found = false;
  let sum = 0;
  for (const s of status.services)
    for (const r of s.realServers)
      if (r.hostId === hostId && !r.isManager) {
        found = true;
        sum += r.activeConns;
      }
  return found ? sum : null;
}
