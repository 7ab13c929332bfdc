import { describe, expect, it } from 'vitest';
import type { LbRealServerStatus, LbStatus } from '../../../../shared/lb/status';
import { parseCluster } from '../../../../shared/model/cluster';
import { testNode } from './testing/test-graph';
import { panelRealServers } from './topology-panel-data';

const cluster = parseCluster({
  id: 'c1',
  name: 'web',
  layout: 'public',
  manager: { hostId: 'm', publicIp: '10.10.0.10', quorumIp: '10.10.0.2', quorumPrefix: 24 },
  storage: { kind: 'manager' },
  nodes: [
    { hostId: 'n1', publicIp: '10.10.0.11' },
    { hostId: 'n2', publicIp: '10.10.0.12' },
  ],
  vips: [{ address: '10.10.0.100' }, { address: '10.10.0.101' }],
  services: [
    { id: 'http', name: 'HTTP', vip: '10.10.0.100', listen: { kind: 'port', port: 80 } },
    { id: 'smtp', name: 'SMTP', vip: '10.10.0.101', listen: { kind: 'port', port: 25 } },
  ],
});

function server(hostId: string, patch: Partial<LbRealServerStatus> = {}): LbRealServerStatus {
  return {
    hostId,
    hostName: hostId.replace('n', 'node'),
    address: `10.10.0.1${hostId.slice(1)}`,
    port: 80,
    isManager: false,
    state: 'up',
    forward: 'Route',
    weight: 1,
    modelWeight: 1,
    activeConns: 3,
    inactiveConns: 0,
    stats: null,
    rate: null,
    check: 'up',
    down: null,
    ...patch,
  };
}

const service = (serviceId: string, name: string, realServers: LbRealServerStatus[]) => ({
  serviceId,
  name,
  label: `tcp ${name}`,
  key: `key-${serviceId}`,
  method: 'dr' as const,
  present: true,
  pending: false,
  scheduler: 'wlc',
  persistenceSec: null,
  stats: null,
  rate: null,
  realServers,
});

const lb: LbStatus = {
  clusterId: 'c1',
  at: '2026-01-01T00:00:00.000Z',
  managerHostId: 'm',
  keepalived: 'active',
  services: [
    service('http', 'HTTP', [
      server('n1', {
        state: 'down',
        weight: null,
        check: 'down',
        down: { reason: 'refused', since: null },
      }),
      server('n2', { state: 'drain', weight: 0, modelWeight: 0 }),
    ]),
    service('smtp', 'SMTP', [server('n1', { port: 25, weight: 0, modelWeight: 2 })]),
  ],
  ipvsDrift: [],
  error: null,
};

describe('panelRealServers', () => {
  it("lists a host's servers in every service, with weight, check and keepalived's reason", () => {
    const rows = panelRealServers(lb, testNode('host:n1', { hostId: 'n1' }), cluster);
    expect(rows.map((r) => [r.service, r.server, r.state, r.weight, r.check, r.reason])).toEqual([
      ['HTTP (tcp HTTP)', 'node1 10.10.0.11:80', 'down', '—', 'down', 'refused'],
      ['SMTP (tcp SMTP)', 'node1 10.10.0.11:25', 'up', '0 of 2', 'up', ''],
    ]);
  });

  it("lists a service's servers, and those of every service on a VIP", () => {
    const svc = panelRealServers(lb, testNode('svc:http', { kind: 'service' }), cluster);
    expect(svc.map((r) => r.state)).toEqual(['down', 'drain']);
    const vip = panelRealServers(lb, testNode('vip:10.10.0.101', { kind: 'vip' }), cluster);
    expect(vip.map((r) => r.service)).toEqual(['SMTP (tcp SMTP)']);
  });

  it("lists a group's members, and nothing without a reading or for a node without hosts", () => {
    const group = testNode('group:n1', {
      kind: 'group',
      group: { hostIds: ['n1', 'n2'], memberIds: ['n2'], counts: {} },
    });
    expect(panelRealServers(lb, group, cluster).map((r) => r.server)).toEqual([
      'node2 10.10.0.12:80',
    ]);
    expect(panelRealServers(null, testNode('host:n1', { hostId: 'n1' }), cluster)).toEqual([]);
    expect(panelRealServers(lb, testNode('internet', { kind: 'internet' }), cluster)).toEqual([]);
  });
});
