import { networkOf } from '../../../shared/model/cluster-net';
import { isIPv4 } from '../../../shared/base/fields';

/** The address suggestions live in shared/ (the CLI's `node add` uses them too). */
export {
  addressNear,
  hostAddresses,
  primaryAddress,
  privateAddress,
  quorumReference,
  recommendLayout,
  suggestManagerAddresses,
  suggestNodeAddresses,
  type ManagerAddresses,
} from '../../../shared/model/cluster-suggest';

/** "192.0.2.0/24" for an address and prefix; '' when the address is not IPv4. */
export function subnetLabel(ip: string, prefix: number): string {
  return isIPv4(ip) ? `${networkOf(ip, prefix)}/${prefix}` : '';
}
