import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import { CONNECTION_LOST, type ConnectionStatus } from './engine-transport';
import { createWsTransport, type SocketLike } from './ws-transport';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const statuses: ConnectionStatus[] = [];
  const transport = createWsTransport({
    url: () => 'ws://engine/api',
    protocols: () => ['clusterdeck.v1', 'token.t'],
    createSocket: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    random: () => 0,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  transport.onStatus((s) => statuses.push(s));
  const last = () => {
    const s = sockets[sockets.length - 1];
    if (s === undefined) throw new Error('no socket');
    return s;
  };
  return { transport, sockets, timers, statuses, last };
}

describe('createWsTransport', () => {
  it('connects lazily, queues requests until open, and matches responses by id', async () => {
    const { transport, sockets, last } = setup();
    expect(sockets).toHaveLength(0);
    const api = createApi(transport);
    const p1 = api.hosts.list({});
    const p2 = api.app.getInfo({});
    const s = last();
    expect(s.url).toBe('ws://engine/api');
    expect(s.sent).toEqual([]);
    s.open();
    expect(s.sent).toEqual([
      { type: 'request', id: 1, channel: 'hosts:list', input: {} },
      { type: 'request', id: 2, channel: 'app:getInfo', input: {} },
    ]);
    s.receive({ type: 'response', id: 2, ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    s.receive({ type: 'response', id: 1, ok: true, value: [] });
    await expect(p1).resolves.toEqual([]);
    await expect(p2).rejects.toMatchObject({ name: 'AppError', code: 'INTERNAL', message: 'boom' });
  });

  it('sends ready once open, and again after every reconnect', () => {
    const { transport, timers, last } = setup();
    transport.ready();
    const first = last();
    first.open();
    expect(first.sent).toEqual([{ type: 'ready' }]);
    first.drop();
    timers.shift()?.fn();
    const second = last();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent).toEqual([{ type: 'ready' }]);
  });

  it('delivers events to every subscriber, and stops after unsubscribe', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { transport, last } = setup();
    const seen: string[] = [];
    const off = transport.subscribe((e) => seen.push(`a:${e}`));
    transport.subscribe((e) => {
      seen.push(`b:${e}`);
      throw new Error('a broken listener');
    });
    const s = last();
    s.open();
    s.receive({ type: 'event', event: 'hosts:changed', payload: {} });
    off();
    s.receive({ type: 'event', event: 'host:status', payload: {} });
    expect(seen).toEqual(['a:hosts:changed', 'b:hosts:changed', 'b:host:status']);
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });

  it('fails in-flight requests with INTERNAL when the socket drops, then reconnects with back-off', async () => {
    const { transport, timers, statuses, last } = setup();
    const api = createApi(transport);
    const pending = api.hosts.list({});
    last().open();
    last().drop();
    const err: unknown = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INTERNAL', message: CONNECTION_LOST });
    expect(statuses).toEqual(['connected', 'disconnected']);
    expect(timers.map((t) => t.ms)).toEqual([250]);
    // A request made while waiting to reconnect fails at once instead of hanging.
    await expect(api.hosts.list({})).rejects.toMatchObject({ code: 'INTERNAL' });
    timers.shift()?.fn();
    expect(statuses.at(-1)).toBe('connecting');
    last().drop();
    expect(timers.map((t) => t.ms)).toEqual([500]);
    timers.shift()?.fn();
    last().open();
    expect(statuses.at(-1)).toBe('connected');
    last().drop();
    // A successful open resets the back-off.
    expect(timers.map((t) => t.ms)).toEqual([250]);
  });

  it('ignores late frames from a socket it already replaced', () => {
    const { transport, timers, last } = setup();
    const seen: string[] = [];
    transport.subscribe((e) => seen.push(e));
    const old = last();
    old.open();
    old.drop();
    timers.shift()?.fn();
    old.receive({ type: 'event', event: 'hosts:changed', payload: {} });
    expect(seen).toEqual([]);
  });

  it('reconnectNow skips the wait', () => {
    const { transport, sockets, last } = setup();
    transport.subscribe(() => undefined);
    last().drop();
    expect(sockets).toHaveLength(1);
    transport.reconnectNow();
    expect(sockets).toHaveLength(2);
    transport.reconnectNow();
    expect(sockets).toHaveLength(2);
  });

  it('offers the protocols (with the token) at every connect', () => {
    const { transport, timers, sockets, last } = setup();
    transport.subscribe(() => undefined);
    last().drop();
    timers.shift()?.fn();
    expect(sockets.map((s) => s.protocols)).toEqual([
      ['clusterdeck.v1', 'token.t'],
      ['clusterdeck.v1', 'token.t'],
    ]);
  });

  it('stops at unauthorized when the engine refuses the token, and fails requests with why', async () => {
    const { transport, sockets, timers, statuses, last } = setup();
    const api = createApi(transport);
    const inFlight = api.hosts.list({});
    last().drop(4401);
    expect(statuses.at(-1)).toBe('unauthorized');
    expect(timers).toEqual([]);
    expect(((await inFlight.catch((e: unknown) => e)) as AppError).message).toMatch(/access token/);
    const later = await api.hosts.list({}).catch((e: unknown) => e);
    expect((later as AppError).message).toMatch(/URL ClusterDeck printed/);
    // No new socket: a retry cannot help, only another URL can.
    expect(sockets).toHaveLength(1);
    transport.reconnectNow();
    expect(sockets).toHaveLength(2);
  });
});
