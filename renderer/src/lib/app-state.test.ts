import { describe, expect, it } from 'vitest';
import { appReadiness } from './app-state';

const err = { code: 'INTERNAL' as const, message: 'x' };

describe('appReadiness', () => {
  it('is ready only when app info and hosts are both hydrated', () => {
    expect(
      appReadiness({ infoLoaded: true, hostsHydrated: false, infoError: null, hostsError: null }),
    ).toBe('loading');
    expect(
      appReadiness({ infoLoaded: false, hostsHydrated: true, infoError: null, hostsError: null }),
    ).toBe('loading');
    expect(
      appReadiness({ infoLoaded: true, hostsHydrated: true, infoError: null, hostsError: null }),
    ).toBe('ready');
  });
  it('stays ready when a later re-fetch fails', () => {
    expect(
      appReadiness({ infoLoaded: true, hostsHydrated: true, infoError: null, hostsError: err }),
    ).toBe('ready');
  });
  it('reports an error when hydration failed', () => {
    expect(
      appReadiness({ infoLoaded: false, hostsHydrated: true, infoError: err, hostsError: null }),
    ).toBe('error');
  });
});
