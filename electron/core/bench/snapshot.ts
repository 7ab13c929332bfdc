/**
 * Snapshot file benchmark: a synthetic cluster of 200 web nodes (plus manager and storage) with
 * facts, managed files (keepalived.conf, exports, fstab, a vhost per account), queues with
 * history and failed runs, a live LB status with counters, a drift report and an audit log.
 * Prints the file's size, the time to save it (redact + hash + gzip: encodeSnapshotFile) and to
 * open it (gunzip + hash + migrate + schema: decodeSnapshotFile), median of a few runs, and the
 * time of a diff of two such snapshots. Goal: opening takes under 1 s. It is not a timed test.
 *
 *   npm run bench:snapshot [-- --nodes 200 --samples 5 --out big.cdsnap]
 *
 * `--out FILE` also writes the snapshot file, to open it elsewhere (the app, `snapshot show`).
 *
 * Absolute times depend on the machine and its load; compare the figures of one run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCluster } from '../../../shared/model/cluster';
import type { HostFacts } from '../../../shared/model/facts';
import type { QueueItemView } from '../../../shared/model/queue';
import type { LbRealServerStatus } from '../../../shared/lb/status';
import { diffSnapshots } from '../../../shared/snapshot/diff';
import type { SnapshotBody, SnapshotHost } from '../../../shared/snapshot/format';
import { decodeSnapshotFile, encodeSnapshotFile } from '../snapshot/file';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '200' },
    samples: { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
const NODES = Number(values.nodes);
const SAMPLES = Number(values.samples);
const ACCOUNTS = 400;
const SERVICES = 6;
const AT = '2026-12-03T10:00:00.000Z';

const ip = (net: number, i: number) => `10.${net}.${Math.floor(i / 250)}.${(i % 250) + 2}`;
const nodeId = (i: number) => `h-node${i}`;

function facts(hostname: string, address: string): HostFacts {
  const mod = { loaded: true, builtin: false, available: true };
  const disk = (path: string) => ({
    path,
    exists: true,
    mount: '/',
    filesystem: '/dev/vda1',
    fsType: 'ext4',
    sizeBytes: 64e9,
    availBytes: 40e9,
  });
  return {
    probedAt: AT,
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [] },
    kernel: '6.1.0-28-amd64',
    arch: 'x86_64',
    hostname,
    virtualization: { kind: 'kvm', isContainer: false, isOpenVz: false },
    interfaces: [
      { name: 'lo', state: 'UNKNOWN', ipv4: [{ address: '127.0.0.1', prefix: 8 }], ipv6: [] },
      {
        name: 'eth0',
        state: 'UP',
        mac: '52:54:00:00:00:01',
        ipv4: [{ address, prefix: 16 }],
        ipv6: [],
      },
      {
        name: 'eth1',
        state: 'UP',
        ipv4: [{ address: address.replace(/^10\.10/, '10.20'), prefix: 16 }],
        ipv6: [],
      },
    ],
    defaultRoutes: [{ gateway: '10.10.0.1', dev: 'eth0' }],
    disks: [disk('/'), disk('/home'), disk('/chroot')],
    tools: {
      ipvsadm: true,
      keepalived: true,
      exportfs: true,
      nfsServer: true,
      nfsClient: true,
      quota: true,
      rquotad: true,
    },
    modules: { ip_vs: mod, nfsd: mod, nfs: mod },
    clock: { skewMs: 12, rttMs: 1 },
    checks: [
      {
        id: 'os.supported',
        severity: 'ok',
        title: 'Supported OS',
        message: 'Debian 12 is supported.',
      },
    ],
  };
}

function item(hostId: string, id: number, failed: boolean): QueueItemView {
  return {
    id,
    hostId,
    applyId: `a${Math.floor(id / 20)}`,
    stepId: `accounts.vhost.site${id % ACCOUNTS}`,
    title: `Write the vhost of site${id % ACCOUNTS}`,
    state: failed ? 'failed' : 'done',
    attempts: failed ? 3 : 1,
    lastError: failed ? 'nginx -t: [emerg] unknown directive "servr_name"' : null,
    outcome: failed ? null : 'applied',
    nextRetryAt: failed ? 1_800_000_000_000 : null,
    createdAt: AT,
    startedAt: AT,
    finishedAt: failed ? null : AT,
  };
}

function vhost(a: number): string {
  return `server {\n  listen 80;\n  server_name site${a}.example www.site${a}.example;\n  root /chroot/home/site${a}/public_html;\n  access_log /var/log/nginx/site${a}.log;\n}\n`;
}

function host(
  id: string,
  name: string,
  address: string,
  files: SnapshotHost['files'],
): SnapshotHost {
  const items = Array.from({ length: 50 }, (_, i) => item(id, i + 1, i === 49));
  return {
    host: {
      id,
      name,
      address,
      port: 22,
      user: 'root',
      auth: { method: 'agent' },
      hasStoredSecret: false,
      trustedKey: { keyType: 'ssh-ed25519', fingerprint: `SHA256:${id}` },
      state: 'connected',
      lastError: null,
      createdAt: AT,
    },
    reachable: true,
    error: null,
    facts: facts(name, address),
    files,
    queue: {
      hostId: id,
      status: 'halted',
      current: items[49] ?? null,
      pending: 0,
      items,
      waitingFor: null,
      applies: [],
    },
    runs: {
      '50': [
        {
          id: 1,
          attempt: 3,
          phase: 'verify',
          command: 'nginx -t',
          exitCode: 1,
          stdout: '',
          stderr:
            'nginx: [emerg] unknown directive "servr_name" in /etc/nginx/sites-enabled/site49.conf:3\n'.repeat(
              5,
            ),
          startedAt: AT,
          durationMs: 40,
        },
      ],
    },
  };
}

function body(): SnapshotBody {
  const nodes = Array.from({ length: NODES }, (_, i) => i);
  const cluster = parseCluster({
    id: 'c-big',
    name: 'big',
    layout: 'public-private',
    manager: {
      hostId: 'h-manager',
      publicIp: '10.10.255.1',
      privateIp: '10.20.255.1',
      quorumIp: '10.20.255.2',
    },
    storage: {
      kind: 'external',
      hostId: 'h-storage',
      address: '10.20.255.3',
      exportPath: '/srv/cluster',
    },
    nodes: nodes.map((i) => ({ hostId: nodeId(i), publicIp: ip(10, i), privateIp: ip(20, i) })),
    accounts: Array.from({ length: ACCOUNTS }, (_, a) => ({
      name: `site${a}`,
      uid: 2000 + a,
      gid: 2000 + a,
      quotaMiB: 1024,
      domain: `site${a}.example`,
    })),
    vips: Array.from({ length: SERVICES }, (_, s) => ({ address: `10.10.254.${s + 1}` })),
    services: Array.from({ length: SERVICES }, (_, s) => ({
      id: `svc${s}`,
      name: `Service ${s}`,
      vip: `10.10.254.${s + 1}`,
      listen: { kind: 'port', port: 80 },
      realServers: nodes.map((i) => ({ hostId: nodeId(i), weight: 1 + (i % 3) })),
    })),
  });
  const keepalived = cluster.services
    .map(
      (s) =>
        `virtual_server ${s.vip} 80 {\n  lb_algo wlc\n  lb_kind DR\n${s.realServers.map((r, i) => `  real_server ${ip(20, i)} 80 {\n    weight ${r.weight}\n    TCP_CHECK {\n      connect_timeout 1\n    }\n  }\n`).join('')}}\n`,
    )
    .join('');
  const perNode = Math.ceil(ACCOUNTS / 10);
  const hosts = [
    host('h-manager', 'manager', '10.10.255.1', [
      { path: '/etc/keepalived/keepalived.conf', content: keepalived, error: null },
    ]),
    host('h-storage', 'storage', '10.10.255.3', [
      {
        path: '/etc/exports',
        content: '/srv/cluster 10.20.0.0/16(rw,no_root_squash)\n',
        error: null,
      },
    ]),
    ...nodes.map((i) =>
      host(nodeId(i), `node${i}`, ip(10, i), [
        {
          path: '/etc/fstab',
          content: '10.20.255.3:/srv/cluster /chroot nfs defaults 0 0\n',
          error: null,
        },
        ...Array.from({ length: perNode }, (_, k) => {
          const a = (i * perNode + k) % ACCOUNTS;
          return { path: `/etc/nginx/sites-enabled/site${a}.conf`, content: vhost(a), error: null };
        }),
      ]),
    ),
  ];
  const rs = (i: number): LbRealServerStatus => ({
    hostId: nodeId(i),
    hostName: `node${i}`,
    address: ip(10, i),
    port: 80,
    isManager: false,
    state: 'up',
    forward: 'Route',
    weight: 1 + (i % 3),
    modelWeight: 1 + (i % 3),
    activeConns: i,
    inactiveConns: 3 * i,
    stats: { conns: 1e6 + i, inPkts: 9e6, outPkts: 0, inBytes: 8e9, outBytes: 0 },
    rate: { conns: 12, inPkts: 300, outPkts: 0, inBytes: 90000, outBytes: 0 },
    check: 'up',
    down: null,
  });
  return {
    takenAt: AT,
    appVersion: '0.1.0',
    reason: 'before-apply',
    cluster: { cluster, applied: cluster, issues: [], updatedAt: AT },
    hosts,
    lb: {
      clusterId: 'c-big',
      at: AT,
      managerHostId: 'h-manager',
      keepalived: 'active',
      ipvsDrift: [],
      error: null,
      services: cluster.services.map((s) => ({
        serviceId: s.id,
        name: s.name,
        label: `tcp ${s.vip}:80`,
        key: `TCP ${s.vip}:80`,
        method: 'dr',
        present: true,
        pending: false,
        scheduler: 'wlc',
        persistenceSec: 0,
        stats: null,
        rate: null,
        realServers: nodes.map(rs),
      })),
    },
    drift: { clusterId: 'c-big', at: AT, inSync: true, items: [], ipvsDrift: [], planHash: null },
    driftError: null,
    audit: Array.from({ length: 1000 }, (_, i) => ({
      id: i + 1,
      at: AT,
      action: 'plans:apply',
      hostId: null,
      result: 'ok',
      details: { clusterId: 'c-big', steps: 40 },
    })),
    redactions: [],
  };
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const b = body();
  const json = JSON.stringify(b).length;
  let bytes = await encodeSnapshotFile(b);
  const save = await median(async () => (bytes = await encodeSnapshotFile(b)));
  const open = await median(() => decodeSnapshotFile(bytes));
  const opened = await decodeSnapshotFile(bytes);
  const diff = await median(() => Promise.resolve(diffSnapshots(opened, opened)));
  const mib = (n: number) => `${(n / 1024 ** 2).toFixed(2)} MiB`;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    `snapshot of ${NODES} nodes, ${b.hosts.length} hosts, ${ACCOUNTS} accounts, ${SERVICES} services (median of ${SAMPLES})`,
  );
  console.log(`  JSON ${mib(json)}, file ${mib(bytes.length)}`);
  console.log(`  save (redact + hash + gzip)             ${ms(save)}`);
  console.log(
    `  open (gunzip + hash + schema)           ${ms(open)}  ${open < 1000 ? 'under' : 'OVER'} the 1 s goal`,
  );
  if (values.out) {
    writeFileSync(values.out, bytes);
    console.log(`  written to ${values.out}`);
  }
  console.log(`  diff of two such snapshots              ${ms(diff)}`);
}

void main();
