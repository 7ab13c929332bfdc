import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api/client';
import { AppError } from '../../../shared/api/errors';
import type { HostFacts } from '../../../shared/model/facts';
import { hostFacts } from '../testing/fixtures';
import { createFactsStore, newer } from './facts-store';

const older = hostFacts({ probedAt: '2025-01-01T00:00:00Z', hostname: 'old' });
const recent = hostFacts({ probedAt: '2025-01-02T00:00:00Z', hostname: 'new' });

function fakeApi(over: {
  getFacts?: () => Promise<HostFacts | null>;
  probe?: () => Promise<HostFacts>;
}) {
  return {
    hosts: {
      getFacts: over.getFacts ?? (() => Promise.resolve(null)),
      probe: over.probe ?? (() => Promise.resolve(recent)),
    },
  } as unknown as Pick<Api, 'hosts'>;
}

describe('newer', () => {
  it('prefers the more recent probe and tolerates nulls', () => {
    expect(newer(older, recent)).toBe(recent);
    expect(newer(recent, older)).toBe(recent);
    expect(newer(null, older)).toBe(older);
    expect(newer(older, null)).toBe(older);
  });
});

describe('facts store', () => {
  it('loads stored facts, marking "none yet" as loaded', async () => {
    const store = createFactsStore(fakeApi({}));
    await store.getState().load('h1');
    expect(store.getState().byHost.h1).toMatchObject({ facts: null, loaded: true, loading: false });
  });

  it('does not replace event-delivered facts with older stored ones', async () => {
    let release!: (f: HostFacts | null) => void;
    const store = createFactsStore(fakeApi({ getFacts: () => new Promise((r) => (release = r)) }));
    const p = store.getState().load('h1');
    store.getState().setFacts('h1', recent);
    release(older);
    await p;
    expect(store.getState().byHost.h1?.facts?.hostname).toBe('new');
  });

  it('stores probe results and rethrows probe errors without keeping "probing"', async () => {
    const ok = createFactsStore(fakeApi({}));
    await expect(ok.getState().probe('h1')).resolves.toBe(recent);
    expect(ok.getState().byHost.h1).toMatchObject({ facts: recent, probing: false });

    const failing = createFactsStore(
      fakeApi({ probe: () => Promise.reject(new AppError('TIMEOUT', 'slow')) }),
    );
    await expect(failing.getState().probe('h1')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(failing.getState().byHost.h1?.probing).toBe(false);
  });

  it('forgets a removed host', () => {
    const store = createFactsStore(fakeApi({}));
    store.getState().setFacts('h1', recent);
    store.getState().forget('h1');
    expect(store.getState().byHost).toEqual({});
  });
});
