import {
  enabledNodes,
  managerIntraAddress,
  nodeIntraAddress,
  type Cluster,
} from '../model/cluster';
import type { IssueList, ValidationContext } from '../model/cluster-issues';
import { findAddress, networkOf, reservedIpv4Reason, sameSubnet } from '../model/cluster-net';
import { clusterVips, isFtp, realServerTargets, vipInterface } from './cluster-lb';
import { servicePorts, type LbService, type Scheduler } from '../model/lb';
import { lacksIpvs, supportedSchedulers } from './schedulers';

/** What load-balancer validation can use besides the model and the probed facts. */
export interface LbValidationContext extends ValidationContext {
  /**
   * IPVS schedulers the manager's kernel has; when absent, those of the manager's facts
   * (supportedSchedulers). When neither knows, every scheduler is accepted and the
   * keepalived -t / reload step finds a missing one.
   */
  supportedSchedulers?: readonly Scheduler[];
}

/** The manager's public prefix: from its facts, else /24. */
function publicPrefix(c: Cluster, ctx: ValidationContext): number {
  const f = ctx.facts[c.manager.hostId];
  return (f && findAddress(f, c.manager.publicIp)?.prefix) ?? 24;
}

/** Addresses of the model that a VIP must never be. */
function modelAddresses(c: Cluster): [string, string][] {
  const out: [string, string][] = [
    [c.manager.quorumIp, 'the quorum IP (intra-cluster only, never used for services)'],
    [c.manager.publicIp, "the manager's own public address"],
  ];
  if (c.manager.privateIp !== undefined)
    out.push([c.manager.privateIp, "the manager's private address"]);
  c.nodes.forEach((n, i) => {
    out.push([n.publicIp, `node ${i + 1}'s public address`]);
    if (n.privateIp !== undefined) out.push([n.privateIp, `node ${i + 1}'s private address`]);
  });
  if (c.storage.kind === 'external') out.push([c.storage.address, "the storage host's address"]);
  return out;
}

function checkVips(c: Cluster, ctx: ValidationContext, out: IssueList): void {
  const prefix = publicPrefix(c, ctx);
  const mf = ctx.facts[c.manager.hostId];
  const seen = new Map<string, number>();
  clusterVips(c).forEach((v, i) => {
    const f = `vips.${i}.address`;
    const ip = v.address;
    const reserved = reservedIpv4Reason(ip);
    if (reserved !== null) out.error(f, `${ip} ${reserved}`);
    const first = seen.get(ip);
    if (first !== undefined) out.error(f, `${ip} is already VIP ${first + 1}`);
    else seen.set(ip, i);
    for (const [addr, what] of modelAddresses(c))
      if (addr === ip) out.error(f, `${ip} is ${what}; a VIP must be an extra address`);
    if (!sameSubnet(ip, c.manager.publicIp, prefix)) {
      out.error(
        f,
        `${ip} is not in the manager's public network ${networkOf(c.manager.publicIp, prefix)}/${prefix}: clients reach a VIP there`,
      );
    }
    if (
      mf !== undefined &&
      v.interface !== undefined &&
      !mf.interfaces.some((x) => x.name === v.interface)
    )
      out.error(`vips.${i}.interface`, `the manager has no interface ${v.interface}`);
    if (mf !== undefined && vipInterface(c, v, mf) === undefined)
      out.error(
        f,
        `no interface of the manager carries its public address ${c.manager.publicIp}; set the VIP's interface`,
      );
    for (const [hostId, hf] of Object.entries(ctx.facts)) {
      if (hf === undefined || hostId === c.manager.hostId) continue;
      // Real servers hold VIPs on lo or tunl0 on purpose; anywhere else it is a clash.
      const at = findAddress(hf, ip);
      if (at !== undefined && at.iface !== 'lo' && at.iface !== 'tunl0')
        out.error(
          f,
          `${ip} is already configured on host ${ctx.hosts[hostId]?.name ?? hostId} (${at.iface})`,
        );
    }
  });
}

/** Port clashes: one VIP, protocol and port may belong to one service only. */
function checkClashes(c: Cluster, out: IssueList): void {
  const owner = new Map<string, number>();
  const marks = new Map<number, number>();
  c.services.forEach((s, i) => {
    const field =
      s.listen.kind === 'port' ? `services.${i}.listen.port` : `services.${i}.listen.ports`;
    const claim = (port: number, what: string): void => {
      const key = `${s.vip}/${s.protocol}/${port}`;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, i);
      else if (first !== i)
        out.error(
          field,
          `${s.protocol} ${s.vip}:${what} is already served by service ${first + 1} (${c.services[first]?.id ?? ''})`,
        );
      else out.error(field, `port ${what} is listed twice`);
    };
    for (const p of servicePorts(s)) claim(p, String(p));
    if (s.listen.kind === 'fwmark') {
      const ranges = s.listen.ranges;
      ranges.forEach((r, j) => {
        for (let p = r.from; p <= r.to; p++) claim(p, `${p} (range ${j + 1})`);
      });
      const first = marks.get(s.listen.mark);
      if (first !== undefined)
        out.error(
          `services.${i}.listen.mark`,
          `mark ${s.listen.mark} is already used by service ${first + 1}`,
        );
      else marks.set(s.listen.mark, i);
    }
  });
}

