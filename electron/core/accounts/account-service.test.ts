import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { parseCluster, type Cluster } from '../../../shared/model/cluster';
import { LAB, labCluster } from '../../../shared/plan/testing/lab-fixtures';
import { AccountService, type AccountServiceDeps } from './account-service';
import { sha512Crypt } from './sha512-crypt';

function service(cluster: Cluster, run: AccountServiceDeps['target']['run']) {
  const saved: Cluster[] = [];
  const audit: unknown[] = [];
  const svc = new AccountService({
    clusters: { get: () => ({ desired: cluster }) as never },
    clusterService: {
      save: (c) => {
        saved.push(parseCluster(c));
        return { cluster: parseCluster(c), applied: null, issues: [], updatedAt: '' };
      },
    },
    hostsRepo: {
      list: () =>
        [
          { id: LAB.node1, name: 'node1' },
          { id: LAB.node2, name: 'node2' },
        ] as never,
    },
    target: { ensureConnected: () => Promise.resolve(), run },
    audit: { record: (e) => audit.push(e) },
  });
  return { svc, saved, audit };
}

const noRun = () => Promise.reject(new Error('not expected'));

describe('AccountService', () => {
  it('keeps only the SHA-512 crypt hash of an SFTP password, and never logs the password', () => {
    const { svc, saved, audit } = service(labCluster('public-private'), noRun);
    const view = svc.setSftpPassword('c-lab', 'web1', 'correct horse battery');
    const hash = view.cluster.accounts[0]?.sftp?.passwordHash ?? '';
    const salt = hash.split('$')[2] ?? '';
    expect(sha512Crypt('correct horse battery', salt)).toBe(hash);
    expect(saved).toHaveLength(1);
    expect(JSON.stringify([saved, audit])).not.toContain('correct horse');
    // null removes it and keeps the keys.
    const { svc: again } = service(view.cluster, noRun);
    const after = again.setSftpPassword('c-lab', 'web1', null);
    expect(after.cluster.accounts[0]?.sftp).toEqual({ authorizedKeys: [] });
  });

  it('refuses an account the cluster does not have', () => {
    const { svc } = service(labCluster('public-private'), noRun);
    expect(() => svc.setSftpPassword('c-lab', 'nobody', 'password1')).toThrow(AppError);
  });

  it("asks every web node at once with the account's Host; one that fails says why", async () => {
    const commands: string[] = [];
    let inFlight = 0;
    let most = 0;
    const { svc } = service(labCluster('public-private'), async (hostId, command) => {
      commands.push(command);
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      if (hostId === LAB.node2)
        return { code: 7, signal: null, stdout: '000', stderr: '', durationMs: 1 };
      return { code: 0, signal: null, stdout: '200', stderr: '', durationMs: 1 };
    });
    const answers = await svc.siteCheck('c-lab', 'web1');
    expect(answers.map((a) => [a.hostName, a.status, a.error])).toEqual([
      ['node1', 200, undefined],
      ['node2', null, 'nothing answers on port 80 (web server not running?)'],
    ]);
    expect(most).toBe(2);
    expect(commands[0]).toContain("-H 'Host: web1.example' http://127.0.0.1/");
  });

  it('a node that cannot be reached gives its error, not a failure of the whole check', async () => {
    const { svc } = service(labCluster('public-private'), () =>
      Promise.reject(new AppError('HOST_UNREACHABLE', 'node2 does not answer on port 22')),
    );
    const answers = await svc.siteCheck('c-lab', 'web1');
    expect(answers.every((a) => a.status === null && a.error?.includes('port 22'))).toBe(true);
  });
});
