import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import { compareIpvs, ipvsServiceLine } from './ipvs-compare';
import { mergeIpvs, parseCounter, parseIpvsadm } from '../probe/parse-ipvsadm';
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

  it('matches the captured table where it agrees and names each difference, expected vs found', () => {
    const drift = compareIpvs(c, parseIpvsadm(fixture('ipvsadm-list.txt')));
    // 10.10.0.12:80 at weight 0 while the model says 1 is keepalived's verdict (down), not drift.
    expect(drift).toEqual([
      {
        service: 'tcp 10.10.0.100:25',
        kind: 'extra-service',
        message: 'tcp 10.10.0.100:25: expected absent (not in the model), found in IPVS',
      },
      {
        service: 'tcp 10.30.0.100:80',
        kind: 'extra-service',
        message: 'tcp 10.30.0.100:80: expected absent (not in the model), found in IPVS',
      },
      {
        service: 'udp 10.10.0.100:53',
        kind: 'extra-service',
        message: 'udp 10.10.0.100:53: expected absent (not in the model), found in IPVS',
      },
    ]);
  });

  it('leaves out what is saved but not applied: new services, and removals not applied yet', () => {
    const table = parseIpvsadm(fixture('ipvsadm-list.txt'));
    const pending = {
      services: new Set(['http', 'web']),
      removedKeys: new Set(['tcp 10.10.0.100:25']),
    };
    expect(compareIpvs(c, table, pending).map((d) => d.service)).toEqual([
      'tcp 10.30.0.100:80',
      'udp 10.10.0.100:53',
    ]);
  });

  it('says what differs for weights, scheduler and persistence', () => {
    const other = parseCluster({
      ...c,
      services: [
        httpService({
          scheduler: 'rr',
          realServers: [{ hostId: LAB.node1, weight: 5 }],
          includeManager: { weight: 2 },
        }),
      ],
    });
    const messages = compareIpvs(other, parseIpvsadm(fixture('ipvsadm-list.txt'))).map(
      (d) => d.message,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'tcp 10.10.0.100:80 scheduler: expected rr, found wlc',
        'tcp 10.10.0.100:80 persistence: expected off, found 1800 s mask 255.255.255.0',
        'real server 10.10.0.11:80 weight: expected 5, found 1',
      ]),
    );
    expect(messages.join('\n')).not.toMatch(/check fail/);
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

describe('parseIpvsadm on captures from the lab manager (keepalived 2.2.7, ipvsadm 1.31)', () => {
  it('reads the plain listing, trailing padding included', () => {
    const t = parseIpvsadm(fixture('lab-list.txt'));
    expect(t.services.map((s) => [s.key, s.scheduler])).toEqual([
      ['tcp 10.10.0.100:80', 'wlc'],
      ['tcp 10.10.0.101:80', 'rr'],
    ]);
    expect(t.services[0]?.destinations).toEqual([
      {
        address: '10.10.0.11',
        port: 80,
        forward: 'Route',
        weight: 1,
        activeConns: 0,
        inactiveConns: 26,
      },
      {
        address: '10.10.0.12',
        port: 80,
        forward: 'Route',
        weight: 1,
        activeConns: 0,
        inactiveConns: 25,
      },
    ]);
    expect(t.services[1]?.destinations.map((d) => d.forward)).toEqual(['Masq', 'Masq']);
  });

  it('reads --stats --exact and --rate --exact, and merges them with the listing', () => {
    const merged = mergeIpvs(
      parseIpvsadm(fixture('lab-list.txt')),
      parseIpvsadm(fixture('lab-stats-exact.txt')),
      parseIpvsadm(fixture('lab-rate-exact.txt')),
    );
    const dr = merged.services[0];
    expect(dr?.stats).toEqual({
      conns: 135,
      inPkts: 1145,
      outPkts: 0,
      inBytes: 70962,
      outBytes: 0,
    });
    expect(dr?.destinations[0]?.stats).toEqual({
      conns: 48,
      inPkts: 488,
      outPkts: 0,
      inBytes: 29461,
      outBytes: 0,
    });
    expect(dr?.destinations[0]?.rate).toEqual({
      conns: 1,
      inPkts: 5,
      outPkts: 0,
      inBytes: 315,
      outBytes: 0,
    });
    // NAT: the replies pass the manager, so OutPkts counts them; DR's stays 0.
    expect(merged.services[1]?.destinations[1]?.stats?.outPkts).toBe(40);
    expect(merged.services[1]?.destinations[1]?.weight).toBe(1);
  });
});