function checkRealServers(c: Cluster, s: LbService, i: number, out: IssueList): void {
  const enabled = new Set(enabledNodes(c).map((n) => n.hostId));
  const seen = new Set<string>();
  s.realServers.forEach((r, j) => {
    const f = `services.${i}.realServers.${j}`;
    if (r.hostId === c.manager.hostId)
      out.error(`${f}.hostId`, 'is the manager: use includeManager to let the manager serve too');
    else if (!c.nodes.some((n) => n.hostId === r.hostId))
      out.error(`${f}.hostId`, 'is not a node of the cluster');
    else if (!enabled.has(r.hostId))
      out.warn(`${f}.hostId`, 'is a disabled node: it gets no traffic until it is enabled');
    if (seen.has(r.hostId)) out.error(`${f}.hostId`, 'is listed twice');
    seen.add(r.hostId);
    if (r.port !== undefined && s.listen.kind === 'fwmark')
      out.error(
        `${f}.port`,
        'a firewall-mark service keeps the port the client used: leave the port out',
      );
    else if (
      r.port !== undefined &&
      s.listen.kind === 'port' &&
      r.port !== s.listen.port &&
      s.method !== 'nat'
    )
      out.error(
        `${f}.port`,
        `${s.method.toUpperCase()} cannot change the port (the packet reaches the server unchanged): use ${s.listen.port} or NAT`,
      );
  });
  const configured = realServerTargets(c, s, { ignoreMode: true });
  const live = realServerTargets(c, s);
  if (s.realServers.length === 0 && s.includeManager === undefined)
    out.error(`services.${i}.realServers`, 'a service needs at least one real server');
  else if (configured.length > 0 && configured.every((t) => t.weight === 0))
    out.error(`services.${i}.realServers`, 'every weight is 0: no server would get traffic');
  else if (configured.length > 0 && live.every((t) => t.weight === 0))
    out.warn(
      `services.${i}.realServers`,
      'every real server is drained or in maintenance: the service gets no new connections',
    );
}

function checkMethod(
  c: Cluster,
  ctx: ValidationContext,
  s: LbService,
  i: number,
  out: IssueList,
): void {
  const f = `services.${i}.method`;
  const prefix = publicPrefix(c, ctx);
  if (s.method === 'dr') {
    for (const t of realServerTargets(c, s)) {
      if (!t.isManager && !sameSubnet(t.address, s.vip, prefix))
        out.error(
          f,
          `DR needs every real server on the VIP's segment ${networkOf(s.vip, prefix)}/${prefix}; ${t.address} is not: use TUN or NAT`,
        );
    }
  }
  if (s.method === 'nat') {
    const m = managerIntraAddress(c);
    for (const n of enabledNodes(c)) {
      if (!s.realServers.some((r) => r.hostId === n.hostId)) continue;
      const a = nodeIntraAddress(c, n);
      if (!sameSubnet(a, m, c.manager.quorumPrefix))
        out.error(
          f,
          `NAT needs real servers on a network the manager routes: ${a} is not on the manager's ${networkOf(m, c.manager.quorumPrefix)}/${c.manager.quorumPrefix}`,
        );
    }
    if (c.layout === 'public')
      out.warn(
        f,
        "NAT in the all-public layout routes all traffic of the nodes' public addresses through the manager; DR is the usual choice here",
      );
  }
  // One node can hold a VIP on lo (DR) or on tunl0 (TUN), not both.
  for (const other of c.services) {
    if (other === s || other.vip !== s.vip || s.method === other.method) continue;
    if (
      (s.method === 'dr' && other.method === 'tun') ||
      (s.method === 'tun' && other.method === 'dr')
    )
      out.error(
        f,
        `${s.vip} is also served with ${other.method.toUpperCase()} by service ${other.id}: DR and TUN cannot share a VIP`,
      );
  }
}

