import type { SnapshotBody, SnapshotHost } from '../../shared/snapshot/format';
import { renderCluster } from './cluster-render';
import { renderLbStatus } from './lb-render';
import { columns, table } from './table';

/** `snapshot show` for people: what a snapshot file holds, read with no connection. */

function queueText(h: SnapshotHost): string {
  const q = h.queue;
  if (q === null) return '-';
  const failed = q.items.filter((i) => i.state === 'failed').length;
  return `${q.status} (${q.pending} pending${failed > 0 ? `, ${failed} failed` : ''})`;
}

function hostRows(body: SnapshotBody): string[] {
  return table(
    ['HOST', 'ADDRESS', 'REACHABLE', 'OS', 'KERNEL', 'QUEUE'],
    body.hosts.map((h) => [
      h.host.name,
      `${h.host.address}:${h.host.port}`,
      h.reachable ? 'yes' : `no (${h.error?.message ?? 'unknown'})`,
      h.facts?.os.prettyName ?? '-',
      h.facts?.kernel ?? '-',
      queueText(h),
    ]),
    'No hosts.',
  );
}

function driftLines(body: SnapshotBody): string[] {
  if (body.drift === null) return [`Drift: not known (${body.driftError ?? 'not read'})`];
  const d = body.drift;
  if (d.inSync && d.ipvsDrift.length === 0) return ['Drift: none, every step was in place'];
  const n = d.items.length;
  return [
    `Drift: ${n} step${n === 1 ? '' : 's'} not in place${d.ipvsDrift.length > 0 ? `, ${d.ipvsDrift.length} IPVS difference(s)` : ''}`,
    ...d.items.map(
      (i) =>
        `  [${i.hostName}] ${i.title}${i.files.length > 0 ? ` (${i.files.map((f) => f.path).join(', ')})` : ''}`,
    ),
    ...d.ipvsDrift.map((x) => `  ${x.service}: ${x.message}`),
  ];
}

/** The summary of a snapshot: header, hosts, model, load balancing, drift, redactions. */
export function renderSnapshot(body: SnapshotBody): string {
  const view = body.cluster;
  const names = new Map(body.hosts.map((h) => [h.host.id, h.host.name]));
  const name = (id: string) => names.get(id) ?? id;
  const reason = body.reason === 'before-apply' ? 'taken before an apply' : 'taken by the admin';
  const failures = body.hosts.reduce(
    (n, h) => n + (h.queue?.items.filter((i) => i.state === 'failed').length ?? 0),
    0,
  );
  const model = renderCluster(view, name).filter((l) => !l.startsWith('The model as JSON'));
  while (model.at(-1) === '') model.pop();
  const out = [
    `snapshot of cluster ${view.cluster.name}  taken ${body.takenAt}  by ClusterDeck ${body.appVersion}  (${reason})`,
    '',
    ...hostRows(body),
    ...(failures > 0
      ? [`${failures} failed queue step(s): clusterdeck snapshot show FILE --json has their errors`]
      : []),
    '',
    ...model,
    '',
    body.lb === null
      ? 'Load balancing: not read'
      : renderLbStatus(body.lb, {
          cluster: view.cluster.name,
          manager: name(body.lb.managerHostId),
        }).replace(/\n$/, ''),
    '',
    ...driftLines(body),
    '',
    body.redactions.length === 0
      ? 'Redactions: none'
      : `Redactions (secrets taken out): ${body.redactions.length}`,
    ...columns(body.redactions.map((r) => [r.what, r.where])).map((l) => `  ${l}`),
  ];
  return `${out.join('\n')}\n`;
}
