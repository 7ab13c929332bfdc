import { describeDown } from '../../shared/lb/keepalived-log';
import type { DriftReport, LbServiceStatus, LbStatus } from '../../shared/lb/status';
import { columns } from './table';

function serviceHead(s: LbServiceStatus): string {
  const parts = [s.label];
  if (s.name !== s.label) parts.unshift(s.name);
  if (s.pending) parts.push('PENDING APPLY');
  else if (!s.present) parts.push('NOT IN IPVS');
  if (s.scheduler) parts.push(s.scheduler);
  if (s.method) parts.push(s.method.toUpperCase());
  if (s.persistenceSec) parts.push(`persistent ${s.persistenceSec} s`);
  if (s.stats) parts.push(`${s.stats.conns} conns`);
  if (s.rate) parts.push(`${s.rate.conns} conn/s`);
  return parts.join('  ');
}

function serverRows(s: LbServiceStatus): string[][] {
  return [
    ['STATE', 'HOST', 'ADDRESS', 'FORWARD', 'WEIGHT', 'ACTIVE', 'INACTIVE', 'CONN/S'],
    ...s.realServers.map((r) => [
      r.state,
      r.hostName ?? r.hostId ?? '-',
      `${r.address}:${r.port}`,
      r.forward ?? '-',
      `${r.weight ?? '-'}${r.modelWeight === null || r.modelWeight === r.weight ? '' : ` (model ${r.modelWeight})`}`,
      String(r.activeConns),
      String(r.inactiveConns),
      r.rate ? String(r.rate.conns) : '-',
    ]),
  ];
}

/** lb:status for people: a header, each service with its real servers, then the drift. */
export function renderLbStatus(
  status: LbStatus,
  names: { cluster: string; manager: string },
): string {
  const out = [
    `cluster ${names.cluster}  manager ${names.manager}  keepalived ${status.keepalived}  at ${status.at}`,
  ];
  if (status.error) out.push(`error: ${status.error}`);
  if (status.services.length === 0) out.push('', 'No services.');
  for (const s of status.services) {
    out.push('', serviceHead(s));
    if (s.realServers.length === 0) out.push('  (no real servers)');
    else out.push(...columns(serverRows(s)).map((l) => `  ${l}`));
    for (const r of s.realServers)
      if (r.down !== null) out.push(`  ${r.address}:${r.port} ${describeDown(r.down)}`);
  }
  if (status.ipvsDrift.length > 0) {
    out.push('', 'IPVS against the model:');
    for (const d of status.ipvsDrift) out.push(`  ${d.service}: ${d.message}`);
  }
  return `${out.join('\n')}\n`;
}

const indent = (text: string, pad: string): string =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `${pad}${l}`)
    .join('\n');

/** lb:drift for people: each step not in place with why and its file diffs, then IPVS. */
export function renderDrift(report: DriftReport, clusterName: string): string {
  const out = [
    report.inSync
      ? `cluster ${clusterName}: every step is in place`
      : `cluster ${clusterName}: ${report.items.length} step${report.items.length === 1 ? '' : 's'} not in place`,
  ];
  for (const i of report.items) {
    out.push('', `[${i.hostName}] ${i.title}  [${i.stepId}]`, indent(i.detail, '    '));
    for (const f of i.files) out.push(`    file: ${f.path}`, indent(f.diff, '      '));
  }
  if (report.ipvsDrift.length > 0) {
    out.push('', 'IPVS against the model:');
    for (const d of report.ipvsDrift) out.push(`  ${d.service}: ${d.message}`);
  }
  if (!report.inSync) out.push('', `To put it back: clusterdeck apply ${clusterName} --full`);
  return `${out.join('\n')}\n`;
}
