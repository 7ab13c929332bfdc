import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import type { LbStatus } from '../../../shared/lb/status';
import { lbStatus } from '../../../shared/lb/testing/status-fixtures';
import { createLbStatusStore } from './lb-status-store';

/** An lb API whose status answers are queued by the test. */
function fakeLb() {
  const waiting: {
    clusterId: string;
    resolve: (s: LbStatus) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const api = {
    lb: {
      status: ({ clusterId }: { clusterId: string }) =>
        new Promise<LbStatus>((resolve, reject) => waiting.push({ clusterId, resolve, reject })),
    },
  } as unknown as Pick<Api, 'lb'>;
  const next = () => {
    const w = waiting.shift();
    if (w === undefined) throw new Error('no request is waiting');
    return w;
  };
  return { api, waiting, next };
}

describe('lb status store', () => {
  it('keeps the last good reading when the manager cannot be read', async () => {
    const f = fakeLb();
    const store = createLbStatusStore(f.api);
    const good = lbStatus();
    let p = store.getState().fetch('c1');
    f.next().resolve(good);
    await p;
    const bad = lbStatus({ error: 'sh: ipvsadm: not found', services: [] });
    p = store.getState().fetch('c1');
    f.next().resolve(bad);
    await p;
    expect(store.getState()).toMatchObject({ last: good, latest: bad, requestError: null });
  });

  it('keeps both readings when the request fails, and clears the error on the next answer', async () => {
    const f = fakeLb();
    const store = createLbStatusStore(f.api);
    const good = lbStatus();
    let p = store.getState().fetch('c1');
    f.next().resolve(good);
    await p;
    p = store.getState().fetch('c1');
    f.next().reject(new AppError('HOST_UNREACHABLE', 'manager is down'));
    await p;
    expect(store.getState()).toMatchObject({
      last: good,
      latest: good,
      requestError: { code: 'HOST_UNREACHABLE', message: 'manager is down' },
      inFlight: false,
    });
    p = store.getState().fetch('c1');
    f.next().resolve(good);
    await p;
    expect(store.getState().requestError).toBeNull();
  });

  it('sends no second request while one is in flight', async () => {
    const f = fakeLb();
    const store = createLbStatusStore(f.api);
    const p = store.getState().fetch('c1');
    await store.getState().fetch('c1');
    expect(f.waiting).toHaveLength(1);
    f.next().resolve(lbStatus());
    await p;
  });

  it("never shows one cluster's reading under another", async () => {
    const f = fakeLb();
    const store = createLbStatusStore(f.api);
    const p = store.getState().fetch('a');
    // Switching clusters while a's reading is in flight clears the view at once.
    await store.getState().fetch('b');
    expect(store.getState()).toMatchObject({ clusterId: 'b', last: null, latest: null });
    f.next().resolve(lbStatus({ clusterId: 'a' }));
    await p;
    expect(store.getState()).toMatchObject({
      clusterId: 'b',
      last: null,
      latest: null,
      inFlight: false,
    });
    const q = store.getState().fetch('b');
    const w = f.next();
    expect(w.clusterId).toBe('b');
    w.resolve(lbStatus({ clusterId: 'b' }));
    await q;
    expect(store.getState().last?.clusterId).toBe('b');
  });
});