function checkService(
  c: Cluster,
  ctx: LbValidationContext,
  s: LbService,
  i: number,
  out: IssueList,
): void {
  const f = (k: string): string => `services.${i}.${k}`;
  if (!clusterVips(c).some((v) => v.address === s.vip))
    out.error(f('vip'), `${s.vip} is not one of the cluster's VIPs: add it to vips first`);
  if (s.protocol === 'udp' && s.check.kind !== 'none' && s.check.port === undefined)
    out.error(
      f('check.kind'),
      'keepalived checks connect over TCP: for a UDP service choose none, or set check.port to a TCP port the servers also serve',
    );
  if (
    s.check.kind !== 'none' &&
    s.check.timeoutSec >= s.check.intervalSec + s.check.retryDelaySec * s.check.retries + 1
  )
    out.warn(
      f('check.timeoutSec'),
      'the timeout is long compared with the interval: a silent server is noticed late',
    );
  if (s.persistence.seconds === 0 && s.persistence.netmask !== 32)
    out.warn(f('persistence.netmask'), 'has no effect while persistence is off');
  if (isFtp(s)) {
    if (s.persistence.seconds === 0)
      out.error(
        f('persistence.seconds'),
        'FTP needs persistence: its data connection must reach the node of the control connection',
      );
    const ranges = s.listen.kind === 'fwmark' ? s.listen.ranges.length : 0;
    if (s.method !== 'nat' && ranges === 0)
      out.warn(
        f('listen'),
        `FTP with ${s.method.toUpperCase()}: ip_vs_ftp works only with NAT; add the nodes' passive port range to a persistent firewall-mark group with port 21, or passive transfers fail`,
      );
  }
  if (s.listen.kind === 'fwmark' && s.persistence.seconds === 0)
    out.warn(
      f('persistence.seconds'),
      'without persistence the ports of a group are still balanced one connection at a time',
    );
  if (s.sorryServer !== undefined) {
    const ss = s.sorryServer;
    const reason = reservedIpv4Reason(ss.ip);
    if (reason !== null) out.error(f('sorryServer.ip'), `${ss.ip} ${reason}`);
    if (clusterVips(c).some((v) => v.address === ss.ip))
      out.error(f('sorryServer.ip'), `${ss.ip} is a VIP: the sorry server must be a real address`);
    if (s.listen.kind === 'fwmark' && ss.port !== undefined)
      out.error(
        f('sorryServer.port'),
        "a firewall-mark service keeps the client's port: leave the port out",
      );
    else if (
      s.method !== 'nat' &&
      ss.port !== undefined &&
      s.listen.kind === 'port' &&
      ss.port !== s.listen.port
    )
      out.error(
        f('sorryServer.port'),
        `${s.method.toUpperCase()} cannot change the port: use ${s.listen.port} or NAT`,
      );
  }
  checkRealServers(c, s, i, out);
  checkMethod(c, ctx, s, i, out);
}

/**
 * IPVS on the manager: one error when its facts show no ip_vs at all, else one per service
 * whose scheduler its kernel lacks, naming those it has (nothing when they are unknown).
 */
function checkIpvs(c: Cluster, ctx: LbValidationContext, out: IssueList): void {
  if (c.services.length === 0) return;
  const mf = ctx.facts[c.manager.hostId];
  if (lacksIpvs(mf)) {
    out.error(
      'services',
      "the manager's kernel has no IPVS (ip_vs): it cannot load-balance; use a full virtual machine or a kernel with IPVS",
    );
    return;
  }
  const supported = ctx.supportedSchedulers ?? supportedSchedulers(mf);
  if (supported === null) return;
  c.services.forEach((s, i) => {
    if (!supported.includes(s.scheduler))
      out.error(
        `services.${i}.scheduler`,
        `the manager's kernel has no ${s.scheduler} scheduler (ip_vs_${s.scheduler}); it has ${supported.length > 0 ? supported.join(', ') : 'none'}`,
      );
  });
}

/**
 * The load-balancer rules of validateCluster: VIPs (extra public addresses of the manager,
 * never the quorum IP or a host's address), port clashes per VIP and protocol (also across
 * firewall-mark groups), duplicate marks and ids, real servers that exist and can be reached
 * with the forwarding method, weights, sorry servers, FTP persistence, UDP checks, and
 * schedulers the manager's kernel has (when known).
 */
export function validateLb(c: Cluster, ctx: LbValidationContext, out: IssueList): void {
  checkVips(c, ctx, out);
  const ids = new Map<string, number>();
  c.services.forEach((s, i) => {
    const first = ids.get(s.id);
    if (first !== undefined)
      out.error(`services.${i}.id`, `${s.id} is already service ${first + 1}`);
    else ids.set(s.id, i);
  });
  checkClashes(c, out);
  checkIpvs(c, ctx, out);
  c.services.forEach((s, i) => checkService(c, ctx, s, i, out));
}
