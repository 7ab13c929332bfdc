import type { ServiceForm } from './service-form';

/** The form's fields that can carry a message: form keys, and per-node ones. */
export type FormField =
  | Exclude<keyof ServiceForm, 'servers' | 'preset'>
  | 'servers'
  | `server.${string}.weight`
  | `server.${string}.port`
  | `server.${string}.hostId`;

const DIRECT: Record<string, FormField> = {
  id: 'name',
  name: 'name',
  vip: 'vip',
  listen: 'ports',
  'listen.port': 'ports',
  'listen.ports': 'ports',
  'listen.mark': 'mark',
  'listen.ranges': 'ranges',
  protocol: 'protocol',
  scheduler: 'scheduler',
  persistence: 'persistence',
  'persistence.seconds': 'persistence',
  'persistence.netmask': 'netmask',
  method: 'method',
  check: 'checkKind',
  'check.kind': 'checkKind',
  'check.path': 'checkPath',
  'check.expectStatus': 'expectStatus',
  'check.intervalSec': 'intervalSec',
  'check.timeoutSec': 'timeoutSec',
  'check.retries': 'retries',
  'check.retryDelaySec': 'retryDelaySec',
  'check.port': 'checkPort',
  onFailure: 'onFailure',
  sorryServer: 'sorryIp',
  'sorryServer.ip': 'sorryIp',
  'sorryServer.port': 'sorryPort',
  realServers: 'servers',
  includeManager: 'managerWeight',
  'includeManager.weight': 'managerWeight',
};

/**
 * The form field of a path inside one service (`listen.ports.1` -> ports,
 * `realServers.0.weight` -> the weight of the first chosen node), or null.
 */
export function formFieldOf(rel: string, form: ServiceForm): FormField | null {
  const server = /^realServers\.(\d+)(?:\.(weight|port|hostId))?/.exec(rel);
  if (server !== null) {
    const row = form.servers.filter((r) => r.selected)[Number(server[1])];
    if (row === undefined) return 'servers';
    return `server.${row.hostId}.${(server[2] ?? 'hostId') as 'weight' | 'port' | 'hostId'}`;
  }
  // listen.ports.1, listen.ranges.0.to, check.port…: the longest known prefix names the field.
  const parts = rel.split('.');
  for (let n = parts.length; n > 0; n--) {
    const hit = DIRECT[parts.slice(0, n).join('.')];
    if (hit !== undefined) return hit;
  }
  return null;
}
