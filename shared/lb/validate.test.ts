import { describe, expect, it } from 'vitest';
import { isAppError } from '../base/errors';
import { parseCluster } from '../model/cluster';
import { validateCluster } from '../cluster/validate';
import type { HostFacts, IpvsFact } from '../model/facts';
import { planCluster } from '../cluster/plan';
import { LAB_HOSTS } from '../plan/testing/lab-fixtures';
import { DEFAULT_POLICY, detectionTimeSec, type LbServiceInput } from '../model/lb';
import { PRESETS, servicesFromPreset } from './presets';
import type { LbValidationContext } from './validate';
import { LAB, LAB_VIP, httpService, lbCluster, lbInput, lbObserved } from './testing/lb-fixtures';

function ctx(extra: Partial<LbValidationContext> = {}): LbValidationContext {
  const observed = lbObserved(lbCluster([]));
  return {
    hosts: LAB_HOSTS,
    facts: Object.fromEntries(Object.entries(observed).map(([id, o]) => [id, o.facts])),
    ...extra,
  };
}

/** A context whose manager facts are patched. */
function managerFacts(patch: (f: HostFacts) => HostFacts): Partial<LbValidationContext> {
  const { facts } = ctx();
  const mf = facts[LAB.manager];
  if (mf === undefined) throw new Error('the lab fixtures lost the manager facts');
  return { facts: { ...facts, [LAB.manager]: patch(mf) } };
}

/** A context whose manager has this ipvs fact (undefined: facts from before the fact). */
function withIpvs(ipvs: IpvsFact | undefined): Partial<LbValidationContext> {
  return managerFacts((f) => {
    const { ipvs: _old, ...rest } = f;
    return ipvs === undefined ? rest : { ...rest, ipvs };
  });
}

const NO_IPVS_MODULE = { loaded: false, builtin: false, available: false };

