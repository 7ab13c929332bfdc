import { describe, expect, it } from 'vitest';
import { isHostname, isIPv4, isIPv6 } from '../base/fields';
import { HostInput } from './host';

describe('address validators', () => {
  it('accepts IPv4 dotted quads only', () => {
    expect(['10.0.0.1', '0.0.0.0', '255.255.255.255'].every(isIPv4)).toBe(true);
    expect(['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', 'a.b.c.d'].some(isIPv4)).toBe(false);
  });

  it('accepts RFC 4291 IPv6 forms', () => {
    expect(
      [
        '::1',
        '::',
        'fe80::1',
        '2001:db8::8a2e:370:7334',
        '::ffff:10.0.0.1',
        '1:2:3:4:5:6:7:8',
      ].every(isIPv6),
    ).toBe(true);
    expect(['1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', ':::', 'g::1'].some(isIPv6)).toBe(false);
  });

  it('accepts DNS names and refuses anything a shell or ssh could misread', () => {
    expect(['web1', 'web-1.example.com', 'a.b.', 'xn--bcher-kva.example'].every(isHostname)).toBe(
      true,
    );
    expect(
      ['-web', 'web_1', 'a..b', 'a b', '$(id)', 'a;b', '-oProxyCommand=x'].some(isHostname),
    ).toBe(false);
  });
});

describe('HostInput', () => {
  it('defaults port 22 and user root', () => {
    expect(HostInput.parse({ address: 'web1', auth: { method: 'agent' } })).toMatchObject({
      port: 22,
      user: 'root',
    });
  });

  it('names each bad field', () => {
    const r = HostInput.safeParse({
      address: '$(id)',
      port: 0,
      user: 'Root;',
      auth: { method: 'key', keyPath: ' ' },
    });
    expect(r.success).toBe(false);
    const fields = r.error?.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['address', 'port', 'user', 'auth.keyPath']));
  });

  it('takes key paths as typed: ~/, relative or absolute (the engine resolves them)', () => {
    for (const keyPath of ['~/.ssh/id_ed25519', '.ssh/id_rsa', 'id_rsa', '/etc/k']) {
      expect(HostInput.safeParse({ address: 'a', auth: { method: 'key', keyPath } }).success).toBe(
        true,
      );
    }
  });

  it('rejects control characters in key paths and unknown auth methods', () => {
    expect(
      HostInput.safeParse({ address: 'a', auth: { method: 'key', keyPath: '/k\nx' } }).success,
    ).toBe(false);
    expect(HostInput.safeParse({ address: 'a', auth: { method: 'telnet' } }).success).toBe(false);
  });
});
