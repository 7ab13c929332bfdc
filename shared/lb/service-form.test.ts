import { describe, expect, it } from 'vitest';
import { parseCluster, type Cluster } from '../model/cluster';
import { LbPolicy, LbService, type LbServiceInput } from '../model/lb';
import { presetById, servicesFromPreset } from './presets';
import { LAB, LAB_HOSTS, LAB_VIP, lbCluster } from './testing/lb-fixtures';
import {
  applyPreset,
  editServiceForm,
  formServices,
  newServiceForm,
  PRESET_OPTIONS,
  toNumber,
  toPorts,
} from './service-form';
import { validateCluster } from '../cluster/validate';

function cluster(services: LbServiceInput[] = [], patch: Partial<Cluster> = {}): Cluster {
  return parseCluster({ ...lbCluster(services), ...patch });
}

/** The services the wizard makes for a preset with every default untouched. */
function presetServices(c: Cluster, choice: Parameters<typeof applyPreset>[2]) {
  return formServices(c, applyPreset(c, newServiceForm(c), choice), null);
}

describe('newServiceForm', () => {
  it("starts from the cluster's default policy, its first VIP and its enabled nodes", () => {
    const c = cluster([], {
      lbPolicy: {
        scheduler: 'rr',
        method: 'nat',
        persistenceSec: 1800,
        check: {
          kind: 'http',
          path: '/health',
          expectStatus: 204,
          intervalSec: 3,
          timeoutSec: 2,
          retries: 2,
          retryDelaySec: 0.5,
        },
        onFailure: 'weight0',
      },
    });
    const f = newServiceForm(c);
    expect(f).toMatchObject({
      vip: LAB_VIP,
      scheduler: 'rr',
      method: 'nat',
      persistence: '1800',
      checkKind: 'http',
      checkPath: '/health',
      expectStatus: '204',
      intervalSec: '3',
      retryDelaySec: '0.5',
      onFailure: 'weight0',
      includeManager: false,
    });
    expect(f.servers.map((r) => [r.hostId, r.selected])).toEqual([
      [LAB.node1, true],
      [LAB.node2, true],
    ]);
  });

  it('offers the manager as the real server of a cluster without enabled nodes', () => {
    const c = cluster([], { nodes: [] });
    expect(newServiceForm(c)).toMatchObject({ servers: [], includeManager: true });
  });

  it('keeps a custom persistence that is not a preset', () => {
    const c = cluster([], { lbPolicy: LbPolicy.parse({ persistenceSec: 600 }) });
    expect(newServiceForm(c)).toMatchObject({
      persistence: 'custom',
      persistenceSec: '600',
    });
  });
});

describe('presets in the wizard', () => {
  it('lists every shared preset, the HTTP+HTTPS group after HTTPS and Custom last', () => {
    expect(PRESET_OPTIONS.map((p) => p.id)).toEqual([
      'http',
      'https',
      'web-group',
      'smtp',
      'pop3',
      'imap',
      'ftp',
      'custom',
    ]);
    const ftp = PRESET_OPTIONS.find((p) => p.id === 'ftp');
    expect(ftp?.notes.join(' ')).toMatch(/persistence is required/);
    expect(ftp?.notes.join(' ')).toMatch(/ip_vs_ftp/);
  });

  it('makes exactly what servicesFromPreset makes for the same VIP, servers and policy', () => {
    const c = cluster();
    const servers = [
      { hostId: LAB.node1, weight: 1 },
      { hostId: LAB.node2, weight: 1 },
    ];
    for (const id of ['http', 'https', 'smtp', 'pop3', 'imap', 'ftp'] as const) {
      const preset = presetById(id);
      if (preset === undefined) throw new Error(`no preset ${id}`);
      const expected = servicesFromPreset(preset, LAB_VIP, servers).map((s) => LbService.parse(s));
      expect(presetServices(c, id), id).toEqual(expected);
    }
  });

  it('makes one service per port of a multi-port preset (SMTP 25 and 587)', () => {
    const made = presetServices(cluster(), 'smtp');
    expect(made.map((s) => [s.id, s.name, s.listen, s.check.kind])).toEqual([
      ['smtp-25', 'SMTP 25', { kind: 'port', port: 25 }, 'smtp'],
      ['smtp-587', 'SMTP 587', { kind: 'port', port: 587 }, 'smtp'],
    ]);
  });

  it('requires FTP persistence whatever the policy says', () => {
    const [ftp] = presetServices(cluster(), 'ftp');
    expect(ftp?.persistence).toEqual({ seconds: 3600, netmask: 32 });
  });

  it('groups HTTP and HTTPS under one firewall mark with persistence', () => {
    const c = cluster([
      {
        id: 'web-a',
        name: 'A',
        vip: LAB_VIP,
        listen: { kind: 'fwmark', mark: 120, ports: [8080] },
        realServers: [{ hostId: LAB.node1 }],
      },
    ]);
    const made = presetServices(c, 'web-group');
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      id: 'web-fwm121',
      name: 'Web',
      listen: { kind: 'fwmark', mark: 121, ports: [80, 443], ranges: [] },
      persistence: { seconds: 1800, netmask: 32 },
    });
    expect(LbService.safeParse(made[0]).success).toBe(true);
  });

  it('keeps the chosen VIP and servers when the preset changes', () => {
    const c = cluster([], { vips: [{ address: LAB_VIP }, { address: '10.10.0.101' }] });
    const f = { ...newServiceForm(c), vip: '10.10.0.101', includeManager: true };
    const g = applyPreset(c, applyPreset(c, f, 'ftp'), 'http');
    expect(g).toMatchObject({
      vip: '10.10.0.101',
      includeManager: true,
      preset: 'http',
      ports: '80',
    });
    expect(g.persistence).toBe('off');
  });
});

