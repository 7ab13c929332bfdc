import type { Cluster, ClusterLayout } from './cluster';

/**
 * How a cluster model reads for people (layouts, storage, whether the hosts have it), for the
 * app's pages and the CLI's tables alike.
 */

/** The three layouts with a one-line explanation each. */
export const LAYOUTS: { value: ClusterLayout; label: string; explain: string }[] = [
  {
    value: 'public',
    label: 'All public',
    explain:
      'Every host has public addresses only; the cluster talks over the public network, so the manager needs a second public IP as quorum IP.',
  },
  {
    value: 'public-private',
    label: 'Public + private',
    explain:
      'Sites are served on public addresses; the hosts talk to each other over a private LAN, where the quorum IP lives.',
  },
  {
    value: 'private-nat',
    label: 'Private behind NAT',
    explain:
      'Every host has private addresses only; a NAT or firewall in front forwards public traffic to the manager.',
  },
];

/** The label of a layout. */
export function layoutLabel(layout: ClusterLayout): string {
  return LAYOUTS.find((l) => l.value === layout)?.label ?? layout;
}

/**
 * Whether two JSON-like values are equal in content: key order does not matter and a key
 * holding `undefined` equals a missing key (what JSON and the engine's store do).
 */
export function sameModel(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameModel(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameModel(ra[k], rb[k])) return false;
  return true;
}

/** Whether the desired model has changes the hosts do not have yet (never applied counts). */
export function hasUnapplied(view: { cluster: Cluster; applied: Cluster | null }): boolean {
  return view.applied === null || !sameModel(view.applied, view.cluster);
}

/** Where the shared storage lives, in words: "on the manager (/dev/vdb)". */
export function describeStorage(c: Cluster, hostName: (id: string) => string): string {
  const s = c.storage;
  const device = s.device === undefined ? '' : `, formats blank ${s.device}`;
  if (s.kind === 'manager') return `on the manager${device}`;
  return `NFS ${s.address}:${s.exportPath} on ${hostName(s.hostId)}${device}`;
}
