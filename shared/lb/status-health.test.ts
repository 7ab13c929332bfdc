import { describe, expect, it } from 'vitest';
import { parseIpvsadm } from '../probe/parse-ipvsadm';
import { parseKeepalivedLog } from './keepalived-log';
import { LbStatus } from './status';
import { buildLbStatus, lbServiceStatuses } from './status-view';
import { httpService, lbCluster } from './testing/lb-fixtures';

/**
 * Health is health, pending is pending: a server keepalived took out is down with its reason,
 * and what is saved but not applied is pending apply; neither is drift.
 */

const HEAD = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
`;
/** node1 serving, node2 held at weight 0 by keepalived (inhibit_on_failure). */
const INHIBITED = `${HEAD}TCP  10.10.0.100:80 wlc
  -> 10.10.0.11:80                Route   1      2          7
  -> 10.10.0.12:80                Route   0      0          2
`;
/** node2 removed by keepalived. */
const REMOVED = `${HEAD}TCP  10.10.0.100:80 wlc
  -> 10.10.0.11:80                Route   1      2          7
`;
const JOURNAL = [
  '2026-12-03T15:40:00+00:00 manager Keepalived_healthcheckers[812]: TCP connection to [10.10.0.12]:tcp:80 failed.',
  '2026-12-03T15:40:01+00:00 manager Keepalived_healthcheckers[812]: TCP connection to [10.10.0.12]:tcp:80 failed.',
  '2026-12-03T15:40:01+00:00 manager Keepalived_healthcheckers[812]: TCP_CHECK on service [10.10.0.12]:tcp:80 failed after 1 retries.',
  '2026-12-03T15:40:01+00:00 manager Keepalived_healthcheckers[812]: Removing service [10.10.0.12]:tcp:80 from VS [10.10.0.100]:tcp:80',
].join('\n');

const c = lbCluster([httpService()]);
const at = '2026-12-03T15:41:00.000Z';
const names = { 'h-node1': 'node1', 'h-node2': 'node2' };

describe('live status: health and pending changes', () => {
  for (const [name, listing] of [
    ['removed from IPVS', REMOVED],
    ['at weight 0 though not drained', INHIBITED],
  ] as const)
    it(`a server ${name} is down with keepalived's reason and time, not drift`, () => {
      const status = buildLbStatus({
        cluster: c,
        at,
        keepalived: 'active',
        table: parseIpvsadm(listing),
        error: null,
        hostNames: names,
        applied: c,
        downs: parseKeepalivedLog(JOURNAL),
      });
      expect(LbStatus.parse(status)).toEqual(status);
      expect(status.ipvsDrift).toEqual([]);
      expect(status.services[0]?.realServers.map((r) => [r.address, r.state, r.down])).toEqual([
        ['10.10.0.11', 'up', null],
        [
          '10.10.0.12',
          'down',
          { reason: 'TCP connection failed', since: '2026-12-03T15:40:01.000Z' },
        ],
      ]);
    });

  it("a server out of IPVS while keepalived's own check passes is drift (changed by hand), expected vs found", () => {
    const checks = [
      { service: 'tcp 10.10.0.100:80', address: '10.10.0.11', port: 80, state: 'up' as const },
      { service: 'tcp 10.10.0.100:80', address: '10.10.0.12', port: 80, state: 'up' as const },
    ];
    const read = (listing: string) =>
      buildLbStatus({
        cluster: c,
        at,
        keepalived: 'active',
        table: parseIpvsadm(listing),
        error: null,
        hostNames: names,
        applied: c,
        checks,
      });
    const removed = read(REMOVED);
    expect(removed.ipvsDrift).toEqual([
      {
        service: 'http',
        kind: 'missing-server',
        message:
          "real server 10.10.0.12:80 in tcp 10.10.0.100:80: expected in IPVS (keepalived's check passes), found missing",
      },
    ]);
    expect(removed.services[0]?.realServers[1]?.down?.reason).toMatch(/check passes/);
    expect(read(INHIBITED).ipvsDrift.map((d) => d.message)).toEqual([
      'real server 10.10.0.12:80 weight: expected 1, found 0',
    ]);
    // keepalived's check fails: the same tables are health, not drift.
    const failing = checks.map((x) =>
      x.address === '10.10.0.12' ? { ...x, state: 'down' as const } : x,
    );
    for (const listing of [REMOVED, INHIBITED])
      expect(
        buildLbStatus({
          cluster: c,
          at,
          keepalived: 'active',
          table: parseIpvsadm(listing),
          error: null,
          hostNames: names,
          applied: c,
          checks: failing,
        }).ipvsDrift,
      ).toEqual([]);
  });

  it('a down server without a journal still says down, with no reason to show', () => {
    const [web] = lbServiceStatuses(c, parseIpvsadm(REMOVED), names, null, { applied: c });
    expect(web?.realServers[1]?.down).toEqual({ reason: null, since: null });
  });

  it('a service never applied is pending apply: not down, not missing, not drift', () => {
    const status = buildLbStatus({
      cluster: c,
      at,
      keepalived: 'active',
      table: parseIpvsadm(HEAD),
      error: null,
      hostNames: names,
      applied: null,
    });
    expect(status.services[0]).toMatchObject({ pending: true, present: false });
    expect(status.services[0]?.realServers.map((r) => r.state)).toEqual(['pending', 'pending']);
    expect(status.ipvsDrift).toEqual([]);
  });

  it('a server added to an applied service is pending apply; the others keep their live state', () => {
    const before = lbCluster([httpService({ realServers: [{ hostId: 'h-node1' }] })]);
    const status = buildLbStatus({
      cluster: c,
      at,
      keepalived: 'active',
      table: parseIpvsadm(REMOVED),
      error: null,
      hostNames: names,
      applied: before,
    });
    expect(status.services[0]?.pending).toBe(true);
    expect(status.services[0]?.realServers.map((r) => [r.address, r.state])).toEqual([
      ['10.10.0.11', 'up'],
      ['10.10.0.12', 'pending'],
    ]);
    expect(status.ipvsDrift).toEqual([]);
  });

  it('a service removed in the model but still applied is not drift until applied', () => {
    const status = buildLbStatus({
      cluster: lbCluster([]),
      at,
      keepalived: 'active',
      table: parseIpvsadm(REMOVED),
      error: null,
      hostNames: names,
      applied: c,
    });
    expect(status.ipvsDrift).toEqual([]);
    // Applied as it is now: the service IPVS still has is drift, saying what differs.
    const applied = lbCluster([]);
    expect(
      buildLbStatus({
        cluster: applied,
        at,
        keepalived: 'active',
        table: parseIpvsadm(REMOVED),
        error: null,
        hostNames: names,
        applied,
      }).ipvsDrift.map((d) => d.message),
    ).toEqual(['tcp 10.10.0.100:80: expected absent (not in the model), found in IPVS']);
  });
});
