import type { HostKeyInfo } from '../../../shared/model/host';
import { combineVerdicts, readKnownHosts, type HostKey, type HostKeyVerdict } from '../ssh/host-keys';
import type { HostsRepository } from '../store/hosts-repository';

/**
 * Decides whether a presented host key may be used. A key the user trusted in ClusterDeck, or
 * one recorded for the host in the user's known_hosts (hashed entries too), is trusted; a
 * different key of a known type is a change and is refused; anything else is unknown and is
 * remembered so the user can be shown exactly what to trust.
 */
export class HostKeyPolicy {
  private readonly seen = new Map<string, HostKeyInfo>();

  constructor(
    private readonly hosts: HostsRepository,
    private readonly knownHostsFiles: readonly string[],
  ) {}

  /** The verdict on `key` presented by host `hostId` at address:port. */
  verify(hostId: string, address: string, port: number, key: HostKey): HostKeyVerdict {
    this.seen.set(hostId, { keyType: key.keyType, fingerprint: key.fingerprint });
    const trusted = this.hosts.get(hostId).trustedKey;
    const fromFiles = this.knownHostsFiles.map((f) => readKnownHosts(f).verdict(address, port, key.blob));
    if (trusted) {
      // Revocation in known_hosts still wins over our own trust.
      if (fromFiles.includes('revoked')) return 'revoked';
      return trusted.fingerprint === key.fingerprint ? 'trusted' : 'changed';
    }
    const verdict = combineVerdicts(fromFiles);
    // Record known_hosts trust so the UI shows the fingerprint and later changes are caught here too.
    if (verdict === 'trusted') this.hosts.trustKey(hostId, { keyType: key.keyType, fingerprint: key.fingerprint });
    return verdict;
  }

  /** The key the host presented at its last connection attempt, if any. */
  lastSeen(hostId: string): HostKeyInfo | undefined {
    return this.seen.get(hostId);
  }
}
