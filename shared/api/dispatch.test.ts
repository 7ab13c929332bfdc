import { describe, expect, expectTypeOf, it } from 'vitest';
import { createApi, type Api, type Transport } from './client';
import { requests, type RequestInput, type RequestOutput } from './contract';
import { dispatch, type Handlers } from './dispatch';
import { AppError } from './errors';
import type { HostView } from '../model/host';

const host: HostView = {
  id: 'h1',
  name: 'web1',
  address: '10.0.0.1',
  port: 22,
  user: 'root',
  auth: { method: 'agent' },
  hasStoredSecret: false,
  trustedKey: null,
  state: 'disconnected',
  lastError: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = () => {
    throw new Error('not used');
  };
  const unused = Object.fromEntries(
    Object.keys(requests).map((c) => [c, notUsed]),
  ) as unknown as Handlers;
  return {
    ...unused,
    'app:getInfo': () => ({
      version: '1',
      mode: 'browser',
      dataDir: '/d',
      secretStore: { available: false, backend: 'none' },
      queues: { runHere: true, ownerPid: null },
    }),
    'hosts:list': () => [host],
    'hosts:add': (input) => ({
      ...host,
      address: input.address,
      port: input.port,
      user: input.user,
    }),
    'hosts:connect': () => {
      throw new AppError('HOST_KEY_UNKNOWN', 'unknown key', {
        keyType: 'ssh-ed25519',
        fingerprint: 'SHA256:x',
      });
    },
    'hosts:getFacts': () => null,
    ...overrides,
  };
}

function loopback(h: Handlers): Transport {
  return {
    request: (channel, input) => dispatch(h, channel, input),
    subscribe: () => () => undefined,
  };
}

describe('dispatch', () => {
  it('rejects unknown channels and bad input with VALIDATION naming the field', async () => {
    expect(await dispatch(handlers(), 'hosts:nope', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const r = await dispatch(handlers(), 'hosts:add', {
      address: 'a b',
      port: 70000,
      auth: { method: 'agent' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(/address: /);
      expect(r.error.message).toMatch(/port: /);
      expect(r.error.details).toMatchObject({
        issues: expect.arrayContaining([expect.objectContaining({ field: 'port' })]),
      });
    }
  });

  it('applies schema defaults before the handler sees the input', async () => {
    const r = await dispatch(handlers(), 'hosts:add', {
      address: '10.0.0.9',
      auth: { method: 'agent' },
    });
    expect(r).toMatchObject({ ok: true, value: { address: '10.0.0.9', port: 22, user: 'root' } });
  });

  it('never throws: unexpected errors become INTERNAL', async () => {
    const r = await dispatch(
      handlers({
        'hosts:list': () => {
          throw new Error('boom');
        },
      }),
      'hosts:list',
      {},
    );
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});

describe('createApi', () => {
  it('exposes every channel as domain.verb and rethrows error envelopes as AppError with code', async () => {
    const api = createApi(loopback(handlers()));
    expect((await api.hosts.list({}))[0]?.name).toBe('web1');
    const err = await api.hosts.connect({ hostId: 'h1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('HOST_KEY_UNKNOWN');
    expect((err as AppError).details).toEqual({ keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' });
  });

  it('is typed from the contract', () => {
    expectTypeOf<Parameters<Api['hosts']['add']>[0]>().toEqualTypeOf<RequestInput<'hosts:add'>>();
    expectTypeOf<Awaited<ReturnType<Api['hosts']['probe']>>>().toEqualTypeOf<
      RequestOutput<'hosts:probe'>
    >();
    expectTypeOf<RequestOutput<'hosts:list'>>().toEqualTypeOf<HostView[]>();
  });
});
