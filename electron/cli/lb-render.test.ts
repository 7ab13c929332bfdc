import { describe, expect, it } from 'vitest';
import type { DriftReport, LbRealServerStatus, LbStatus } from '../../shared/lb/status';
import { rsStatus } from '../../shared/lb/testing/status-fixtures';
import { renderDrift, renderLbStatus } from './lb-render';

const server = (patch: Partial<LbRealServerStatus>): LbRealServerStatus =>
  rsStatus({
    activeConns: 3,
    inactiveConns: 17,
    rate: { conns: 2, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 },
    ...patch,
  });

const status: LbStatus = {
  clusterId: 'c1',
  at: '2026-01-01T00:00:00.000Z',
  managerHostId: 'hm',
  keepalived: 'active',
  services: [
    {
      serviceId: 'http',
      name: 'HTTP',
      label: 'tcp 10.10.0.100:80',
      key: 'tcp 10.10.0.100:80',
      method: 'dr',
      present: true,
      pending: false,
      scheduler: 'wlc',
      persistenceSec: 300,
      stats: { conns: 20, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 },
      rate: null,
      realServers: [
        server({}),
        server({
          hostId: 'h2',
          hostName: 'node2',
          address: '10.10.0.12',
          state: 'drain',
          weight: 1,
          modelWeight: 0,
          activeConns: 1,
          rate: null,
        }),
        server({
          hostId: null,
          hostName: null,
          address: '192.0.2.9',
          state: 'extra',
          modelWeight: null,
          forward: 'Route',
          activeConns: 0,
          inactiveConns: 0,
        }),
      ],
    },
    {
      serviceId: 'smtp',
      name: 'SMTP',
      label: 'tcp 10.10.0.100:25',
      key: 'tcp 10.10.0.100:25',
      method: 'dr',
      present: false,
      pending: false,
      scheduler: 'wlc',
      persistenceSec: 0,
      stats: null,
      rate: null,
      realServers: [],
    },
  ],
  ipvsDrift: [
    { service: 'smtp', kind: 'missing-service', message: 'tcp 10.10.0.100:25 is not in IPVS' },
  ],
  error: null,
};

describe('renderLbStatus', () => {
  it('prints each service with its servers in columns, then the IPVS differences', () => {
    expect(renderLbStatus(status, { cluster: 'lab', manager: 'manager' })).toBe(
      [
        'cluster lab  manager manager  keepalived active  at 2026-01-01T00:00:00.000Z',
        '',
        'HTTP  tcp 10.10.0.100:80  wlc  DR  persistent 300 s  20 conns',
        '  STATE  HOST   ADDRESS        FORWARD  WEIGHT       ACTIVE  INACTIVE  CONN/S',
        '  up     node1  10.10.0.11:80  Route    1            3       17        2',
        '  drain  node2  10.10.0.12:80  Route    1 (model 0)  1       17        -',
        '  extra  -      192.0.2.9:80   Route    1            0       0         2',
        '',
        'SMTP  tcp 10.10.0.100:25  NOT IN IPVS  wlc  DR',
        '  (no real servers)',
        '',
        'IPVS against the model:',
        '  smtp: tcp 10.10.0.100:25 is not in IPVS',
        '',
      ].join('\n'),
    );
  });

  it('says why the manager could not be read', () => {
    const text = renderLbStatus(
      {
        ...status,
        services: [],
        ipvsDrift: [],
        keepalived: 'unknown',
        error: 'HOST_UNREACHABLE: x',
      },
      { cluster: 'lab', manager: 'm' },
    );
    expect(text).toBe(
      'cluster lab  manager m  keepalived unknown  at 2026-01-01T00:00:00.000Z\nerror: HOST_UNREACHABLE: x\n\nNo services.\n',
    );
  });
});

describe('renderDrift', () => {
  const report: DriftReport = {
    clusterId: 'c1',
    at: '2026-01-01T00:00:00.000Z',
    inSync: false,
    items: [
      {
        hostId: 'hm',
        hostName: 'manager',
        stepId: 'lb.keepalived',
        title: 'Configure keepalived',
        files: [{ path: '/etc/keepalived/keepalived.conf', diff: '--- a\n+++ b\n-old\n+new\n' }],
        detail:
          'expected: Configure keepalived\nfound: /etc/keepalived/keepalived.conf differs from the plan: 2 lines (diff below)',
      },
    ],
    ipvsDrift: [
      {
        service: 'http',
        kind: 'server-weight',
        message: 'real server 10.10.0.12:80 weight: expected 1, found 3',
      },
    ],
    planHash: 'a'.repeat(64),
  };

  it('prints each step not in place with why and its diff, and how to repair', () => {
    expect(renderDrift(report, 'lab')).toBe(
      [
        'cluster lab: 1 step not in place',
        '',
        '[manager] Configure keepalived  [lb.keepalived]',
        '    expected: Configure keepalived',
        '    found: /etc/keepalived/keepalived.conf differs from the plan: 2 lines (diff below)',
        '    file: /etc/keepalived/keepalived.conf',
        '      --- a',
        '      +++ b',
        '      -old',
        '      +new',
        '',
        'IPVS against the model:',
        '  http: real server 10.10.0.12:80 weight: expected 1, found 3',
        '',
        'To put it back: clusterdeck apply lab --full',
        '',
      ].join('\n'),
    );
  });

  it('says so when everything is in place', () => {
    expect(
      renderDrift({ ...report, inSync: true, items: [], ipvsDrift: [], planHash: null }, 'lab'),
    ).toBe('cluster lab: every step is in place\n');
  });
});
