import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import { compareIpvs, ipvsServiceLine } from './ipvs-compare';
import { mergeIpvs, parseCounter, parseIpvsadm } from './parse-ipvsadm';
import { LAB, httpService, lbCluster } from './testing/lb-fixtures';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe('parseIpvsadm', () => {
  it('reads services, flags and real servers of ipvsadm -Ln', () => {
    const t = parseIpvsadm(fixture('ipvsadm-list.txt'));
    expect(t.format).toBe('list');
    expect(t.version).toBe('1.2.1');
    expect(t.tableSize).toBe(4096);
    expect(t.services.map((s) => s.key)).toEqual([
      'tcp 10.10.0.100:25',
      'tcp 10.10.0.100:80',
      'tcp 10.30.0.100:80',
      'udp 10.10.0.100:53',
      'fwmark 100',
    ]);
    const web = t.services[1];
    expect(web?.scheduler).toBe('wlc');
    expect(web?.persistence).toEqual({
      timeout: 1800,
      netmask: '255.255.255.0',
    });
    expect(web?.destinations).toEqual([
      {
        address: '10.10.0.10',
        port: 80,
        forward: 'Local',
        weight: 2,
        activeConns: 0,
        inactiveConns: 0,
      },
      {
        address: '10.10.0.11',
        port: 80,
        forward: 'Route',
        weight: 1,
        activeConns: 3,
        inactiveConns: 17,
      },
      {
        address: '10.10.0.12',
        port: 80,
        forward: 'Route',
        weight: 0,
        activeConns: 0,
        inactiveConns: 4,
      },
    ]);
    expect(t.services[3]?.schedulerFlags).toEqual(['sh-fallback', 'sh-port']);
    expect(t.services[4]).toMatchObject({
      protocol: 'fwmark',
      fwmark: 100,
      persistence: { timeout: 3600 },
    });
  });

  it('reads counters of --stats (with K/M suffixes) and --rate, and merges them in', () => {
    const stats = parseIpvsadm(fixture('ipvsadm-stats.txt'));
    expect(stats.format).toBe('stats');
    expect(stats.services[2]?.stats).toEqual({
      conns: 123456,
      inPkts: 98765432,
      outPkts: 87654321,
      inBytes: 123456000,
      outBytes: 234567000000,
    });
    const rate = parseIpvsadm(fixture('ipvsadm-rate.txt'));
    expect(rate.format).toBe('rate');
    const merged = mergeIpvs(parseIpvsadm(fixture('ipvsadm-list.txt')), stats, rate);
    const web = merged.services.find((s) => s.key === 'tcp 10.10.0.100:80');
    expect(web?.stats?.conns).toBe(20);
    expect(web?.rate?.conns).toBe(4);
    expect(web?.destinations[1]).toMatchObject({
      forward: 'Route',
      stats: { conns: 10 },
      rate: { inPkts: 12 },
    });
    expect(parseIpvsadm(fixture('ipvsadm-stats-exact.txt')).services[0]?.stats?.outBytes).toBe(
      234567890123,
    );
  });

  it('an empty table has no services; a line it does not know is an error', () => {
    expect(parseIpvsadm(fixture('ipvsadm-empty.txt')).services).toEqual([]);
    expect(() =>
      parseIpvsadm('IP Virtual Server version 1.2.1 (size=4096)\nSCTP? 1.2.3.4\n'),
    ).toThrow(/unexpected/);
    expect(() => parseCounter('12Q')).toThrow();
  });
});

describe('compareIpvs', () => {
  const c = lbCluster([
    httpService({
      persistence: { seconds: 1800, netmask: 24 },
      includeManager: { weight: 2 },
    }),
    httpService({
      id: 'web',
      listen: { kind: 'fwmark', mark: 100, ports: [443] },
      persistence: { seconds: 3600 },
    }),
  ]);

  it('matches the captured table where it agrees and names each difference', () => {
    const drift = compareIpvs(c, parseIpvsadm(fixture('ipvsadm-list.txt')));
    expect(drift).toEqual([
      {
        service: 'http',
        kind: 'server-down',
        message: '10.10.0.12:80 is at weight 0 (failed its check, or drained)',
      },
      {
        service: 'tcp 10.10.0.100:25',
        kind: 'extra-service',
        message: 'tcp 10.10.0.100:25 is in IPVS but not in the model',
      },
      {
        service: 'tcp 10.30.0.100:80',
        kind: 'extra-service',
        message: 'tcp 10.30.0.100:80 is in IPVS but not in the model',
      },
      {
        service: 'udp 10.10.0.100:53',
        kind: 'extra-service',
        message: 'udp 10.10.0.100:53 is in IPVS but not in the model',
      },
    ]);
  });

  it('reports a wrong scheduler, persistence and method, and a missing service', () => {
    const other = parseCluster({
      ...c,
      services: [
        httpService({
          scheduler: 'rr',
          method: 'tun',
          realServers: [{ hostId: LAB.node1 }],
        }),
        httpService({ id: 'x', listen: { kind: 'port', port: 81 } }),
      ],
    });
    const kinds = compareIpvs(other, parseIpvsadm(fixture('ipvsadm-list.txt')))
      .filter((d) => d.service !== 'tcp 10.10.0.100:25')
      .map((d) => d.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'scheduler',
        'persistence',
        'server-method',
        'extra-server',
        'missing-service',
      ]),
    );
  });

  it('the service line the verify greps for is the one ipvsadm prints', () => {
    const lines = fixture('ipvsadm-list.txt').split('\n');
    for (const s of c.services) expect(lines).toContain(ipvsServiceLine(s));
  });
});
