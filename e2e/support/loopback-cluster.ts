import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { HostsPage } from '../pages/hosts-page';
import type { AppServer } from './app-server';
import type { SshdHandle } from './sshd';

const root = resolve(__dirname, '..', '..');
/** The virtual address of the loopback clusters' services. */
export const VIP = '10.10.0.100';

/** The model's service `http-80` on port 80 of {@link VIP}, served as `servers` says. */
export const httpService = (servers: Record<string, unknown>) => ({
  id: 'http-80',
  name: 'HTTP',
  vip: VIP,
  listen: { kind: 'port', port: 80 },
  ...servers,
});

/**
 * Adds the loopback sshd as host `loop` in the UI and saves a cluster with it as manager
 * through the `clusterdeck` CLI on the app's data dir, then reloads the page. The wizard offers
 * only probed or connected hosts, and the probed facts of a machine that cannot be a manager
 * (e.g. a container without kernel NFS) would refuse every save; an unprobed host is judged by the
 * model alone. `extra` adds to the model, given the host ids by name; each name of `nodeHosts`
 * becomes a host (the same sshd under another user: never connected here).
 */
export async function clusterOnLoopback(
  page: Page,
  app: AppServer,
  sshd: SshdHandle,
  extra: (hostIds: Record<string, string>) => Record<string, unknown> = () => ({}),
  nodeHosts: string[] = [],
): Promise<HostsPage> {
  const hosts = new HostsPage(page);
  await hosts.open(app.url);
  await hosts.addLoopbackHost(sshd);
  for (const name of nodeHosts) await hosts.addLoopbackHost(sshd, name, name);
  const hostIds: Record<string, string> = {};
  for (const name of ['loop', ...nodeHosts]) {
    const id = await hosts.row(name).getAttribute('data-host-id');
    if (id === null) throw new Error(`the row of ${name} has no host id`);
    hostIds[name] = id;
  }
  const file = join(app.home, '..', 'cluster.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'web',
      layout: 'public',
      manager: {
        hostId: hostIds['loop'],
        publicIp: '10.10.0.10',
        quorumIp: '10.10.0.2',
        quorumPrefix: 24,
      },
      storage: { kind: 'manager' },
      nodes: [],
      ...extra(hostIds),
    }),
  );
  const cli = spawnSync(
    process.execPath,
    [
      join(root, 'out/cli/index.cjs'),
      '--data-dir',
      app.dataDir,
      '--json',
      'cluster',
      'create',
      '--file',
      file,
    ],
    {
      env: { ...process.env, HOME: app.home, SSH_AUTH_SOCK: '' },
      encoding: 'utf8',
    },
  );
  if (cli.status !== 0)
    throw new Error(
      `clusterdeck cluster create failed (${cli.status}):\n${cli.stdout}\n${cli.stderr}`,
    );
  // The app learns of a cluster saved by another process when it reads the list again.
  await hosts.open(app.url);
  return hosts;
}

/**
 * {@link clusterOnLoopback} with one node, `node1` at 10.10.0.11 (its fields merged with
 * `node`, e.g. `{ lbMode: 'drain' }`), serving {@link httpService} on {@link VIP} at weight 2.
 */
export function oneNodeClusterOnLoopback(
  page: Page,
  app: AppServer,
  sshd: SshdHandle,
  node: Record<string, unknown> = {},
): Promise<HostsPage> {
  return clusterOnLoopback(
    page,
    app,
    sshd,
    (ids) => ({
      nodes: [{ hostId: ids['node1'], publicIp: '10.10.0.11', ...node }],
      vips: [{ address: VIP }],
      services: [httpService({ realServers: [{ hostId: ids['node1'], weight: 2 }] })],
    }),
    ['node1'],
  );
}
