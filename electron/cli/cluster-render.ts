import type { ClusterView } from '../../shared/api/contract';
import { clusterVips } from '../../shared/lb/cluster-lb';
import { checkText, persistenceText, serverEntries, vipUses } from '../../shared/lb/lb-edit';
import { serviceLabel } from '../../shared/model/lb';
import type { Cluster } from '../../shared/model/cluster';
import { describeStorage, hasUnapplied } from '../../shared/model/cluster-summary';
import { table } from './table';

/** A host's name for people. */
export type NameOf = (hostId: string) => string;

/** Whether the hosts run the desired model: never applied, changes not applied, or in sync. */
export function appliedState(v: Pick<ClusterView, 'cluster' | 'applied'>): string {
  if (v.applied === null) return 'never applied';
  return hasUnapplied(v) ? 'changes not applied' : 'applied';
}

/** `cluster list` for people. */
export function renderClusterList(views: readonly ClusterView[]): string[] {
  return table(
    ['NAME', 'LAYOUT', 'NODES', 'ACCOUNTS', 'SERVICES', 'STATE', 'ISSUES'],
    views.map((v) => [
      v.cluster.name,
      v.cluster.layout,
      String(v.cluster.nodes.length),
      String(v.cluster.accounts.length),
      String(v.cluster.services.length),
      appliedState(v),
      String(v.issues.length),
    ]),
    'No cluster yet (see: clusterdeck cluster create --help).',
  );
}

/** The nodes of a cluster as a table. */
export function nodeRows(c: Cluster, name: NameOf): string[] {
  return table(
    ['NODE', 'PUBLIC IP', 'PRIVATE IP', 'ENABLED', 'LB MODE'],
    c.nodes.map((n) => [
      name(n.hostId),
      n.publicIp,
      n.privateIp ?? '-',
      n.enabled ? 'yes' : 'no',
      n.lbMode,
    ]),
    'No nodes.',
  );
}

/** The accounts of a cluster as a table. */
export function accountRows(c: Cluster): string[] {
  return table(
    ['ACCOUNT', 'DOMAIN', 'UID', 'GID', 'QUOTA'],
    c.accounts.map((a) => [
      a.name,
      a.domain,
      String(a.uid),
      String(a.gid),
      a.quotaMiB === 0 ? 'none' : `${a.quotaMiB} MiB`,
    ]),
    'No accounts.',
  );
}

/** The VIPs of a cluster with the services on each. */
export function vipRows(c: Cluster): string[] {
  return table(
    ['VIP', 'INTERFACE', 'SERVICES'],
    vipUses(c).map((u) => [
      u.vip.address,
      u.vip.interface ?? "(the public IP's)",
      u.services.join(', ') || '-',
    ]),
    'No VIPs.',
  );
}

/** The services of a cluster as a table, real servers by name. */
export function serviceRows(c: Cluster, name: NameOf): string[] {
  return table(
    ['SERVICE', 'NAME', 'LISTEN', 'METHOD', 'SCHEDULER', 'PERSISTENCE', 'CHECK', 'SERVERS'],
    c.services.map((s) => [
      s.id,
      s.name,
      serviceLabel(s),
      s.method.toUpperCase(),
      s.scheduler,
      persistenceText(s.persistence),
      checkText(s.check),
      serverEntries(c, s, name)
        .map((e) => `${e.name}${e.weight === 1 ? '' : ` (${e.weight})`}`)
        .join(', ') || '-',
    ]),
    'No services.',
  );
}

/** `cluster show` for people: the model in sections, names for hosts, then the findings. */
export function renderCluster(v: ClusterView, name: NameOf): string[] {
  const c = v.cluster;
  const m = c.manager;
  const out = [
    `cluster ${c.name}  (${c.layout}, ${appliedState(v)}, saved ${v.updatedAt})`,
    `manager  ${name(m.hostId)}  public ${m.publicIp}${m.privateIp ? `  private ${m.privateIp}` : ''}  quorum ${m.quorumIp}/${m.quorumPrefix}`,
    `storage  ${describeStorage(c, name)}`,
    '',
    ...nodeRows(c, name),
    '',
    ...accountRows(c),
  ];
  if (clusterVips(c).length > 0 || c.services.length > 0)
    out.push('', ...vipRows(c), '', ...serviceRows(c, name));
  if (v.issues.length > 0)
    out.push('', 'Findings:', ...v.issues.map((i) => `  ${i.severity}: ${i.field}: ${i.message}`));
  out.push(
    '',
    `The model as JSON (accepted back by cluster update): clusterdeck cluster show ${c.name} --json`,
  );
  return out;
}