describe('formServices', () => {
  it('gives a second service on a taken id the next free id, so the engine can name the clash', () => {
    const first = presetServices(cluster(), 'http');
    const c = cluster(first);
    const second = presetServices(c, 'http');
    expect(second.map((s) => s.id)).toEqual(['http-80-2']);
    const issues = validateCluster(parseCluster({ ...c, services: [...c.services, ...second] }), {
      hosts: LAB_HOSTS,
      facts: {},
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ field: 'services.1.listen.port', severity: 'error' }),
    );
  });

  it('turns a bad number into NaN so the schema names the field', () => {
    const c = cluster();
    const f = { ...applyPreset(c, newServiceForm(c), 'custom'), name: 'App', ports: '80x' };
    const [s] = formServices(c, f, null);
    const r = LbService.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('listen.port');
  });

  it('makes one service whose port is missing when no port was typed', () => {
    const c = cluster();
    const made = formServices(c, { ...newServiceForm(c), name: 'App' }, null);
    expect(made).toHaveLength(1);
    expect(made[0]?.id).toBe('app');
    expect(made[0]?.listen).toEqual({ kind: 'port', port: NaN });
  });

  it('reads custom persistence, netmask, NAT ports, the manager and a sorry server', () => {
    const c = cluster();
    const f = {
      ...newServiceForm(c),
      name: 'App',
      ports: '8080',
      method: 'nat' as const,
      persistence: 'custom' as const,
      persistenceSec: '600',
      netmask: '24',
      servers: [
        { hostId: LAB.node1, selected: true, weight: '3', port: '9000' },
        { hostId: LAB.node2, selected: false, weight: '1', port: '' },
      ],
      includeManager: true,
      managerWeight: '0',
      sorryIp: '10.10.0.50',
      sorryPort: '8081',
      checkKind: 'none' as const,
    };
    expect(formServices(c, f, null)).toEqual([
      LbService.parse({
        id: 'app-8080',
        name: 'App',
        vip: LAB_VIP,
        listen: { kind: 'port', port: 8080 },
        protocol: 'tcp',
        scheduler: 'wlc',
        persistence: { seconds: 600, netmask: 24 },
        method: 'nat',
        check: { kind: 'none' },
        realServers: [{ hostId: LAB.node1, weight: 3, port: 9000 }],
        includeManager: { weight: 0 },
        sorryServer: { ip: '10.10.0.50', port: 8081 },
        onFailure: 'remove',
      }),
    ]);
  });

  it('round-trips every kind of service through the edit form unchanged', () => {
    const services: LbServiceInput[] = [
      {
        id: 'app',
        name: 'App',
        vip: LAB_VIP,
        listen: { kind: 'port', port: 8080 },
        method: 'nat',
        scheduler: 'sh',
        persistence: { seconds: 300, netmask: 24 },
        check: {
          kind: 'https',
          path: '/up?x=1',
          expectStatus: 204,
          intervalSec: 1.5,
          timeoutSec: 0.5,
          retries: 3,
          retryDelaySec: 0.25,
          port: 8443,
        },
        realServers: [{ hostId: LAB.node2, weight: 5, port: 9000 }],
        includeManager: { weight: 2 },
        sorryServer: { ip: '10.10.0.50' },
        onFailure: 'weight0',
      },
      {
        id: 'ftp-group',
        name: 'FTP group',
        vip: LAB_VIP,
        listen: { kind: 'fwmark', mark: 7, ports: [21], ranges: [{ from: 30000, to: 30100 }] },
        protocol: 'tcp',
        persistence: { seconds: 3600 },
        check: { kind: 'tcp' },
        realServers: [{ hostId: LAB.node1 }, { hostId: LAB.node2, weight: 0 }],
      },
      {
        id: 'dns',
        name: 'DNS',
        vip: LAB_VIP,
        listen: { kind: 'port', port: 53 },
        protocol: 'udp',
        check: { kind: 'none' },
        realServers: [{ hostId: LAB.node1 }],
      },
    ];
    const c = cluster(services);
    for (const s of c.services) {
      expect(formServices(c, editServiceForm(c, s), s.id), s.id).toEqual([s]);
    }
  });

  it('keeps the id of an edited service when its name or port changes', () => {
    const c = cluster(presetServices(cluster(), 'http'));
    const s = c.services[0]!;
    const made = formServices(c, { ...editServiceForm(c, s), name: 'Web', ports: '8080' }, s.id);
    expect(made.map((m) => [m.id, m.name, m.listen])).toEqual([
      ['http-80', 'Web', { kind: 'port', port: 8080 }],
    ]);
  });
});

describe('number parsing', () => {
  it('accepts whole and decimal numbers only', () => {
    expect(toNumber(' 2 ')).toBe(2);
    expect(toNumber('0.5')).toBe(0.5);
    expect(toNumber('')).toBeNaN();
    expect(toNumber('-1')).toBeNaN();
    expect(toNumber('1e3')).toBeNaN();
  });

  it('splits port lists on commas and spaces', () => {
    expect(toPorts('25, 587')).toEqual([25, 587]);
    expect(toPorts('80 443,')).toEqual([80, 443]);
    expect(toPorts('80, x')).toEqual([80, NaN]);
  });
});
