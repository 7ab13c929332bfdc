import type { LbRealServerStatus, LbStatus } from '../../../../shared/lb/status';
import type { Cluster } from '../../../../shared/model/cluster';
import type { TopologyNode } from '../../../../shared/topology/types';

/** One real server of lb:status as the side panel lists it. */
export interface PanelRealServer {
  key: string;
  service: string;
  server: string;
  state: LbRealServerStatus['state'];
  /** "2" (in IPVS at its model weight), "0 of 2", or "—" when not in IPVS. */
  weight: string;
  activeConns: number;
  /** keepalived's check verdict, or '' when it has none. */
  check: string;
  /** Why keepalived holds a down server out, when its journal says. */
  reason: string;
}

function weightText(rs: LbRealServerStatus): string {
  if (rs.weight === null) return '—';
  if (rs.modelWeight === null || rs.modelWeight === rs.weight) return String(rs.weight);
  return `${rs.weight} of ${rs.modelWeight}`;
}

function hostIdsOf(node: TopologyNode): string[] {
  if (node.group !== undefined) return node.group.memberIds;
  return node.hostId !== undefined ? [node.hostId] : [];
}

/**
 * The real-server rows of lb:status that concern a node: a host's (or a group's hosts') rows
 * in every service, a service's rows, or the rows of every service on a VIP.
 */
export function panelRealServers(
  lb: LbStatus | null,
  node: TopologyNode,
  cluster: Cluster,
): PanelRealServer[] {
  if (lb === null) return [];
  let services: string[] | null = null;
  let hosts: string[] | null = null;
  if (node.kind === 'service') services = [node.id.slice('svc:'.length)];
  else if (node.kind === 'vip') {
    const address = node.id.slice('vip:'.length);
    services = cluster.services.filter((s) => s.vip === address).map((s) => s.id);
  } else hosts = hostIdsOf(node);
  if (hosts !== null && hosts.length === 0) return [];
  const rows: PanelRealServer[] = [];
  for (const svc of lb.services) {
    if (services !== null && (svc.serviceId === null || !services.includes(svc.serviceId)))
      continue;
    for (const rs of svc.realServers) {
      if (hosts !== null && (rs.hostId === null || !hosts.includes(rs.hostId))) continue;
      rows.push({
        key: `${svc.key} ${rs.address}:${rs.port}`,
        service: `${svc.name} (${svc.label})`,
        server: `${rs.hostName ?? rs.address}${rs.isManager ? ' (manager)' : ''} ${rs.address}:${rs.port}`,
        state: rs.state,
        weight: weightText(rs),
        activeConns: rs.activeConns,
        check: rs.check ?? '',
        reason: rs.down?.reason ?? '',
      });
    }
  }
  return rows;
}
