import { isIPv4 } from '../base/fields';
import type { ClusterAccount, ClusterLayout } from './cluster';
import {
  ipv4Addresses,
  isPrivateIpv4,
  networkOf,
  sameSubnet,
  type InterfaceAddressRef,
} from './cluster-net';
import type { HostFacts } from './facts';

/**
 * What a new part of a cluster model starts from: the next free account ids, and a host's
 * addresses read from its facts. The app's forms and the CLI's `account add` and `node add`
 * suggest the same values.
 */

/** Lowest uid/gid ClusterDeck suggests for hosting accounts. */
export const FIRST_ACCOUNT_ID = 2000;

/** The quota a new account starts with, in MiB (the admin changes it; 0 is no limit). */
export const DEFAULT_QUOTA_MIB = 1024;

/** The next free uid or gid: one above the highest in use, at least {@link FIRST_ACCOUNT_ID}. */
export function suggestAccountId(accounts: readonly ClusterAccount[], key: 'uid' | 'gid'): number {
  return accounts.reduce((max, a) => Math.max(max, a[key] + 1), FIRST_ACCOUNT_ID);
}

/** A host's usable IPv4 addresses: no loopback, no host routes (/32). */
export function hostAddresses(facts: HostFacts | null | undefined): InterfaceAddressRef[] {
  if (!facts) return [];
  return ipv4Addresses(facts).filter(
    (a) => a.iface !== 'lo' && !a.address.startsWith('127.') && a.prefix < 32,
  );
}

/** The address on the default route's interface (what the host is reached by), else the first. */
export function primaryAddress(facts: HostFacts | null | undefined): InterfaceAddressRef | null {
  const all = hostAddresses(facts);
  const dev = facts?.defaultRoutes[0]?.dev;
  return all.find((a) => a.iface === dev) ?? all[0] ?? null;
}

/** The host's address in the same subnet as `ref` (by the host's own prefix), if any. */
export function addressNear(
  facts: HostFacts | null | undefined,
  ref: string,
): InterfaceAddressRef | null {
  if (!isIPv4(ref)) return null;
  return hostAddresses(facts).find((a) => sameSubnet(a.address, ref, a.prefix)) ?? null;
}

/** The host's first private (RFC 1918) address other than `except`: its LAN address. */
export function privateAddress(
  facts: HostFacts | null | undefined,
  except = '',
): InterfaceAddressRef | null {
  return hostAddresses(facts).find((a) => isPrivateIpv4(a.address) && a.address !== except) ?? null;
}

/** The manager's addresses that decide where the quorum IP and node addresses belong. */
export interface ManagerAddresses {
  layout: ClusterLayout;
  publicIp: string;
  privateIp: string;
  quorumIp: string;
}

/** The address whose subnet the quorum IP must be in: public in all-public, else private. */
export function quorumReference(m: Omit<ManagerAddresses, 'quorumIp'>): string {
  if (m.layout === 'public') return m.publicIp;
  if (m.layout === 'public-private') return m.privateIp;
  return m.privateIp !== '' ? m.privateIp : m.publicIp;
}

/** The manager's public and (where the layout has one) private address, from its facts. */
export function suggestManagerAddresses(
  facts: HostFacts | null | undefined,
  layout: ClusterLayout,
): { publicIp: string; privateIp: string } {
  const primary = primaryAddress(facts)?.address ?? '';
  if (layout === 'public') return { publicIp: primary, privateIp: '' };
  const lan = privateAddress(facts, layout === 'public-private' ? primary : '')?.address ?? '';
  // Behind NAT the "public" address is the private one the NAT forwards to.
  return layout === 'private-nat'
    ? { publicIp: lan || primary, privateIp: lan }
    : {
        publicIp: primary,
        privateIp: lan,
      };
}

/** A node's addresses matched by subnet with the manager's. */
export function suggestNodeAddresses(
  facts: HostFacts | null | undefined,
  m: ManagerAddresses,
): { publicIp: string; privateIp: string } {
  const publicNear = addressNear(facts, m.publicIp)?.address;
  const privateRef = m.privateIp !== '' ? m.privateIp : m.quorumIp;
  const privateNear = addressNear(facts, privateRef)?.address ?? '';
  if (m.layout === 'public') {
    return { publicIp: publicNear ?? primaryAddress(facts)?.address ?? '', privateIp: '' };
  }
  if (m.layout === 'public-private') {
    const pub = publicNear ?? primaryAddress(facts)?.address ?? '';
    return { publicIp: pub, privateIp: privateNear || (privateAddress(facts, pub)?.address ?? '') };
  }
  const lan = privateNear || (privateAddress(facts)?.address ?? '');
  return { publicIp: publicNear ?? lan, privateIp: lan };
}

/**
 * The layout the probed hosts' networks suggest: public+private when every host sits on two
 * networks or more (the default route's one serves the sites, the other carries the cluster's
 * own traffic), whether or not the first is a public range; private-nat when every host has
 * private addresses on one network only; else all-public. Null without probed hosts.
 */
export function recommendLayout(all: readonly HostFacts[]): ClusterLayout | null {
  if (all.length === 0) return null;
  const kinds = all.map((f) => {
    const addrs = hostAddresses(f);
    const networks = new Set(addrs.map((a) => `${networkOf(a.address, a.prefix)}/${a.prefix}`));
    if (networks.size >= 2) return 'two';
    return addrs.length > 0 && addrs.every((a) => isPrivateIpv4(a.address)) ? 'private' : 'public';
  });
  if (kinds.every((k) => k === 'two')) return 'public-private';
  if (kinds.every((k) => k === 'private')) return 'private-nat';
  return 'public';
}
