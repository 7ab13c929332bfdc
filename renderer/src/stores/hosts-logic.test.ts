import { describe, expect, it } from 'vitest';
import { hostView } from '../testing/fixtures';
import { applyHostStatus, removeHost, replayStatuses, upsertHost } from './hosts-logic';

const a = hostView({ id: 'a', name: 'a' });
const b = hostView({ id: 'b', name: 'b' });

describe('applyHostStatus', () => {
  it('patches state and error of the named host only', () => {
    const err = { code: 'HOST_UNREACHABLE', message: 'refused' };
    const out = applyHostStatus([a, b], { hostId: 'b', state: 'error', error: err });
    expect(out[0]).toBe(a);
    expect(out[1]).toEqual({ ...b, state: 'error', lastError: err });
  });
  it('returns the same array for an unknown host or no change', () => {
    const list = [a, b];
    expect(applyHostStatus(list, { hostId: 'zz', state: 'connected', error: null })).toBe(list);
    expect(applyHostStatus(list, { hostId: 'a', state: 'disconnected', error: null })).toBe(list);
  });
  it('clears the last error when the host recovers', () => {
    const failed = hostView({
      id: 'a',
      state: 'error',
      lastError: { code: 'TIMEOUT', message: 't' },
    });
    expect(
      applyHostStatus([failed], { hostId: 'a', state: 'connected', error: null })[0]?.lastError,
    ).toBeNull();
  });
});

describe('replayStatuses', () => {
  it('re-applies events that raced a list fetch, in order', () => {
    const out = replayStatuses(
      [a, b],
      [
        { hostId: 'a', state: 'connecting', error: null },
        { hostId: 'a', state: 'connected', error: null },
      ],
    );
    expect(out.map((h) => h.state)).toEqual(['connected', 'disconnected']);
  });
});

describe('upsertHost / removeHost', () => {
  it('replaces in place or appends', () => {
    const a2 = { ...a, name: 'renamed' };
    expect(upsertHost([a, b], a2)).toEqual([a2, b]);
    const c = hostView({ id: 'c' });
    expect(upsertHost([a, b], c)).toEqual([a, b, c]);
  });
  it('removes by id', () => {
    expect(removeHost([a, b], 'a')).toEqual([b]);
  });
});
