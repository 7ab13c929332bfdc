import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('never grants more than its limit and serves waiters in order', async () => {
    const s = new Semaphore(2);
    const r1 = await s.acquire();
    const r2 = await s.acquire();
    const order: number[] = [];
    const p3 = s.acquire().then((r) => (order.push(3), r));
    const p4 = s.acquire().then((r) => (order.push(4), r));
    expect(s.active).toBe(2);
    expect(s.queued).toBe(2);
    r1();
    r1();
    const r3 = await p3;
    expect(s.active).toBe(2);
    expect(s.queued).toBe(1);
    r2();
    const r4 = await p4;
    expect(order).toEqual([3, 4]);
    r3();
    r4();
    expect(s.active).toBe(0);
  });

  it('drops an aborted waiter so it never takes a permit', async () => {
    const s = new Semaphore(1);
    const r1 = await s.acquire();
    const ac = new AbortController();
    const p = s.acquire(ac.signal);
    ac.abort(new Error('gone'));
    await expect(p).rejects.toThrow('gone');
    expect(s.queued).toBe(0);
    r1();
    expect(s.active).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the max, jitter within the upper half', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(20, 500, 30_000, () => 0)).toBe(15_000);
  });
});
