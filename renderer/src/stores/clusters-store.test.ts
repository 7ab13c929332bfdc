import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/client';
import type { ClusterView } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { createClustersStore } from './clusters-store';

function view(id: string, name = id): ClusterView {
  return {
    cluster: {
      id,
      name,
      layout: 'public',
      manager: { hostId: 'm', publicIp: '192.0.2.2', quorumIp: '192.0.2.3', quorumPrefix: 24 },
      storage: { kind: 'manager' },
      nodes: [],
      accounts: [],
      services: [],
      settings: { queueRetryIntervalSec: 300, snapshotsBeforeApply: 10 },
    },
    applied: null,
    issues: [],
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

function fakeApi(list: () => Promise<ClusterView[]>) {
  const calls = { list: 0 };
  const api = {
    clusters: {
      list: () => {
        calls.list += 1;
        return list();
      },
    },
  } as unknown as Pick<Api, 'clusters'>;
  return { api, calls };
}

describe('clusters store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hydrates from clusters:list and keeps the list when a later fetch fails', async () => {
    let fail = false;
    const { api } = fakeApi(() =>
      fail ? Promise.reject(new AppError('INTERNAL', 'x')) : Promise.resolve([view('a')]),
    );
    const store = createClustersStore(api);
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ hydrated: true, error: null });
    fail = true;
    await store.getState().refresh();
    expect(store.getState().clusters).toHaveLength(1);
    expect(store.getState().error).toEqual({ code: 'INTERNAL', message: 'x' });
  });

  it('re-fetches once per burst of events', async () => {
    const { api, calls } = fakeApi(() => Promise.resolve([]));
    const store = createClustersStore(api, 100);
    for (let i = 0; i < 4; i++) {
      store.getState().scheduleRefresh();
      await vi.advanceTimersByTimeAsync(40);
    }
    store.getState().applyFinished({ applyId: 'x', clusterId: 'a', result: 'ok' });
    expect(calls.list).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.list).toBe(1);
    expect(store.getState().lastApply?.result).toBe('ok');
  });

  it('keeps a saved view over a list fetched before the save', async () => {
    let release!: (v: ClusterView[]) => void;
    const { api } = fakeApi(() => new Promise((r) => (release = r)));
    const store = createClustersStore(api, 100);
    const p = store.getState().refresh();
    store.getState().upsert(view('a', 'renamed'));
    release([view('a', 'old')]);
    await p;
    expect(store.getState().clusters.map((c) => c.cluster.name)).toEqual(['renamed']);
  });

  it('replaces a cluster by id and appends a new one', () => {
    const { api } = fakeApi(() => Promise.resolve([]));
    const store = createClustersStore(api);
    store.getState().upsert(view('a'));
    store.getState().upsert(view('b'));
    store.getState().upsert(view('a', 'a2'));
    expect(store.getState().clusters.map((c) => c.cluster.name)).toEqual(['a2', 'b']);
  });
});
