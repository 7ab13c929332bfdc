import { parseCluster, type Cluster, type ClusterLayout } from '../../model/cluster';
import { observationsFor } from '../../cluster/observe';
import type { ObservedHost } from '../../model/observed-host';
import type { PlanInput } from '../../plan/context';
import { LAB, LAB_HOSTS, labCluster, labObserved } from '../../plan/testing/lab-fixtures';
import type { LbServiceInput } from '../../model/lb';

/** The lab's VIP: a free address of the public network 10.10.0.0/24 (as in lab.md). */
export const LAB_VIP = '10.10.0.100';

/** An HTTP service on the lab VIP over both nodes, with the default policy. */
export function httpService(patch: Partial<LbServiceInput> = {}): LbServiceInput {
  return {
    id: 'http',
    name: 'HTTP',
    vip: LAB_VIP,
    listen: { kind: 'port', port: 80 },
    realServers: [{ hostId: LAB.node1 }, { hostId: LAB.node2 }],
    ...patch,
  };
}

/** A lab cluster with VIPs and services (public + private layout by default). */
export function lbCluster(
  services: LbServiceInput[],
  layout: ClusterLayout = 'public-private',
  vips: string[] = [LAB_VIP],
): Cluster {
  const base = labCluster(layout);
  const vip = layout === 'private-nat' ? vips.map((v) => v.replace(/^10\.10\./, '10.20.')) : vips;
  return parseCluster({
    ...base,
    vips: vip.map((address) => ({ address })),
    services,
  });
}

/**
 * Observed lab hosts as the engine would read them for `desired` (and `applied`): every path
 * observationsFor asks for that the fresh lab image lacks reads as absent; nginx is installed
 * (the lab image has nginx-light), keepalived.conf does not exist yet.
 */
export function lbObserved(
  desired: Cluster,
  applied: Cluster | null = null,
): Record<string, ObservedHost> {
  const out = labObserved(desired.layout);
  for (const o of Object.values(out)) o.files['/etc/nginx/nginx.conf'] = 'user www-data;\n';
  // Rounds, like the engine: some paths depend on what earlier reads found.
  for (let round = 0; round < 4; round++) {
    for (const [id, paths] of Object.entries(
      observationsFor(desired, { applied, observed: out }),
    )) {
      const o = out[id];
      if (o) for (const p of paths) if (!(p in o.files)) o.files[p] = null;
    }
  }
  return out;
}

/** A plan input for an LB lab cluster with fresh hosts. */
export function lbInput(desired: Cluster, applied: Cluster | null = null): PlanInput {
  return {
    desired,
    applied,
    hosts: LAB_HOSTS,
    observed: lbObserved(desired, applied),
  };
}

export { LAB, LAB_HOSTS };

/** One service of each kind: DR with weight-0 on failure, a firewall-mark group, NAT, TUN. */
export const LB_SERVICES: LbServiceInput[] = [
  httpService({ onFailure: 'weight0' }),
  httpService({
    id: 'web-tls',
    name: 'HTTPS + alt',
    listen: { kind: 'fwmark', mark: 100, ports: [443, 8443] },
    persistence: { seconds: 1800 },
  }),
  httpService({
    id: 'smtp',
    name: 'SMTP',
    listen: { kind: 'port', port: 25 },
    method: 'nat',
    check: { kind: 'smtp' },
  }),
  httpService({
    id: 'imap',
    name: 'IMAP',
    vip: '10.10.0.101',
    listen: { kind: 'port', port: 143 },
    method: 'tun',
    realServers: [{ hostId: LAB.node1 }],
  }),
];

/** The VIPs of {@link LB_SERVICES}. */
export const LB_VIPS = ['10.10.0.100', '10.10.0.101'];
