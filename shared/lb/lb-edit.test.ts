import { describe, expect, it } from 'vitest';
import { parseCluster } from '../model/cluster';
import { LAB, LAB_VIP, httpService, lbCluster } from './testing/lb-fixtures';
import {
  checkText,
  isLbField,
  nextMark,
  persistenceText,
  schedulerChoices,
  serverEntries,
  slugify,
  uniqueId,
  vipUses,
  withoutService,
  withoutVip,
  withServices,
  withVip,
} from './lb-edit';

const c = lbCluster([
  httpService(),
  httpService({ id: 'https', name: 'HTTPS', listen: { kind: 'port', port: 443 } }),
]);
const svc = (id: string) => parseCluster({ ...c, services: [httpService({ id })] }).services[0]!;

describe('VIP edits', () => {
  it('adds a VIP, with its interface only when one was typed', () => {
    expect(withVip(c, ' 10.10.0.101 ', '').vips).toEqual([
      { address: LAB_VIP },
      { address: '10.10.0.101' },
    ]);
    expect(withVip(c, '10.10.0.101', 'eth0').vips?.[1]).toEqual({
      address: '10.10.0.101',
      interface: 'eth0',
    });
    expect(withVip({ ...c, vips: undefined }, '10.10.0.101', '').vips).toEqual([
      { address: '10.10.0.101' },
    ]);
  });

  it('removes a VIP and lists the services on each', () => {
    expect(vipUses(c)).toEqual([{ vip: { address: LAB_VIP }, services: ['http', 'https'] }]);
    expect(withoutVip(c, LAB_VIP).vips).toEqual([]);
  });
});

describe('service edits', () => {
  it('appends new services and says where they land', () => {
    const r = withServices(c, [svc('a'), svc('b')], null);
    expect(r.cluster.services.map((s) => s.id)).toEqual(['http', 'https', 'a', 'b']);
    expect(r.indices).toEqual([2, 3]);
  });

  it('replaces an edited service in place', () => {
    const r = withServices(c, [svc('x')], 'http');
    expect(r.cluster.services.map((s) => s.id)).toEqual(['x', 'https']);
    expect(r.indices).toEqual([0]);
  });

  it('appends when the edited service is gone meanwhile', () => {
    expect(withServices(c, [svc('x')], 'gone').indices).toEqual([2]);
  });

  it('removes a service by id', () => {
    expect(withoutService(c, 'http').services.map((s) => s.id)).toEqual(['https']);
  });
});

describe('ids and marks', () => {
  it('makes slugs and free ids', () => {
    expect(slugify('  My App (v2)! ')).toBe('my-app-v2');
    expect(slugify('---')).toBe('');
    expect(uniqueId('http-80', new Set(['http-80', 'http-80-2']))).toBe('http-80-3');
    expect(uniqueId('http-80', new Set())).toBe('http-80');
  });

  it('picks the next firewall mark above those in use, from 100', () => {
    expect(nextMark(c)).toBe(100);
    const g = lbCluster([httpService({ listen: { kind: 'fwmark', mark: 250, ports: [80, 443] } })]);
    expect(nextMark(g)).toBe(251);
  });
});

describe('table texts', () => {
  it('describes persistence and checks', () => {
    expect(persistenceText({ seconds: 0, netmask: 32 })).toBe('off');
    expect(persistenceText({ seconds: 1800, netmask: 32 })).toBe('1800 s');
    expect(persistenceText({ seconds: 300, netmask: 24 })).toBe('300 s per /24');
    expect(checkText({ kind: 'none' })).toBe('none');
    expect(
      checkText({
        kind: 'http',
        path: '/health',
        expectStatus: 200,
        intervalSec: 2,
        timeoutSec: 1,
        retries: 1,
        retryDelaySec: 1,
      }),
    ).toBe('HTTP GET /health → 200 every 2 s');
    expect(
      checkText({
        kind: 'tcp',
        intervalSec: 3,
        timeoutSec: 1,
        retries: 1,
        retryDelaySec: 1,
        port: 8080,
      }),
    ).toBe('TCP connect on 8080 every 3 s');
  });

  it('lists real servers with names and weights, the manager last', () => {
    const s = parseCluster({
      ...c,
      services: [
        httpService({
          realServers: [{ hostId: LAB.node2, weight: 3 }],
          includeManager: { weight: 1 },
        }),
      ],
    }).services[0]!;
    const names: Record<string, string> = { [LAB.node2]: 'node2', [LAB.manager]: 'manager' };
    expect(serverEntries(c, s, (id) => names[id] ?? id)).toEqual([
      { hostId: LAB.node2, name: 'node2', weight: 3, isManager: false },
      { hostId: LAB.manager, name: 'manager (manager)', weight: 1, isManager: true },
    ]);
  });

  it('tells load-balancing findings from the others', () => {
    expect(isLbField('vips.0.address')).toBe(true);
    expect(isLbField('services')).toBe(true);
    expect(isLbField('lbPolicy.scheduler')).toBe(true);
    expect(isLbField('servicesX')).toBe(false);
    expect(isLbField('manager.hostId')).toBe(false);
  });
});

describe('schedulerChoices', () => {
  it("marks the schedulers the manager's kernel lacks, never the current one", () => {
    const missing = (supported: Parameters<typeof schedulerChoices>[0], current: 'wlc' | 'mh') =>
      schedulerChoices(supported, current)
        .filter((c) => c.missing)
        .map((c) => c.value);
    expect(schedulerChoices(null, 'wlc')).toHaveLength(14);
    expect(missing(null, 'wlc')).toEqual([]);
    expect(missing(['rr', 'wlc', 'sh'], 'wlc')).toEqual([
      'wrr',
      'lc',
      'lblc',
      'lblcr',
      'dh',
      'mh',
      'sed',
      'nq',
      'fo',
      'ovf',
      'twos',
    ]);
    expect(missing(['rr', 'wlc'], 'mh')).not.toContain('mh');
  });
});
