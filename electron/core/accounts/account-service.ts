import type { ClusterView, SiteAnswer } from '../../../shared/api/contract';
import { AppError, toErrorInfo } from '../../../shared/api/errors';
import type { Cluster, ClusterAccount } from '../../../shared/model/cluster';
import { webHostIds } from '../../../shared/lb/cluster-lb';
import { parseSiteCheck, siteCheckCommand } from '../../../shared/lb/site-check';
import type { ClusterService } from '../cluster/cluster-service';
import { runOnHost, type HostRunner } from '../cluster/run-on-host';
import type { AuditRepository } from '../store/audit-repository';
import type { ClustersRepository } from '../store/clusters-repository';
import type { HostsRepository } from '../store/hosts-repository';
import { hashPassword } from './sha512-crypt';

/** Dependencies of {@link AccountService}. */
export interface AccountServiceDeps {
  clusters: Pick<ClustersRepository, 'get'>;
  clusterService: Pick<ClusterService, 'save'>;
  hostsRepo: Pick<HostsRepository, 'list'>;
  target: HostRunner;
  audit: Pick<AuditRepository, 'record'>;
}

/** How long one node may take to answer the site check (curl's own limit is shorter). */
const SITE_CHECK_TIMEOUT_MS = 20_000;

/** Accounts as sites: SFTP passwords (kept only as hashes) and each node's HTTP answer. */
export class AccountService {
  constructor(private readonly d: AccountServiceDeps) {}

  /**
   * Sets or (null) removes the SFTP password of an account's user. Only the SHA-512 crypt hash
   * reaches the model, saved like clusters:save (validated, audited); the password is dropped.
   */
  setSftpPassword(clusterId: string, account: string, password: string | null): ClusterView {
    const cluster = this.d.clusters.get(clusterId).desired;
    const a = findAccount(cluster, account);
    const { passwordHash: _old, ...rest } = a.sftp ?? { authorizedKeys: [] };
    const sftp = password === null ? rest : { ...rest, passwordHash: hashPassword(password) };
    const next: Cluster = {
      ...cluster,
      accounts: cluster.accounts.map((x) => (x.name === a.name ? { ...x, sftp } : x)),
    };
    const view = this.d.clusterService.save(next);
    this.d.audit.record({
      action: 'accounts:setSftpPassword',
      result: 'ok',
      details: { clusterId, account: a.name, password: password === null ? 'removed' : 'set' },
    });
    return view;
  }

  /**
   * From each host that serves the sites, GET http://127.0.0.1/ with the account's domain as
   * Host, all at once: the status each answers, or why it could not be asked.
   */
  async siteCheck(clusterId: string, account: string, signal?: AbortSignal): Promise<SiteAnswer[]> {
    const cluster = this.d.clusters.get(clusterId).desired;
    const a = findAccount(cluster, account);
    const names = new Map(this.d.hostsRepo.list().map((h) => [h.id, h.name]));
    const command = siteCheckCommand(a.domain);
    return Promise.all(
      webHostIds(cluster).map(async (hostId): Promise<SiteAnswer> => {
        const hostName = names.get(hostId) ?? hostId;
        const started = Date.now();
        try {
          const r = await runOnHost(this.d.target, hostId, command, {
            timeoutMs: SITE_CHECK_TIMEOUT_MS,
            ...(signal ? { signal } : {}),
          });
          return { hostId, hostName, ...parseSiteCheck(r), ms: Date.now() - started };
        } catch (e) {
          const { message } = toErrorInfo(e);
          return { hostId, hostName, status: null, error: message, ms: Date.now() - started };
        }
      }),
    );
  }
}

function findAccount(c: Cluster, name: string): ClusterAccount {
  const a = c.accounts.find((x) => x.name === name);
  if (!a)
    throw new AppError('VALIDATION', `cluster ${c.name} has no account ${name}`, {
      issues: [{ field: 'account', message: `no account named ${name}` }],
    });
  return a;
}
