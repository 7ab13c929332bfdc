import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import type { DriftReport } from '../../../shared/lb/status';
import { createLbDriftStore } from './lb-drift-store';

function report(clusterId: string, inSync: boolean): DriftReport {
  return {
    clusterId,
    at: '2025-01-01T12:00:00.000Z',
    inSync,
    items: inSync
      ? []
      : [
          {
            hostId: 'm',
            hostName: 'manager',
            stepId: 'lb.keepalived-conf',
            title: 'keepalived.conf',
            files: [{ path: '/etc/keepalived/keepalived.conf', diff: '-a\n+b\n' }],
            detail: '',
          },
        ],
    ipvsDrift: [],
    planHash: inSync ? null : 'a'.repeat(64),
  };
}

function fakeLb(answer: (clusterId: string) => Promise<DriftReport>) {
  let calls = 0;
  const api = {
    lb: {
      drift: ({ clusterId }: { clusterId: string }) => {
        calls += 1;
        return answer(clusterId);
      },
    },
  } as unknown as Pick<Api, 'lb'>;
  return { api, calls: () => calls };
}

describe('lb drift store', () => {
  it('stores the report and ignores a second check while one runs', async () => {
    const f = fakeLb((id) => Promise.resolve(report(id, false)));
    const store = createLbDriftStore(f.api);
    const p = store.getState().check('c1');
    expect(store.getState().checking).toBe(true);
    await store.getState().check('c1');
    await p;
    expect(f.calls()).toBe(1);
    expect(store.getState()).toMatchObject({ checking: false, error: null });
    expect(store.getState().report?.planHash).toBe('a'.repeat(64));
  });

  it('keeps the previous report of the cluster when a check fails', async () => {
    let fail = false;
    const f = fakeLb((id) =>
      fail
        ? Promise.reject(new AppError('HOST_UNREACHABLE', 'node2'))
        : Promise.resolve(report(id, true)),
    );
    const store = createLbDriftStore(f.api);
    await store.getState().check('c1');
    fail = true;
    await store.getState().check('c1');
    expect(store.getState().report?.inSync).toBe(true);
    expect(store.getState().error?.code).toBe('HOST_UNREACHABLE');
  });

  it("drops another cluster's report, also one that lands late", async () => {
    let release: (r: DriftReport) => void = () => undefined;
    const f = fakeLb((id) =>
      id === 'a'
        ? new Promise((resolve) => (release = resolve))
        : Promise.resolve(report(id, true)),
    );
    const store = createLbDriftStore(f.api);
    const p = store.getState().check('a');
    await store.getState().check('b');
    release(report('a', false));
    await p;
    expect(store.getState()).toMatchObject({ clusterId: 'b', checking: false });
    expect(store.getState().report?.clusterId).toBe('b');
  });
});
