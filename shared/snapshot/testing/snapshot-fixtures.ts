import type { HostView } from '../../model/host';
import type { HostQueueView, QueueItemView } from '../../model/queue';
import type { LbRealServerStatus, LbStatus } from '../../lb/status';
import { httpService, LAB, lbCluster } from '../../lb/testing/lb-fixtures';
import { debianFacts } from '../../plan/testing/lab-fixtures';
import type { SnapshotBody, SnapshotHost } from '../format';

/**
 * A snapshot of the practice lab (shared/plan/testing): manager, node1 and node2, one HTTP
 * service on the VIP over both nodes, keepalived.conf and exports as the hosts had them, an
 * idle queue per host, a live LB status with counters, and one audit entry. No secret in it:
 * tests that need secrets plant them.
 */

const ADDR: Record<string, string> = {
  [LAB.manager]: '10.10.0.10',
  [LAB.node1]: '10.10.0.11',
  [LAB.node2]: '10.10.0.12',
};
const NAME: Record<string, string> = {
  [LAB.manager]: 'manager',
  [LAB.node1]: 'node1',
  [LAB.node2]: 'node2',
};
const AT = '2026-12-01T10:00:00.000Z';

/** The keepalived.conf the manager holds in the fixture (no auth_pass: LVS only). */
export const KEEPALIVED_CONF = [
  '# Managed by ClusterDeck (cluster lab)',
  'virtual_server 10.10.0.100 80 {',
  '  lb_algo wlc',
  '  lb_kind DR',
  '  real_server 10.10.0.11 80 {',
  '    weight 1',
  '  }',
  '  real_server 10.10.0.12 80 {',
  '    weight 1',
  '  }',
  '}',
  '',
].join('\n');

function host(id: string): HostView {
  return {
    id,
    name: NAME[id] ?? id,
    address: ADDR[id] ?? '127.0.0.1',
    port: 22,
    user: 'root',
    auth: { method: 'agent' },
    hasStoredSecret: false,
    trustedKey: { keyType: 'ssh-ed25519', fingerprint: `SHA256:${id}` },
    state: 'connected',
    lastError: null,
    createdAt: '2026-11-01T09:00:00.000Z',
  };
}

/** A done queue item of the fixture's apply. */
export function doneItem(hostId: string, id: number, patch: Partial<QueueItemView> = {}) {
  return {
    id,
    hostId,
    applyId: 'a1',
    stepId: 'lb.keepalived.conf',
    title: 'Write keepalived.conf',
    state: 'done',
    attempts: 1,
    lastError: null,
    outcome: 'applied',
    nextRetryAt: null,
    createdAt: '2026-11-30T08:00:00.000Z',
    startedAt: '2026-11-30T08:00:01.000Z',
    finishedAt: '2026-11-30T08:00:02.000Z',
    ...patch,
  } satisfies QueueItemView;
}

function queue(hostId: string, n: number): HostQueueView {
  return {
    hostId,
    status: 'idle',
    current: null,
    pending: 0,
    items: [doneItem(hostId, n)],
    waitingFor: null,
    applies: [],
  };
}

/** One host of the fixture, reachable, with its facts, files and queue. */
export function snapshotHost(id: string, n: number): SnapshotHost {
  const files =
    id === LAB.manager
      ? [
          { path: '/etc/keepalived/keepalived.conf', content: KEEPALIVED_CONF, error: null },
          { path: '/etc/exports', content: '/chroot/home 10.20.0.0/24(rw)\n', error: null },
        ]
      : [{ path: '/etc/fstab', content: '10.20.0.2:/chroot/home /chroot/home nfs\n', error: null }];
  return {
    host: host(id),
    reachable: true,
    error: null,
    facts: { ...debianFacts(NAME[id] ?? id, { eth0: `${ADDR[id]}/24` }), probedAt: AT },
    files,
    queue: queue(id, n),
    runs: {},
  };
}

/** A real server of the fixture's live status: up, with counters. */
export function realServer(id: string, patch: Partial<LbRealServerStatus> = {}) {
  return {
    hostId: id,
    hostName: NAME[id] ?? id,
    address: ADDR[id] ?? '',
    port: 80,
    isManager: false,
    state: 'up',
    forward: 'Route',
    weight: 1,
    modelWeight: 1,
    activeConns: 3,
    inactiveConns: 12,
    stats: { conns: 100, inPkts: 2000, outPkts: 0, inBytes: 90000, outBytes: 0 },
    rate: { conns: 1, inPkts: 10, outPkts: 0, inBytes: 800, outBytes: 0 },
    check: 'up',
    down: null,
    ...patch,
  } satisfies LbRealServerStatus;
}

function lbStatus(): LbStatus {
  return {
    clusterId: 'c-lab',
    at: AT,
    managerHostId: LAB.manager,
    keepalived: 'active',
    services: [
      {
        serviceId: 'http',
        name: 'HTTP',
        label: 'tcp 10.10.0.100:80',
        key: 'TCP 10.10.0.100:80',
        method: 'dr',
        present: true,
        pending: false,
        scheduler: 'wlc',
        persistenceSec: 0,
        stats: { conns: 200, inPkts: 4000, outPkts: 0, inBytes: 180000, outBytes: 0 },
        rate: { conns: 2, inPkts: 20, outPkts: 0, inBytes: 1600, outBytes: 0 },
        realServers: [realServer(LAB.node1), realServer(LAB.node2)],
      },
    ],
    ipvsDrift: [],
    error: null,
  };
}

/** A snapshot body of the lab, taken at {@link AT}; `patch` replaces top-level fields. */
export function snapshotBody(patch: Partial<SnapshotBody> = {}): SnapshotBody {
  const cluster = lbCluster([httpService()]);
  return {
    takenAt: AT,
    appVersion: '0.1.0',
    reason: 'manual',
    cluster: { cluster, applied: cluster, issues: [], updatedAt: '2026-11-30T08:00:00.000Z' },
    hosts: [snapshotHost(LAB.manager, 1), snapshotHost(LAB.node1, 2), snapshotHost(LAB.node2, 3)],
    lb: lbStatus(),
    drift: {
      clusterId: 'c-lab',
      at: AT,
      inSync: true,
      items: [],
      ipvsDrift: [],
      planHash: null,
    },
    driftError: null,
    audit: [
      {
        id: 1,
        at: '2026-11-30T08:00:00.000Z',
        action: 'plans:apply',
        hostId: null,
        result: 'ok',
        details: { clusterId: 'c-lab', steps: 12 },
      },
    ],
    redactions: [],
    ...patch,
  };
}
