import { describe, expect, it } from 'vitest';
import {
  formatAuth,
  formatBytes,
  formatCidr,
  formatEndpoint,
  formatModule,
  formatSkew,
} from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KiB'],
    [12.5 * 1024 ** 3, '12.5 GiB'],
    [200 * 1024 ** 3, '200 GiB'],
    [3 * 1024 ** 5, '3 PiB'],
  ])('%d -> %s', (n, s) => expect(formatBytes(n)).toBe(s));
  it('shows a dash for unknown sizes', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatEndpoint', () => {
  it('brackets IPv6 literals only', () => {
    expect(formatEndpoint('192.0.2.1', 22)).toBe('192.0.2.1:22');
    expect(formatEndpoint('web1.example', 2222)).toBe('web1.example:2222');
    expect(formatEndpoint('2001:db8::1', 22)).toBe('[2001:db8::1]:22');
  });
});

describe('formatSkew', () => {
  it.each([
    [0, '±0 ms'],
    [42, '+42 ms'],
    [-35.4, '−35 ms'],
    [1234, '+1.2 s'],
    [-600_000, '−10 min'],
  ])('%d -> %s', (ms, s) => expect(formatSkew(ms)).toBe(s));
});

describe('other formatters', () => {
  it('names the auth method', () => {
    expect(formatAuth({ method: 'agent' })).toBe('ssh-agent');
    expect(formatAuth({ method: 'key', keyPath: '~/.ssh/id_ed25519' })).toBe(
      'key file ~/.ssh/id_ed25519',
    );
    expect(formatAuth({ method: 'password' })).toBe('password');
  });
  it('writes CIDR', () =>
    expect(formatCidr({ address: '10.0.0.1', prefix: 8 })).toBe('10.0.0.1/8'));
  it('ranks module states', () => {
    expect(formatModule({ loaded: true, builtin: true, available: true })).toBe('built in');
    expect(formatModule({ loaded: true, builtin: false, available: true })).toBe('loaded');
    expect(formatModule({ loaded: false, builtin: false, available: true })).toBe('available');
    expect(formatModule({ loaded: false, builtin: false, available: false })).toBe('missing');
  });
});
