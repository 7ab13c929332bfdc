import { describe, expect, it } from 'vitest';
import { hostView as host } from '../testing/fixtures';
import { hostStatusView } from './host-status';

const unknownKey = { code: 'HOST_KEY_UNKNOWN', message: 'web1 presented an unknown key' };

describe('hostStatusView', () => {
  it('offers Disconnect on a connected or reconnecting host, Connect otherwise', () => {
    expect(hostStatusView(host({ state: 'connected' })).action).toBe('disconnect');
    expect(hostStatusView(host({ state: 'reconnecting' })).action).toBe('disconnect');
    for (const state of ['disconnected', 'connecting', 'error'] as const)
      expect(hostStatusView(host({ state })).action, state).toBe('connect');
  });

  it('shows a host waiting for its first trust as "needs trust", without an error', () => {
    expect(hostStatusView(host({ state: 'error', lastError: unknownKey }))).toEqual({
      state: 'needs-trust',
      error: null,
      action: 'connect',
    });
    expect(hostStatusView(host({ state: 'disconnected', lastError: unknownKey })).state).toBe(
      'needs-trust',
    );
  });

  it('keeps real errors, a changed key among them, and the live state once trusted', () => {
    const changed = { code: 'HOST_KEY_CHANGED', message: 'changed' };
    expect(hostStatusView(host({ state: 'error', lastError: changed }))).toEqual({
      state: 'error',
      error: changed,
      action: 'connect',
    });
    expect(hostStatusView(host({ state: 'connecting', lastError: unknownKey })).state).toBe(
      'connecting',
    );
  });
});
