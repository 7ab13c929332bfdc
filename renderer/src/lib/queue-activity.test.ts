import { describe, expect, it } from 'vitest';
import { hostQueue } from '../testing/fixtures';
import { queueActivity, selectAnyQueueRunning } from './queue-activity';

describe('queue activity', () => {
  const byHost = {
    a: hostQueue({ hostId: 'a', status: 'running', pending: 2 }),
    b: hostQueue({ hostId: 'b', status: 'waiting', pending: 1 }),
    c: hostQueue({ hostId: 'c', status: 'halted', pending: 4 }),
    d: hostQueue({ hostId: 'd', status: 'idle' }),
  };

  it('sorts the hosts into running (waiting included), halted and unknown', () => {
    expect(queueActivity(byHost)).toEqual({
      running: ['a', 'b'],
      halted: ['c'],
      pending: 7,
      unknown: [],
    });
    expect(queueActivity(byHost, ['c', 'd', 'x'])).toEqual({
      running: [],
      halted: ['c'],
      pending: 4,
      unknown: ['x'],
    });
  });

  it('says whether any queue is running, for the navigation', () => {
    expect(selectAnyQueueRunning({ byHost })).toBe(true);
    expect(selectAnyQueueRunning({ byHost: { c: byHost.c, d: byHost.d } })).toBe(false);
    expect(selectAnyQueueRunning({ byHost: { b: byHost.b } })).toBe(true);
  });
});
