/**
 * An account is a working site, proven on the practice lab: after the one apply that adds it,
 * its domain answers through the VIP with the placeholder page from both nodes; an SFTP upload
 * as the account (key in the model) is served; the SFTP user is locked in its home and gets no
 * shell, while the admin still logs in; an alias added later answers; siteCheck says 200 per
 * node. Runs in the `lab` vitest project on the LB lab cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/engine';
import { ensureLab, type Lab } from '../lab/index.js';
import { labShell, type tempDataDir } from './cluster-harness';
import {
  DR_VIP,
  applyLabModel,
  closeLbLab,
  fetchFromClient,
  lbLabEngine,
  lbLabModel,
} from './lb-lab-cluster';

let lab: Lab;
let data: ReturnType<typeof tempDataDir>;
let engine: Engine;
let ids: Record<string, string>;
let clusterId: string;
let sftpKey = '';

const sh = (host: string, command: string) => labShell(lab)(host, command);
const SITE = { name: 'web3', uid: 2003, gid: 2003, quotaMiB: 50, domain: 'web3.example.com' };
const NODES = { node1: '10.10.0.11', node2: '10.10.0.12' } as const;
/** sftp/ssh from the client VM as web3, with the key made there and a known_hosts of its own. */
const SSH_OPTS =
  '-i /root/web3-key -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=/root/web3-known -o ConnectTimeout=20';

function model(account: Record<string, unknown> | null) {
  const base = lbLabModel(ids, clusterId);
  return { ...base, accounts: account ? [...base.accounts, account] : base.accounts };
}

async function apply(what: string, account: Record<string, unknown> | null): Promise<void> {
  const { seconds } = await applyLabModel(engine, ids, model(account));
  console.log(`${what}: ${seconds} s`);
}

beforeAll(async () => {
  lab = await ensureLab();
  ({ data, engine, ids, clusterId } = await lbLabEngine(lab));
  await apply('cluster setup with load balancing', null);
  await sh('client', `rm -f /root/web3-key* && ssh-keygen -q -t ed25519 -N '' -f /root/web3-key`);
  sftpKey = await sh('client', 'cat /root/web3-key.pub');
}, 1_200_000);

afterAll(() => closeLbLab(lab, engine, data), 300_000);

