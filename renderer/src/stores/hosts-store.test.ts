import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import type { HostView } from '../../../shared/model/host';
import { hostView } from '../testing/fixtures';
import { createHostsStore } from './hosts-store';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function fakeApi(list: () => Promise<HostView[]>) {
  const calls = { list: 0 };
  const api = {
    hosts: {
      list: () => {
        calls.list += 1;
        return list();
      },
    },
  } as unknown as Pick<Api, 'hosts'>;
  return { api, calls };
}

describe('hosts store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hydrates from hosts:list', async () => {
    const { api } = fakeApi(() => Promise.resolve([hostView()]));
    const store = createHostsStore(api);
    expect(store.getState().hydrated).toBe(false);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ hydrated: true, error: null });
    expect(store.getState().hosts).toHaveLength(1);
  });

  it('keeps the list and records the error when a fetch fails', async () => {
    let fail = false;
    const { api } = fakeApi(() =>
      fail ? Promise.reject(new AppError('INTERNAL', 'x')) : Promise.resolve([hostView()]),
    );
    const store = createHostsStore(api);
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(store.getState().hosts).toHaveLength(1);
    expect(store.getState().error).toEqual({ code: 'INTERNAL', message: 'x' });
  });

  it('turns a burst of scheduleRefresh calls into one fetch', async () => {
    const { api, calls } = fakeApi(() => Promise.resolve([]));
    const store = createHostsStore(api, 100);
    for (let i = 0; i < 5; i++) {
      store.getState().scheduleRefresh();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(calls.list).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.list).toBe(1);
  });

  it('does not let a list fetched before a status event roll the state back', async () => {
    const d = deferred<HostView[]>();
    const { api } = fakeApi(() => d.promise);
    const store = createHostsStore(api);
    const p = store.getState().refresh();
    store.getState().applyStatus({ hostId: 'h1', state: 'connected', error: null });
    d.resolve([hostView({ id: 'h1', state: 'connecting' })]);
    await p;
    expect(store.getState().hosts[0]?.state).toBe('connected');
  });

  it('applies only the latest of overlapping fetches', async () => {
    const first = deferred<HostView[]>();
    const second = deferred<HostView[]>();
    const queue = [first.promise, second.promise];
    const { api } = fakeApi(() => queue.shift() ?? Promise.resolve([]));
    const store = createHostsStore(api);
    const p1 = store.getState().refresh();
    const p2 = store.getState().refresh();
    second.resolve([hostView({ name: 'new' })]);
    await p2;
    first.resolve([hostView({ name: 'old' })]);
    await p1;
    expect(store.getState().hosts.map((h) => h.name)).toEqual(['new']);
  });

  it('re-fetches when a status names a host it does not know', async () => {
    const { api, calls } = fakeApi(() => Promise.resolve([]));
    const store = createHostsStore(api, 10);
    store.getState().applyStatus({ hostId: 'unknown', state: 'connected', error: null });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls.list).toBe(1);
  });
});
