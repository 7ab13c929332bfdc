import { describe, expect, it } from 'vitest';
import type { HostFacts, NetInterface } from '../../../shared/model/facts';
import { hostFacts } from '../testing/fixtures';
import {
  addressNear,
  hostAddresses,
  primaryAddress,
  quorumReference,
  recommendLayout,
  subnetLabel,
  suggestManagerAddresses,
  suggestNodeAddresses,
} from './cluster-address';

const iface = (name: string, ...cidrs: string[]): NetInterface => ({
  name,
  state: 'UP',
  ipv4: cidrs.map((c) => {
    const [address = '', prefix = '24'] = c.split('/');
    return { address, prefix: Number(prefix) };
  }),
  ipv6: [],
});

/** A host with a public eth0 and a private eth1, default route on eth0. */
function facts(pub: string | null, priv: string | null, extra: Partial<HostFacts> = {}): HostFacts {
  const interfaces = [iface('lo', '127.0.0.1/8')];
  if (pub !== null) interfaces.push(iface('eth0', pub));
  if (priv !== null) interfaces.push(iface('eth1', priv));
  return hostFacts({
    interfaces,
    defaultRoutes: [{ dev: pub !== null ? 'eth0' : 'eth1' }],
    ...extra,
  });
}

const manager = facts('203.0.113.10/24', '10.0.0.10/24');

describe('host addresses', () => {
  it('leaves out loopback and /32 host routes', () => {
    const f = hostFacts({
      interfaces: [iface('lo', '127.0.0.1/8'), iface('eth0', '198.51.100.5/32', '192.0.2.5/24')],
    });
    expect(hostAddresses(f).map((a) => a.address)).toEqual(['192.0.2.5']);
    expect(hostAddresses(null)).toEqual([]);
  });

  it('prefers the default route interface as primary', () => {
    const f = hostFacts({
      interfaces: [iface('eth1', '10.0.0.5/24'), iface('eth0', '192.0.2.5/24')],
      defaultRoutes: [{ dev: 'eth0' }],
    });
    expect(primaryAddress(f)?.address).toBe('192.0.2.5');
  });

  it('finds the address in the subnet of a reference address', () => {
    expect(addressNear(manager, '10.0.0.77')?.address).toBe('10.0.0.10');
    expect(addressNear(manager, '10.0.1.77')).toBeNull();
    expect(addressNear(manager, 'not-an-ip')).toBeNull();
  });
});

describe('manager and quorum', () => {
  it('suggests the public and private address per layout', () => {
    expect(suggestManagerAddresses(manager, 'public')).toEqual({
      publicIp: '203.0.113.10',
      privateIp: '',
    });
    expect(suggestManagerAddresses(manager, 'public-private')).toEqual({
      publicIp: '203.0.113.10',
      privateIp: '10.0.0.10',
    });
    const natted = facts(null, '10.0.0.10/24');
    expect(suggestManagerAddresses(natted, 'private-nat')).toEqual({
      publicIp: '10.0.0.10',
      privateIp: '10.0.0.10',
    });
  });

  it('puts the quorum IP on the public network only in the all-public layout', () => {
    const m = { publicIp: '203.0.113.10', privateIp: '10.0.0.10' };
    expect(quorumReference({ layout: 'public', ...m })).toBe('203.0.113.10');
    expect(quorumReference({ layout: 'public-private', ...m })).toBe('10.0.0.10');
    expect(quorumReference({ layout: 'private-nat', publicIp: '10.0.0.10', privateIp: '' })).toBe(
      '10.0.0.10',
    );
    expect(subnetLabel('10.0.0.10', 24)).toBe('10.0.0.0/24');
    expect(subnetLabel('', 24)).toBe('');
  });
});

describe('suggestNodeAddresses', () => {
  const node = facts('203.0.113.21/24', '10.0.0.21/24');
  const m = { publicIp: '203.0.113.10', privateIp: '10.0.0.10', quorumIp: '10.0.0.2' };

  it('matches the node addresses by subnet with the manager', () => {
    expect(suggestNodeAddresses(node, { layout: 'public-private', ...m })).toEqual({
      publicIp: '203.0.113.21',
      privateIp: '10.0.0.21',
    });
    expect(suggestNodeAddresses(node, { layout: 'public', ...m, privateIp: '' })).toEqual({
      publicIp: '203.0.113.21',
      privateIp: '',
    });
  });

  it('picks the interface on the manager subnet even when it is not listed first', () => {
    const swapped = hostFacts({
      interfaces: [
        iface('eth0', '10.9.9.9/24'),
        iface('eth1', '10.0.0.31/24'),
        iface('eth2', '203.0.113.31/24'),
      ],
      defaultRoutes: [{ dev: 'eth2' }],
    });
    expect(suggestNodeAddresses(swapped, { layout: 'public-private', ...m })).toEqual({
      publicIp: '203.0.113.31',
      privateIp: '10.0.0.31',
    });
  });

  it('uses the quorum subnet behind NAT and leaves unknown hosts empty', () => {
    const natted = facts(null, '10.0.0.40/24');
    expect(
      suggestNodeAddresses(natted, {
        layout: 'private-nat',
        publicIp: '10.0.0.10',
        privateIp: '',
        quorumIp: '10.0.0.2',
      }),
    ).toEqual({
      publicIp: '10.0.0.40',
      privateIp: '10.0.0.40',
    });
    expect(suggestNodeAddresses(null, { layout: 'public', ...m })).toEqual({
      publicIp: '',
      privateIp: '',
    });
  });
});

describe('recommendLayout', () => {
  it('recommends public+private when every host has both networks', () => {
    expect(recommendLayout([manager, facts('203.0.113.21/24', '10.0.0.21/24')])).toBe(
      'public-private',
    );
    expect(recommendLayout([manager, facts('203.0.113.21/24', null)])).toBe('public');
    expect(recommendLayout([facts(null, '10.0.0.5/24')])).toBe('private-nat');
    expect(recommendLayout([])).toBeNull();
  });

  it('follows the networks, not the address ranges: two private networks are public+private', () => {
    // The lab: eth0 10.10.0.0/24 with the default route, eth1 10.20.0.0/24.
    const lab = (n: number) => facts(`10.10.0.${n}/24`, `10.20.0.${n}/24`);
    expect(recommendLayout([lab(10), lab(11), lab(12)])).toBe('public-private');
    expect(recommendLayout([lab(10), facts(null, '10.10.0.13/24')])).toBe('public');
    expect(recommendLayout([facts(null, '10.10.0.13/24'), facts(null, '192.168.1.4/24')])).toBe(
      'private-nat',
    );
  });
});
