import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import type { HostQueueView, QueueRunView } from '../../../shared/model/queue';
import { hostQueue, queueRun } from '../testing/fixtures';
import { createQueueStore, selectHaltedCount } from './queue-store';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface Fake {
  list?: () => Promise<HostQueueView[]>;
  get?: (hostId: string) => Promise<HostQueueView>;
  runs?: (itemId: number) => Promise<QueueRunView[]>;
}

function fakeApi(f: Fake) {
  const calls = { list: 0, get: [] as string[], runs: 0 };
  const api = {
    queue: {
      list: () => {
        calls.list += 1;
        return (f.list ?? (() => Promise.resolve([])))();
      },
      get: ({ hostId }: { hostId: string }) => {
        calls.get.push(hostId);
        return (f.get ?? ((id) => Promise.resolve(hostQueue({ hostId: id }))))(hostId);
      },
      runs: ({ itemId }: { itemId: number }) => {
        calls.runs += 1;
        return (f.runs ?? (() => Promise.resolve([])))(itemId);
      },
    },
  } as unknown as Pick<Api, 'queue'>;
  return { api, calls };
}

describe('queue store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hydrates every queue from queue:list', async () => {
    const { api } = fakeApi({
      list: () => Promise.resolve([hostQueue({ hostId: 'a' }), hostQueue({ hostId: 'b' })]),
    });
    const store = createQueueStore(api);
    await store.getState().refresh();
    expect(store.getState().hydrated).toBe(true);
    expect(Object.keys(store.getState().byHost)).toEqual(['a', 'b']);
  });

  it('re-fetches a host once per burst of queue:changed, hosts independently', async () => {
    const { api, calls } = fakeApi({});
    const store = createQueueStore(api, 100);
    for (let i = 0; i < 5; i++) {
      store.getState().scheduleHost('a');
      await vi.advanceTimersByTimeAsync(30);
    }
    store.getState().scheduleHost('b');
    expect(calls.get).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.get.sort()).toEqual(['a', 'b']);
    expect(store.getState().byHost.a?.hostId).toBe('a');
  });

  it('keeps a host fetched while a list was in flight instead of the older list entry', async () => {
    const list = deferred<HostQueueView[]>();
    const { api } = fakeApi({
      list: () => list.promise,
      get: (id) => Promise.resolve(hostQueue({ hostId: id, status: 'halted' })),
    });
    const store = createQueueStore(api);
    const p = store.getState().refresh();
    await store.getState().loadHost('a');
    list.resolve([hostQueue({ hostId: 'a', status: 'running' }), hostQueue({ hostId: 'b' })]);
    await p;
    expect(store.getState().byHost.a?.status).toBe('halted');
    expect(store.getState().byHost.b).toBeDefined();
  });

  it('ignores a get answered after a newer view was stored by an action', async () => {
    const get = deferred<HostQueueView>();
    const { api } = fakeApi({ get: () => get.promise });
    const store = createQueueStore(api);
    const p = store.getState().loadHost('a');
    store.getState().setView(hostQueue({ hostId: 'a', status: 'idle', pending: 0 }));
    get.resolve(hostQueue({ hostId: 'a', status: 'halted', pending: 3 }));
    await p;
    expect(store.getState().byHost.a?.status).toBe('idle');
  });

  it('keeps the queues and records the error when a fetch fails', async () => {
    let fail = false;
    const { api } = fakeApi({
      list: () =>
        fail ? Promise.reject(new AppError('INTERNAL', 'x')) : Promise.resolve([hostQueue()]),
    });
    const store = createQueueStore(api);
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(Object.keys(store.getState().byHost)).toEqual(['h1']);
    expect(store.getState().error).toEqual({ code: 'INTERNAL', message: 'x' });
  });

  it('loads runs per item and records their error', async () => {
    const { api } = fakeApi({
      runs: (id) =>
        id === 1
          ? Promise.resolve([queueRun()])
          : Promise.reject(new AppError('NOT_FOUND', 'gone')),
    });
    const store = createQueueStore(api);
    await store.getState().loadRuns(1);
    await store.getState().loadRuns(2);
    expect(store.getState().runs[1]).toMatchObject({ loading: false, error: null });
    expect(store.getState().runs[1]?.runs).toHaveLength(1);
    expect(store.getState().runs[2]).toMatchObject({ runs: null, error: { code: 'NOT_FOUND' } });
  });

  it('counts halted hosts', () => {
    const byHost = {
      a: hostQueue({ hostId: 'a', status: 'halted' }),
      b: hostQueue({ hostId: 'b', status: 'running' }),
      c: hostQueue({ hostId: 'c', status: 'halted' }),
    };
    expect(selectHaltedCount({ byHost })).toBe(2);
  });
});
