import {
  enabledNodes,
  managerIntraAddress,
  nodeIntraAddress,
  type Cluster,
} from '../model/cluster';
import { interfaceFor } from '../model/cluster-net';
import type { HostFacts } from '../model/facts';
import { DEFAULT_POLICY, servicePorts, type LbPolicy, type LbService, type Vip } from '../model/lb';

/** The cluster's virtual IPs (none when the model predates load balancing). */
export function clusterVips(c: Cluster): Vip[] {
  return c.vips ?? [];
}

/** The policy new services start from: the model's, else {@link DEFAULT_POLICY}. */
export function lbPolicyOf(c: Cluster): LbPolicy {
  return c.lbPolicy ?? DEFAULT_POLICY;
}

/** The manager interface that carries a VIP: the VIP's own, else the public IP's. */
export function vipInterface(
  c: Cluster,
  vip: Vip,
  managerFacts: HostFacts | undefined,
): string | undefined {
  return vip.interface ?? (managerFacts && interfaceFor(managerFacts, c.manager.publicIp)?.iface);
}

/** One real server of a service as IPVS sees it. */
export interface RealServerTarget {
  hostId: string;
  /** The address IPVS forwards to. */
  address: string;
  /** 0 for a firewall-mark service (IPVS keeps the packet's port). */
  port: number;
  weight: number;
  isManager: boolean;
}

/**
 * The address IPVS forwards to. DR and TUN use the node's public address: DR rewrites only the
 * MAC, so the server must sit on the VIP's segment, and a tunnel needs an address the manager
 * routes to. NAT uses the intra-cluster address, the network whose replies route back through
 * the manager.
 */
export function realServerAddress(c: Cluster, s: LbService, hostId: string): string | undefined {
  if (hostId === c.manager.hostId)
    return s.method === 'nat' ? managerIntraAddress(c) : c.manager.publicIp;
  const n = c.nodes.find((x) => x.hostId === hostId);
  if (n === undefined) return undefined;
  return s.method === 'nat' ? nodeIntraAddress(c, n) : n.publicIp;
}

/**
 * The real servers of a service: its enabled nodes (a disabled or unknown node is left out;
 * validation reports it) and the manager when included, in model order. A node in `drain`
 * mode is there at weight 0, one in `maintenance` is left out.
 */
export function realServerTargets(
  c: Cluster,
  s: LbService,
  opts: { ignoreMode?: boolean } = {},
): RealServerTarget[] {
  const modes = new Map(
    enabledNodes(c).map((n) => [n.hostId, opts.ignoreMode === true ? 'active' : n.lbMode] as const),
  );
  const out: RealServerTarget[] = [];
  const portOf = (own: number | undefined): number =>
    s.listen.kind === 'fwmark' ? 0 : (own ?? s.listen.port);
  for (const r of s.realServers) {
    const address = realServerAddress(c, s, r.hostId);
    const mode = modes.get(r.hostId);
    if (mode === undefined || mode === 'maintenance' || address === undefined) continue;
    out.push({
      hostId: r.hostId,
      address,
      port: portOf(r.port),
      weight: mode === 'drain' ? 0 : r.weight,
      isManager: false,
    });
  }
  if (s.includeManager) {
    out.push({
      hostId: c.manager.hostId,
      address: realServerAddress(c, s, c.manager.hostId) ?? c.manager.publicIp,
      port: portOf(undefined),
      weight: s.includeManager.weight,
      isManager: true,
    });
  }
  return out;
}

/** What one node must hold to be a real server, per forwarding method. */
export interface RealServerRole {
  /** VIPs to hold on lo (DR), sorted. */
  drVips: string[];
  /** VIPs to hold on tunl0 (TUN), sorted. */
  tunVips: string[];
  /** Replies of NAT services must route back through the manager. */
  nat: boolean;
}

/**
 * The real-server role of a host in a model (empty when it serves nothing). A drained node or
 * one in maintenance keeps its role: it returns to service through keepalived alone.
 */
export function realServerRole(c: Cluster, hostId: string): RealServerRole {
  const dr = new Set<string>();
  const tun = new Set<string>();
  let nat = false;
  for (const s of c.services) {
    const targets = realServerTargets(c, s, { ignoreMode: true });
    if (!targets.some((t) => t.hostId === hostId && !t.isManager)) continue;
    if (s.method === 'dr') dr.add(s.vip);
    else if (s.method === 'tun') tun.add(s.vip);
    else nat = true;
  }
  return { drVips: [...dr].sort(), tunVips: [...tun].sort(), nat };
}

/** Whether a role asks anything of the host. */
export function hasRole(r: RealServerRole): boolean {
  return r.drVips.length > 0 || r.tunVips.length > 0 || r.nat;
}

/** Web ports: a service on one of them makes the nodes serve the accounts' sites. */
export const WEB_PORTS = [80, 443];

/** Whether the cluster load-balances a web service (then accounts get vhosts on its servers). */
export function servesWeb(c: Cluster): boolean {
  return c.services.some(
    (s) =>
      s.protocol === 'tcp' &&
      (servicePorts(s).some((p) => WEB_PORTS.includes(p)) ||
        s.check.kind === 'http' ||
        s.check.kind === 'https'),
  );
}

/**
 * The hosts that serve the accounts' sites: every enabled node, and the manager when it is a
 * real server of a service. An account is a working site as soon as it is added, whether or not
 * a web service is load-balanced yet (each node answers for it on its own address).
 */
export function webHostIds(c: Cluster): string[] {
  const ids = enabledNodes(c).map((n) => n.hostId);
  if (c.services.some((s) => s.includeManager !== undefined)) ids.unshift(c.manager.hostId);
  return ids;
}

/** The firewall-mark services (they need packet-marking rules on the manager). */
export function fwmarkServices(c: Cluster): LbService[] {
  return c.services.filter((s) => s.listen.kind === 'fwmark');
}

/** Whether a service carries FTP (port 21 over TCP), which needs persistence and a helper. */
export function isFtp(s: LbService): boolean {
  return s.protocol === 'tcp' && servicePorts(s).includes(21);
}

/** Whether a model load-balances anything (a service or a VIP). */
export function usesLb(c: Cluster | null | undefined): c is Cluster {
  return c !== null && c !== undefined && (c.services.length > 0 || clusterVips(c).length > 0);
}
