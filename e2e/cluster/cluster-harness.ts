import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../electron/core/engine';
import type { Lab } from '../lab/index.js';

/** The lab hosts a cluster test uses, and the model that sets them up. */
export const CLUSTER_HOSTS = ['manager', 'node1', 'node2'] as const;

/** An engine on a fresh data dir that trusts the lab's host keys through its known_hosts. */
export function labEngine(lab: Lab, dataDir: string): Engine {
  return createEngine({ dataDir, mode: 'browser', knownHostsFiles: [lab.knownHostsPath] });
}

/** A temporary data dir, removed by the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cd-cluster-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Adds the lab hosts (root, lab key) and connects them; returns name -> host id. */
export async function addLabHosts(
  engine: Engine,
  lab: Lab,
  names: readonly string[] = CLUSTER_HOSTS,
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of names) {
    const h = lab.host(name);
    const view = engine.hosts.add({
      name,
      address: h.sshHost,
      port: h.sshPort,
      user: 'root',
      auth: { method: 'key', keyPath: h.privateKeyPath },
    });
    ids[name] = view.id;
    await engine.hosts.connect({ hostId: view.id });
  }
  return ids;
}

/** The lab cluster: public + private layout, storage on the manager's blank /dev/vdb. */
export function labClusterModel(
  ids: Record<string, string>,
  accounts: unknown[],
  nodes: readonly string[] = ['node1', 'node2'],
  retrySec = 10,
) {
  const nodeIps: Record<string, { publicIp: string; privateIp: string }> = {
    node1: { publicIp: '10.10.0.11', privateIp: '10.20.0.11' },
    node2: { publicIp: '10.10.0.12', privateIp: '10.20.0.12' },
  };
  return {
    name: 'lab',
    layout: 'public-private',
    manager: {
      hostId: ids['manager'],
      publicIp: '10.10.0.10',
      privateIp: '10.20.0.10',
      quorumIp: '10.20.0.2',
      quorumPrefix: 24,
    },
    storage: { kind: 'manager', device: '/dev/vdb' },
    nodes: nodes.map((n) => ({ hostId: ids[n], ...nodeIps[n] })),
    accounts,
    settings: { queueRetryIntervalSec: retrySec },
  };
}

/** Polls until the apply finished (or the time is up). */
export async function waitForApply(engine: Engine, applyId: string, timeoutMs = 300_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = engine.clusters.applyStatus(applyId);
    if (s.finishedAt) return s;
    if (Date.now() > end)
      throw new Error(`apply ${applyId} did not finish: ${JSON.stringify(s.progress)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A shell on the lab's hosts that returns trimmed stdout and throws on a non-zero exit. */
export function labShell(lab: Lab): (host: string, command: string) => Promise<string> {
  return async (host, command) => {
    const r = await lab.exec(host, command);
    if (r.code !== 0)
      throw new Error(`${host}: \`${command}\` exited ${r.code}: ${r.stderr || r.stdout}`);
    return r.stdout.trim();
  };
}

/** Writes 20 MiB as `account` on `host`; over NFS the quota error comes at fsync, not at write(). */
export function writePastQuota(lab: Lab, host: string, account: string) {
  return lab.exec(
    host,
    `su -s /bin/sh ${account} -c 'dd if=/dev/zero of=/home/${account}/public_html/big bs=1M count=20 conv=fsync'`,
  );
}