describe('an account is a working site', () => {
  it('one apply that adds the account makes its domain answer through the VIP from both nodes', async () => {
    await apply('add account web3 (site, vhosts, SFTP)', {
      ...SITE,
      sftp: { authorizedKeys: [sftpKey] },
    });
    // The placeholder has several lines: one verdict per request.
    const verdicts = await sh(
      'client',
      `for i in $(seq 10); do curl -sS -m 3 -H 'Host: ${SITE.domain}' http://${DR_VIP}/ | grep -q 'This site is ready' && echo placeholder || echo other; done`,
    );
    expect(new Set(verdicts.split('\n'))).toEqual(new Set(['placeholder']));
    for (const n of Object.keys(NODES))
      expect(
        await sh(n, 'grep -c . /var/log/nginx/clusterdeck-web3.access.log'),
        `${n} served some`,
      ).not.toBe('0');
    // The placeholder is the account's own file, the home root's (the SFTP jail).
    expect(await sh('manager', 'stat -c %U:%a /home/web3/public_html/index.html')).toBe('web3:644');
    expect(await sh('manager', 'stat -L -c %U:%G:%a /home/web3')).toBe('root:web3:751');
  }, 900_000);

  it('an SFTP upload as the account (key from the model) is served through the VIP', async () => {
    const started = performance.now();
    await sh('client', `echo uploaded-by-web3 > /root/up.html`);
    await sh(
      'client',
      `printf 'put /root/up.html up.html\\nput /root/up.html index.html\\n' | sftp ${SSH_OPTS} -b - web3@${NODES.node1}`,
    );
    console.log(`sftp upload: ${Math.round((performance.now() - started) / 100) / 10} s`);
    for (const path of ['/up.html', '/'])
      expect(
        new Set(await fetchFromClient(lab, `http://${DR_VIP}${path}`, 10, SITE.domain)),
      ).toEqual(new Set(['uploaded-by-web3']));
    expect(await sh('manager', 'stat -c %U /home/web3/public_html/up.html')).toBe('web3');
  }, 300_000);

  it('the SFTP user cannot leave its home nor get a shell; the admin and root still log in', async () => {
    const listing = await sh(
      'client',
      `printf 'ls -a /\\n' | sftp ${SSH_OPTS} -b - web3@${NODES.node2}`,
    );
    expect(listing).toContain('public_html');
    expect(listing).not.toMatch(/\betc\b|\busr\b/);
    const escape = await lab.exec(
      'client',
      `printf 'get /etc/passwd /root/stolen\\n' | sftp ${SSH_OPTS} -b - web3@${NODES.node2}`,
    );
    expect(escape.code).not.toBe(0);
    const up = await lab.exec(
      'client',
      `printf 'get ../../etc/passwd /root/stolen\\n' | sftp ${SSH_OPTS} -b - web3@${NODES.node2}`,
    );
    expect(up.code).not.toBe(0);
    const shell = await lab.exec('client', `ssh ${SSH_OPTS} web3@${NODES.node1} id`);
    expect(shell.stdout).not.toContain('uid=');
    // sshd's effective settings: the Match holds for web3 only, never for root or admin.
    const effective = (user: string) =>
      sh(
        'node1',
        `sshd -T -C user=${user},host=client,addr=10.10.0.20 | grep -Ei '^(chrootdirectory|forcecommand|allowtcpforwarding|authorizedkeysfile) '`,
      );
    expect((await effective('web3')).split('\n').sort()).toEqual([
      'allowtcpforwarding no',
      'authorizedkeysfile /etc/ssh/clusterdeck-keys/%u',
      'chrootdirectory %h',
      'forcecommand internal-sftp -d /public_html',
    ]);
    for (const user of ['root', 'admin']) {
      const e = await effective(user);
      expect(e, user).toContain('chrootdirectory none');
      expect(e, user).toContain('forcecommand none');
      expect(e, user).not.toContain('clusterdeck-keys');
    }
    for (const n of Object.keys(NODES)) {
      expect(await sh(n, 'sshd -t && echo ok')).toBe('ok');
      expect((await lab.exec(n, 'id -un', { user: 'admin' })).stdout.trim()).toBe('admin');
      expect((await lab.exec(n, 'sudo -n id -un', { user: 'admin' })).stdout.trim()).toBe('root');
      expect(await sh(n, 'id -un')).toBe('root');
    }
  }, 300_000);

  it('an alias added by editing the account serves the upload; the SFTP password is set from its hash; siteCheck says 200 per node', async () => {
    const view = await engine.handlers['accounts:setSftpPassword']({
      clusterId,
      account: 'web3',
      password: 'correct horse battery',
    });
    const hash = view.cluster.accounts.find((a) => a.name === 'web3')?.sftp?.passwordHash ?? '';
    expect(hash).toMatch(/^\$6\$/);
    await apply('edit account web3 (alias, password)', {
      ...SITE,
      aliases: ['shop3.example.com'],
      sftp: { authorizedKeys: [sftpKey], passwordHash: hash },
    });
    expect(
      new Set(await fetchFromClient(lab, `http://${DR_VIP}/up.html`, 10, 'shop3.example.com')),
    ).toEqual(new Set(['uploaded-by-web3']));
    // glibc on the node accepts the engine's hash for the password.
    expect(
      await sh(
        'node1',
        `perl -e 'my $h = (getpwnam("web3"))[1]; print crypt("correct horse battery", $h) eq $h ? "match" : "differ"'`,
      ),
    ).toBe('match');
    const started = performance.now();
    const answers = await engine.handlers['accounts:siteCheck']({ clusterId, account: 'web3' });
    console.log(`siteCheck: ${Math.round(performance.now() - started)} ms`);
    expect(answers.map((a) => [a.hostName, a.status])).toEqual([
      ['node1', 200],
      ['node2', 200],
    ]);
  }, 900_000);
});
