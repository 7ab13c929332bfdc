import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller } from './poller';

/** A task whose runs finish only when the test says so. */
function controlledTask() {
  const pending: (() => void)[] = [];
  let calls = 0;
  const task = () => {
    calls += 1;
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  const finish = async () => {
    pending.shift()?.();
    // Let the poller's continuation after `await task()` run.
    await vi.advanceTimersByTimeAsync(0);
  };
  return { task, finish, calls: () => calls };
}

describe('createPoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then every interval after each run has ended', async () => {
    const t = controlledTask();
    const p = createPoller(t.task, 2000);
    p.start();
    expect(t.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    // Still in flight: no second request on top of the first.
    expect(t.calls()).toBe(1);
    await t.finish();
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls()).toBe(2);
    p.stop();
  });

  it('stops: a run in flight schedules nothing, and no timer fires', async () => {
    const t = controlledTask();
    const p = createPoller(t.task, 2000);
    p.start();
    p.stop();
    expect(p.running()).toBe(false);
    await t.finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.calls()).toBe(1);
  });

  it('keeps polling after a failing run', async () => {
    let calls = 0;
    const p = createPoller(() => {
      calls += 1;
      return Promise.reject(new Error('engine gone'));
    }, 1000);
    p.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(4);
    p.stop();
  });

  it('restarted during a run, waits for it and then runs one loop only', async () => {
    const t = controlledTask();
    const p = createPoller(t.task, 2000);
    p.start();
    p.stop();
    p.start();
    p.start();
    expect(t.calls()).toBe(1);
    await t.finish();
    // The new start runs as soon as the old run ended.
    expect(t.calls()).toBe(2);
    await t.finish();
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.calls()).toBe(3);
    await t.finish();
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.calls()).toBe(4);
    p.stop();
  });
});
