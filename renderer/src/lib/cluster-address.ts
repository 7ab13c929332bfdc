import type { ClusterLayout } from '../../../shared/model/cluster';
import { isPrivateIpv4, networkOf } from '../../../shared/model/cluster-net';
import { hostAddresses } from '../../../shared/model/cluster-suggest';
import type { HostFacts } from '../../../shared/model/facts';
import { isIPv4 } from '../../../shared/base/fields';

/** The address suggestions live in shared/ (the CLI's `node add` uses them too). */
export {
  addressNear,
  hostAddresses,
  primaryAddress,
  privateAddress,
  quorumReference,
  suggestManagerAddresses,
  suggestNodeAddresses,
  type ManagerAddresses,
} from '../../../shared/model/cluster-suggest';

/** "192.0.2.0/24" for an address and prefix; '' when the address is not IPv4. */
export function subnetLabel(ip: string, prefix: number): string {
  return isIPv4(ip) ? `${networkOf(ip, prefix)}/${prefix}` : '';
}

/**
 * The layout the probed hosts suggest: public+private when every host has a private address
 * next to a public one, private-nat when they have private addresses only, else all-public.
 */
export function recommendLayout(all: readonly HostFacts[]): ClusterLayout | null {
  if (all.length === 0) return null;
  const kinds = all.map((f) => {
    const addrs = hostAddresses(f);
    const priv = addrs.some((a) => isPrivateIpv4(a.address));
    const pub = addrs.some((a) => !isPrivateIpv4(a.address));
    return priv && pub ? 'both' : priv ? 'private' : 'public';
  });
  if (kinds.every((k) => k === 'both')) return 'public-private';
  if (kinds.every((k) => k === 'private')) return 'private-nat';
  return 'public';
}
