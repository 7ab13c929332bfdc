import { describe, expect, it } from 'vitest';
import type { AuditEntry, ClusterView } from '../../../../shared/api/contract';
import { lbCluster, httpService } from '../../../../shared/lb/testing/lb-fixtures';
import { lbStatus, rsStatus, serviceStatus } from '../../../../shared/lb/testing/status-fixtures';
import { LAB } from '../../../../shared/plan/testing/lab-fixtures';
import { hostQueue, hostView } from '../../testing/fixtures';
import {
  clusterHealth,
  hostsSummary,
  lastApplyOf,
  queueHealth,
  servicesHealth,
} from './overview-logic';

const cluster = lbCluster([
  httpService(),
  httpService({ id: 'https', name: 'HTTPS', listen: { kind: 'port', port: 443 } }),
]);
const view: ClusterView = { cluster, applied: null, issues: [], updatedAt: '2025-01-01T00:00:00Z' };

const hosts = [
  hostView({ id: LAB.manager, name: 'manager', state: 'connected' }),
  hostView({ id: LAB.node1, name: 'node1', state: 'connected' }),
  hostView({ id: LAB.node2, name: 'node2', state: 'error' }),
];

let auditId = 0;
function audit(action: string, details: Record<string, unknown>, at: string): AuditEntry {
  return { id: ++auditId, at, action, hostId: null, result: 'ok', details };
}

describe('overview of a cluster', () => {
  it('counts connected cluster hosts and names the others, a removed host too', () => {
    const h = clusterHealth(view, { hosts, queues: {}, lb: undefined, audit: null }).hosts;
    expect(h.total).toBe(3);
    expect(h.connected).toBe(2);
    expect(h.notConnected).toEqual([{ hostId: LAB.node2, name: 'node2', state: 'error' }]);

    const gone = clusterHealth(view, {
      hosts: hosts.slice(0, 2),
      queues: {},
      lb: undefined,
      audit: null,
    });
    expect(gone.hosts.notConnected).toEqual([
      { hostId: LAB.node2, name: LAB.node2, state: 'missing' },
    ]);
  });

  it('counts services with a real server down only from a reading of the manager', () => {
    const reading = lbStatus({
      services: [
        serviceStatus({
          serviceId: 'http',
          realServers: [rsStatus(), rsStatus({ state: 'down' })],
        }),
        serviceStatus({ serviceId: 'https', realServers: [rsStatus({ state: 'sorry' })] }),
        serviceStatus({ serviceId: null, realServers: [rsStatus({ state: 'down' })] }),
      ],
    });
    expect(servicesHealth(view, { status: reading, error: null })).toEqual({
      total: 2,
      down: 2,
      absent: 0,
      unreadable: null,
    });
    const up = lbStatus({
      services: [
        serviceStatus({ serviceId: 'http', realServers: [rsStatus({ state: 'drain' })] }),
        serviceStatus({ serviceId: 'https', present: false, realServers: [] }),
      ],
    });
    expect(servicesHealth(view, { status: up, error: null })).toMatchObject({ down: 0, absent: 1 });
  });

  it('says why the services cannot be counted instead of a number', () => {
    expect(servicesHealth(view, undefined)).toMatchObject({
      down: null,
      unreadable: 'no reading of the manager yet',
    });
    expect(
      servicesHealth(view, { status: null, error: 'manager: host unreachable' }),
    ).toMatchObject({ down: null, unreadable: 'manager: host unreachable' });
    const failed = lbStatus({ error: 'ipvsadm: not found' });
    expect(servicesHealth(view, { status: failed, error: null })).toMatchObject({
      down: null,
      unreadable: 'ipvsadm: not found',
    });
    const none: ClusterView = { ...view, cluster: lbCluster([]) };
    expect(servicesHealth(none, undefined)).toEqual({
      total: 0,
      down: null,
      absent: null,
      unreadable: null,
    });
  });

  it('shows a halted queue with its host before a running one, and only the cluster hosts', () => {
    expect(queueHealth(view, hosts, null)).toEqual({ state: 'unknown' });
    expect(queueHealth(view, hosts, {})).toEqual({ state: 'idle' });
    expect(
      queueHealth(view, hosts, { other: hostQueue({ hostId: 'other', status: 'halted' }) }),
    ).toEqual({ state: 'idle' });
    const running = {
      [LAB.node1]: hostQueue({ hostId: LAB.node1, status: 'running', pending: 3 }),
      [LAB.node2]: hostQueue({ hostId: LAB.node2, status: 'waiting', pending: 2 }),
    };
    expect(queueHealth(view, hosts, running)).toEqual({
      state: 'running',
      hosts: [
        { hostId: LAB.node1, name: 'node1' },
        { hostId: LAB.node2, name: 'node2' },
      ],
      pending: 5,
    });
    const halted = {
      ...running,
      [LAB.manager]: hostQueue({ hostId: LAB.manager, status: 'halted' }),
    };
    expect(queueHealth(view, hosts, halted)).toMatchObject({
      state: 'halted',
      hosts: [{ hostId: LAB.manager, name: 'manager' }],
    });
  });

  it('finds the last apply of this cluster in the audit log, and how it ended', () => {
    const entries = [
      audit(
        'apply:finished',
        { applyId: 'a2', clusterId: cluster.id, result: 'cancelled' },
        '2025-01-02T10:05:00Z',
      ),
      audit(
        'plans:apply',
        { applyId: 'a3', clusterId: 'other', title: 'Other' },
        '2025-01-02T10:01:00Z',
      ),
      audit(
        'plans:apply',
        { applyId: 'a2', clusterId: cluster.id, title: 'Set up web' },
        '2025-01-02T10:00:00Z',
      ),
      audit(
        'apply:finished',
        { applyId: 'a1', clusterId: cluster.id, result: 'ok' },
        '2025-01-01T10:05:00Z',
      ),
      audit(
        'plans:apply',
        { applyId: 'a1', clusterId: cluster.id, title: 'First' },
        '2025-01-01T10:00:00Z',
      ),
    ];
    expect(lastApplyOf(view, { entries })).toEqual({
      state: 'finished',
      title: 'Set up web',
      queuedAt: '2025-01-02T10:00:00Z',
      finishedAt: '2025-01-02T10:05:00Z',
      result: 'cancelled',
    });
    expect(lastApplyOf(view, { entries: entries.slice(1) })).toEqual({
      state: 'open',
      title: 'Set up web',
      queuedAt: '2025-01-02T10:00:00Z',
    });
  });

  it('tells a never applied cluster from one whose apply left the log, and an unread log', () => {
    expect(lastApplyOf(view, { entries: [] })).toEqual({ state: 'none', appliedBefore: false });
    expect(lastApplyOf({ ...view, applied: cluster }, { entries: [] })).toEqual({
      state: 'none',
      appliedBefore: true,
    });
    expect(lastApplyOf(view, { error: 'engine gone' })).toEqual({
      state: 'unknown',
      reason: 'engine gone',
    });
    expect(lastApplyOf(view, null).state).toBe('unknown');
  });

  it('sums up the hosts without a cluster', () => {
    expect(hostsSummary(hosts)).toEqual({ total: 3, connected: 2, failing: 1 });
    expect(hostsSummary([])).toEqual({ total: 0, connected: 0, failing: 0 });
  });
});
