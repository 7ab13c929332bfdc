/**
 * Parser of `ipvsadm -Ln` and of its `--stats` / `--rate` variants (with or without
 * `--exact`). Line formats follow ipvsadm's print_title / print_service_entry:
 *   "TCP  10.10.0.100:80 wlc persistent 300 mask 255.255.255.0"
 *   "  -> 10.10.0.11:80                Route   1      0          0"
 *   "FWM  100 wlc persistent 1800"
 * Counters above 10^8 are printed as e.g. "123456K" unless --exact is given.
 */

/** The forwarding word of ipvsadm, and what it means in the model. */
export const FORWARD_METHODS = {
  Route: 'dr',
  Masq: 'nat',
  Tunnel: 'tun',
  Local: 'local',
  Bypass: 'bypass',
} as const;
export type IpvsForward = keyof typeof FORWARD_METHODS;

/** Five counters of --stats (totals) or --rate (per second). */
export interface IpvsCounters {
  conns: number;
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
}

/** One real server under a service. */
export interface IpvsDestination {
  address: string;
  port: number;
  /** From the plain listing only. */
  /** Route, Masq, Tunnel, Local (see FORWARD_METHODS), or a word of a newer ipvsadm. */
  forward?: string;
  weight?: number;
  activeConns?: number;
  inactiveConns?: number;
  stats?: IpvsCounters;
  rate?: IpvsCounters;
}

/** One virtual service. */
export interface IpvsService {
  /** "tcp 10.10.0.100:80", "udp 10.10.0.100:53" or "fwmark 100": the join key. */
  key: string;
  protocol: 'tcp' | 'udp' | 'sctp' | 'fwmark';
  address?: string;
  port?: number;
  fwmark?: number;
  scheduler?: string;
  /** Scheduler flags in parentheses, e.g. sh-fallback. */
  schedulerFlags?: string[];
  persistence?: { timeout: number; netmask?: string };
  onePacket?: boolean;
  stats?: IpvsCounters;
  rate?: IpvsCounters;
  destinations: IpvsDestination[];
}

/** What one listing held. */
export interface IpvsTable {
  version?: string;
  tableSize?: number;
  format: 'list' | 'stats' | 'rate';
  services: IpvsService[];
}

const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A counter as ipvsadm prints it: digits, optionally K/M/G/T (decimal thousands). */
export function parseCounter(word: string): number {
  const m = /^([0-9]+)([KMGT]?)$/.exec(word);
  if (m === null) throw new Error(`not an ipvsadm counter: ${word}`);
  return Number(m[1]) * (m[2] ? (SUFFIX[m[2]] ?? 1) : 1);
}

function counters(words: string[]): IpvsCounters {
  const [conns, inPkts, outPkts, inBytes, outBytes] = words.map(parseCounter);
  if (
    outBytes === undefined ||
    conns === undefined ||
    inPkts === undefined ||
    outPkts === undefined ||
    inBytes === undefined
  )
    throw new Error(`expected 5 counters, got: ${words.join(' ')}`);
  return { conns, inPkts, outPkts, inBytes, outBytes };
}

/** "10.0.0.1:80" or "[2001:db8::1]:80". */
function addrPort(text: string): { address: string; port: number } {
  const m = /^\[?([0-9A-Fa-f.:]+?)\]?:([0-9]+)$/.exec(text);
  if (m === null) throw new Error(`not an address:port: ${text}`);
  return { address: m[1] ?? '', port: Number(m[2]) };
}

function serviceHead(words: string[]): {
  service: IpvsService;
  rest: string[];
} {
  const [prot = '', target = '', ...rest] = words;
  if (prot === 'FWM') {
    const fwmark = Number(target);
    // IPv6 firewall-mark services print "FWM  100 IPv6".
    if (rest[0] === 'IPv6') rest.shift();
    return {
      service: {
        key: `fwmark ${fwmark}`,
        protocol: 'fwmark',
        fwmark,
        destinations: [],
      },
      rest,
    };
  }
  const protocol = prot.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp')
    throw new Error(`unknown ipvsadm protocol: ${prot}`);
  const { address, port } = addrPort(target);
  return {
    service: {
      key: `${protocol} ${address}:${port}`,
      protocol,
      address,
      port,
      destinations: [],
    },
    rest,
  };
}

