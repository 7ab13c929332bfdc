import type { LbService } from '../model/lb';

/** "port 80" or "fwmark 100: 443, 8443, 30000-30100". */
export function listenText(s: LbService): string {
  if (s.listen.kind === 'port') return `port ${s.listen.port}`;
  const ranges = s.listen.ranges.map((r) => `${r.from}-${r.to}`);
  return `fwmark ${s.listen.mark}: ${[...s.listen.ports, ...ranges].join(', ')}`;
}

/** The ports a service receives on, ranges included ("443", "30000-30100"). */
export function listenPorts(s: LbService): string[] {
  if (s.listen.kind === 'port') return [String(s.listen.port)];
  return [...s.listen.ports.map(String), ...s.listen.ranges.map((r) => `${r.from}-${r.to}`)];
}

const METHOD: Record<LbService['method'], string> = { dr: 'DR', nat: 'NAT', tun: 'TUN' };

/** The service's lines under its name: listen, "tcp · wlc · DR", persistence when on. */
export function serviceSublabel(s: LbService): string[] {
  const lines = [listenText(s), `${s.protocol} · ${s.scheduler} · ${METHOD[s.method]}`];
  if (s.persistence.seconds > 0)
    lines.push(`persistence ${s.persistence.seconds} s /${s.persistence.netmask}`);
  return lines;
}

/** A service's facts for the side panel. */
export function serviceFacts(s: LbService): { label: string; value: string }[] {
  const check =
    s.check.kind === 'none'
      ? 'none'
      : `${s.check.kind}${'path' in s.check ? ` ${s.check.path}` : ''} every ${s.check.intervalSec} s`;
  const facts = [
    { label: 'Service', value: `${s.name} (${s.id})` },
    { label: 'VIP', value: s.vip },
    { label: 'Listens on', value: listenText(s) },
    { label: 'Protocol', value: s.protocol },
    { label: 'Scheduler', value: s.scheduler },
    { label: 'Forwarding', value: METHOD[s.method] },
    {
      label: 'Persistence',
      value:
        s.persistence.seconds === 0
          ? 'off'
          : `${s.persistence.seconds} s per /${s.persistence.netmask}`,
    },
    { label: 'Check', value: check },
    { label: 'On failure', value: s.onFailure === 'remove' ? 'removed' : 'kept at weight 0' },
  ];
  if (s.sorryServer)
    facts.push({
      label: 'Sorry server',
      value: `${s.sorryServer.ip}${s.sorryServer.port ? `:${s.sorryServer.port}` : ''}`,
    });
  return facts;
}

/** "node1–node24" for a span of names. */
export function spanLabel(first: string, last: string): string {
  return first === last ? first : `${first}–${last}`;
}
