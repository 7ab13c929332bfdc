import { describe, expect, it } from 'vitest';
import type { ClusterdeckBridge } from '../../../shared/api/bridge';
import { createIpcTransport } from './ipc-transport';

describe('createIpcTransport', () => {
  it('passes requests, events and ready through the preload bridge', async () => {
    const seen: string[] = [];
    const bridge: ClusterdeckBridge = {
      request: (channel, input) => Promise.resolve({ ok: true, value: { channel, input } }),
      subscribe: (listener) => {
        listener('hosts:changed', {});
        return () => seen.push('unsubscribed');
      },
      ready: () => void seen.push('ready'),
      pickFile: () => Promise.resolve(null),
      onOpenSnapshot: () => () => undefined,
    };
    const t = createIpcTransport(bridge);
    await expect(t.request('hosts:list', {})).resolves.toEqual({
      ok: true,
      value: { channel: 'hosts:list', input: {} },
    });
    const off = t.subscribe((e) => seen.push(e));
    off();
    t.ready();
    expect(seen).toEqual(['hosts:changed', 'unsubscribed', 'ready']);
    expect(t.status()).toBe('connected');
  });

  it('turns a rejected IPC call into an INTERNAL error envelope', async () => {
    const bridge: ClusterdeckBridge = {
      request: () => Promise.reject(new Error('no handler registered')),
      subscribe: () => () => undefined,
      ready: () => undefined,
      pickFile: () => Promise.resolve(null),
      onOpenSnapshot: () => () => undefined,
    };
    await expect(createIpcTransport(bridge).request('hosts:list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'no handler registered' },
    });
  });
});
