import { isIPv4, isInterfaceName } from '../base/fields';
import type { Cluster } from './cluster';
import type { HostFacts } from './facts';

/** An IPv4 address as a 32-bit unsigned number; NaN when the text is not dotted-quad IPv4. */
export function ipv4ToInt(ip: string): number {
  if (!isIPv4(ip)) return NaN;
  return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

/** The dotted-quad text of a 32-bit number. */
export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function maskOf(prefix: number): number {
  return prefix <= 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0;
}

/** The network address of `ip/prefix`, e.g. 10.20.0.0 for 10.20.0.2/24. */
export function networkOf(ip: string, prefix: number): string {
  return intToIpv4((ipv4ToInt(ip) & maskOf(prefix)) >>> 0);
}

/** The broadcast address of `ip/prefix`. */
export function broadcastOf(ip: string, prefix: number): string {
  return intToIpv4((ipv4ToInt(ip) | (~maskOf(prefix) >>> 0)) >>> 0);
}

/** Whether two IPv4 addresses sit in the same `prefix`-long subnet. */
export function sameSubnet(a: string, b: string, prefix: number): boolean {
  return isIPv4(a) && isIPv4(b) && networkOf(a, prefix) === networkOf(b, prefix);
}

/** Whether an address is in the private ranges of RFC 1918 (what a LAN behind NAT uses). */
export function isPrivateIpv4(ip: string): boolean {
  return (
    sameSubnet(ip, '10.0.0.0', 8) ||
    sameSubnet(ip, '172.16.0.0', 12) ||
    sameSubnet(ip, '192.168.0.0', 16)
  );
}

/**
 * Why an address cannot be a host's unicast address (0/8, loopback, link-local, multicast,
 * reserved, limited broadcast), or null when it can.
 */
export function reservedIpv4Reason(ip: string): string | null {
  const ranges: [string, number, string][] = [
    ['0.0.0.0', 8, 'is in 0.0.0.0/8 ("this network")'],
    ['127.0.0.0', 8, 'is a loopback address'],
    ['169.254.0.0', 16, 'is a link-local address'],
    ['224.0.0.0', 4, 'is a multicast address'],
    ['240.0.0.0', 4, 'is in the reserved range 240.0.0.0/4'],
  ];
  for (const [net, prefix, why] of ranges) if (sameSubnet(ip, net, prefix)) return why;
  return null;
}

/** An IPv4 address configured on one of a host's interfaces. */
export interface InterfaceAddressRef {
  iface: string;
  address: string;
  prefix: number;
}

/** Every IPv4 address of a host, with its interface and prefix. */
export function ipv4Addresses(facts: HostFacts): InterfaceAddressRef[] {
  return facts.interfaces.flatMap((i) =>
    i.ipv4.map((a) => ({ iface: i.name, address: a.address, prefix: a.prefix })),
  );
}

/** The interface address equal to `ip`, if the host has it. */
export function findAddress(facts: HostFacts, ip: string): InterfaceAddressRef | undefined {
  return ipv4Addresses(facts).find((a) => a.address === ip);
}

/**
 * The interface that carries (or would carry) `ip`: the one that has it already, else the one
 * with an address whose own subnet contains it. Loopback never counts.
 */
export function interfaceFor(facts: HostFacts, ip: string): InterfaceAddressRef | undefined {
  const all = ipv4Addresses(facts).filter((a) => a.iface !== 'lo' && a.prefix < 32);
  return all.find((a) => a.address === ip) ?? all.find((a) => sameSubnet(a.address, ip, a.prefix));
}

/**
 * The interface of the quorum IP: the model's choice, else the one on its subnet in the
 * manager's facts. A probed name that is not a plain interface name is not used (it would
 * land in paths and files).
 */
export function quorumInterface(
  c: Cluster,
  managerFacts: HostFacts | undefined,
): string | undefined {
  const iface =
    c.manager.quorumInterface ??
    (managerFacts && interfaceFor(managerFacts, c.manager.quorumIp)?.iface);
  return iface !== undefined && isInterfaceName(iface) ? iface : undefined;
}
