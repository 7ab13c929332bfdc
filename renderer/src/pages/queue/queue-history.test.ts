import { describe, expect, it } from 'vitest';
import { hostQueue, queueApply, queueItem } from '../../testing/fixtures';
import {
  applyNotice,
  countItems,
  countsText,
  groupTimes,
  latestApply,
  queueLayout,
} from './queue-history';

const counts = (over: Partial<ReturnType<typeof countItems>> = {}) => ({
  pending: 0,
  running: 0,
  failed: 0,
  done: 0,
  skipped: 0,
  cancelled: 0,
  ...over,
});

describe('countItems', () => {
  it('counts the items by state', () => {
    const items = [
      queueItem({ id: 1, state: 'done' }),
      queueItem({ id: 2, state: 'done' }),
      queueItem({ id: 3, state: 'skipped' }),
      queueItem({ id: 4, state: 'running' }),
      queueItem({ id: 5, state: 'pending' }),
    ];
    expect(countItems(items)).toEqual(counts({ done: 2, skipped: 1, running: 1, pending: 1 }));
    expect(countsText(countItems(items))).toBe('1 running · 1 pending · 2 done · 1 skipped');
    expect(countsText(countItems([]))).toBe('no steps');
  });
});

describe('queueLayout', () => {
  const old = queueApply({
    id: 'old',
    title: 'Set up cluster web',
    createdAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:02:00.000Z',
    result: 'ok',
    counts: counts({ done: 2 }),
  });
  const cancelled = queueApply({
    id: 'mid',
    title: 'Add node node1',
    createdAt: '2025-01-01T11:00:00.000Z',
    finishedAt: '2025-01-01T11:01:00.000Z',
    result: 'cancelled',
    counts: counts({ done: 1, cancelled: 1 }),
  });
  const now = queueApply({ id: 'now', title: 'Add account', counts: counts({ done: 1 }) });
  const current = queueItem({ id: 7, applyId: 'now', state: 'running' });
  const view = hostQueue({
    status: 'running',
    current,
    pending: 3,
    applies: [old, cancelled, now],
    items: [
      queueItem({ id: 1, applyId: 'old', state: 'done' }),
      queueItem({ id: 2, applyId: 'old', state: 'done' }),
      queueItem({ id: 3, applyId: 'mid', state: 'done' }),
      queueItem({ id: 4, applyId: 'mid', state: 'cancelled' }),
      queueItem({ id: 5, applyId: null, state: 'skipped' }),
      queueItem({ id: 6, applyId: 'now', state: 'done' }),
      current,
      queueItem({ id: 8, applyId: 'now' }),
      queueItem({ id: 9, applyId: 'now' }),
    ],
  });

  it('pins the current step and lists the unfinished steps after it', () => {
    const layout = queueLayout(view);
    expect(layout.current?.id).toBe(7);
    expect(layout.upcoming.map((i) => i.id)).toEqual([8, 9]);
  });

  it('groups the finished steps by apply, the newest apply first, with their result', () => {
    const layout = queueLayout(view);
    expect(
      layout.history.map((g) => [
        g.key,
        g.apply?.title ?? null,
        g.result,
        g.items.map((i) => i.id),
      ]),
    ).toEqual([
      ['now', 'Add account', 'running', [6]],
      ['', null, 'done', [5]],
      ['mid', 'Add node node1', 'cancelled', [3, 4]],
      ['old', 'Set up cluster web', 'done', [1, 2]],
    ]);
    expect(groupTimes(layout.history[3]!)).toEqual({
      from: '2025-01-01T10:00:00.000Z',
      to: '2025-01-01T10:02:00.000Z',
    });
  });

  it('counts exactly what it shows: the groups and the pinned and upcoming steps add up', () => {
    const layout = queueLayout(view);
    expect(layout.counts).toEqual(
      counts({ done: 4, cancelled: 1, skipped: 1, running: 1, pending: 2 }),
    );
    const shown = [
      ...layout.history.flatMap((g) => g.items),
      ...(layout.current ? [layout.current] : []),
      ...layout.upcoming,
    ];
    expect(countItems(shown)).toEqual(layout.counts);
    for (const g of layout.history) expect(g.counts).toEqual(countItems(g.items));
    // The unfinished ones are the engine's count of what is left.
    expect(layout.counts.pending + layout.counts.running + layout.counts.failed).toBe(view.pending);
  });

  it('shows a halted apply as halted', () => {
    const halted = queueApply({ id: 'now', counts: counts({ failed: 1, done: 1 }) });
    const layout = queueLayout({ ...view, applies: [halted] });
    expect(layout.history[0]?.result).toBe('halted');
  });
});

