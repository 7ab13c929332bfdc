import type { HostKeyInfo } from '../../../shared/model/host';
import {
  judgeHostKey,
  readKnownHostsFiles,
  type HostKey,
  type HostKeyVerdict,
  type KnownHosts,
  type KnownHostKey,
} from '../ssh/host-keys';
import type { HostKeyTarget, HostKeyVerifier } from '../ssh/types';
import type { HostsRepository } from '../store/hosts-repository';

/**
 * Decides whether a presented host key may be used. The keys that decide for a host are the one
 * the user trusted in ClusterDeck or, while there is none, those recorded for its address and
 * port in the user's known_hosts files (hashed entries too). A presented key among them is
 * trusted; any other key is a change and is refused, also when it is of another type than the
 * known ones (no downgrade to a first-use prompt); a revoked key is refused always. Only a host
 * with no known key is unknown, and its key is remembered so the user can be shown exactly what
 * to trust.
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
    const files = readKnownHostsFiles(this.knownHostsFiles);
    const known = this.decidingKeys(hostId, address, port, files);
    // Revocation in known_hosts wins over our own trust too.
    const verdict = judgeHostKey(known, key.fingerprint, files.isRevoked(key.blob));
    // Record known_hosts trust so the UI shows the fingerprint and later changes are caught
    // here too.
    if (verdict === 'trusted' && known.every((k) => k.source === 'known_hosts')) {
      this.hosts.trustKey(hostId, { keyType: key.keyType, fingerprint: key.fingerprint });
    }
    return verdict;
  }

  /** The keys that decide for host `hostId` at address:port (see the class comment). */
  knownKeys(hostId: string, address: string, port: number): KnownHostKey[] {
    return this.decidingKeys(hostId, address, port, readKnownHostsFiles(this.knownHostsFiles));
  }

  /** This policy as the SSH pool's verifier, naming the known keys before each handshake. */
  verifier(): HostKeyVerifier {
    const verify = (t: HostKeyTarget, key: HostKey): HostKeyVerdict =>
      this.verify(t.hostId, t.host, t.port, key);
    return Object.assign(verify, {
      knownKeys: (t: HostKeyTarget) => this.knownKeys(t.hostId, t.host, t.port),
    });
  }

  /** The key the host presented at its last connection attempt, if any. */
  lastSeen(hostId: string): HostKeyInfo | undefined {
    return this.seen.get(hostId);
  }

  private decidingKeys(
    hostId: string,
    address: string,
    port: number,
    files: KnownHosts,
  ): KnownHostKey[] {
    const trusted = this.hosts.get(hostId).trustedKey;
    if (trusted) return [{ ...trusted, source: 'clusterdeck' }];
    return files.knownKeys(address, port);
  }
}