function errors(services: LbServiceInput[], vips?: string[], extra?: Partial<LbValidationContext>) {
  return validateCluster(lbCluster(services, 'public-private', vips), ctx(extra))
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.field}: ${i.message}`);
}

describe('load-balancer validation', () => {
  it('a sound HTTP service has no error', () => {
    expect(errors([httpService()])).toEqual([]);
  });

  it('refuses a port clash with a clear error, and the plan refuses it too', () => {
    const clash = [httpService(), httpService({ id: 'http2', name: 'Second' })];
    expect(errors(clash)).toEqual([
      'services.1.listen.port: tcp 10.10.0.100:80 is already served by service 1 (http)',
    ]);
    let e: unknown;
    try {
      planCluster(lbInput(lbCluster(clash)));
    } catch (x) {
      e = x;
    }
    expect(isAppError(e) && e.code).toBe('VALIDATION');
    expect((e as Error).message).toContain('services.1.listen.port');
  });

  it('a port in two firewall-mark groups of one VIP clashes; marks are unique', () => {
    const e = errors([
      httpService({
        id: 'a',
        listen: { kind: 'fwmark', mark: 5, ports: [80, 443] },
        persistence: { seconds: 300 },
      }),
      httpService({
        id: 'b',
        listen: { kind: 'fwmark', mark: 5, ports: [443, 8443] },
        persistence: { seconds: 300 },
      }),
    ]);
    expect(e).toContain(
      'services.1.listen.ports: tcp 10.10.0.100:443 is already served by service 1 (a)',
    );
    expect(e).toContain('services.1.listen.mark: mark 5 is already used by service 1');
  });

  it('a VIP is never the quorum IP, a host address, or outside the public network', () => {
    expect(errors([], ['10.20.0.2'])).toEqual(
      expect.arrayContaining([
        'vips.0.address: 10.20.0.2 is the quorum IP (intra-cluster only, never used for services); a VIP must be an extra address',
        "vips.0.address: 10.20.0.2 is not in the manager's public network 10.10.0.0/24: clients reach a VIP there",
      ]),
    );
    expect(errors([], ['10.10.0.11'])[0]).toBe(
      "vips.0.address: 10.10.0.11 is node 1's public address; a VIP must be an extra address",
    );
    expect(errors([httpService({ vip: '10.10.0.101' })])).toContain(
      "services.0.vip: 10.10.0.101 is not one of the cluster's VIPs: add it to vips first",
    );
  });

  it('FTP without persistence, an unsupported scheduler, all weights 0, DR port change, UDP checks', () => {
    expect(errors([httpService({ id: 'ftp', listen: { kind: 'port', port: 21 } })])).toContain(
      'services.0.persistence.seconds: FTP needs persistence: its data connection must reach the node of the control connection',
    );
    expect(
      errors([httpService({ scheduler: 'twos' })], undefined, {
        supportedSchedulers: ['rr', 'wlc'],
      })[0],
    ).toMatch(/^services\.0\.scheduler: the manager's kernel has no twos scheduler/);
    expect(errors([httpService({ realServers: [{ hostId: LAB.node1, weight: 0 }] })])).toContain(
      'services.0.realServers: every weight is 0: no server would get traffic',
    );
    expect(errors([httpService({ realServers: [{ hostId: LAB.node1, port: 8080 }] })])[0]).toMatch(
      /^services\.0\.realServers\.0\.port: DR cannot change the port/,
    );
    expect(errors([httpService({ protocol: 'udp' })])[0]).toMatch(
      /^services\.0\.check\.kind: keepalived checks connect over TCP/,
    );
    expect(errors([httpService({ realServers: [{ hostId: LAB.manager }] })])[0]).toMatch(
      /^services\.0\.realServers\.0\.hostId: is the manager/,
    );
  });

  it('DR and TUN cannot share a VIP; the sorry server is a real address', () => {
    const e = errors([
      httpService(),
      httpService({
        id: 'tun',
        listen: { kind: 'port', port: 81 },
        method: 'tun',
        sorryServer: { ip: LAB_VIP },
      }),
    ]);
    expect(e).toContain(
      'services.0.method: 10.10.0.100 is also served with TUN by service tun: DR and TUN cannot share a VIP',
    );
    expect(e).toContain(
      'services.1.sorryServer.ip: 10.10.0.100 is a VIP: the sorry server must be a real address',
    );
  });

  it('schema errors name the field', () => {
    expect(() => lbCluster([httpService({ scheduler: 'fastest' as never })])).toThrow(
      /services\.0\.scheduler: must be one of rr, wrr/,
    );
    expect(() =>
      lbCluster([httpService({ realServers: [{ hostId: LAB.node1, weight: 70000 }] })]),
    ).toThrow(/services\.0\.realServers\.0\.weight: weight must be between 0 and 65535/);
    expect(() => parseCluster({ ...lbCluster([]), vips: [{ address: '10.10.0.300' }] })).toThrow(
      /vips\.0\.address/,
    );
  });
});

describe("schedulers and IPVS of the manager's kernel", () => {
  const three: IpvsFact = { core: true, schedulers: ['rr', 'wrr', 'wlc'], moduleTree: true };
  const port81 = { id: 'b', listen: { kind: 'port' as const, port: 81 } };

  it('refuses a scheduler the kernel lacks, naming those it has', () => {
    expect(errors([httpService({ scheduler: 'mh' })], undefined, withIpvs(three))).toEqual([
      "services.0.scheduler: the manager's kernel has no mh scheduler (ip_vs_mh); it has rr, wrr, wlc",
    ]);
    expect(
      errors(
        [httpService(), httpService({ ...port81, scheduler: 'sh' })],
        undefined,
        withIpvs(three),
      ),
    ).toEqual([
      "services.1.scheduler: the manager's kernel has no sh scheduler (ip_vs_sh); it has rr, wrr, wlc",
    ]);
  });

  it('accepts a scheduler the kernel has', () => {
    expect(errors([httpService({ scheduler: 'wrr' })], undefined, withIpvs(three))).toEqual([]);
  });

  it('accepts any scheduler when the schedulers are unknown', () => {
    const twos = [httpService({ scheduler: 'twos' })];
    // Facts probed before the ipvs fact existed.
    expect(errors(twos, undefined, withIpvs(undefined))).toEqual([]);
    // No module tree (a container): only loaded schedulers are seen.
    const loadedOnly: IpvsFact = { core: true, schedulers: ['wlc'], moduleTree: false };
    expect(errors(twos, undefined, withIpvs(loadedOnly))).toEqual([]);
    // The manager not probed at all.
    expect(errors(twos, undefined, { facts: {} })).toEqual([]);
  });

  it('an explicit list in the context wins over the facts', () => {
    const e = errors([httpService({ scheduler: 'wrr' })], undefined, {
      ...withIpvs(three),
      supportedSchedulers: ['rr'],
    });
    expect(e).toEqual([
      "services.0.scheduler: the manager's kernel has no wrr scheduler (ip_vs_wrr); it has rr",
    ]);
  });

  it('a kernel without ip_vs is one error on services, not one per scheduler', () => {
    const noIpvs = managerFacts((f) => ({
      ...f,
      modules: { ...f.modules, ip_vs: NO_IPVS_MODULE },
      ipvs: { core: false, schedulers: [], moduleTree: true },
    }));
    const two = [httpService({ scheduler: 'rr' }), httpService({ ...port81, scheduler: 'mh' })];
    expect(errors(two, undefined, noIpvs)).toEqual([
      "services: the manager's kernel has no IPVS (ip_vs): it cannot load-balance; use a full virtual machine or a kernel with IPVS",
    ]);
    // Facts from before the ipvs fact whose module fact says none give the same single error.
    const oldNone = managerFacts((f) => {
      const { ipvs: _old, ...rest } = f;
      return { ...rest, modules: { ...f.modules, ip_vs: NO_IPVS_MODULE } };
    });
    expect(errors(two, undefined, oldNone)).toEqual(errors(two, undefined, noIpvs));
    expect(errors([], undefined, noIpvs)).toEqual([]);
  });

  it('ip_vs found by either fact is enough', () => {
    const seenByScanOnly = managerFacts((f) => ({
      ...f,
      modules: { ...f.modules, ip_vs: NO_IPVS_MODULE },
      ipvs: { core: true, schedulers: ['wlc'], moduleTree: true },
    }));
    expect(errors([httpService()], undefined, seenByScanOnly)).toEqual([]);
  });
});

describe('presets and policy', () => {
  it('every preset gives valid services; FTP comes with persistence and says what it needs', () => {
    const rs = [
      { hostId: LAB.node1, weight: 1 },
      { hostId: LAB.node2, weight: 1 },
    ];
    const services = PRESETS.flatMap((p) => servicesFromPreset(p, LAB_VIP, rs));
    expect(services.map((s) => s.id)).toEqual([
      'http-80',
      'https-443',
      'smtp-25',
      'smtp-587',
      'pop3-110',
      'pop3-995',
      'imap-143',
      'imap-993',
      'ftp-21',
    ]);
    // FTP over DR warns about passive mode but is not an error.
    expect(errors(services)).toEqual([]);
    const ftp = PRESETS.find((p) => p.id === 'ftp');
    expect(ftp?.notes.join(' ')).toMatch(/ip_vs_ftp/);
    expect(servicesFromPreset(ftp ?? PRESETS[0]!, LAB_VIP, rs)[0]?.persistence).toEqual({
      seconds: 3600,
      netmask: 32,
    });
  });

  it('the default policy detects a stopped service within 3 s (lab: 0.7-3.0 s)', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      scheduler: 'wlc',
      method: 'dr',
      persistenceSec: 0,
    });
    expect(detectionTimeSec(DEFAULT_POLICY.check)).toEqual({
      refused: 3,
      silent: 5,
    });
  });
});