describe('latestApply', () => {
  it('takes the newest apply, from the queue that saw it furthest on', () => {
    const first = queueApply({ id: 'a', createdAt: '2025-01-01T10:00:00.000Z' });
    const stale = queueApply({
      id: 'b',
      createdAt: '2025-01-01T11:00:00.000Z',
      counts: counts({ done: 1, pending: 2 }),
    });
    const fresher = { ...stale, counts: counts({ done: 2, pending: 1 }) };
    const finished = {
      ...stale,
      finishedAt: '2025-01-01T11:01:00.000Z',
      result: 'ok' as const,
      counts: counts({ done: 3 }),
    };
    const views = (...applies: (typeof first)[][]) => applies.map((a) => hostQueue({ applies: a }));
    expect(latestApply(views([first, stale], [fresher]))).toEqual(fresher);
    expect(latestApply(views([finished], [first, fresher]))).toEqual(finished);
    expect(latestApply(views([first]))).toEqual(first);
    expect(latestApply(views([]))).toBeNull();
  });
});

describe('applyNotice', () => {
  const nameOf = (id: string) => ({ h1: 'manager', h2: 'node1' })[id] ?? id;
  it('says an apply finished, with its steps, hosts and time', () => {
    const apply = queueApply({
      createdAt: '2025-01-01T12:00:00.000Z',
      finishedAt: '2025-01-01T12:01:20.000Z',
      result: 'ok',
      hosts: 2,
      counts: counts({ done: 12 }),
    });
    expect(applyNotice(apply, [], nameOf)).toEqual({
      result: 'done',
      severity: 'success',
      text: 'Apply finished: 12 steps done on 2 hosts in 1 min 20 s',
    });
    const one = { ...apply, hosts: 1, counts: counts({ done: 1, skipped: 1 }) };
    expect(applyNotice(one, [], nameOf).text).toBe(
      'Apply finished: 1 step done on 1 host in 1 min 20 s, 1 skipped',
    );
  });
  it('says where an apply halted, and how a cancelled one ended', () => {
    const apply = queueApply({
      id: 'a1',
      hosts: 2,
      counts: counts({ done: 3, failed: 1, pending: 2 }),
    });
    const halted = hostQueue({
      hostId: 'h2',
      status: 'halted',
      current: queueItem({ applyId: 'a1', state: 'failed', title: 'Mount /home' }),
    });
    expect(applyNotice(apply, [hostQueue(), halted], nameOf)).toMatchObject({
      result: 'halted',
      severity: 'error',
      text: expect.stringContaining(
        'Apply halted: “Mount /home” failed on node1; 3 of 6 steps done',
      ) as string,
    });
    const cancelled = {
      ...apply,
      finishedAt: '2025-01-01T12:00:05.000Z',
      result: 'cancelled' as const,
      counts: counts({ done: 3, cancelled: 3 }),
    };
    expect(applyNotice(cancelled, [], nameOf)).toMatchObject({
      result: 'cancelled',
      text: 'Apply cancelled: 3 of 6 steps done on 2 hosts, 3 cancelled',
    });
    const running = { ...apply, counts: counts({ done: 3, running: 1, pending: 2 }) };
    expect(applyNotice(running, [], nameOf)).toMatchObject({
      result: 'running',
      text: 'Apply running: 3 of 6 steps finished on 2 hosts',
    });
  });
});
