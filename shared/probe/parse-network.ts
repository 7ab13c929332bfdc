import { z } from 'zod';
import type { DefaultRoute, InterfaceAddress, NetInterface } from '../model/facts';

const IpJsonAddr = z.object({
  family: z.string(),
  local: z.string().optional(),
  prefixlen: z.number().optional(),
  scope: z.string().optional(),
});
const IpJsonLink = z.object({
  ifname: z.string(),
  operstate: z.string().optional(),
  address: z.string().optional(),
  link_type: z.string().optional(),
  addr_info: z.array(z.unknown()).optional(),
});

/** Parses `ip -j addr show`. Malformed entries are skipped rather than failing the probe. */
export function parseIpAddrJson(text: string): NetInterface[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: NetInterface[] = [];
  for (const item of raw) {
    const link = IpJsonLink.safeParse(item);
    if (!link.success) continue;
    const iface: NetInterface = {
      name: link.data.ifname,
      state: link.data.operstate ?? 'UNKNOWN',
      ipv4: [],
      ipv6: [],
    };
    if (link.data.address && link.data.link_type !== 'loopback' && link.data.link_type !== 'none')
      iface.mac = link.data.address;
    for (const a of link.data.addr_info ?? []) {
      const addr = IpJsonAddr.safeParse(a);
      if (!addr.success || addr.data.local === undefined || addr.data.prefixlen === undefined)
        continue;
      const entry: InterfaceAddress = { address: addr.data.local, prefix: addr.data.prefixlen };
      if (addr.data.scope !== undefined) entry.scope = addr.data.scope;
      if (addr.data.family === 'inet') iface.ipv4.push(entry);
      else if (addr.data.family === 'inet6') iface.ipv6.push(entry);
    }
    out.push(iface);
  }
  return out;
}

/**
 * Parses `ip -o addr show` (older iproute2 without -j). One line per address:
 * `4: eth0    inet 192.0.2.2/24 brd ... scope global eth0\  valid_lft ...`. This form has no
 * link state or MAC, so state is UNKNOWN.
 */
export function parseIpAddrOneline(text: string): NetInterface[] {
  const byName = new Map<string, NetInterface>();
  for (const line of text.split('\n')) {
    const m = /^\d+:\s+(\S+?)(?:@\S+)?\s+(inet6?)\s+([0-9a-fA-F.:]+)\/(\d+)(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, name = '', family, address = '', prefix = '0', rest = ''] = m;
    let iface = byName.get(name);
    if (!iface) {
      iface = { name, state: 'UNKNOWN', ipv4: [], ipv6: [] };
      byName.set(name, iface);
    }
    const entry: InterfaceAddress = { address, prefix: Number(prefix) };
    const scope = /\bscope\s+(\S+)/.exec(rest)?.[1];
    if (scope !== undefined) entry.scope = scope;
    (family === 'inet' ? iface.ipv4 : iface.ipv6).push(entry);
  }
  return [...byName.values()];
}

/** Parses `ip route show default` / `ip -6 route show default`. */
export function parseDefaultRoutes(text: string): DefaultRoute[] {
  const out: DefaultRoute[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('default')) continue;
    const dev = /\bdev\s+(\S+)/.exec(t)?.[1];
    if (dev === undefined) continue;
    const gateway = /\bvia\s+(?:inet6?\s+)?(\S+)/.exec(t)?.[1];
    out.push(gateway === undefined ? { dev } : { gateway, dev });
  }
  return out;
}
