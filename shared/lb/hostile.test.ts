import { HOSTILE_MARK as MARK, expectHostileRejected } from '../testing/hostile.test-support';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../base/errors';
import { planCluster } from '../cluster/plan';
import { renderKeepalivedConf } from './keepalived-conf';
import { LAB, httpService, lbCluster, lbInput } from './testing/lb-fixtures';

describe('hostile load-balancer input', () => {
  it('every user-supplied LB field rejects shell and config syntax, naming the field', () => {
    const base = lbCluster([httpService()]);
    const svc = (patch: object) => ({
      ...base,
      services: [{ ...httpService(), ...patch }],
    });
    const cases: [string, (v: string) => unknown][] = [
      ['services.0.id', (v) => svc({ id: `web${v}` })],
      ['services.0.name', (v) => svc({ name: `Web ${v}` })],
      ['services.0.vip', (v) => svc({ vip: `10.10.0.100${v}` })],
      ['services.0.check.path', (v) => svc({ check: { kind: 'http', path: `/x${v}` } })],
      ['services.0.sorryServer.ip', (v) => svc({ sorryServer: { ip: `10.10.0.5${v}` } })],
      ['services.0.realServers.0.hostId', (v) => svc({ realServers: [{ hostId: `h${v}` }] })],
      ['services.0.scheduler', (v) => svc({ scheduler: `rr${v}` })],
      ['vips.0.address', (v) => ({ ...base, vips: [{ address: `10.10.0.100 ${v}` }] })],
      [
        'vips.0.interface',
        (v) => ({
          ...base,
          vips: [{ address: '10.10.0.100', interface: `eth0${v}` }],
        }),
      ],
    ];
    expectHostileRejected(cases);
  });

  it('a probed interface name that is not plain never reaches a VIP file or command', () => {
    const input = lbInput(lbCluster([httpService()]));
    const m = input.observed[LAB.manager];
    if (m) {
      m.facts = {
        ...m.facts,
        interfaces: m.facts.interfaces.map((i) =>
          i.name === 'eth0' ? { ...i, name: `eth0;${MARK}` } : i,
        ),
      };
    }
    let error: unknown;
    try {
      planCluster(input);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('VALIDATION');
    expect(String(error)).not.toContain('undefined');
  });

  it('the longest allowed values still render a keepalived.conf with one value per line', () => {
    const c = lbCluster([
      httpService({
        name: 'A'.repeat(64),
        check: { kind: 'http', path: `/${'a'.repeat(255)}` },
      }),
    ]);
    const text = renderKeepalivedConf(c);
    for (const line of text.split('\n'))
      expect(line.trimStart().startsWith('#') || !/[#!$"]/.test(line), line).toBe(true);
  });
});
