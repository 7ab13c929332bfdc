import type { LbRealServerStatus, LbServiceStatus, LbStatus } from '../status';

/** A real server of a live status reading, for tests. */
export function rsStatus(overrides: Partial<LbRealServerStatus> = {}): LbRealServerStatus {
  return {
    hostId: 'n1',
    hostName: 'node1',
    address: '10.10.0.11',
    port: 80,
    isManager: false,
    state: 'up',
    forward: 'Route',
    weight: 1,
    modelWeight: 1,
    activeConns: 0,
    inactiveConns: 0,
    stats: null,
    rate: null,
    check: null,
    down: null,
    ...overrides,
  };
}

/** A service of a live status reading, for tests. */
export function serviceStatus(overrides: Partial<LbServiceStatus> = {}): LbServiceStatus {
  return {
    serviceId: 'http-80',
    name: 'HTTP',
    label: 'tcp 10.10.0.100:80',
    key: 'TCP 10.10.0.100:80',
    method: 'dr',
    present: true,
    pending: false,
    scheduler: 'wlc',
    persistenceSec: 0,
    stats: null,
    rate: null,
    realServers: [rsStatus()],
    ...overrides,
  };
}

/** A live status reading, for tests. */
export function lbStatus(overrides: Partial<LbStatus> = {}): LbStatus {
  return {
    clusterId: 'c1',
    at: '2025-01-01T12:00:00.000Z',
    managerHostId: 'm',
    keepalived: 'active',
    services: [serviceStatus()],
    ipvsDrift: [],
    error: null,
    ...overrides,
  };
}
