import { describe, expect, it } from 'vitest';
import type { HostFacts, IpvsFact, ModuleFact } from '../model/facts';
import { debianFacts } from '../plan/testing/lab-fixtures';
import { lacksIpvs, supportedSchedulers } from './schedulers';

const NONE: ModuleFact = { loaded: false, builtin: false, available: false };
const BY_MODINFO: ModuleFact = { loaded: false, builtin: false, available: true };

/** Manager facts with this ipvs fact (undefined: probed before it) and ip_vs module fact. */
function facts(ipvs: IpvsFact | undefined, ipVs: ModuleFact = BY_MODINFO): HostFacts {
  const { ipvs: _none, ...f } = debianFacts('manager', { eth0: '10.10.0.10/24' });
  const modules = { ...f.modules, ip_vs: ipVs };
  return ipvs === undefined ? { ...f, modules } : { ...f, modules, ipvs };
}

describe('supportedSchedulers', () => {
  it('gives the schedulers a kernel with a module tree has', () => {
    const ipvs: IpvsFact = { core: true, schedulers: ['rr', 'wlc', 'sh'], moduleTree: true };
    expect(supportedSchedulers(facts(ipvs))).toEqual(['rr', 'wlc', 'sh']);
  });

  it('gives none when the kernel has no IPVS', () => {
    const ipvs: IpvsFact = { core: false, schedulers: [], moduleTree: true };
    expect(supportedSchedulers(facts(ipvs, NONE))).toEqual([]);
  });

  it('is unknown without facts, without the ipvs fact, or without a module tree', () => {
    expect(supportedSchedulers(null)).toBeNull();
    expect(supportedSchedulers(undefined)).toBeNull();
    expect(supportedSchedulers(facts(undefined))).toBeNull();
    const container: IpvsFact = { core: true, schedulers: ['wlc'], moduleTree: false };
    expect(supportedSchedulers(facts(container))).toBeNull();
    const bare: IpvsFact = { core: false, schedulers: [], moduleTree: false };
    expect(supportedSchedulers(facts(bare, NONE))).toBeNull();
  });

  it('is unknown when ip_vs is found without schedulers, or only by modinfo', () => {
    const noScheduler: IpvsFact = { core: true, schedulers: [], moduleTree: true };
    expect(supportedSchedulers(facts(noScheduler))).toBeNull();
    // modinfo finds ip_vs outside kernel/net/netfilter/ipvs, where the file scan looked.
    const elsewhere: IpvsFact = { core: false, schedulers: [], moduleTree: true };
    expect(supportedSchedulers(facts(elsewhere, BY_MODINFO))).toBeNull();
  });
});

describe('lacksIpvs', () => {
  it('is true only when neither fact finds ip_vs', () => {
    const none: IpvsFact = { core: false, schedulers: [], moduleTree: true };
    expect(lacksIpvs(facts(none, NONE))).toBe(true);
    expect(lacksIpvs(facts(undefined, NONE))).toBe(true);
    expect(lacksIpvs(facts({ core: true, schedulers: ['rr'], moduleTree: false }, NONE))).toBe(
      false,
    );
    expect(lacksIpvs(facts(none, BY_MODINFO))).toBe(false);
    expect(lacksIpvs(undefined)).toBe(false);
  });
});
