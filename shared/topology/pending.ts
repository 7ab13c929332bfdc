import type { Cluster, ClusterNode } from '../model/cluster';
import type { LbService } from '../model/lb';
import { listenText } from './labels';

/**
 * What differs between the desired and the applied model, per thing drawn: "new", "removed",
 * or "<what> <applied> -> <desired>". A never-applied cluster (applied null) is new throughout.
 */

const change = (what: string, from: unknown, to: unknown): string[] =>
  String(from) === String(to) ? [] : [`${what} ${String(from)} -> ${String(to)}`];

/** A node's differences; `removed` when only the applied model has it. */
export function nodePending(
  desired: ClusterNode | undefined,
  applied: ClusterNode | undefined,
  appliedModel: Cluster | null,
): string[] {
  if (desired === undefined) return ['removed'];
  if (appliedModel === null || applied === undefined) return ['new'];
  return [
    ...change('enabled', applied.enabled, desired.enabled),
    ...change('mode', applied.lbMode, desired.lbMode),
    ...change('public IP', applied.publicIp, desired.publicIp),
    ...change('private IP', applied.privateIp ?? 'none', desired.privateIp ?? 'none'),
  ];
}

/** The manager's differences (a different manager host is drawn as a new host). */
export function managerPending(c: Cluster, applied: Cluster | null): string[] {
  if (applied === null || applied.manager.hostId !== c.manager.hostId) return ['new'];
  const a = applied.manager;
  const d = c.manager;
  return [
    ...change('public IP', a.publicIp, d.publicIp),
    ...change('private IP', a.privateIp ?? 'none', d.privateIp ?? 'none'),
    ...change('quorum IP', `${a.quorumIp}/${a.quorumPrefix}`, `${d.quorumIp}/${d.quorumPrefix}`),
  ];
}

/** The site storage's differences. */
export function storagePending(c: Cluster, applied: Cluster | null): string[] {
  if (applied === null) return ['new'];
  const a = applied.storage;
  const d = c.storage;
  if (a.kind !== d.kind) return [`storage ${a.kind} -> ${d.kind}`];
  const out = change('device', a.device ?? 'none', d.device ?? 'none');
  if (a.kind === 'external' && d.kind === 'external') {
    out.push(...change('host', a.hostId, d.hostId));
    out.push(...change('export', `${a.address}:${a.exportPath}`, `${d.address}:${d.exportPath}`));
  }
  return out;
}

/** A service's differences (its real servers are the edges' business). */
export function servicePending(
  desired: LbService | undefined,
  applied: LbService | undefined,
  appliedModel: Cluster | null,
): string[] {
  if (desired === undefined) return ['removed'];
  if (appliedModel === null || applied === undefined) return ['new'];
  const persistence = (s: LbService) =>
    s.persistence.seconds === 0 ? 'off' : `${s.persistence.seconds} s /${s.persistence.netmask}`;
  const sorry = (s: LbService) =>
    s.sorryServer ? `${s.sorryServer.ip}:${s.sorryServer.port ?? '-'}` : 'none';
  return [
    ...change('name', applied.name, desired.name),
    ...change('VIP', applied.vip, desired.vip),
    ...change('listen', listenText(applied), listenText(desired)),
    ...change('protocol', applied.protocol, desired.protocol),
    ...change('scheduler', applied.scheduler, desired.scheduler),
    ...change('method', applied.method, desired.method),
    ...change('persistence', persistence(applied), persistence(desired)),
    ...change('check', applied.check.kind, desired.check.kind),
    ...change('on failure', applied.onFailure, desired.onFailure),
    ...change('sorry server', sorry(applied), sorry(desired)),
  ];
}

/**
 * A serves edge's differences: weights are the model's (drain and maintenance are the node's
 * own pending mode). `weight` is undefined where that model does not have the edge.
 */
export function servesPending(
  desiredWeight: number | undefined,
  appliedWeight: number | undefined,
  appliedModel: Cluster | null,
): string[] {
  if (desiredWeight === undefined) return ['removed'];
  if (appliedModel === null || appliedWeight === undefined) return ['new'];
  return change('weight', appliedWeight, desiredWeight);
}

/** A thing present (by key) in the desired and/or the applied model: new, removed or none. */
export function presencePending(
  inDesired: boolean,
  inApplied: boolean,
  appliedModel: Cluster | null,
): string[] {
  if (!inDesired) return ['removed'];
  return appliedModel === null || !inApplied ? ['new'] : [];
}