/** Scheduler and flags after the service address in the plain listing. */
function serviceFlags(s: IpvsService, rest: string[]): void {
  s.scheduler = rest.shift();
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] ?? '';
    if (w.startsWith('(')) {
      let group = w;
      while (!group.endsWith(')') && i + 1 < rest.length) group += ` ${rest[++i] ?? ''}`;
      s.schedulerFlags = group
        .replace(/^\(|\)$/g, '')
        .split(',')
        .map((x) => x.trim());
    } else if (w === 'persistent') {
      s.persistence = { timeout: Number(rest[++i]) };
    } else if (w === 'mask' && s.persistence) {
      s.persistence.netmask = rest[++i];
    } else if (w === 'ops') {
      s.onePacket = true;
    }
  }
}

/**
 * Parses one `ipvsadm -Ln` listing (plain, --stats or --rate). Throws on a line it does not
 * understand, so a changed output format is noticed instead of being read as "no services".
 */
export function parseIpvsadm(text: string): IpvsTable {
  const table: IpvsTable = { format: 'list', services: [] };
  let current: IpvsService | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const version = /^IP Virtual Server version ([0-9.]+) \(size=([0-9]+)\)$/.exec(line);
    if (version) {
      table.version = version[1];
      table.tableSize = Number(version[2]);
      continue;
    }
    if (line.startsWith('Prot LocalAddress:Port')) {
      if (/\bConns\b/.test(line)) table.format = 'stats';
      else if (/\bCPS\b/.test(line)) table.format = 'rate';
      continue;
    }
    if (/^ {2}-> RemoteAddress:Port/.test(line)) continue;
    const words = line.trim().split(/\s+/);
    if (line.startsWith('  -> ')) {
      if (current === undefined) throw new Error(`real server before any service: ${line}`);
      const [, target = '', ...rest] = words;
      const d: IpvsDestination = addrPort(target);
      if (table.format === 'list') {
        const [forward, weight, active, inactive] = rest;
        if (forward === undefined || inactive === undefined)
          throw new Error(`short real-server line: ${line}`);
        Object.assign(d, {
          forward,
          weight: Number(weight),
          activeConns: Number(active),
          inactiveConns: Number(inactive),
        });
      } else d[table.format] = counters(rest);
      current.destinations.push(d);
      continue;
    }
    if (/^(TCP|UDP|SCTP|FWM) /.test(line)) {
      const { service, rest } = serviceHead(words);
      if (table.format === 'list') serviceFlags(service, rest);
      else service[table.format] = counters(rest);
      table.services.push(service);
      current = service;
      continue;
    }
    throw new Error(`unexpected ipvsadm line: ${line}`);
  }
  return table;
}

/**
 * One table from the plain listing with the counters of the --stats and --rate listings
 * joined in (by service key and real server address:port), for the live status view.
 */
export function mergeIpvs(list: IpvsTable, ...extra: IpvsTable[]): IpvsTable {
  const out: IpvsTable = {
    ...list,
    services: list.services.map((s) => ({
      ...s,
      destinations: s.destinations.map((d) => ({ ...d })),
    })),
  };
  for (const t of extra) {
    if (t.format === 'list') continue;
    const kind = t.format;
    for (const s of t.services) {
      const into = out.services.find((x) => x.key === s.key);
      if (into === undefined) continue;
      if (s[kind]) into[kind] = s[kind];
      for (const d of s.destinations) {
        const dest = into.destinations.find((x) => x.address === d.address && x.port === d.port);
        if (dest && d[kind]) dest[kind] = d[kind];
      }
    }
  }
  return out;
}
